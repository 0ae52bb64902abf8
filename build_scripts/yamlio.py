"""YAML loading that remembers the line each mapping starts on, for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import BuildError
from .textfile import read_text


class LineDict(dict):
    """A dict that knows the (1-based) line of the YAML mapping it was read from."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    keys = [loader.construct_object(k, deep=True) for k, _ in node.value]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        key = sorted(map(str, duplicates))[0]
        raise yaml.constructor.ConstructorError(
            None, None, f"the key '{key}' appears twice in one mapping", node.start_mark
        )
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(path: Path, *, what: str) -> Any:
    """Load a YAML file; a missing file or a syntax error becomes a BuildError."""
    if not path.is_file():
        raise BuildError(f"{what} is missing", file=path, fix=f"create {path.name}")
    try:
        return yaml.load(read_text(path), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        raise BuildError(
            f"{what} is not valid YAML: {exc.problem or exc.context}",
            file=path,
            line=line,
            fix="check the indentation and quoting on that line (quote text containing ': ')",
        ) from None


def line_of(obj: Any) -> int | None:
    return getattr(obj, "line", None) or None
