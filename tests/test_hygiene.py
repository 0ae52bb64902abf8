"""Hygiene is a test, not a reviewer's job: the pre-commit hooks' checks (ruff lint, ruff format,
codespell) run here too, with the commands and file selection read from `.pre-commit-config.yaml`,
so the hook a contributor runs locally and the test the pull request runs cannot drift apart."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

CONFIG = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
HOOKS = {hook["id"]: hook for repo in CONFIG["repos"] for hook in repo["hooks"]}
BIN = Path(sys.executable).parent
# pre-commit's `types_or` tags for the hooks below, as file suffixes.
SUFFIXES = {
    "python": {".py"},
    "pyi": {".pyi"},
    "markdown": {".md"},
    "yaml": {".yml", ".yaml"},
    "html": {".html"},
    "css": {".css"},
    "javascript": {".js"},
    "text": {".txt", ".md", ".yml", ".yaml", ".py", ".html", ".css", ".js", ".csv", ".toml", ".json"},
}


def tracked_files() -> list[str]:
    """The files pre-commit would see: tracked (or new, not ignored) and not excluded globally."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout ({listed.stderr.strip()})")
    excluded = re.compile(CONFIG.get("exclude", "^$"))
    return sorted(
        {name for name in listed.stdout.splitlines() if not excluded.search(name) and (ROOT / name).is_file()}
    )


def files_for(hook: dict) -> list[str]:
    wanted = set().union(*(SUFFIXES[tag] for tag in hook.get("types_or", hook.get("types", []))))
    excluded = re.compile(hook["exclude"]) if "exclude" in hook else None
    return [
        name for name in tracked_files() if Path(name).suffix in wanted and not (excluded and excluded.search(name))
    ]


def run_hook(hook_id: str, *extra: str) -> subprocess.CompletedProcess:
    hook = HOOKS[hook_id]
    command = shlex.split(hook["entry"])
    command[0] = str(BIN / command[0])
    return subprocess.run(
        [*command, *extra, *files_for(hook)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def report(result: subprocess.CompletedProcess, fix: str) -> str:
    return f"{result.stdout}{result.stderr}\nfix: {fix} (docs/checks.md#pre-commit)"


def test_python_passes_the_linter():
    result = run_hook("ruff-check", "--no-fix")
    assert result.returncode == 0, report(result, "run `.venv/bin/ruff check --fix .`, then fix what remains by hand")


def test_python_is_formatted():
    result = run_hook("ruff-format", "--check")
    assert result.returncode == 0, report(result, "run `.venv/bin/ruff format .`")


def test_spelling():
    result = run_hook("codespell")
    assert result.returncode == 0, report(
        result,
        "correct the word, or add a correctly spelled name the checker does not know to "
        ".codespell-ignore.txt (lowercase, one per line)",
    )


def test_the_linter_reads_its_rules_from_pyproject():
    """One rule set: the hook passes no rule options, so `ruff check .` in an editor agrees with it."""
    entry = HOOKS["ruff-check"]["entry"]
    assert not re.search(r"--(extend-)?(select|ignore)", entry), entry
    rules = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert {"E", "F", "W", "I", "B", "UP"} <= set(rules["select"])


@pytest.mark.parametrize("tool", ["ruff", "codespell"])
def test_hooks_and_tests_pin_the_same_tool_versions(tool):
    pinned_in_hooks = {
        dependency
        for hook in HOOKS.values()
        for dependency in hook.get("additional_dependencies", [])
        if dependency.startswith(f"{tool}==")
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned_for_tests = {
        dependency.split("#")[0].strip()
        for dependency in project["optional-dependencies"]["test"]
        if dependency.startswith(f"{tool}==")
    }
    assert pinned_in_hooks == pinned_for_tests == {f"{tool}=={version(tool)}"}


def test_the_checks_see_the_project_files():
    """Guards the selection above: an exclude pattern gone wrong would make every check pass on nothing."""
    python = files_for(HOOKS["ruff-format"])
    prose = files_for(HOOKS["codespell"])
    assert "build_scripts/prebuild.py" in python and "charts/boat-strikes/figure.py" in python
    assert "content/index.md" in prose and "sources.yml" in prose and "docs/checks.md" in prose
    assert not any(name.startswith(("content/assets/vendor/", "content/generated/")) for name in python + prose)
    assert not any(name.startswith("tests/broken/") for name in prose), "the broken corpus misspells on purpose"
