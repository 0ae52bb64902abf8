"""JSON Schemas for the project's hand-written YAML files, and errors that say how to fix them."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from ..errors import BuildError
from ..yamlio import line_of

SCHEMA_DIR = Path(__file__).parent


@cache
def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def schema_errors(
    instance: Any, schema_name: str, *, file: Path, what: str, dates_as_strings: bool = False, line: int | None = None
) -> list[BuildError]:
    """Validate ``instance``; return one BuildError per problem, located and with a fix.
    ``dates_as_strings``: accept YAML dates where the schema wants a string (checked as ISO text)."""
    schema = load_schema(schema_name)
    if dates_as_strings:
        instance = _dates_to_text(instance)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    found = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        problem = _to_build_error(error, instance, schema, file=file, what=what)
        problem.line = problem.line or line
        found.append(problem)
    return found


def _to_build_error(
    error: jsonschema.ValidationError, instance: Any, schema: dict, *, file: Path, what: str
) -> BuildError:
    parent = _parent_of(instance, list(error.path))
    line = line_of(parent) or line_of(instance)
    field = ".".join(str(p) for p in error.path)
    where = f"{what}, field '{field}'" if field else what
    if error.validator == "required":
        missing = error.message.split("'")[1]
        doc = _describe(schema, [*error.path, missing])
        fix = f"add `{missing}:`" + (f" ({doc})" if doc else "")
        return BuildError(f"{what}: the required field '{missing}' is missing", file=file, line=line, fix=fix)
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(_properties(schema, list(error.path))))
        return BuildError(
            f"{where}: {error.message}", file=file, line=line, fix=f"remove or rename it; allowed fields are: {allowed}"
        )
    if error.validator == "enum":
        options = ", ".join(map(str, error.validator_value))
        return BuildError(
            f"{where}: {error.instance!r} is not allowed", file=file, line=line, fix=f"use one of: {options}"
        )
    if error.validator == "pattern":
        doc = _describe(schema, list(error.path))
        return BuildError(
            f"{where}: {error.instance!r} has the wrong form",
            file=file,
            line=line,
            fix=doc or f"match the pattern {error.validator_value}",
        )
    if error.validator in ("anyOf", "allOf", "if", "then") and not field:
        return BuildError(f"{what}: {_plain(error)}", file=file, line=line, fix=_combinator_fix(error))
    doc = _describe(schema, list(error.path))
    return BuildError(
        f"{where}: {error.message}", file=file, line=line, fix=doc or "see the schema in build_scripts/schemas/"
    )


def _dates_to_text(value: Any) -> Any:
    """A copy with dates as ISO text (so patterns and formats apply), keeping each mapping's line."""
    if isinstance(value, dict):
        copy = type(value)((k, _dates_to_text(v)) for k, v in value.items())
        if hasattr(value, "line"):
            copy.line = value.line
        return copy
    if isinstance(value, list):
        return [_dates_to_text(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return error.message
    return "the entry does not meet the schema's rules"


def _combinator_fix(error: jsonschema.ValidationError) -> str:
    for sub in error.context or []:
        if sub.validator == "required":
            return sub.message.replace(" is a required property", " is required here")
    return "see the rules at the end of the schema in build_scripts/schemas/"


def _parent_of(instance: Any, path: list) -> Any:
    node = instance
    best = instance
    for key in path:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if line_of(node):
            best = node
    return best


def _subschema(schema: dict, path: list) -> dict:
    node = schema
    for key in path:
        if isinstance(key, int):
            node = node.get("items", {})
        else:
            props = node.get("properties", {})
            if key in props:
                node = props[key]
            elif isinstance(node.get("additionalProperties"), dict):
                node = node["additionalProperties"]
            else:
                return {}
    return node


def _describe(schema: dict, path: list) -> str:
    return _subschema(schema, path).get("description", "")


def _properties(schema: dict, path: list) -> list[str]:
    return list(_subschema(schema, path).get("properties", {}))
