"""Checks on every chart in charts/: figure snapshots, variants, descriptions, and the data against
the research dossier.

- Snapshots: each chart's figure payload (normalised: sorted keys, floats to 6 places) must equal
  tests/snapshots/<id>.json. After an intended change run `python -m build_scripts snapshots --update`.
- The four variants (light/dark x desktop/phone) must have identical traces.
- A chart's description may mention only numbers found in its data.csv (with or without thousands
  separators, or rounded from a decimal value), years, numbers in its unit, and dates in its data.
- data.csv values must match the CSV blocks of ../shared/research/data.md (and the dated figures of
  sources.md) for the series used; these tests are skipped, saying why, when the dossier is absent.
"""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from build_scripts.charts import chart_ids, load_charts
from build_scripts.charts.figures import figure_variants
from build_scripts.project import Project
from build_scripts.registry import load_registry
from build_scripts.snapshots import diff, snapshot_dir, snapshot_text

ROOT = Path(__file__).resolve().parents[1]
PROJECT = Project(ROOT)
CHART_IDS = chart_ids(PROJECT.charts)
RESEARCH = Path(os.environ.get("RESEARCH_DIR", ROOT.parent / "shared" / "research"))
DATA_MD = RESEARCH / "data.md"
SOURCES_MD = RESEARCH / "sources.md"


@pytest.fixture(scope="module")
def charts():
    return load_charts(PROJECT.charts, load_registry(PROJECT.sources))


@pytest.fixture(scope="module")
def variants(charts):
    return {chart_id: figure_variants(chart) for chart_id, chart in charts.items()}


# --- snapshots -------------------------------------------------------------------------------


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_figure_matches_snapshot(charts, chart_id):
    path = snapshot_dir(PROJECT) / f"{chart_id}.json"
    actual = snapshot_text(charts[chart_id])
    assert path.is_file(), (
        f"no snapshot for chart '{chart_id}': run `python -m build_scripts snapshots --update` "
        "and commit tests/snapshots/"
    )
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (
        f"chart '{chart_id}' no longer matches its snapshot. If the change is intended, run "
        f"`python -m build_scripts snapshots --update` and commit the result.\n{diff(expected, actual, chart_id)}"
    )


def test_no_snapshot_without_chart():
    folder = snapshot_dir(PROJECT)
    stale = sorted(p.name for p in folder.glob("*.json") if p.stem not in CHART_IDS) if folder.is_dir() else []
    assert not stale, f"snapshots with no chart (run the --update command to remove them): {stale}"


def test_snapshots_are_normalised(charts):
    for chart_id in CHART_IDS:
        text = (snapshot_dir(PROJECT) / f"{chart_id}.json").read_text(encoding="utf-8")
        payload = json.loads(text)
        assert json.dumps(payload, indent=1, sort_keys=True, ensure_ascii=False) + "\n" == text
        for number in re.findall(r"-?\d+\.(\d+)", text):
            assert len(number) <= 6, f"{chart_id}: a float with more than 6 decimals in the snapshot"


# --- variants --------------------------------------------------------------------------------


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_variants_have_identical_traces(charts, variants, chart_id):
    figures = variants[chart_id]
    assert set(figures) == {"light", "dark", "light-narrow", "dark-narrow"}
    traces = {name: json.loads(fig.to_json(validate=False, engine="json"))["data"] for name, fig in figures.items()}
    for name, data in traces.items():
        assert data == traces["light"], f"chart '{chart_id}': traces of '{name}' differ from 'light'"
    chart = charts[chart_id]
    for name, fig in figures.items():
        assert fig.layout.height == (chart.narrow_height if name.endswith("narrow") else chart.height), name


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_every_chart_has_the_words_a_reader_needs(charts, chart_id):
    meta = charts[chart_id].meta
    for field in ("title", "subtitle", "unit", "time_span", "description"):
        assert meta.get(field, "").strip(), f"{chart_id}: empty {field}"
    assert meta.get("notes"), f"{chart_id}: no notes"
    assert re.search(r"\d{4}", meta["subtitle"]), f"{chart_id}: the subtitle should give the time span"


# --- numbers in descriptions -----------------------------------------------------------------

NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\w])(\s+(?:million|billion))?")
MONTHS = ("January February March April May June July August September October November December").split()
DAY_MONTH = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b(?: (\d{4}))?")
MULTIPLIER = {"million": 1e6, "billion": 1e9}


def data_numbers(chart) -> tuple[set[float], set[float]]:
    """Numbers in data.csv: (exact values, decimal values that may be shown rounded). Dates and source
    ids are left out; numbers inside text cells count."""
    exact, decimals = set(), set()
    for name in chart.data.columns:
        kind = chart.meta["columns"][name]["type"]
        for value in chart.data.column(name):
            if value is None or kind in ("date", "source"):
                continue
            if kind in ("integer", "number"):
                exact.add(float(value))
                if kind == "number" and float(value) != int(value):
                    decimals.add(float(value))
            else:
                for whole, fraction, _ in NUMBER.findall(str(value)):
                    exact.add(float(whole.replace(",", "") + ("." + fraction if fraction else "")))
    return exact, decimals


def data_dates(chart) -> set[date]:
    out = set()
    for name, spec in chart.meta["columns"].items():
        if spec["type"] != "date":
            continue
        for value in chart.data.column(name):
            parts = [int(p) for p in value.split("-")]
            if len(parts) == 3:
                out.add(date(*parts))
    return out


def unmatched_numbers(chart) -> list[str]:
    text = chart.meta["description"]
    dates = data_dates(chart)
    problems = []
    # Day-and-month dates ("2 September 2025", "8 October") must be dates in the data.
    for day, month, year in DAY_MONTH.findall(text):
        found = [
            d
            for d in dates
            if d.day == int(day) and d.month == MONTHS.index(month) + 1 and (not year or d.year == int(year))
        ]
        if not found:
            problems.append(f"date '{day} {month} {year}'".strip())
    text = DAY_MONTH.sub(lambda m: m.group(3) or "", text)
    exact, decimals = data_numbers(chart)
    unit_numbers = {float(w.replace(",", "")) for w, _, _ in NUMBER.findall(chart.meta["unit"])}
    for whole, fraction, multiplier in NUMBER.findall(text):
        value = float(whole.replace(",", "") + ("." + fraction if fraction else ""))
        candidates = {value}
        if multiplier.strip():
            candidates.add(value * MULTIPLIER[multiplier.strip()])
        places = len(fraction)
        if not fraction and "," not in whole and 1900 <= value <= 2100:
            continue  # a year
        if candidates & exact or value in unit_numbers:
            continue
        if any(round(v, places) == value for v in decimals):
            continue  # a decimal value shown rounded
        problems.append(whole + ("." + fraction if fraction else "") + multiplier)
    return problems


@pytest.mark.parametrize("chart_id", CHART_IDS)
def test_description_numbers_are_in_the_data(charts, chart_id):
    problems = unmatched_numbers(charts[chart_id])
    assert not problems, (
        f"chart '{chart_id}': the description mentions {problems}, which are not in its "
        "data.csv (write the value as it is in the data, or reword)"
    )


def test_description_check_catches_a_wrong_number(charts):
    chart = charts["homicides-mexico"]
    original = chart.meta["description"]
    try:
        chart.meta["description"] = "The low was 8,868 in 2007 and the peak 36,773 in 2020."
        assert unmatched_numbers(chart) == ["8,868"]
    finally:
        chart.meta["description"] = original


# --- data against the dossier ----------------------------------------------------------------


def dossier_blocks() -> list[list[dict[str, str]]]:
    """Every fenced ```csv block of data.md, as a list of rows (dicts by header)."""
    text = DATA_MD.read_text(encoding="utf-8")
    blocks = []
    for body in re.findall(r"```csv\n(.*?)```", text, re.S):
        blocks.append(list(csv.DictReader(body.strip().splitlines())))
    return blocks


def dossier_series(column: str, key: str) -> dict[str, str]:
    """The one data.md block that has both `column` and `key`, as {key value: cell}."""
    matches = [b for b in dossier_blocks() if b and column in b[0] and key in b[0]]
    assert len(matches) == 1, f"data.md has {len(matches)} csv blocks with columns '{column}' and '{key}' (expected 1)"
    return {row[key].strip(): (row[column] or "").strip() for row in matches[0]}


def same(chart_value, dossier_cell: str, scale: float = 1.0) -> bool:
    try:
        return abs(float(chart_value) * scale - float(dossier_cell)) < 1e-9 * max(1.0, abs(float(dossier_cell)))
    except ValueError:
        return False


# (chart, column) -> (data.md column, data.md key column)
WIDE_SERIES = {
    ("homicides-mexico", "homicides"): ("homicides_inegi", "year"),
    ("homicide-counts-compared", "inegi_deaths"): ("homicides_inegi", "year"),
    ("homicide-counts-compared", "sesnsp_hd"): ("victims_homicidio_doloso", "year"),
    ("homicide-counts-compared", "sesnsp_hd_feminicidio"): ("victims_hd_plus_feminicidio", "year"),
    ("homicide-rates-region", "mexico"): ("mexico", "year"),
    ("homicide-rates-region", "colombia"): ("colombia", "year"),
    ("homicide-rates-region", "ecuador"): ("ecuador", "year"),
    ("overdose-deaths-us", "overdose_deaths_final"): ("overdose_deaths_final", "year"),
    ("overdose-deaths-us", "synthetic_opioid_deaths_final"): ("synthetic_opioid_deaths_final", "year"),
    ("overdose-deaths-us", "synthetic_opioid_deaths_provisional"): (
        "synthetic_opioid_deaths_provisional_predicted",
        "year",
    ),
}
# Dossier values deliberately left out of a chart, with the reason.
LEFT_OUT = {
    (
        "overdose-deaths-us",
        "overdose_deaths_final",
        "2024",
    ): "data.md's re-check note: the 2024 final count could not be re-read; 2024 is shown as provisional",
    (
        "overdose-deaths-us",
        "synthetic_opioid_deaths_provisional",
        "2023",
    ): "2023 has a final count (72,776); its provisional count would be a second, different value for one year",
}
# Values read in the dossier's prose rather than a csv block.
IN_PROSE = {
    ("overdose-deaths-us", "overdose_deaths_provisional"): "2024 was 80,391 in the May 2025 release",
}

needs_data_md = pytest.mark.skipif(
    not DATA_MD.is_file(),
    reason=(
        f"the research dossier is not at {DATA_MD} (CI keeps it beside the repository at ../shared; "
        "set RESEARCH_DIR to point elsewhere)"
    ),
)
needs_sources_md = pytest.mark.skipif(
    not SOURCES_MD.is_file(),
    reason=(
        f"the sources dossier is not at {SOURCES_MD} (CI keeps it beside the repository at ../shared; "
        "set RESEARCH_DIR to point elsewhere)"
    ),
)


@needs_data_md
@pytest.mark.parametrize("chart_id,column", sorted(WIDE_SERIES))
def test_series_matches_data_md(charts, chart_id, column):
    dossier_column, key = WIDE_SERIES[(chart_id, column)]
    series = dossier_series(dossier_column, key)
    chart = charts[chart_id]
    key_column = chart.data.columns[0]
    checked = 0
    for row in chart.data.rows:
        k = str(row[key_column])
        value, cell = row[column], series.get(k)
        if value is None:
            if cell and (chart_id, column, k) not in LEFT_OUT:
                pytest.fail(f"{chart_id}.{column} {k}: empty in data.csv, but data.md gives {cell}")
            continue
        assert cell is not None, f"{chart_id}.{column} {k}: data.md's block has no row {k}"
        assert same(value, cell), f"{chart_id}.{column} {k}: data.csv has {value}, data.md has {cell}"
        checked += 1
    assert checked, f"{chart_id}.{column}: no value was compared"


@needs_data_md
def test_values_read_in_prose_are_in_data_md(charts):
    text = DATA_MD.read_text(encoding="utf-8")
    for (chart_id, column), phrase in IN_PROSE.items():
        assert phrase in text, f"data.md no longer says '{phrase}'"
        values = [v for v in charts[chart_id].data.column(column) if v is not None]
        assert values and all(f"{v:,}" in phrase for v in values), f"{chart_id}.{column}: {values} vs '{phrase}'"


@needs_data_md
def test_secondary_synthetic_counts_are_flagged_as_in_data_md(charts):
    sources = dossier_series("count_source", "year")
    chart = charts["overdose-deaths-us"]
    for row in chart.data.rows:
        if row["synthetic_opioid_deaths_final"] is None:
            continue
        secondary = bool(re.search(r"secondary|weak", sources[str(row["year"])], re.I))
        assert (row["synthetic_count_read_in"] == "secondary pages only") == secondary, row["year"]


@needs_data_md
def test_trade_guns_and_citizens_match_data_md(charts):
    chart = charts["us-mexico-ties"]
    label = chart.meta["labels"]
    columns = {
        label["m_exports"]: "us_exports_to_mexico_bn",
        label["m_imports"]: "us_imports_from_mexico_bn",
        label["m_total"]: "total_goods_trade_bn",
    }
    derived_years = {"2016": {label["m_imports"], label["m_total"]}, "2018": set(columns)}
    for measure, column in columns.items():
        series = dossier_series(column, "year")
        rows = chart.data.where(measure=measure)
        assert [r["period"] for r in rows] == [str(y) for y in range(2013, 2025)], measure
        for row in rows:
            assert same(row["value"], series[row["period"]]), (measure, row["period"], row["value"])
            assert (row["derived"] == "yes") == (measure in derived_years.get(row["period"], ())), (measure, row)
    (guns,) = chart.data.where(measure=label["m_guns"])
    metric = dossier_series("value", "metric")
    assert same(guns["value"], metric["share_of_traced_firearms_us_sourced_pct"])
    assert (
        guns["period"].replace("–", "-")
        == dossier_series("period", "metric")["share_of_traced_firearms_us_sourced_pct"]
    )
    (citizens,) = chart.data.where(measure=label["m_citizens"])
    assert same(
        citizens["value"], dossier_series("us_citizens_in_mexico", "fact_sheet_version")[citizens["period"]], scale=1e6
    )


# --- dated events against sources.md ---------------------------------------------------------


def timeline_lines() -> list[tuple[str, list[str]]]:
    """The sources.md timeline: (line text, source ids) per bullet."""
    text = SOURCES_MD.read_text(encoding="utf-8")
    section = text.split("## Timeline", 1)[1].split("\n## ", 1)[0]
    bullets = re.split(r"\n- ", "\n" + section.split("\n- ", 1)[1])
    out = []
    for bullet in bullets:
        bullet = " ".join(bullet.split())
        if not bullet:
            continue
        ids = [i.strip() for i in bullet.rsplit(" — ", 1)[-1].split(",")]
        out.append((bullet, ids))
    return out


def source_block(source_id: str) -> str:
    text = SOURCES_MD.read_text(encoding="utf-8")
    match = re.search(r"```yaml\nid: " + re.escape(source_id) + r"\n(.*?)```", text, re.S)
    assert match, f"sources.md has no entry for {source_id}"
    return " ".join(match.group(1).split())


# Rows re-sourced after the dossier (issue 11 audit): a dossier id whose page did not carry the
# event, and the registry ids of the pages that do. A row citing one of these stands for the
# dossier's timeline line.
RESOURCED = {
    "boatstrike-2025-09-02": {"ap-boatstrike-2025-09-02", "cbs-second-strike-2025-09-15"},
    "senate-wpr-2025-10-08": {"ap-armed-conflict-2025-10-02", "overtdefense-wpr-2025-11-07", "cbs-house-wpr-2025-12"},
    "pacific-strikes-2025-10": {"ap-pacific-strikes-2025-10-28", "indiatoday-pacific-2025-10-23"},
    "soles-fto-2025-11": {"bbc-soles-2025-11-16"},
    "sheinbaum-2026-01-05": {"semana-trump-mexico-2026-01-05", "expansion-more-elements-2026-01-06"},
    "trump-hannity-2026-01-08": {"time-hitting-land-2026-01-09"},
    "transfers-2025-2026": {"cnn-es-transfers-2026-01-20"},
    "mencho-2026-02-22": {"reuters-mencho-task-force-2026-02-22"},
    "elpaso-drones-2026-02-11": {"washex-elpaso-2026-02-11"},
    "maduro-capture-2026-01-03": {"skynews-maduro-2026-01-03"},
    "maduro-arraignment-2026-01-05": {"dailysignal-maduro-plea-2026-01-05"},
}
# Events added from later reading, not in the dossier's timeline.
ADDED = {"ap-turk-2025-10-31"}


@needs_sources_md
def test_timeline_covers_every_dated_event(charts):
    chart = charts["escalation-timeline"]
    used = set(chart.data.column("source"))
    lines = timeline_lines()
    known = {i for _, ids in lines for i in ids}
    known |= set().union(*RESOURCED.values()) | ADDED
    assert used <= known, f"timeline rows cite ids not in the sources.md timeline: {sorted(used - known)}"
    for line, ids in lines:
        covering = set(ids).union(*(RESOURCED.get(i, set()) for i in ids))
        if "link only" in line.lower():
            assert not covering & used, f"a link-only item is charted: {line}"
            continue
        assert covering & used, f"no chart row for the timeline line: {line}"
    assert max(chart.data.column("date")) == "2026-03-07"


@needs_sources_md
def test_timeline_approximate_dates_follow_the_dossier(charts):
    lines = timeline_lines()
    chart = charts["escalation-timeline"]
    assert set(chart.data.column("approx")) <= {"yes", "no"}
    vague = {i for line, ids in lines if "c. " in line or "(summer)" in line for i in ids}
    vague |= set().union(*(RESOURCED.get(i, set()) for i in vague))
    used = set(chart.data.column("source"))
    for row in chart.data.rows:
        if row["approx"] == "yes":
            assert row["source"] in vague, f"marked approximate, but the dossier's date is not: {row}"
    for line, ids in lines:
        if line.startswith("c. ") and "link only" not in line.lower():
            approx_sources = {r["source"] for r in chart.data.rows if r["approx"] == "yes"}
            # A re-sourced row may give the exact date the dossier could only estimate.
            resourced = set().union(*(RESOURCED.get(i, set()) for i in ids))
            assert set(ids) & approx_sources or resourced & used, (
                f"the dossier dates this 'c.', but no row is marked approximate: {line}"
            )


NUMBER_WORDS = {1: ("one", "first"), 2: ("two", "second"), 3: ("three", "third"), 4: ("four", "fourth")}


@needs_sources_md
def test_boat_strike_figures_are_stated_in_sources_md(charts):
    chart = charts["boat-strikes"]
    timeline = " ".join(line for line, _ in timeline_lines())
    provenance = yaml.safe_load((ROOT / "charts" / "boat-strikes" / "provenance.yml").read_text(encoding="utf-8"))
    read = {o["source"]: " ".join(w["what"] for w in o.get("where_read", [])) for o in provenance["origins"]}
    dossier_ids = set(re.findall(r"```yaml\nid: (\S+)", SOURCES_MD.read_text(encoding="utf-8")))
    for row in chart.data.rows:
        # Rows re-sourced after the dossier are checked against the excerpt recorded in provenance.yml.
        block = source_block(row["source"]) if row["source"] in dossier_ids else read[row["source"]]
        text = block + " " + timeline
        for column in ("killed_total", "strikes_total", "vessels_total", "killed_in_event"):
            value = row[column]
            if value is None:
                continue
            forms = [str(value), *NUMBER_WORDS.get(value, ())]
            assert any(re.search(rf"\b{re.escape(f)}\b", text, re.I) for f in forms), (
                f"boat-strikes {row['date']} {column}={value}: not stated in sources.md for {row['source']}"
            )
        assert row["approx"] in ("yes", "no") and row["at_least"] in ("yes", "no")
        if row["at_least"] == "yes":
            assert re.search(
                rf"at least {row['killed_total']}\b|at least \d+ vessels[^.]*{row['killed_total']}", text
            ), row
