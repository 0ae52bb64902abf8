"""The corpus of broken inputs (tests/broken/): each case must stop the build with its exact message.

Each case is a folder laid over a fresh copy of the mini fixture project: ``files/`` are added or
replace files, ``append/`` is appended to files (e.g. an entry added to sources.yml), and
``case.yml`` says what the build must print: the file, the line (``line: null`` where a file
has no line to name, ``line_of`` where the line is that of some text in the resulting file), the
message and the fix. The build runs as a contributor runs it (``python -m build_scripts build``),
must exit 1, must print exactly one problem, and must leave no site behind.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, copy_project

BROKEN = Path(__file__).resolve().parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "case.yml").is_file())

# What issue 6 lists, each with the case(s) that cover it. A category without a case fails below.
REQUIRED = {
    "unknown source id": ["unknown-source-id"],
    "unknown chart id": ["unknown-chart-id"],
    "non-numeric value in a data file": ["non-numeric-value", "number-with-separator"],
    "missing provenance or registry field": [
        "missing-provenance-field",
        "missing-provenance-file",
        "missing-registry-field",
        "missing-chart-field",
    ],
    "duplicate source or chart id": ["duplicate-source-id", "duplicate-chart-id"],
    "broken internal link or anchor": ["broken-link-anchor", "broken-link-page", "broken-link-same-page"],
    "malformed front matter": ["malformed-front-matter"],
    "raw <script>": ["raw-script"],
    "inline event handler": ["inline-event-handler"],
    "javascript: URL": ["javascript-url"],
    "<iframe>": ["iframe"],
    "image, script or style from another host": [
        "offhost-image-markdown",
        "offhost-image-html",
        "offhost-script",
        "offhost-stylesheet",
        "offhost-style-url",
    ],
    "evidence for every footnote (docs/evidence.md)": [
        "evidence-unknown-source",
        "evidence-missing-entry",
        "evidence-no-quote-or-pinpoint",
        "evidence-translation-missing",
        "evidence-bad-claim-key",
        "evidence-without-page",
        "footnote-without-evidence-when-publishing",
    ],
    "quoted words and numbers must be in the evidence": [
        "quote-not-in-excerpt",
        "translation-not-in-evidence",
        "number-not-in-evidence",
    ],
    "scaffold placeholders cannot be published": [
        "draft-when-publishing",
        "placeholder-in-finished-page",
        "chart-placeholder-when-publishing",
    ],
}

# "path:line: message" or "path: message", then "    fix: …" (build_scripts.errors.BuildError).
PROBLEM = re.compile(
    r"^(?:- )?(?P<file>[^\s:][^:\n]*?)(?::(?P<line>\d+))?: (?P<message>.+)\n\s+fix: (?P<fix>.+)$", re.M
)


def problems(output: str) -> list[dict]:
    return [m.groupdict() for m in PROBLEM.finditer(output)]


def prepare(case: str, target: Path) -> tuple[Path, dict]:
    spec = yaml.safe_load((BROKEN / case / "case.yml").read_text(encoding="utf-8"))
    project = copy_project(FIXTURES / "mini", target)
    if (FIXTURES / "mini" / ".cache").is_dir():
        shutil.copytree(FIXTURES / "mini" / ".cache", project / ".cache")
    files = BROKEN / case / "files"
    if files.is_dir():
        shutil.copytree(files, project, dirs_exist_ok=True)
    appended = BROKEN / case / "append"
    for extra in sorted(appended.rglob("*")) if appended.is_dir() else []:
        if extra.is_file():
            path = project / extra.relative_to(appended)
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text + ("" if text.endswith("\n") else "\n") + extra.read_text(encoding="utf-8"), encoding="utf-8"
            )
    return project, spec


def expected_line(project: Path, expect: dict) -> int | None:
    if "line_of" in expect:
        lines = (project / expect["file"]).read_text(encoding="utf-8").splitlines()
        matches = [n for n, text in enumerate(lines, start=1) if expect["line_of"] in text]
        assert len(matches) == 1, f"line_of {expect['line_of']!r} must occur once in {expect['file']}"
        return matches[0]
    return expect.get("line")


def run_build(project: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_PUBLISH", "ALLOW_DRAFTS", "GITHUB_REF")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "build_scripts", "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("case", CASES)
def test_broken_input_stops_the_build_with_its_message(case, tmp_path):
    project, spec = prepare(case, tmp_path / "project")
    expect = spec["expect"]
    result = run_build(project, spec.get("env"))
    output = result.stderr
    assert result.returncode == 1, f"{case}: the build did not stop\n{result.stdout}\n{output}"
    found = problems(output)
    assert len(found) == 1, f"{case}: expected exactly one problem, got {len(found)}:\n{output}"
    problem = found[0]
    assert problem["file"] == expect["file"], output
    line = expected_line(project, expect)
    assert problem["line"] == (str(line) if line is not None else None), output
    assert expect["message"] in problem["message"], output
    assert expect["fix"] in problem["fix"], output
    assert not (project / "site").exists(), "a failed build must not leave a site"
    assert not (project / "site.building").exists(), "a failed build must not leave a half-built site"


def test_every_listed_kind_of_broken_input_has_a_case():
    missing = {kind: [c for c in cases if c not in CASES] for kind, cases in REQUIRED.items()}
    assert not {k: v for k, v in missing.items() if v}, f"categories without their corpus case: {missing}"


def test_the_mini_fixture_itself_builds(tmp_path):
    """The corpus is only meaningful if the project it breaks builds cleanly without it."""
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    if (FIXTURES / "mini" / ".cache").is_dir():
        shutil.copytree(FIXTURES / "mini" / ".cache", project / ".cache")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()


def test_problem_parser_reads_both_forms():
    text = (
        "The build stopped: 2 problems to fix.\n- content/a.md:8: unknown source id 'x'\n    fix: did you mean [^y]?\n"
        "- charts/c/provenance.yml: chart 'c' has no provenance.yml\n    fix: add provenance.yml\n"
    )
    assert problems(text) == [
        {"file": "content/a.md", "line": "8", "message": "unknown source id 'x'", "fix": "did you mean [^y]?"},
        {
            "file": "charts/c/provenance.yml",
            "line": None,
            "message": "chart 'c' has no provenance.yml",
            "fix": "add provenance.yml",
        },
    ]


def listed_cases() -> dict[str, tuple[str, list[str]]]:
    """docs/checks.md's tables of bad input under "Your input": class -> (its case cell, the cases named)."""
    text = (Path(__file__).resolve().parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    section = text.split("\n### Your input", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and not set(cells[0]) <= {"-"} and cells[0] != "bad input":
            rows[cells[0]] = (cells[2], re.findall(r"`([a-z0-9*-]+)`", cells[2]))
    return rows


def test_every_class_of_bad_input_in_the_docs_has_a_case_and_every_case_is_listed():
    rows = listed_cases()
    assert len(rows) > 20, "docs/checks.md lost its tables of bad input"
    for what, (cell, names) in rows.items():
        assert names or "unit test" in cell, f"docs/checks.md: '{what}' names no case in tests/broken/"
        for name in names:
            matched = [case for case in CASES if fnmatch.fnmatch(case, name)]
            assert matched, f"docs/checks.md lists `{name}` for '{what}', but tests/broken/ has no such case"
    patterns = [name for _, names in rows.values() for name in names]
    unlisted = [case for case in CASES if not any(fnmatch.fnmatch(case, p) for p in patterns)]
    assert not unlisted, f"cases in tests/broken/ that docs/checks.md does not list: {unlisted}"
