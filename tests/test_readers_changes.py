"""What's new (changes.yml; build_scripts/readers/changes.py): the log in each edition's language.

Unit tests of the reader, the pre-build check and the Atom feed, on the mini fixture with and
without a Spanish edition, then the project's own log: every entry has its Spanish summary, with
the English numbers and the chapters under their Spanish titles. The built pages and feeds of
both editions are tested in tests/test_editions.py (test_whats_new_and_old_addresses_in_both_editions).
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from build_scripts.errors import BuildErrors
from build_scripts.project import Project
from build_scripts.readers.changes import Change, atom_feed, changes_element, changes_problems, load_changes

ROOT = Path(__file__).resolve().parents[1]
EDITION = ROOT / "tests" / "broken" / "changes-missing-translation" / "files" / "content-es" / "edition.yml"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def with_edition(root: Path) -> Project:
    (root / "content-es").mkdir(exist_ok=True)
    shutil.copy(EDITION, root / "content-es" / "edition.yml")
    return Project(root)


def problems(project: Project) -> list:
    return list(changes_problems(SimpleNamespace(project=project)))


def append(root: Path, text: str) -> None:
    log = root / "changes.yml"
    log.write_text(log.read_text(encoding="utf-8") + text, encoding="utf-8")


ENTRY = """
- date: 2026-03-07
  kind: chart
  summary: The homicide chart adds the provisional count for 2025.
  charts: [homicides-mexico]
"""


# ---- reading the log -----------------------------------------------------------------------------
def test_an_entry_carries_its_spanish_summary(mini_project):
    changes = load_changes(mini_project / "changes.yml")
    assert [c.date for c in changes] == ["2026-03-05", "2026-03-01"]
    assert changes[0].summary_in("en") == "The terms chapter explains two official counts."
    assert changes[0].summary_in("es") == "El capítulo de los términos explica dos cifras oficiales."
    assert changes[0].is_translated("es") and changes[0].is_translated("en")


def test_the_schema_refuses_another_key_in_the_spanish_block(mini_project):
    append(mini_project, ENTRY + "  es:\n    summary: La gráfica agrega 2025.\n    title: Homicidios\n")
    with pytest.raises(BuildErrors) as stop:
        load_changes(mini_project / "changes.yml")
    [error] = stop.value.errors
    assert "change #3, field 'es'" in error.message and "'title' was unexpected" in error.message
    assert "allowed fields are: summary" in error.fix


# ---- the pre-build check -------------------------------------------------------------------------
def test_without_a_spanish_edition_no_spanish_text_is_required(mini_project):
    append(mini_project, ENTRY)
    assert problems(Project(mini_project)) == []


def test_with_a_spanish_edition_a_missing_summary_is_named_with_line_key_and_fix(mini_project):
    project = with_edition(mini_project)
    assert problems(project) == []  # the fixture's entries have theirs
    append(mini_project, ENTRY)
    [problem] = problems(project)
    text = (mini_project / "changes.yml").read_text(encoding="utf-8").splitlines()
    assert problem.file == project.changes and text[problem.line - 1] == "- date: 2026-03-07"
    assert problem.message == (
        "change #3 (2026-03-07): no es text for 'es.summary': the es edition's What's new page and feed cannot show it"
    )
    assert problem.fix.startswith("add to the entry `es: {summary: …}`")
    assert "content-es/edition.yml" in problem.fix


@pytest.mark.parametrize(
    ("spanish", "differs"),
    [
        ("La gráfica de homicidios agrega la cifra preliminar de 2024.", "missing 2025; not in the English 2024"),
        ("La gráfica de homicidios agrega la cifra preliminar.", "missing 2025"),
        ("La gráfica agrega la cifra de 2025 y 33,550 homicidios.", "not in the English 33550"),
    ],
)
def test_a_spanish_summary_with_other_numbers_is_named(mini_project, spanish, differs):
    project = with_edition(mini_project)
    append(mini_project, ENTRY + f"  es:\n    summary: {spanish}\n")
    [problem] = problems(project)
    assert problem.message.endswith(f"the numbers of 'es.summary' differ from the English summary's: {differs}")


def test_a_spanish_date_written_out_keeps_the_english_digits(mini_project):
    project = with_edition(mini_project)
    append(
        mini_project,
        "\n- date: 2026-03-07\n  kind: chart\n  summary: The chart now runs to 3 March 2026 (33,550 deaths).\n"
        "  charts: [homicides-mexico]\n  es:\n"
        "    summary: La gráfica llega ahora hasta el 3 de marzo de 2026 (33,550 muertes).\n",
    )
    assert problems(project) == []


# ---- the What's new list -------------------------------------------------------------------------
RECORDS = {"terms.md": {"title": "Términos", "permalink": "https://example.org/es/terms/"}}
CHARTS = {
    "homicides-mexico": {
        "title": "Los homicidios en México",
        "home": "chapter.md",
        "permalink": "https://example.org/es/chapter/#chart-homicides-mexico",
    }
}


def listing(changes: list[Change], lang: str) -> str:
    return ET.tostring(changes_element(changes, RECORDS, CHARTS, lang=lang), encoding="unicode")


def test_the_spanish_list_shows_the_spanish_summaries_with_no_notice(mini_project):
    changes = load_changes(mini_project / "changes.yml")
    spanish = listing(changes, "es")
    assert "El capítulo de los términos explica dos cifras oficiales." in spanish
    assert "La gráfica de homicidios muestra ahora la cifra definitiva de 2024." in spanish
    assert "The terms chapter" not in spanish and 'lang="en"' not in spanish
    assert "changes__language" not in spanish and "en inglés" not in spanish
    assert "5 de marzo de 2026" in spanish and "Capítulo" in spanish and "Ver: " in spanish
    assert 'href="chapter.md#chart-homicides-mexico">Los homicidios en México (gráfica)</a>' in spanish
    english = listing(changes, "en")
    assert "The terms chapter explains two official counts." in english and "cifras" not in english


def test_an_entry_without_its_text_is_shown_in_english_marked_so():
    change = Change("2026-03-07", "site", "A change in English only.")
    spanish = listing([change], "es")
    assert '<p class="change__summary" lang="en">A change in English only.</p>' in spanish


# ---- the feed ------------------------------------------------------------------------------------
def feed(changes: list[Change], lang: str) -> ET.Element:
    root = "https://example.org/" + ("es/" if lang == "es" else "")
    text = atom_feed(
        changes,
        RECORDS,
        CHARTS,
        site_name="Sitio mínimo" if lang == "es" else "Mini fixture",
        site_url=root,
        page_url=root + "whats-new/",
        lang=lang,
    )
    return ET.fromstring(text.encode("utf-8"))


def test_the_spanish_feed_is_in_spanish_and_links_to_spanish_pages(mini_project):
    changes = load_changes(mini_project / "changes.yml")
    spanish = feed(changes, "es")
    assert spanish.get(XML_LANG) == "es"
    assert spanish.find(f"{ATOM}title").text == "Sitio mínimo: novedades"
    assert spanish.find(f"{ATOM}id").text == "https://example.org/es/whats-new/"
    links = {link.get("rel"): link.get("href") for link in spanish.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "https://example.org/es/whats-new/",
        "self": "https://example.org/es/generated/whats-new.xml",
    }
    entries = spanish.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "Capítulo: El capítulo de los términos explica dos cifras oficiales",
        "Gráfica: La gráfica de homicidios muestra ahora la cifra definitiva de 2024",
    ]
    assert entries[0].find(f"{ATOM}link").get("href") == "https://example.org/es/terms/"
    assert entries[1].find(f"{ATOM}link").get("href") == "https://example.org/es/chapter/#chart-homicides-mexico"
    body = entries[1].find(f"{ATOM}content").text
    assert "Los homicidios en México (gráfica)" in body and "(chart)" not in body
    assert all(e.find(f"{ATOM}title").get(XML_LANG) is None for e in entries)  # the feed's own language
    english = feed(changes, "en")
    assert english.get(XML_LANG) == "en" and english.find(f"{ATOM}title").text == "Mini fixture: what's new"
    assert english.find(f"{ATOM}entry/{ATOM}title").text == "Chapter: The terms chapter explains two official counts"
    # Each edition's entries have their own ids (an entry's id is its text's), the same on every build.
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert ids == [e.find(f"{ATOM}id").text for e in feed(changes, "es").findall(f"{ATOM}entry")]
    assert not set(ids) & {e.find(f"{ATOM}id").text for e in english.findall(f"{ATOM}entry")}


def test_a_feed_entry_without_its_text_is_marked_english():
    entry = feed([Change("2026-03-07", "site", "In English only.")], "es").find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").get(XML_LANG) == "en" and entry.find(f"{ATOM}content").get(XML_LANG) == "en"


def test_the_prebuild_writes_each_editions_feed_and_the_stage_step_puts_it_in_place(mini_project):
    from build_scripts.editions import editions
    from build_scripts.editions.stage import stage_pages, staged_docs
    from build_scripts.prebuild import prebuild

    project = with_edition(mini_project)
    prebuild(project, render_static=False)
    english = ET.parse(project.generated / "whats-new.xml").getroot()
    assert english.get(XML_LANG) == "en"
    [edition] = editions(project)
    stage_pages(project, edition)
    staged = staged_docs(project, edition) / "generated" / "whats-new.xml"
    spanish = ET.parse(staged).getroot()
    assert spanish.get(XML_LANG) == "es" and spanish.find(f"{ATOM}title").text == "Sitio mínimo: novedades"
    assert spanish.find(f"{ATOM}entry/{ATOM}link").get("href").endswith("/es/terms/")
    # laid over, not written through: the English feed is untouched
    assert ET.parse(project.generated / "whats-new.xml").getroot().get(XML_LANG) == "en"


# ---- the project's log ---------------------------------------------------------------------------
def test_every_entry_of_the_log_has_its_spanish_summary_with_the_english_numbers():
    project = Project(ROOT)
    assert problems(project) == []
    changes = load_changes(project.changes)
    assert changes and all(c.is_translated("es") for c in changes)


def test_the_spanish_summaries_name_the_chapters_by_their_spanish_titles():
    """A chapter an English summary names in quotation marks by its title is named in the Spanish
    summary by the title content-es/edition.yml gives it."""
    nav = yaml.safe_load((ROOT / "content-es" / "edition.yml").read_text(encoding="utf-8"))["nav"]
    english_titles = {}
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    for item in config["nav"]:
        [(title, src)] = item.items()
        english_titles[title] = src
    checked = 0
    for change in load_changes(ROOT / "changes.yml"):
        for quoted in re.findall(r'"([^"]+)"', change.summary):
            if quoted in english_titles:
                spanish = nav[english_titles[quoted]]
                assert f'"{spanish}"' in change.summary_in("es"), (change.date, quoted, spanish)
                checked += 1
    assert checked >= 8
