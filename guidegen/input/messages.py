"""Pydantic's validation errors worded for a person, each about one value of a YAML file."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from guidegen.input.schema import BIDI_CONTROLS

Path_ = tuple[str | int, ...]


def dotted(path: Path_) -> str:
    """``("rungs", 2, "title")`` as ``rungs[2].title``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _unwrap(annotation: Any) -> Any:
    """The type a field holds, looking through Annotated, list and Optional."""
    while True:
        origin = typing.get_origin(annotation)
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if args and origin in (typing.Annotated, list, typing.Union, types.UnionType):
            annotation = args[0]
        else:
            return annotation


def _model_at(root: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _unwrap(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _field_owner(model: type[BaseModel], name: str) -> str | None:
    """The field of ``model`` whose own model has a field ``name``: where a mis-indented key belongs."""
    for field_name, field_info in model.model_fields.items():
        inner = _unwrap(field_info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and name in inner.model_fields:
            return field_name
    return None


_TYPE_WORDS = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
               list: "a list", dict: "a mapping", type(None): "empty"}


def plain_message(error: dict[str, Any], root: type[BaseModel]) -> str:
    kind, loc, value = error["type"], tuple(error["loc"]), error.get("input")
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        parent = _model_at(root, loc[:-1])
        allowed = sorted(parent.model_fields) if parent else []
        import difflib  # only when a file has an unknown key

        owner = _field_owner(parent, str(loc[-1])) if parent else None
        if owner:
            return (f"unknown field {loc[-1]!r} here: it belongs under {owner!r}; indent it below that key "
                    f"(allowed here: {', '.join(allowed)})")
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = f"unknown field {loc[-1]!r}"
        if hint:
            message += f"; did you mean {hint[0]!r}?"
        if allowed:
            message += f" (allowed: {', '.join(allowed)})"
        return message
    found = _TYPE_WORDS.get(type(value), type(value).__name__)
    if kind == "string_type":
        return f"must be text, not {found}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields, not {found}"
    if kind == "list_type":
        return f"must be a list, not {found}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "too_short":
        return "must list at least one item"
    if kind == "too_long":
        ctx = error.get("ctx", {})
        actual = ctx.get("actual_length")
        return (f"lists {actual} items; at most {ctx.get('max_length')} are allowed" if actual is not None
                else f"lists more than {ctx.get('max_length')} items, the most allowed")
    if kind == "string_too_long":
        return f"is too long (at most {error['ctx']['max_length']} characters)"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "id":
            return f"{value!r} is not a valid id: use lowercase letters, digits and hyphens, like 'senior-pm'"
        if loc and loc[-1] == "language":
            return f"{value!r} is not a language tag like 'en' or 'en-US'"
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" or ord(c) == 127 for c in value):
            return "contains a control character, which no document can show"
        if isinstance(value, str) and (bidi := next((c for c in value if c in BIDI_CONTROLS), None)):
            return (f"contains the bidirectional control U+{ord(bidi):04X}, which makes text read otherwise than "
                    f"it is written; remove it (isolates, U+2066 to U+2069, are allowed)")
        return f"{value!r} does not have the expected form"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


def validate_into(document, model: type[BaseModel], data: Any, at: Path_ = ()):
    """``data`` as ``model``, or None with each of pydantic's errors added to ``document`` (a YAML file or a
    spreadsheet, each of which knows where a value came from) in plain words."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = at + tuple(error["loc"])
            document.add(loc, plain_message({**error, "loc": tuple(error["loc"])}, model),
                         key=error["type"] == "extra_forbidden")
        return None
