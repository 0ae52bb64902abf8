"""An edition's MkDocs configuration, generated from the one ``mkdocs.yml``.

Not ``INHERIT``: Zensical 0.0.73 appends lists under it (the edition's navigation would follow
the English one). The edition's file is ``mkdocs.yml`` read as MkDocs reads it (``!ENV`` values
resolved), with the edition's settings (``content-<lang>/edition.yml``) put in:

- ``docs_dir``: the staged pages (:mod:`.stage`); ``site_dir``: the edition's folder of the site;
- ``site_url``: the English address + ``<lang>/``; ``extra.site_root``: the English address and
  ``extra.edition_path``: ``<lang>/`` (the language switcher and the hreflang links use them);
- the page facts' ``record_through`` from the edition's ``edition.yml``;
- ``theme.language``, the navigation's titles, site name, description, copyright, the footer's
  line, the palette toggle's labels, the section permalink's title, the title of the notes' ↩
  links (``footnotes: BACKLINK_TITLE``), and Material's search in the edition's language
  (``plugins: search: lang``);
- ``language: <lang>`` on each of the project's Markdown extensions (``build_scripts.markdown.*``),
  so the notes, charts and cite boxes they write are in the edition's language.

It is written beside ``mkdocs.yml`` (``.mkdocs-<lang>.yml``), so every relative path in it (the
theme's ``custom_dir``, the extensions' ``project: .``) means what it means in ``mkdocs.yml``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from ..errors import BuildError
from ..project import Project
from ..site_config import _ConfigLoader, load_site_config
from ..textfile import read_text
from .edition import Edition

PROJECT_EXTENSIONS = "build_scripts.markdown."  # the project's own extensions take a `language` option


def config_path(project: Project, edition: Edition) -> Path:
    return project.root / f".mkdocs-{edition.lang}.yml"


def edition_config(project: Project, edition: Edition, *, docs_dir: Path, site_dir: Path) -> dict:
    english = yaml.load(read_text(project.mkdocs_yml), Loader=_ConfigLoader) or {}  # noqa: S506
    config = copy.deepcopy(english)
    root = load_site_config(project.root).url
    config.update(
        site_name=edition.site_name,
        site_description=edition.site_description,
        site_url=root + edition.path,
        docs_dir=_relative(docs_dir, project.root),
        site_dir=str(site_dir),
        nav=_translated_nav(english.get("nav") or [], edition),
    )
    if edition.copyright:
        config["copyright"] = edition.copyright
    if config.get("repo_url") is None:
        config.pop("repo_url", None)
    extra = config.setdefault("extra", {})
    extra.update(site_root=root, edition_path=edition.path)
    if edition.about:
        extra["about"] = edition.about
    theme = config.setdefault("theme", {})
    theme["language"] = edition.lang
    for entry, name in zip(theme.get("palette") or [], edition.palette_toggle):
        entry.setdefault("toggle", {})["name"] = name
    config["plugins"] = [{"search": {"lang": edition.search_lang}}]
    if edition.footnote_backlink_title:
        _footnotes_options(config)["BACKLINK_TITLE"] = edition.footnote_backlink_title
    for item in config.get("markdown_extensions") or []:
        if not isinstance(item, dict):
            continue
        if edition.toc_permalink_title and isinstance(item.get("toc"), dict):
            item["toc"]["permalink_title"] = edition.toc_permalink_title
        for name, options in item.items():
            if name.startswith(PROJECT_EXTENSIONS) and isinstance(options, dict):
                options["language"] = edition.lang  # every text they write for a reader, in the edition's language
    _record_through(config, edition)
    return config


def _footnotes_options(config: dict) -> dict:
    """The options of Python-Markdown's ``footnotes`` in ``markdown_extensions`` (written as a
    bare name or with options); added if the list has none."""
    extensions = config.setdefault("markdown_extensions", [])
    for index, item in enumerate(extensions):
        if item == "footnotes":
            extensions[index] = {"footnotes": {}}
            return extensions[index]["footnotes"]
        if isinstance(item, dict) and "footnotes" in item:
            if not isinstance(item["footnotes"], dict):
                item["footnotes"] = {}
            return item["footnotes"]
    extensions.append({"footnotes": {}})
    return extensions[-1]["footnotes"]


def _record_through(config: dict, edition: Edition) -> None:
    """The page facts' ``record_through`` ("spring 2026") in the edition's words (``edition.yml``)."""
    for item in config.get("markdown_extensions") or []:
        options = item.get(PROJECT_EXTENSIONS + "pagefacts") if isinstance(item, dict) else None
        if not isinstance(options, dict) or not options.get("record_through"):
            continue
        if not edition.record_through:
            raise BuildError(
                "edition.yml has no 'record_through' (mkdocs.yml's pagefacts has one)",
                file=edition.settings,
                fix=f"add record_through: <'{options['record_through']}' in {edition.lang}>",
            )
        options["record_through"] = edition.record_through


def write_edition_config(project: Project, edition: Edition, *, docs_dir: Path, site_dir: Path) -> Path:
    path = config_path(project, edition)
    config = edition_config(project, edition, docs_dir=docs_dir, site_dir=site_dir)
    path.write_text(
        f"# Generated by build_scripts/editions/config.py from mkdocs.yml and {edition.folder.name}/edition.yml; "
        "do not edit.\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


def _relative(path: Path, root: Path) -> str:
    """``path`` relative to the configuration's folder where it can be (Zensical needs it so)."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _translated_nav(items: list, edition: Edition) -> list:
    translated = []
    for item in items:
        if isinstance(item, str):
            translated.append({edition.nav.get(item, item): item} if item.endswith(".md") else item)
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    translated.append({title: _translated_nav(value, edition)})
                elif isinstance(value, str) and value in edition.nav:
                    translated.append({edition.nav[value]: value})
                elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
                    raise BuildError(
                        f"edition.yml: no title for {value} (in mkdocs.yml's nav)",
                        file=edition.settings,
                        fix=f"add under nav: '{value}: <title in {edition.lang}>'",
                    )
                else:
                    translated.append({title: value})
    return translated
