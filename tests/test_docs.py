"""The contributor documentation cannot fall behind the code (in the spirit of datasette's
tests/test_docs.py): every guide an error message points to exists, every schema field and
every make target is documented, the examples are valid, and the links between guides resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from build_scripts.schemas import schema_errors
from build_scripts.yamlio import _LineLoader

from .conftest import ROOT

DOCS = ROOT / "docs"
GUIDES = sorted(DOCS.glob("*.md")) + [ROOT / "CONTRIBUTING.md"]
SCHEMAS = ROOT / "build_scripts" / "schemas"
# Makefile targets that are plumbing, not commands a contributor runs.
INTERNAL_TARGETS = {"help", "deps", "chromium", "poppler", "clean"}


def text_of(*names: str) -> str:
    return "\n".join((DOCS / name).read_text(encoding="utf-8") for name in names)


def test_every_guide_the_code_points_to_exists():
    mentioned = set()
    for path in [
        *ROOT.joinpath("build_scripts").rglob("*.py"),
        ROOT / "Makefile",
        *ROOT.joinpath("tests").glob("*.py"),
    ]:
        mentioned.update(re.findall(r"docs/([a-z0-9-]+\.md)", path.read_text(encoding="utf-8")))
    assert mentioned, "expected error messages that point to docs/"
    missing = sorted(name for name in mentioned if not (DOCS / name).is_file())
    assert not missing, f"the code points to guides that do not exist: {missing}"


SCHEMA_GUIDES = [
    ("source", "adding-a-source.md"),
    ("chart", "adding-a-chart.md"),
    ("provenance", "adding-a-chart.md"),
    ("glossary", "glossary-changes-redirects.md"),
    ("changes", "glossary-changes-redirects.md"),
    ("redirects", "glossary-changes-redirects.md"),
    ("evidence", "evidence.md"),
]


def test_every_schema_has_its_guide():
    """Each schema in build_scripts/schemas/ is listed above, so its fields are checked against a guide."""
    listed = {name for name, _ in SCHEMA_GUIDES}
    assert {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")} <= listed


def test_the_yaml_examples_of_the_reader_files_match_their_schemas():
    text = text_of("glossary-changes-redirects.md")
    examples = re.findall(r"```yaml\n(.*?)```", text, re.S)
    glossary, changes, redirects = (yaml.load(example, Loader=_LineLoader) for example in examples)
    file = Path("docs/glossary-changes-redirects.md")
    assert schema_errors(glossary[0], "glossary", file=file, what="example") == []
    assert schema_errors(changes[0], "changes", file=file, what="example", dates_as_strings=True) == []
    assert schema_errors(redirects, "redirects", file=file, what="example") == []


@pytest.mark.parametrize("schema,guide", SCHEMA_GUIDES)
def test_every_schema_field_is_documented(schema, guide):
    spec = json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8"))
    properties = dict(spec.get("properties", {}))
    for definition in spec.get("$defs", {}).values():  # a file of entries keyed by name (evidence)
        properties.update(definition.get("properties", {}))
    fields = set(properties)
    for nested in properties.values():
        items = nested.get("items", {})
        fields.update(items.get("properties", {}))
    text = text_of(guide)
    undocumented = sorted(f for f in fields if f"`{f}`" not in text)
    assert not undocumented, f"fields of {schema}.schema.json not documented in docs/{guide}: {undocumented}"


def test_every_source_kind_and_status_is_documented():
    spec = json.loads((SCHEMAS / "source.schema.json").read_text(encoding="utf-8"))
    text = text_of("adding-a-source.md")
    values = spec["properties"]["kind"]["enum"] + spec["properties"]["status"]["enum"]
    assert not [v for v in values if f"`{v}`" not in text]


def test_every_make_target_is_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.M)) - INTERNAL_TARGETS
    docs = "\n".join(p.read_text(encoding="utf-8") for p in GUIDES) + (ROOT / "README.md").read_text(encoding="utf-8")
    undocumented = sorted(t for t in targets if f"make {t}" not in docs)
    assert not undocumented, f"make targets no guide mentions: {undocumented}"


def test_the_source_examples_are_valid_registry_entries():
    import yaml

    text = text_of("adding-a-source.md")
    blocks = re.findall(r"```yaml\n(- id: .*?)```", text, re.S)
    assert len(blocks) >= 2
    entries = [e for block in blocks for e in yaml.load(block, Loader=_LineLoader)]  # noqa: S506
    for entry in entries:
        assert schema_errors(entry, "source", file=Path("docs/adding-a-source.md"), what=entry["id"]) == []
    ids = {e["id"] for e in entries}
    assert all(e.get("via") in ids for e in entries if e["status"] == "SEED-ONLY")


def test_the_chart_examples_match_the_schemas(tmp_path):
    """The guide's chart.yml and provenance.yml, with the real homicide data, load and draw."""
    from build_scripts.charts.figures import figure_payload
    from build_scripts.charts.model import load_chart
    from build_scripts.registry import load_registry

    text = text_of("adding-a-chart.md")
    chart = re.search(r"## 3\. `chart.yml`\n\n```yaml\n(.*?)```", text, re.S).group(1)
    provenance = re.search(r"## 4\. `provenance.yml`\n\n.*?```yaml\n(.*?)```", text, re.S).group(1)
    folder = tmp_path / "charts" / "example"
    folder.mkdir(parents=True)
    (folder / "chart.yml").write_text(chart, encoding="utf-8")
    (folder / "provenance.yml").write_text(provenance, encoding="utf-8")
    (folder / "data.csv").write_text((ROOT / "charts/homicides-mexico/data.csv").read_text(encoding="utf-8"))
    loaded = load_chart(folder, load_registry(ROOT / "sources.yml"))  # raises on any schema or reference error
    light = figure_payload(loaded)["layouts"]["light"]
    assert "Dec 2006: army sent against the cartels" in [a["text"] for a in light["annotations"]]
    assert "calderon-2006" in loaded.source_ids


def _schema_fields(node: dict) -> set[str]:
    """Every property name in a schema, at any depth."""
    fields = set()
    for key, value in node.get("properties", {}).items():
        fields.add(key)
        fields |= _schema_fields(value)
    for nested in ("items", "additionalProperties"):
        if isinstance(node.get(nested), dict):
            fields |= _schema_fields(node[nested])
    for choice in node.get("oneOf", []):
        fields |= _schema_fields(choice)
    return fields


def test_every_field_of_the_figure_block_is_documented():
    spec = json.loads((SCHEMAS / "chart.schema.json").read_text(encoding="utf-8"))
    figure = spec["properties"]["figure"]
    text = text_of("adding-a-chart.md")
    undocumented = sorted(f for f in _schema_fields(figure) if f"`{f}`" not in text)
    assert not undocumented, f"fields of the `figure:` block not documented in docs/adding-a-chart.md: {undocumented}"
    values = {v for node in (figure["properties"]["kind"], figure["properties"]["hover"]) for v in node["enum"]} | set(
        figure["properties"]["series"]["items"]["properties"]["colour"]["enum"]
    )
    assert not sorted(v for v in values if f"`{v}`" not in text)


def github_anchors(markdown: str) -> set[str]:
    """Heading anchors as GitHub makes them (lowercase, punctuation dropped, spaces to hyphens)."""
    anchors = set()
    fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fence = not fence
        match = None if fence else re.match(r"^#{1,6}\s+(.*?)\s*$", line)
        if match:
            slug = re.sub(r"[^\w\- ]", "", match.group(1).lower()).replace(" ", "-")
            anchors.add(slug)
    return anchors


@pytest.mark.parametrize("guide", GUIDES + [ROOT / "README.md"], ids=lambda p: p.name)
def test_links_between_guides_resolve(guide):
    text = guide.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"`[^`\n]*`", "", text)  # examples in inline code are not links
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (guide.parent / path).resolve() if path else guide
        if not file.exists():
            broken.append(target)
        elif anchor and file.suffix == ".md" and anchor not in github_anchors(file.read_text(encoding="utf-8")):
            broken.append(target)
    assert not broken, f"{guide.name}: broken links {broken}"


def test_contributing_is_linked_from_the_readme_and_links_into_docs():
    assert "CONTRIBUTING.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for guide in ("contributing.md", "writing-chapters.md", "adding-a-source.md", "adding-a-chart.md", "checks.md"):
        assert f"docs/{guide}" in contributing


def test_templates_exist():
    assert (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8").count("- [ ]") >= 8
    names = {p.name for p in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")}
    assert {"report-an-error.yml", "suggest-a-source.yml"} <= names


def test_every_broken_input_case_says_what_it_is():
    import yaml

    for case in sorted((ROOT / "tests" / "broken").glob("*/case.yml")):
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        assert spec.get("about") and {"file", "message", "fix"} <= set(spec["expect"]), case
