"""The chapters meet the house standards (docs/writing-chapters.md), and numbers that a chart
also shows are the chart's values."""

import csv
import re
from pathlib import Path

import pytest
import yaml

from build_scripts.essays import read_essay
from build_scripts.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CHAPTERS = [
    "index",
    "timeline",
    "cartels",
    "esper",
    "case-for-force",
    "supply-and-demand",
    "retaliation",
    "imminent",
    "kingpin",
    "precedents",
    "stakes",
    "since-2025",
    "law",
    "options",
    "history",
    "about",
]
REGISTRY = load_registry(ROOT / "sources.yml")


def sections(text: str) -> dict[str, str]:
    """Body text of each `## …{#anchor}` section, by anchor."""
    found, current = {}, None
    for line in text.splitlines():
        heading = re.match(r"^##\s+.*\{#([\w-]+)\}\s*$", line)
        if heading:
            current = heading.group(1)
            found[current] = ""
        elif current:
            found[current] += line + "\n"
    return found


def body_words(text: str) -> int:
    """Words of body text: no front matter, headings, footnote markers, shortcodes, HTML tags or first screen."""
    text = re.sub(r"\A---.*?\n---\n", "", text, flags=re.S)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"<!--.*?-->", "", text)
    # The home page's first screen (issue 14) restates the page's questions as a summary above it,
    # and its key figures box (issue 13) numbers from the charts, each linked to its chart.
    text = re.sub(r'<div class="first-screen" markdown>.*?\n</div>\n\n</div>\n', "", text, flags=re.S)
    text = re.sub(r'<div class="key-figures" markdown>.*?\n</div>\n', "", text, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)  # markup (a table's <div class="table-cards">) is not words
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9][\w'’.,%–-]*", text))


def test_the_nav_lists_every_chapter_in_order():
    nav = yaml.safe_load(
        (ROOT / "mkdocs.yml").read_text().split("\ntheme:")[0].split("\nnav:", 1)[1].join(["nav:", ""])
    )
    files = [list(item.values())[0] for item in nav["nav"]]
    assert [f.removesuffix(".md") for f in files if f.removesuffix(".md") in CHAPTERS] == CHAPTERS


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_shape(slug):
    path = CONTENT / f"{slug}.md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---")[1])
    assert meta["title"] and 40 <= len(meta["description"]) <= 200, "front matter needs title and a description"
    parts = sections(text)
    bullets = re.findall(r"^- ", parts.get("in-brief", ""), re.M)
    assert 3 <= len(bullets) <= 5, f"{slug}: 'In brief' needs 3–5 bullets"
    questions = re.findall(r"^\d+\. ", parts.get("questions", ""), re.M)
    assert 3 <= len(questions) <= 5, f"{slug}: 'Questions to consider' needs 3–5 questions"
    assert re.search(r"\]\([\w-]+\.md(#[\w-]+)?\)", parts.get("read-next", "")), f"{slug}: 'Read next' needs a link"
    assert 800 <= body_words(text) <= 1800, f"{slug}: {body_words(text)} words"
    essay = read_essay(path)
    for heading in essay.headings:
        if heading.level in (2, 3):
            assert heading.anchor, f"{slug}:{heading.line}: heading '{heading.text}' needs an explicit {{#anchor}}"


@pytest.mark.parametrize("slug", CHAPTERS)
def test_chapter_is_sourced_from_the_registry(slug):
    essay = read_essay(CONTENT / f"{slug}.md")
    assert len({c.source_id for c in essay.citations}) >= 5, f"{slug} cites fewer than five sources"
    for citation in essay.citations:
        assert citation.source_id in REGISTRY, f"{slug}:{citation.line}: unknown source {citation.source_id}"
        assert REGISTRY.get(citation.source_id).status != "LINK-ONLY"


@pytest.mark.parametrize("slug", [s for s in CHAPTERS if s not in ("index", "about", "timeline")])
def test_chapter_links_to_other_chapters_beyond_read_next(slug):
    text = (CONTENT / f"{slug}.md").read_text(encoding="utf-8")
    body = text.split("## Read next")[0]
    links = set(re.findall(r"\]\(([\w-]+)\.md", body)) - {slug}
    assert links, f"{slug}: name the strongest reply from the other side, with a link to its chapter"


def chart_value(chart: str, column: str, **key) -> str:
    with (ROOT / "charts" / chart / "data.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if all(row[k] == v for k, v in key.items()):
                return row[column]
    raise AssertionError(f"{chart}: no row {key}")


# (chapter, text as written, chart, column, row key, how the chart value is written in the text)
NUMBERS = [
    ("kingpin", "8,867", "homicides-mexico", "homicides", {"year": "2007"}, "{:,}"),
    ("kingpin", "27,213", "homicides-mexico", "homicides", {"year": "2011"}, "{:,}"),
    ("kingpin", "32,079", "homicides-mexico", "homicides", {"year": "2017"}, "{:,}"),
    ("kingpin", "36,773", "homicides-mexico", "homicides", {"year": "2020"}, "{:,}"),
    ("kingpin", "33,550", "homicides-mexico", "homicides", {"year": "2024"}, "{:,}"),
    ("kingpin", "32,252", "homicide-counts-compared", "inegi_deaths", {"year": "2023"}, "{:,}"),
    ("kingpin", "30,572", "homicide-counts-compared", "sesnsp_hd_feminicidio", {"year": "2023"}, "{:,}"),
    ("kingpin", "29,636", "homicide-counts-compared", "sesnsp_hd_feminicidio", {"year": "2017"}, "{:,}"),
    ("kingpin", "29,721", "homicide-counts-compared", "sesnsp_hd", {"year": "2023"}, "{:,}"),
    ("supply-and-demand", "16,849", "overdose-deaths-us", "overdose_deaths_final", {"year": "1999"}, "{:,}"),
    ("supply-and-demand", "107,941", "overdose-deaths-us", "overdose_deaths_final", {"year": "2022"}, "{:,}"),
    ("case-for-force", "70,601", "overdose-deaths-us", "synthetic_opioid_deaths_final", {"year": "2021"}, "{:,}"),
    ("case-for-force", "106,699", "overdose-deaths-us", "overdose_deaths_final", {"year": "2021"}, "{:,}"),
    ("case-for-force", "105,007", "overdose-deaths-us", "overdose_deaths_final", {"year": "2023"}, "{:,}"),
    ("case-for-force", "80,391", "overdose-deaths-us", "overdose_deaths_provisional", {"year": "2024"}, "{:,}"),
    ("precedents", "67.9", "homicide-rates-region", "colombia", {"year": "2000"}, "{:.1f}"),
    (
        "stakes",
        "$839.9 billion",
        "us-mexico-ties",
        "value",
        {"measure": "U.S.–Mexico goods trade (exports plus imports)", "period": "2024"},
        "${:.1f} billion",
    ),
    (
        "stakes",
        "$334.041 billion",
        "us-mexico-ties",
        "value",
        {"measure": "U.S. goods exports to Mexico", "period": "2024"},
        "${:.3f} billion",
    ),
    ("since-2025", "at least 115", "boat-strikes", "killed_total", {"date": "2026-01-08"}, "at least {:d}"),
    ("since-2025", "AP counted 126", "boat-strikes", "killed_total", {"date": "2026-01-26"}, "AP counted {:d}"),
    ("since-2025", "CNN 151", "boat-strikes", "killed_total", {"date": "2026-03-03"}, "CNN {:d}"),
    ("since-2025", "at least 95", "boat-strikes", "killed_total", {"date": "2025-12"}, "at least {:d}"),
]


@pytest.mark.parametrize("slug, written, chart, column, key, form", NUMBERS, ids=[f"{n[0]}:{n[1]}" for n in NUMBERS])
def test_numbers_in_the_text_are_the_charts_values(slug, written, chart, column, key, form):
    value = chart_value(chart, column, **key)
    number = float(value) if "." in value else int(value)
    assert form.format(number) == written, f"{chart} {key} {column} is {value}; the text says {written}"
    assert written in (CONTENT / f"{slug}.md").read_text(encoding="utf-8"), f"{slug} no longer says {written}"


def bullet_words(bullet: str) -> int:
    """Words of an 'In brief' bullet as rendered: footnote markers removed, link text kept."""
    bullet = re.sub(r"\[\^[^\]]+\]", "", bullet)
    bullet = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", bullet)
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9][\w'’.,%–-]*", bullet))


@pytest.mark.parametrize("slug", CHAPTERS + ["opinion"])
def test_in_brief_bullets_are_at_most_30_words(slug):
    text = (CONTENT / f"{slug}.md").read_text(encoding="utf-8")
    brief = sections(text).get("in-brief", "")
    long = [
        f"content/{slug}.md: 'In brief' bullet of {bullet_words(line)} words (at most 30): {line[2:60]}…"
        for line in brief.splitlines()
        if line.startswith("- ") and bullet_words(line[2:]) > 30
    ]
    assert not long, "\n".join(long)


def test_bullet_words_counts_rendered_words():
    assert bullet_words("Mexico rejects it ([our search](about.md#x)).[^a:b][^c:d]") == 5
