"""The scaffolds, followed the way docs/ tells a newcomer: a new source (the example in
docs/adding-a-source.md), `make new-chapter`, `make new-chart`, embed, build. The skeleton
builds as created, the publishing build refuses it, and once every FILL IN is replaced and
`draft: true` removed, the publishing build accepts it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

DOCS = ROOT / "docs"


def source_examples() -> list[str]:
    text = (DOCS / "adding-a-source.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(- id: .*?)```", text, re.S)


def run(project: Path, *args: str, publish: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_PUBLISH", "ALLOW_DRAFTS", "GITHUB_REF")}
    if publish:
        env["SITE_PUBLISH"] = "1"
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )


def build(project: Path, publish: bool = False) -> subprocess.CompletedProcess:
    return run(project, "build_scripts", "build", publish=publish)


def fill_in(path: Path) -> None:
    """What a contributor does: write real text where the scaffold left FILL IN."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"FILL IN: ?", "", text)
    text = re.sub(r"^draft: true\n", "", text, flags=re.M)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_a_newcomer_adds_a_source_a_chapter_and_a_chart(mini_project):
    project = mini_project
    (project / "tests" / "snapshots").mkdir(parents=True)
    examples = source_examples()
    assert examples, "docs/adding-a-source.md lost its YAML example"
    registry = project / "sources.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + examples[0], encoding="utf-8")
    source_id = re.match(r"- id: (\S+)", examples[0]).group(1)

    chapter = run(
        project,
        "build_scripts",
        "new-chapter",
        "--slug",
        "extraditions",
        "--title",
        "The extraditions: who and why",
        "--source",
        source_id,
    )
    assert chapter.returncode == 0, chapter.stderr
    assert "content/extraditions.md:3: description:" in chapter.stdout  # tells what to fill in, with lines
    assert "delete `draft: true`" in chapter.stdout
    assert '  - "The extraditions: who and why": extraditions.md\n' in (project / "mkdocs.yml").read_text()

    chart = run(project, "build_scripts", "new-chart", "--id", "extraditions-per-year", "--source", source_id)
    assert chart.returncode == 0, chart.stderr
    assert "<!-- md:chart extraditions-per-year -->" in chart.stdout
    folder = project / "charts" / "extraditions-per-year"
    assert sorted(p.name for p in folder.iterdir()) == ["chart.yml", "data.csv", "provenance.yml"]  # declarative
    assert f"source: {source_id}" in (folder / "provenance.yml").read_text()
    assert (project / "tests" / "snapshots" / "extraditions-per-year.json").is_file()
    assert "kind: line" in (folder / "chart.yml").read_text()

    page = project / "content" / "extraditions.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- md:chart extraditions-per-year -->\n", encoding="utf-8")

    # As created: it builds, with warnings that say what is left.
    local = build(project)
    assert local.returncode == 0, local.stderr
    assert "content/extraditions.md:4: the page is a draft" in local.stderr
    html = (project / "site" / "extraditions" / "index.html").read_text(encoding="utf-8")
    assert 'data-chart="extraditions-per-year"' in html and "In brief" in html and "Questions to consider" in html
    assert f"fn:{source_id}:first-claim" in html

    # Not publishable by accident.
    refused = build(project, publish=True)
    assert refused.returncode == 1
    assert "content/extraditions.md:4: the page is a draft (draft: true)" in refused.stderr
    assert (
        "charts/extraditions-per-year/chart.yml:2: chart 'extraditions-per-year' still has a FILL IN" in refused.stderr
    )

    # Removing draft: true but leaving a placeholder stops even a local build.
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("draft: true\n", ""), encoding="utf-8")
    half = build(project)
    assert half.returncode == 1 and "placeholder text is left in a page that is not a draft" in half.stderr
    page.write_text(text, encoding="utf-8")

    evidence = project / "evidence" / "extraditions.yml"
    assert f"{source_id}:first-claim:" in evidence.read_text(encoding="utf-8")
    for path in [page, evidence, *folder.iterdir()]:
        fill_in(path)
    published = build(project, publish=True)
    assert published.returncode == 0, published.stderr
    assert "draft" not in published.stderr


def test_make_targets_call_the_scaffold():
    chapter = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "new-chapter", "SLUG=a-b", "TITLE=A title", "SOURCE=x"],
        capture_output=True,
        text=True,
    )
    assert '-m build_scripts new-chapter --slug "a-b" --title "A title" --source "x"' in chapter.stdout
    chart = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "new-chart", "ID=c-d", "SOURCE=x"], capture_output=True, text=True
    )
    assert '-m build_scripts new-chart --id "c-d" --source "x"' in chart.stdout
    usage = subprocess.run(["make", "-s", "-C", str(ROOT), "new-chart"], capture_output=True, text=True)
    assert usage.returncode != 0 and "usage: make new-chart ID=" in usage.stdout


@pytest.mark.parametrize(
    "args,message,fix",
    [
        (
            ["new-chapter", "--slug", "Bad Slug", "--title", "T"],
            "'Bad Slug' is not a valid chapter slug",
            "lowercase words",
        ),
        (
            ["new-chapter", "--slug", "chapter", "--title", "T"],
            "content/chapter.md already exists",
            "choose another SLUG",
        ),
        (
            ["new-chapter", "--slug", "new-one", "--title", "T", "--source", "porter-wapo-2042"],
            "unknown source id 'porter-wapo-2042'",
            "did you mean [^porter-wapo-2024]?",
        ),
        (["new-chart", "--id", "new-chart"], "a chart needs the registry id of the source", "docs/adding-a-source.md"),
        (
            ["new-chart", "--id", "homicides-mexico", "--source", "inegi-homicides"],
            "charts/homicides-mexico/ already exists",
            "choose another ID",
        ),
    ],
)
def test_scaffold_refuses_bad_requests_with_a_fix(mini_project, args, message, fix):
    before = sorted(p.relative_to(mini_project).as_posix() for p in mini_project.rglob("*"))
    result = run(mini_project, "build_scripts", *args)
    assert result.returncode == 1
    assert message in result.stderr and "fix: " in result.stderr and fix in result.stderr
    assert sorted(p.relative_to(mini_project).as_posix() for p in mini_project.rglob("*")) == before
