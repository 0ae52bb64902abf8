"""One command line: every task is ``python -m build_scripts COMMAND``, ``--help`` lists them all,
and every ``make`` target that runs the build calls one of them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.__main__ import COMMANDS, main, parser

ROOT = Path(__file__).resolve().parent.parent
TASKS = {"build", "serve", "prebuild", "bench", "new-chapter", "new-chart", "snapshots", "check-links"}
# Targets that set up or test the project rather than run one of its tasks.
SETUP_TARGETS = {"help", "deps", "chromium", "poppler", "clean", "test", "test-fast"}


def make_targets() -> dict[str, str]:
    """target -> its recipe, from the Makefile."""
    targets: dict[str, str] = {}
    current = None
    for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        rule = re.match(r"^([a-z][a-z-]*):(?!=)", line)
        if rule:
            current = rule.group(1)
            targets[current] = ""
        elif line.startswith("\t") and current:
            targets[current] += line + "\n"
        elif not line.strip():
            current = None
    return targets


def test_help_lists_every_task():
    result = subprocess.run(
        [sys.executable, "-m", "build_scripts", "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    listed = set(re.findall(r"^    ([a-z][a-z-]+)", result.stdout, re.M))
    assert listed == {command.name for command in COMMANDS}
    assert TASKS <= listed, f"missing from --help: {sorted(TASKS - listed)}"


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help_and_a_runner(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    assert f"python -m build_scripts {command}" in capsys.readouterr().out
    module, function = next(c.run for c in COMMANDS if c.name == command).split(":")
    import importlib

    assert callable(getattr(importlib.import_module(f"build_scripts.{module}"), function))


def test_every_make_target_maps_to_a_command():
    names = {command.name for command in COMMANDS}
    targets = make_targets()
    assert {"build", "serve", "bench", "new-chapter", "new-chart", "check-links"} <= set(targets)
    for target, recipe in targets.items():
        assert "-m build_scripts." not in recipe, f"make {target} runs a module, not a command: {recipe}"
        if target in SETUP_TARGETS:
            continue
        called = re.findall(r"-m build_scripts ([a-z][a-z-]*)", recipe)
        assert called, f"make {target} calls no `python -m build_scripts COMMAND`"
        assert set(called) <= names, f"make {target} calls an unknown command: {called}"


def test_every_command_is_reachable_from_make_or_the_docs():
    recipes = "".join(make_targets().values())
    docs = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))
    for command in COMMANDS:
        assert f"build_scripts {command.name}" in recipes + docs, (
            f"`python -m build_scripts {command.name}` is neither a make target nor in docs/"
        )


def test_unknown_command_fails_with_the_list(capsys):
    with pytest.raises(SystemExit) as done:
        parser().parse_args(["bulid-site"])
    assert done.value.code == 2
    assert "invalid choice: 'bulid-site'" in capsys.readouterr().err
