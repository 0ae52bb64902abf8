"""Problems in the project's input: the one shape every check reports, and the one way to gather them.

- :class:`Problem` names the file, the line, the message and the fix (and whether it stops the
  build or is a warning). A check is a generator of problems; a loader that cannot go on raises
  one (or :class:`BuildErrors`, several found in one pass). Both are a :class:`StopBuild`, the
  one exception to catch.
- :class:`Problems` gathers what the checks find, errors and warnings apart, so that one run
  reports every problem: ``found.collect(check(...))`` takes what a check yields and what it
  raises alike; ``found.raise_if_any()`` stops the build with all the errors at once.
- :func:`problem_at` makes the problems of one place without repeating it:
  ``at = problem_at(path, line); yield at("message", fix="…")``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


try:  # MkDocs prints its own BuildError as a message, not a traceback, when a page's
    # Markdown extension raises it (a stale content/generated/ under plain `mkdocs build`).
    from mkdocs.exceptions import BuildError as _SiteGeneratorError
except ImportError:  # pragma: no cover - MkDocs is a dependency; Zensical-only use
    _SiteGeneratorError = Exception


class StopBuild(_SiteGeneratorError):
    """Raised to stop the build; ``problems`` lists what stopped it, each with file, line and fix."""

    @property
    def problems(self) -> list[Problem]:
        raise NotImplementedError


@dataclass
class Problem(StopBuild):
    """A problem in the project's input: an error stops the build, a warning is printed.

    ``str(problem)`` reads ``path:line: message`` followed by an indented ``fix:`` line, the form
    editors and CI logs turn into clickable locations.
    """

    message: str
    file: str | Path | None = None
    line: int | None = None
    fix: str | None = None
    severity: Severity = "error"

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def problems(self) -> list[Problem]:
        return [self]

    @property
    def location(self) -> str:
        if self.file is None:
            return ""
        where = display_path(self.file)
        return f"{where}:{self.line}" if self.line else where

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n    fix: {self.fix}" if self.fix else head


# The name the code used before problems had a severity; the same class.
BuildError = Problem


class BuildErrors(StopBuild):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors: list[Problem]):
        self.errors = list(errors)
        super().__init__(str(self))

    @property
    def problems(self) -> list[Problem]:
        return self.errors

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"The build stopped: {count} problem{'s' if count != 1 else ''} to fix."
        return "\n".join([head, *(f"- {e}" for e in self.errors)])


def problem_at(file: str | Path | None, line: int | None = None) -> Callable[..., Problem]:
    """A maker of problems at one place: ``at(message, fix=…, severity=…)``."""
    return partial(Problem, file=file, line=line)


class Problems:
    """Every problem one run finds, errors and warnings apart."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

    def add(self, problem: Problem) -> None:
        (self.warnings if problem.severity == "warning" else self.errors).append(problem)

    def collect(self, problems: Iterable[Problem]) -> None:
        """Add every problem a check yields, and, if it stops (raises), the problems it stopped for."""
        try:
            for problem in problems:
                self.add(problem)
        except StopBuild as stop:
            for problem in stop.problems:
                self.add(problem)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BuildErrors(self.errors)


def stop_if_any(problems: Iterable[Problem]) -> None:
    """Gather what a check yields; stop the build, with every error, if there is one."""
    found = Problems()
    found.collect(problems)
    found.raise_if_any()


def display_path(path: str | Path) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
