"""The sheets of a guidegen workbook as ladder data: the grid, the Ladder sheet, and the record sheets
(Rungs, Tracks), each value with its cell. ``workbook.py`` reads the files and puts these together."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guidegen.errors import InputFileError
from guidegen.input.messages import validate_into
from guidegen.input.spreadsheet import column_letter, make_id
from guidegen.input.workbook_layout import (COMPETENCY, COMPETENCY_ID, FIELD_HEADER, LADDER_SHEET, RUNG_ID, TRACK_ID,
                                            TRACK_NAME, VALUE_HEADER, Column, competency_extras, extra_header,
                                            ladder_columns)

_GRID_SEARCH_ROWS = 10

Path_ = tuple[str | int, ...]
Cell = tuple[str | None, int, int]  # (sheet, row, column), 1-based; no sheet in a CSV file


@dataclass
class WorkbookDocument:
    """Ladder data read from a guidegen workbook or CSV grid, the cell of each value, and the problems found.

    Offers what ``validate_ladder`` asks of a document: ``data``, ``label``, ``add``, ``validate`` and
    ``fail_if_problems``."""

    path: Path
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[Path_, Cell] = field(default_factory=dict)
    problems: list[tuple[Cell, str]] = field(default_factory=list)
    grid_sheet: str | None = None

    @property
    def label(self) -> str:
        return str(self.path)

    def where(self, cell: Cell) -> str:
        """``file.xlsx:Sheet!D7``, or ``file.csv:7:4``."""
        sheet, row, column = cell
        if sheet is None:
            return f"{self.path}:{row}:{column}"
        quoted = sheet if re.fullmatch(r"[A-Za-z0-9_.]+", sheet) else "'" + sheet.replace("'", "''") + "'"
        return f"{self.path}:{quoted}!{column_letter(column)}{row}"

    def add_at(self, cell: Cell, message: str) -> None:
        self.problems.append((cell, message))

    def add(self, loc: Path_, message: str, *, key: bool = False) -> None:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.cells:
                self.add_at(self.cells[loc[:end]], message)
                return
        self.add_at((self.grid_sheet, 1, 1), message)

    def fail_if_problems(self) -> None:
        if self.problems:
            ordered = sorted(self.problems, key=lambda problem: (problem[0][0] or "", problem[0][1], problem[0][2]))
            raise InputFileError([f"{self.where(cell)}: {message}" for cell, message in ordered])

    def validate(self, model: type[BaseModel], data: Any = None, at: Path_ = ()):
        return validate_into(self, model, self.data if data is None else data, at)


def cell_text(rows: list[list[str]], row: int, column: int) -> str:
    """The text at 0-based (row, column), '' beyond the edges; surrounding spaces dropped, as the model drops them."""
    return rows[row][column].strip() if row < len(rows) and column < len(rows[row]) else ""




# The grid ----------------------------------------------------------------------------------------------

@dataclass
class GridColumns:
    """Where the grid's parts are (0-based): its header row, its lead columns and its rung columns."""

    header: int
    extras: dict[str, int]  # description, group: the column of each the grid has
    id_column: int | None
    rungs: dict[int, str]  # column -> rung id
    titles: dict[int, str]  # column -> the rung's title in the header


def grid_columns(document: WorkbookDocument, sheet: str | None, rows: list[list[str]]) -> GridColumns | None:
    """The grid's layout, or None with a problem recorded when its rows of ids or its header are missing."""
    labels = [cell_text(rows, index, 0) for index in range(min(len(rows), _GRID_SEARCH_ROWS))]
    if RUNG_ID not in labels or COMPETENCY not in labels[labels.index(RUNG_ID):]:
        document.add_at((sheet, 1, 1), f"no grid as guidegen export writes it: a row starting {RUNG_ID!r} (the rung "
                                       f"ids), then the header row starting {COMPETENCY!r}")
        return None
    ids_row = labels.index(RUNG_ID)
    header = labels.index(COMPETENCY, ids_row)
    width = max(len(row) for row in rows)
    by_header = {extra_header(name): name for name in competency_extras()}
    columns = GridColumns(header, {}, None, {}, {})
    for column in range(1, width):
        title, rung_id = cell_text(rows, header, column), cell_text(rows, ids_row, column)
        if rung_id:
            columns.rungs[column], columns.titles[column] = rung_id, title
        elif title == COMPETENCY_ID:
            columns.id_column = column
        elif title in by_header and by_header[title] not in columns.extras:
            columns.extras[by_header[title]] = column
        elif title or any(cell_text(rows, row, column) for row in range(header + 1, len(rows))):
            document.add_at((sheet, header + 1, column + 1),
                            f"column {column_letter(column + 1)} ({title or 'no header'}) has no rung id in row "
                            f"{ids_row + 1}: give it the id of a rung, or delete the column")
    return columns


def grid_competencies(document: WorkbookDocument, sheet: str | None, rows: list[list[str]],
                       columns: GridColumns) -> list[dict[str, Any]]:
    """A competency for each row under the header that says anything; its id from the Competency id
    column, or made from its name for a row added without one."""
    competencies: list[dict[str, Any]] = []
    taken = {cell_text(rows, row, columns.id_column) for row in range(columns.header + 1, len(rows))
             if columns.id_column is not None}
    for row in range(columns.header + 1, len(rows)):
        if not any(cell.strip() for cell in rows[row]):
            continue
        at = ("competencies", len(competencies))
        name = cell_text(rows, row, 0)
        given = cell_text(rows, row, columns.id_column) if columns.id_column is not None else ""
        competency: dict[str, Any] = {"id": given or make_id(name, taken, f"competency-{len(competencies) + 1}")}
        document.cells[at] = document.cells[(*at, "name")] = (sheet, row + 1, 1)
        if columns.id_column is not None:
            document.cells[(*at, "id")] = (sheet, row + 1, columns.id_column + 1)
        if name:
            competency["name"] = name
        for key, column in columns.extras.items():
            document.cells[(*at, key)] = (sheet, row + 1, column + 1)
            if cell_text(rows, row, column):
                competency[key] = cell_text(rows, row, column)
        competency["expectations"] = {}
        for column, rung_id in columns.rungs.items():
            document.cells[(*at, "expectations", rung_id)] = (sheet, row + 1, column + 1)
            if cell_text(rows, row, column):
                competency["expectations"][rung_id] = cell_text(rows, row, column)
        competencies.append(competency)
    return competencies


def grid_rungs(document: WorkbookDocument, sheet: str | None, rows: list[list[str]],
                columns: GridColumns) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rungs and tracks the grid itself names (a CSV has nothing else): each rung column's id and title,
    and its track from the rows of track ids and names above the header."""
    labels = [cell_text(rows, index, 0) for index in range(columns.header)]
    track_ids = labels.index(TRACK_ID) if TRACK_ID in labels else None
    track_names = labels.index(TRACK_NAME) if TRACK_NAME in labels else None
    rungs, tracks = [], {}
    for column, rung_id in columns.rungs.items():
        at = ("rungs", len(rungs))
        rung = {"id": rung_id, "title": columns.titles[column]}
        document.cells[at] = document.cells[(*at, "title")] = (sheet, columns.header + 1, column + 1)
        track = cell_text(rows, track_ids, column) if track_ids is not None else ""
        if track:
            rung["track"] = track
            document.cells[(*at, "track")] = (sheet, track_ids + 1, column + 1)
            name = cell_text(rows, track_names, column) if track_names is not None else ""
            if track not in tracks:
                position = ("tracks", len(tracks))
                tracks[track] = {"id": track, **({"name": name} if name else {})}
                document.cells[position] = document.cells[(*position, "id")] = (sheet, track_ids + 1, column + 1)
                if track_names is not None:
                    document.cells[(*position, "name")] = (sheet, track_names + 1, column + 1)
        rungs.append(rung)
    return rungs, list(tracks.values())


# The Ladder, Rungs and Tracks sheets -------------------------------------------------------------------------

def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data.setdefault(step, {})
    data[path[-1]] = value


def _header_map(document: WorkbookDocument, sheet: str, header: list[str],
                known: list[Column]) -> dict[int, Column]:
    """Each column of ``header`` as the field it holds; an unknown heading recorded as a problem."""
    by_name = {column.header: column for column in known}
    found: dict[int, Column] = {}
    for index, title in enumerate(header):
        title = title.strip()
        if title in by_name and by_name[title] not in found.values():
            found[index] = by_name[title]
        elif title:
            document.add_at((sheet, 1, index + 1), f"unknown column {title!r} (columns: "
                                                   f"{', '.join(by_name)})")
    return found


def records(document: WorkbookDocument, sheet: str, rows: list[list[str]], known: list[Column],
            at: str) -> list[dict[str, Any]]:
    """One record (a rung, a track) per row with an id; the rows below it, id empty, carry its lists on."""
    columns = _header_map(document, sheet, rows[0] if rows else [], known)
    id_column = next((index for index, column in columns.items() if column.path == ("id",)), None)
    found: list[dict[str, Any]] = []
    for row in range(1, len(rows)):
        filled = {index: cell_text(rows, row, index) for index in columns if cell_text(rows, row, index)}
        if not filled:
            continue
        starts = id_column is not None and id_column in filled
        if not starts and not found:
            document.add_at((sheet, row + 1, 1), "this row continues no record: give its id in the id column")
            continue
        if starts:
            found.append({})
            document.cells[(at, len(found) - 1)] = (sheet, row + 1, id_column + 1)
        _record_row(document, found[-1], (at, len(found) - 1), (sheet, row), columns, filled, starts)
    return found


def _record_row(document: WorkbookDocument, record: dict[str, Any], at: Path_, where: tuple[str, int],
                columns: dict[int, Column], filled: dict[int, str], starts: bool) -> None:
    """One row's cells into ``record``: single values from its first row only, list items from every row."""
    sheet, row = where
    items: dict[tuple[str, ...], dict[str, Any]] = {}
    for index, column in columns.items():
        cell = (sheet, row + 1, index + 1)
        if column.list_at is None:
            if index in filled and not starts:
                document.add_at(cell, f"{column.header} belongs on the record's first row, the one with its id")
            elif starts:  # the cell is known even when empty, for a title that is missing
                document.cells[(*at, *column.path)] = cell
                if index in filled:
                    _put(record, column.path, filled[index])
            continue
        list_path, rest = column.path[:column.list_at + 1], column.path[column.list_at + 1:]
        if not rest:
            if index in filled:
                values = _list_at(record, list_path)
                document.cells[(*at, *list_path, len(values))] = cell
                values.append(filled[index])
            continue
        group = items.setdefault(list_path, {})  # one item of a list of records (a skill: name, description)
        group[rest] = (filled.get(index), cell)
    for list_path, parts in items.items():
        if any(value for value, _ in parts.values()):
            values = _list_at(record, list_path)
            item: dict[str, Any] = {}
            for rest, (value, cell) in parts.items():
                document.cells[(*at, *list_path, len(values), *rest)] = cell
                if value:
                    _put(item, rest, value)
            document.cells[(*at, *list_path, len(values))] = next(iter(parts.values()))[1]
            values.append(item)


def _list_at(record: dict[str, Any], path: tuple[str, ...]) -> list:
    for step in path[:-1]:
        record = record.setdefault(step, {})
    return record.setdefault(path[-1], [])


def ladder_fields(document: WorkbookDocument, rows: list[list[str]]) -> dict[str, Any]:
    """The Ladder sheet: a Field and a Value on each row; a list's items each on a row of their own."""
    data: dict[str, Any] = {}
    by_name = {column.header: column for column in ladder_columns()}
    first_row: dict[str, int] = {}
    if [cell_text(rows, 0, 0), cell_text(rows, 0, 1)] != [FIELD_HEADER, VALUE_HEADER]:
        document.add_at((LADDER_SHEET, 1, 1), f"the header row must say {FIELD_HEADER!r} and {VALUE_HEADER!r}")
        return data
    for row in range(1, len(rows)):
        name, value = cell_text(rows, row, 0), cell_text(rows, row, 1)
        cell = (LADDER_SHEET, row + 1, 2)
        column = by_name.get(name)
        if not name and not value:
            continue
        if column is None:
            document.add_at((LADDER_SHEET, row + 1, 1), f"unknown field {name!r} (fields: {', '.join(by_name)})"
                            if name else "this value has no field: name it in column A")
        elif not value:
            continue  # a field left empty: not given
        elif column.list_at is None and name in first_row:
            document.add_at(cell, f"{name} is given twice (first on row {first_row[name]})")
        elif column.list_at is None:
            first_row[name] = row + 1
            _put(data, column.path, value)
            document.cells[column.path] = cell
        else:
            values = _list_at(data, column.path)
            document.cells[(*column.path, len(values))] = cell
            values.append(value)
    return data


