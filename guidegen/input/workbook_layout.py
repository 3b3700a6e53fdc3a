"""The shape of the workbook ``guidegen export`` writes and ``guidegen import`` reads back whole.

Sheet one is the competency grid, for people to read and edit: a row of rung ids, for a ladder that forks
a row of track ids and one of track names, then the header (Competency, Description, Group, one column per
rung, Competency id) and one row per competency. The CSV export is that sheet alone. The other sheets hold
the rest of the ladder: ``Ladder`` (one row per value: title, labels, introduction, ... as Field and
Value, a list as one row per item), ``Rungs`` and ``Tracks`` (one row per record, its columns named as
the YAML keys, ``leadership.name``; a list runs down the rows under its record's first row).

Columns come from the ladder's models, so a field added to the schema gets a column without a change
here; a field of a shape no column can hold raises at once (the tests export every model).

Text that a spreadsheet would take for a formula (it starts with = + - @, a tab or a carriage return) is
written as text: a string cell marked "quote prefix" in the workbook, an apostrophe before it in the CSV
(see ``csv_escape``), and read back unchanged.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from guidegen.input.schema import Competency, Ladder, Rung, Track

# A custom document property marks the workbook as ours: Excel and LibreOffice keep it when they save.
MARKER_NAME = "guidegen"
MARKER_VALUE = "ladder workbook 1"

LADDER_SHEET, RUNGS_SHEET, TRACKS_SHEET = "Ladder", "Rungs", "Tracks"
DATA_SHEETS = (LADDER_SHEET, RUNGS_SHEET, TRACKS_SHEET)
FIELD_HEADER, VALUE_HEADER = "Field", "Value"

# The grid's first column labels its rows of ids and names; the header row starts with COMPETENCY.
RUNG_ID, TRACK_ID, TRACK_NAME = "Rung id", "Track id", "Track"
COMPETENCY, COMPETENCY_ID = "Competency", "Competency id"
GRID_FIELDS = ("id", "name", "expectations")  # a competency's fields the grid shows in their own places

# Fields kept out of the Ladder sheet: each has a sheet of its own (competencies: the grid).
LADDER_RECORDS = ("rungs", "competencies", "tracks")

_FORMULA_START = "=+-@\t\r"
_CSV_GUARDED = re.compile(r"'*[=+\-@\t\r]")  # text that gets one apostrophe more in a CSV
_CSV_ADDED = re.compile(r"'+[=+\-@\t\r]")  # a cell that got one


@dataclass(frozen=True)
class Column:
    """One column of a record sheet (or one Field of the Ladder sheet).

    ``path`` leads from the record to the value (``("example", "story")``); ``list_at`` is the index in
    ``path`` of the list whose items run down the rows (``("leadership", "name")`` with 0: each row one
    skill's name; ``("conclusion", "paragraphs")`` with 1), None for a single value."""

    path: tuple[str, ...]
    list_at: int | None = None

    @property
    def header(self) -> str:
        return ".".join(self.path)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type a field holds without Optional and Annotated, and whether it is a list of it."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if origin in (typing.Union, types.UnionType) and len(args) == 1 or origin is typing.Annotated:
            annotation = args[0]
        elif origin is list and not is_list:
            annotation, is_list = args[0], True
        else:
            return annotation, is_list


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def columns(model: type[BaseModel], skip: tuple[str, ...] = (), prefix: tuple[str, ...] = (),
            list_at: int | None = None) -> list[Column]:
    """The columns that hold every field of ``model`` but ``skip``, in the model's order."""
    found: list[Column] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind, is_list = _unwrap(info.annotation)
        path = (*prefix, name)
        if is_list and list_at is not None:
            raise TypeError(f"{'.'.join(path)}: a list inside a list has no column in the workbook")
        where = len(path) - 1 if is_list else list_at
        if kind is str:
            found.append(Column(path, where))
        elif _is_model(kind):
            found += columns(kind, (), path, where)
        else:
            raise TypeError(f"{'.'.join(path)}: a field of type {kind!r} has no column in the workbook")
    return found


def ladder_columns() -> list[Column]:
    return columns(Ladder, LADDER_RECORDS)


def rung_columns() -> list[Column]:
    return columns(Rung)


def track_columns() -> list[Column]:
    return columns(Track)


def competency_extras() -> list[str]:
    """The competency fields the grid shows between its name and the rungs (description, group)."""
    extras = columns(Competency, GRID_FIELDS)
    if any(column.list_at is not None or len(column.path) > 1 for column in extras):
        raise TypeError("a competency field that is not plain text has no column in the grid")
    return [column.path[0] for column in extras]


def extra_header(field: str) -> str:
    """``group`` as the grid heads its column: ``Group``."""
    return field.replace("_", " ").capitalize()


def value_at(data: Any, path: tuple[str, ...]) -> Any:
    """``data[path[0]][path[1]]...``, or None where a step is missing."""
    for step in path:
        if not isinstance(data, dict) or data.get(step) is None:
            return None
        data = data[step]
    return data


def record_rows(record: dict[str, Any], record_columns: list[Column]) -> list[list[str]]:
    """``record`` (plain data) as rows of text, one cell per column: single values on the first row, each
    list's items down the rows."""
    cells: dict[tuple[int, int], str] = {}
    for index, column in enumerate(record_columns):
        if column.list_at is None:
            value = value_at(record, column.path)
            if value is not None:
                cells[0, index] = str(value)
            continue
        items = value_at(record, column.path[:column.list_at + 1]) or []
        for row, item in enumerate(items):
            value = value_at(item, column.path[column.list_at + 1:]) if column.path[column.list_at + 1:] else item
            if value is not None:
                cells[row, index] = str(value)
    height = max((row for row, _ in cells), default=0) + 1
    return [[cells.get((row, index), "") for index in range(len(record_columns))] for row in range(height)]


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take ``text``, typed into a cell, for a formula (or evaluate it later)."""
    return text[:1] in _FORMULA_START if text else False


def csv_escape(text: str) -> str:
    """``text`` for a CSV cell that no spreadsheet evaluates: an apostrophe before text that starts with a
    formula character, and before text that already starts with apostrophes and then one, so that
    ``csv_unescape`` can tell an added apostrophe from a typed one."""
    return "'" + text if _CSV_GUARDED.match(text) else text


def csv_unescape(cell: str) -> str:
    """A CSV cell's text as it was before ``csv_escape``: the one apostrophe it added taken off, no other."""
    return cell[1:] if _CSV_ADDED.match(cell) else cell
