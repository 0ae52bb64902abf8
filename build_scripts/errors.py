"""Build errors that name the file, the line and the fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class BuildError(Exception):
    """A problem in the project's input that stops the build.

    ``str(error)`` reads ``path:line: message`` followed by an indented ``fix:`` line, the form
    editors and CI logs turn into clickable locations.
    """

    message: str
    file: str | Path | None = None
    line: int | None = None
    fix: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    @property
    def location(self) -> str:
        if self.file is None:
            return ""
        where = _display_path(self.file)
        return f"{where}:{self.line}" if self.line else where

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n    fix: {self.fix}" if self.fix else head


class BuildErrors(Exception):
    """Several build errors found in one pass, reported together."""

    def __init__(self, errors: list[BuildError]):
        self.errors = errors
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"The build stopped: {count} problem{'s' if count != 1 else ''} to fix."
        return "\n".join([head, *(f"- {e}" for e in self.errors)])


# The one shape of a problem a check finds: file, line, message and fix.
Problem = BuildError


class ErrorCollector:
    """Collects errors so that one run reports every problem, not just the first. Checks return
    one (errors and warnings together) and the pre-build merges them."""

    def __init__(self) -> None:
        self.errors: list[BuildError] = []
        self.warnings: list[BuildError] = []

    def add(self, error: BuildError) -> None:
        self.errors.append(error)

    def warn(self, warning: BuildError) -> None:
        self.warnings.append(warning)

    def extend(self, errors: list[BuildError]) -> None:
        self.errors.extend(errors)

    def merge(self, other: ErrorCollector) -> None:
        self.errors.extend(other.errors)
        self.warnings.extend(other.warnings)

    def raise_if_any(self) -> None:
        if self.errors:
            raise BuildErrors(self.errors)


def _display_path(path: str | Path) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
