"""One shape for problems: every check of the pre-build yields Problems (file, line, message,
fix, severity) and nothing else, and stops, when it must, with Problems only.

The checks are the table ``build_scripts.prebuild.CHECKS``; each is run on the mini fixture and
on every project of the broken-input corpus (tests/broken/), so a check that returned another
shape (a tuple of value and errors, a bare string, a collector) fails here, whatever input it
was given.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Iterator

import pytest

from build_scripts.errors import BuildErrors, Problem, Problems, StopBuild, problem_at
from build_scripts.inputs import Inputs, load_inputs
from build_scripts.prebuild import CHECKS, run_checks
from build_scripts.project import Project

from .conftest import FIXTURES, ROOT, copy_project
from .test_broken_inputs import CASES, prepare

SEVERITIES = ("error", "warning")


def shape_violations(check, inputs: Inputs) -> list[str]:
    """What ``check`` gives that is not a well-formed Problem (empty when all is well)."""
    wrong = []
    given: list = []
    try:
        result = check(inputs)
        if not isinstance(result, Iterator):
            return [f"{check.__name__} returned {type(result).__name__}, not an iterator of Problems"]
        given.extend(result)
    except StopBuild as stop:
        given.extend(stop.problems)
    wrong += [f"{check.__name__} gave {what}" for what in well_formed(given)]
    severities = {item.severity for item in given if isinstance(item, Problem)}
    wrong += [f"{check.__name__}: severity {severity!r}" for severity in severities - set(SEVERITIES)]
    return wrong


def test_every_check_is_declared_to_yield_problems():
    assert len(CHECKS) >= 6
    for check in CHECKS:
        hints = typing.get_type_hints(check)
        assert hints["return"] == Iterator[Problem], f"{check.__module__}.{check.__name__} -> {hints['return']}"
        assert list(inspect.signature(check).parameters) == ["inputs"], check.__name__


def test_the_checks_give_problems_only_on_the_mini_fixture(tmp_path):
    project = copy_project(FIXTURES / "mini", tmp_path / "project")
    inputs = load_inputs(Project(project), publish=True)
    for check in CHECKS:
        assert shape_violations(check, inputs) == []
    assert run_checks(inputs).errors == []


def well_formed(problems: list) -> list[str]:
    return [
        f"{type(item).__name__}: {item!r}"
        for item in problems
        if not (isinstance(item, Problem) and item.message and item.file and item.fix)
    ]


@pytest.mark.parametrize("case", CASES)
def test_the_checks_give_problems_only_on_every_broken_input(case, tmp_path):
    """Where loading the inputs stops (a registry or chart problem), it stops with Problems too."""
    project, spec = prepare(case, tmp_path / "project")
    publish = (spec.get("env") or {}).get("SITE_PUBLISH") == "1"
    try:
        inputs = load_inputs(Project(project), publish=publish)
    except StopBuild as stop:
        assert stop.problems and well_formed(stop.problems) == []
        return
    for check in CHECKS:
        assert shape_violations(check, inputs) == []
    assert run_checks(inputs).errors, f"{case}: no check found the problem"


def test_the_shape_test_can_fail(tmp_path):
    """A check in the old shapes is caught: a (value, errors) tuple, a list of strings."""
    inputs = load_inputs(Project(copy_project(FIXTURES / "mini", tmp_path / "project")), publish=False)

    def old_tuple(inputs: Inputs):
        return [], []

    def strings(inputs: Inputs) -> Iterator[Problem]:
        yield "content/a.md:3: something"

    def no_fix(inputs: Inputs) -> Iterator[Problem]:
        yield Problem("something", file="content/a.md", line=3)

    for bad in (old_tuple, strings, no_fix):
        assert shape_violations(bad, inputs), bad.__name__


def test_problems_gathers_what_is_yielded_and_what_is_raised():
    at = problem_at("content/a.md", 4)

    def check():
        yield at("first", fix="f")
        yield at("a note", fix="f", severity="warning")
        raise BuildErrors([at("second", fix="f"), at("third", fix="f")])

    found = Problems()
    found.collect(check())
    found.collect([Problem("alone", "b.yml", 1, fix="f")])
    assert [p.message for p in found.errors] == ["first", "second", "third", "alone"]
    assert [p.message for p in found.warnings] == ["a note"]
    with pytest.raises(StopBuild) as stopped:
        found.raise_if_any()
    assert [p.message for p in stopped.value.problems] == ["first", "second", "third", "alone"]
    assert str(at("x", fix="y")) == "content/a.md:4: x\n    fix: y"


def test_every_problems_function_is_a_generator_of_problems():
    """The naming rule the checks follow: a function called ``*_problems`` anywhere in the build
    yields Problems (read from the code, so a new helper in another shape fails here)."""
    import ast

    wrong = []
    for path in sorted((ROOT / "build_scripts").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_problems"):
                returns = ast.unparse(node.returns) if node.returns else None
                yields = any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node))
                if returns != "Iterator[Problem]" or not yields:
                    wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} -> {returns}")
    assert not wrong, "functions named *_problems must yield Problems (-> Iterator[Problem]):\n" + "\n".join(wrong)
