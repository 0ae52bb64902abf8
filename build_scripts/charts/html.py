"""The chart figure a page shows, as an ElementTree (so the site generator resolves its links).

Static first: the page shows build-time SVGs at once (light or dark, desktop or phone width);
``assets/javascripts/charts.js`` later draws the interactive chart over them in the same box,
loading the figure (``figure.js`` beside the SVGs) together with plotly.js: the page's HTML
carries no chart data a reader without an interactive chart would download for nothing.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown.util import AtomicString

from ..citations import footnote_html, plain_words
from ..registry import Registry
from .kinds import mark_sources
from .language import ENGLISH, date_text
from .model import Chart
from .theme import themes

STATIC_VARIANTS = [t.name for t in themes()]
MAX_LISTED_SOURCES = 4

# The words the engine writes around every chart, per language (a chart's own words are in its
# chart.yml, and in its language blocks). A language edition needs its row here.
UI = {
    "en": {
        "source": "Source: ",
        "sources": "Sources: ",
        "per_point": "{count} reports and documents, one for each point",
        "per_point_screen": " (named when you hover over it and listed in full under “About this data”)",
        "unit_span": ". Unit: {unit}. Time span: {span}.",
        "csv": "Download the data (CSV)",
        "svg": "Image (SVG)",
        "png": "Image (PNG)",
        "link": "Link to this chart",
        "details": "Description and data table",
        "about": "About this data: sources, definitions, caveats",
        "cite": "Cite this chart",
        "as_of": "As of {date} (its last change). Permanent link: ",
        "copy": "Copy {what}",
        "values_read_in": "Values read in: ",
        "columns": "Columns: {columns}.",
        "rows": " Rows: {rows}.",
        "for": "For {what}: ",
        "line_at": "the line at {value}",
        "counted": "What is counted",
        "caveats": "Caveats",
        "processing": "Processing: {text}",
        "license": "Licence or terms of use: {text}",
        "accessed": "Accessed: {date}.",
        "published": " Published: {date}.",
        "boundaries": "Boundaries drawn on the map: ",
        "read_in": "Read in: ",
        "boundary_processing": "Boundary processing: {text}",
        "boundary_license": "Boundary licence: {text}",
    },
    "es": {
        "source": "Fuente: ",
        "sources": "Fuentes: ",
        "per_point": "{count} informes y documentos, uno por cada punto",
        "per_point_screen": " (cada uno se nombra al pasar el cursor sobre su punto, y todos se enumeran en “Acerca de los datos”)",
        "unit_span": ". Unidad: {unit}. Periodo: {span}.",
        "csv": "Descargar los datos (CSV)",
        "svg": "Imagen (SVG)",
        "png": "Imagen (PNG)",
        "link": "Enlace a esta gráfica",
        "details": "Descripción y tabla de datos",
        "about": "Acerca de los datos: fuentes, definiciones, salvedades",
        "cite": "Citar esta gráfica",
        "as_of": "Versión del {date} (su último cambio). Enlace permanente: ",
        "copy": "Copiar {what}",
        "values_read_in": "Valores leídos en: ",
        "columns": "Columnas: {columns}.",
        "rows": " Filas: {rows}.",
        "for": "Para {what}: ",
        "line_at": "la línea del {value}",
        "counted": "Qué se cuenta",
        "caveats": "Salvedades",
        "processing": "Procesamiento: {text}",
        "license": "Licencia o condiciones de uso: {text}",
        "accessed": "Consultado: {date}.",
        "published": " Publicado: {date}.",
        "boundaries": "Límites trazados en el mapa: ",
        "read_in": "Leídos en: ",
        "boundary_processing": "Procesamiento de los límites: {text}",
        "boundary_license": "Licencia de los límites: {text}",
    },
}


def ui(chart: Chart, key: str, **values) -> str:
    text = UI[chart.lang][key]
    return text.format(**values) if values else text


def shown_date(chart: Chart, value: str) -> str:
    """A date of the provenance as written (YYYY-MM-DD) in English, in words in another language."""
    return str(value) if chart.lang == ENGLISH else date_text(str(value), chart.lang, month="long")


def generated_files(chart_id: str) -> dict[str, str]:
    """File names the pre-build writes for a chart (relative to its generated folder)."""
    files = {"csv": f"{chart_id}.csv", "png": f"{chart_id}.png", "script": "figure.js", "svg": f"{chart_id}.svg"}
    files.update({variant: f"{chart_id}-{variant}.svg" for variant in STATIC_VARIANTS})
    return files


def chart_figure(chart: Chart, registry: Registry, base_url: str, cite: dict | None = None) -> etree.Element:
    """``base_url`` is the generated folder relative to the page's Markdown file; ``cite`` the
    chart's citation record from the pre-build (``build_scripts.readers.pages``), if any."""
    anchor = f"chart-{chart.id}"
    files = generated_files(chart.id)
    figure = etree.Element(
        "figure", {"class": "chart", "id": anchor, "data-chart": chart.id, "aria-labelledby": f"{anchor}-title"}
    )
    if chart.lang != ENGLISH:  # its words are the edition's, even on a page still shown in English
        figure.set("lang", chart.lang)

    caption = etree.SubElement(figure, "figcaption", {"class": "chart__caption"})
    title = etree.SubElement(caption, "span", {"class": "chart__title", "id": f"{anchor}-title"})
    title.text = AtomicString(chart.meta["title"])
    title.tail = " "  # unseen between two blocks; keeps "…fentanyl" and "Drug overdose…" apart in search and copy
    subtitle = etree.SubElement(caption, "span", {"class": "chart__subtitle"})
    subtitle.text = AtomicString(chart.meta["subtitle"])

    frame = etree.SubElement(figure, "div", {"class": "chart__frame"})
    for variant in STATIC_VARIANTS:
        narrow = variant.endswith("narrow")
        width, height = (360, chart.narrow_height) if narrow else (720, chart.height)
        scheme = variant.split("-")[0]
        etree.SubElement(
            frame,
            "img",
            {
                "class": f"chart__static chart__static--{scheme} chart__static--{'narrow' if narrow else 'wide'}",
                "src": f"{base_url}/{files[variant]}",
                "width": str(width),
                "height": str(height),
                "alt": f"{chart.meta['title']}. {chart.meta['description']}",
                "loading": "lazy",
                "decoding": "async",
            },
        )
    # The figure data is not in the page: charts.js loads `figure.js` (found beside the static
    # images, whatever address the site generator gave them) with plotly.js, only when the chart
    # turns interactive, which keeps it out of the page's first view (docs/checks.md).
    etree.SubElement(frame, "div", {"class": "chart__plot", "aria-hidden": "true"})

    source = etree.SubElement(figure, "p", {"class": "chart__source"})
    source_ids = chart.data_source_ids
    if len(source_ids) <= MAX_LISTED_SOURCES:
        _text(source, "strong", ui(chart, "source") if len(source_ids) == 1 else ui(chart, "sources"))
        for index, source_id in enumerate(source_ids):
            if index:
                _tail(source, "; ")
            _source_link(source, registry.get(source_id), lang=chart.lang)
    else:
        # A chart with a source per point (a timeline) names each in its hover and lists all
        # of them under "About this data"; the caption stays short.
        _text(source, "strong", ui(chart, "sources"))
        _tail(source, ui(chart, "per_point", count=len(source_ids)))
        # On screen only: paper has no hover and no "About this data" (print.css hides .screen-only).
        _text(source, "span", ui(chart, "per_point_screen")).set("class", "screen-only")
    _tail(source, ui(chart, "unit_span", unit=chart.meta["unit"], span=chart.meta["time_span"]))

    if chart.meta.get("notes"):
        notes = etree.SubElement(figure, "ul", {"class": "chart__notes"})
        for note in chart.meta["notes"]:
            _text(notes, "li", note)

    actions = etree.SubElement(figure, "p", {"class": "chart__actions"})
    _action(actions, f"{base_url}/{files['csv']}", ui(chart, "csv"), download=True)
    _action(actions, f"{base_url}/{files['svg']}", ui(chart, "svg"), download=True)
    _action(actions, f"{base_url}/{files['png']}", ui(chart, "png"), download=True)
    _action(actions, f"#{anchor}", ui(chart, "link"))

    # The table and provenance stay out of the search index (Material's data-search-exclude):
    # they would repeat every chart's data on every page that embeds it.
    details = etree.SubElement(figure, "details", {"class": "chart__details", "data-search-exclude": ""})
    _text(details, "summary", ui(chart, "details"))
    _text(details, "p", chart.meta["description"]).set("id", f"{anchor}-description")
    details.append(data_table(chart, registry))

    about = etree.SubElement(figure, "details", {"class": "chart__provenance", "data-search-exclude": ""})
    _text(about, "summary", ui(chart, "about"))
    about.append(provenance_block(chart, registry))
    if cite:
        figure.append(cite_block(cite, chart))
    return figure


def cite_block(cite: dict, chart: Chart | None = None) -> etree.Element:
    """ "Cite this chart": APA, MLA, Chicago and BibTeX, each with a one-click copy button
    (Material's clipboard integration reads ``data-clipboard-text``)."""
    texts = UI[chart.lang if chart else ENGLISH]
    as_of = cite["as_of_display"] if not chart or chart.lang == ENGLISH else shown_date(chart, cite["as_of"])
    block = etree.Element("details", {"class": "chart__cite"})
    _text(block, "summary", texts["cite"])
    facts = etree.SubElement(block, "p", {"class": "chart__cite-facts"})
    _tail(facts, texts["as_of"].format(date=as_of))
    link = etree.SubElement(facts, "a", {"href": cite["permalink"]})
    link.text = AtomicString(cite["permalink"])
    for key, label in (("apa", "APA"), ("mla", "MLA"), ("chicago", "Chicago")):
        entry = etree.SubElement(block, "p", {"class": f"chart__cite-entry chart__cite-entry--{key}"})
        _text(entry, "strong", f"{label}: ")
        text = etree.SubElement(entry, "span", {"class": "chart__cite-text"})
        _raw(text, cite[key])
        text.tail = AtomicString(" ")
        _copy_button(entry, cite[f"{key}_text"], texts["copy"].format(what=label))
    _text(block, "pre", "").set("class", "chart__cite-bibtex")
    code = _text(block[-1], "code", cite["bibtex"])
    code.tail = None
    _copy_button(etree.SubElement(block, "p"), cite["bibtex"], texts["copy"].format(what="BibTeX"))
    return block


def _copy_button(parent: etree.Element, text: str, label: str) -> None:
    button = etree.SubElement(
        parent, "button", {"type": "button", "class": "md-button chart__cite-copy", "data-clipboard-text": text}
    )
    button.text = AtomicString(label)


def data_table(chart: Chart, registry: Registry) -> etree.Element:
    wrapper = etree.Element("div", {"class": "chart__table"})
    table = etree.SubElement(wrapper, "table")
    _text(table, "caption", f"{chart.meta['title']} ({chart.meta['unit']})")
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    columns = chart.meta["columns"]
    for name in chart.data.columns:
        _text(head, "th", columns[name]["label"]).set("scope", "col")
    body = etree.SubElement(table, "tbody")
    for row in chart.data.table_rows:  # in an edition, every translated column in its language
        tr = etree.SubElement(body, "tr")
        for index, name in enumerate(chart.data.columns):
            # The key column (a year, date or label) is shown as written: 2007, not 2,007.
            kind = "string" if index == 0 else columns[name]["type"]
            if kind == "source" and row[name]:
                cell = etree.SubElement(tr, "td")
                _source_link(cell, registry.get(row[name]), short=True, lang=chart.lang)
            else:
                cell = _text(tr, "th" if index == 0 else "td", format_value(row[name], kind))
            if index == 0:
                cell.set("scope", "row")
    return wrapper


def provenance_block(chart: Chart, registry: Registry) -> etree.Element:
    block = etree.Element("div", {"class": "chart__about"})
    prov = chart.provenance
    for origin in prov["origins"]:
        source = registry.get(origin["source"])
        para = etree.SubElement(block, "p")
        _raw(para, footnote_html(source, registry, lang=chart.lang))
        read = etree.SubElement(block, "ul")
        for place in origin["where_read"]:
            item = _labelled(
                read, "li", ui(chart, "values_read_in"), plain_words(place["what"], chart.provenance_lang), chart
            )
            if place.get("url"):
                _tail(item, " ")
                link = etree.SubElement(item, "a", {"href": place["url"]})
                link.text = AtomicString(place["url"])
        cols = ", ".join(chart.meta["columns"][c]["label"] for c in origin["columns"])
        rows = ui(chart, "rows", rows=origin["rows"]) if origin.get("rows") else ""
        _text(block, "p", ui(chart, "columns", columns=cols) + rows)
    if prov.get("boundaries"):
        _boundaries(block, prov["boundaries"], registry, chart)
    for note in prov.get("annotations", []):
        para = etree.SubElement(block, "p")
        what = (
            html.escape(note["what"])
            if chart.provenance_lang == chart.lang
            else f'<span lang="{chart.provenance_lang}">{html.escape(note["what"])}</span>'
        )
        _raw(para, ui(chart, "for", what=what) + footnote_html(registry.get(note["source"]), registry, lang=chart.lang))
    # Dates and values the figure draws whose source provenance.yml does not already describe.
    described = {note["source"] for note in prov.get("annotations", [])}
    for source_id, label_key, value in mark_sources(chart.meta):
        if source_id in described:
            continue
        what = f"“{chart.label(label_key)}” ({value})" if label_key else ui(chart, "line_at", value=value)
        para = etree.SubElement(block, "p")
        _raw(
            para,
            html.escape(ui(chart, "for", what=what))
            + footnote_html(registry.get(source_id), registry, lang=chart.lang),
        )
    _list(block, ui(chart, "counted"), prov["definitions"], chart)
    if prov.get("caveats"):
        _list(block, ui(chart, "caveats"), prov["caveats"], chart)
    _labelled(block, "p", ui(chart, "processing", text=""), prov["processing"], chart)
    _labelled(block, "p", ui(chart, "license", text=""), prov["license"], chart)
    published = ui(chart, "published", date=shown_date(chart, prov["published"])) if prov.get("published") else ""
    _text(block, "p", ui(chart, "accessed", date=shown_date(chart, prov["accessed"])) + published)
    return block


def _boundaries(block: etree.Element, boundaries: dict, registry: Registry, chart: Chart) -> None:
    """A map's boundaries, described like a dataset: source, where read, processing, licence."""
    para = etree.SubElement(block, "p")
    _raw(para, ui(chart, "boundaries") + footnote_html(registry.get(boundaries["source"]), registry, lang=chart.lang))
    read = etree.SubElement(block, "ul")
    for place in boundaries["where_read"]:
        item = _labelled(read, "li", ui(chart, "read_in"), plain_words(place["what"], chart.provenance_lang), chart)
        if place.get("url"):
            _tail(item, " ")
            link = etree.SubElement(item, "a", {"href": place["url"]})
            link.text = AtomicString(place["url"])
    _labelled(block, "p", ui(chart, "boundary_processing", text=""), boundaries["processing"], chart)
    _labelled(block, "p", ui(chart, "boundary_license", text=""), boundaries["license"], chart)


def format_value(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "integer":
        return f"{value:,}"
    if kind == "number":
        return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.1f}"
    return str(value)


def _source_link(parent: etree.Element, source, short: bool = False, lang: str = ENGLISH) -> None:
    href = source.url or source.archived_url
    outlet = source.words("outlet", lang)  # our own words in it (a stand-in title too) in the chart's language
    label = outlet if short else f"{outlet}, {source.display_title_in(lang)}"
    if href:
        link = etree.SubElement(parent, "a", {"href": href})
        link.text = AtomicString(label)
    else:
        _tail(parent, label)


def _action(parent: etree.Element, href: str, label: str, download: bool = False) -> None:
    attrs = {"href": href, "class": "chart__action"}
    if download:
        attrs["download"] = ""
    link = etree.SubElement(parent, "a", attrs)
    link.text = AtomicString(label)


def _text(parent: etree.Element, tag: str, text: str) -> etree.Element:
    element = etree.SubElement(parent, tag)
    element.text = AtomicString(text)
    return element


def _tail(parent: etree.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = AtomicString((parent[-1].tail or "") + text)
    else:
        parent.text = AtomicString((parent.text or "") + text)


def _raw(parent: etree.Element, html_text: str) -> None:
    fragment = etree.fromstring(f"<span>{html_text}</span>")
    for child in fragment:
        _fix_atomic(child)
    parent.text = AtomicString(fragment.text or "")
    parent.extend(list(fragment))


def _fix_atomic(element: etree.Element) -> None:
    if element.text:
        element.text = AtomicString(element.text)
    if element.tail:
        element.tail = AtomicString(element.tail)
    for child in element:
        _fix_atomic(child)


def _list(parent: etree.Element, heading: str, items: list[str], chart: Chart) -> None:
    _text(parent, "p", heading + ":")
    ul = etree.SubElement(parent, "ul")
    for item in items:
        element = _text(ul, "li", item)
        if chart.provenance_lang != chart.lang:  # provenance.yml without this language's block
            element.set("lang", chart.provenance_lang)


def _labelled(parent: etree.Element, tag: str, label: str, text: str, chart: Chart) -> etree.Element:
    """``label`` followed by words of provenance.yml: in the edition's language (its ``es:`` block),
    or, for a provenance.yml without that block, in English, marked ``lang="en"`` so that a screen
    reader reads them as English."""
    if chart.provenance_lang == chart.lang:
        return _text(parent, tag, label + text)
    element = _text(parent, tag, label)
    _text(element, "span", text).set("lang", chart.provenance_lang)
    return element


def relative_base(generated_dir: Path, content_dir: Path, chart_id: str) -> str:
    return (generated_dir / "charts" / chart_id).relative_to(content_dir).as_posix()
