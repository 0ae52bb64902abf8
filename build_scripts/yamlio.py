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
    for index, key in enumerate(keys):
        if key in keys[:index]:  # the second one, where the contributor's eye should go
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice in one mapping", node.value[index][0].start_mark
            )
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


class LineList(list):
    """A list that knows the line of each of its items (a scalar item cannot carry its own)."""

    line: int = 0
    item_lines: list[int]


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_sequence(node, deep=True))
    items.line = node.start_mark.line + 1
    items.item_lines = [item.start_mark.line + 1 for item in node.value]
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(path: Path, *, what: str) -> Any:
    """Load a YAML file; a missing file or a syntax error becomes a BuildError."""
    if not path.is_file():
        raise BuildError(f"{what} is missing", file=path, fix=f"create {path.name}")
    try:
        return yaml.load(read_text(path), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark else None
        twice = "appears twice" in str(exc.problem or exc.context)
        raise BuildError(
            f"{what} is not valid YAML: {exc.problem or exc.context}",
            file=path,
            line=line,
            fix="keep one of the two (YAML would silently use the last)"
            if twice
            else "check the indentation and quoting on that line (quote text containing ': ')",
        ) from None


def load_list(path: Path, *, what: str, first_key: str, required: bool = True) -> list:
    """A YAML file that is a list of entries (the registry, the glossary, the changes log); an
    empty file is an empty list, anything else a located error."""
    if not required and not path.is_file():
        return []
    entries = load_yaml(path, what=what)
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise BuildError(
            f"{what} must be a YAML list of entries",
            file=path,
            line=line_of(entries) or 1,
            fix=f"start each entry with '- {first_key}: …' (see the comment at the top of {path.name})",
        )
    return entries


def item_line(items: list, index: int) -> int | None:
    """The line of ``items[index]`` in its YAML file."""
    lines = getattr(items, "item_lines", None)
    return line_of(items[index]) or (lines[index] if lines and index < len(lines) else None)


def entry_label(kind: str, entry: Any, index: int, key: str = "id") -> str:
    """How an error names an entry: "glossary term 'fto'", or "glossary term #3" without an id."""
    if isinstance(entry, dict) and isinstance(entry.get(key), str):
        return f"{kind} '{entry[key]}'"
    return f"{kind} #{index + 1}"


def line_of(obj: Any) -> int | None:
    return getattr(obj, "line", None) or None
