"""From a sheet's grid, once its layout is known, to ladder data: rungs (with tracks), competencies (with
groups, descriptions and expectations), each value's cell kept for messages. What is not a level or a
competency (a Notes column, a footnote) is said in a note and skipped, never read as one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from guidegen.input.sheet_layout import Layout
from guidegen.input.sheet_names import make_id, rungs_from_levels, track_note
from guidegen.input.sheet_table import Table, column_letter
from guidegen.input.sheet_text import multi_line, one_line
from guidegen.input.sheet_words import is_footnote

GROUP_LENGTH = 60  # a lone cell longer than this between competencies is a note, not a group's name


def value(table: Table, layout: Layout, row: int, column: int) -> str:
    """A cell's text; a cell inside a merged range below the header reads as the range's first cell (a level's
    expectation merged over two levels holds for both; a group merged down holds for each row)."""
    first = table.first_of_merge(row, column)
    if first is not None and first[0] > layout.header and first[1] != layout.name:
        return table.cell(*first)
    return table.cell(row, column)


def read_grid(document, table: Table, layout: Layout, note: Callable[[str], None]) -> None:
    """Fill ``document`` (a ``SheetDocument``) with the ladder data of ``table`` as ``layout`` reads it."""
    def at(row: int, column: int) -> tuple[int, int]:
        return table.origin(row, column)

    for column in layout.skipped:
        text = one_line(table.cell(layout.header, column)) or "(no header)"
        note(f"{document.where(*at(layout.header, column))}: column {_quoted(text)} is not a level; skipped")
    for column in layout.notes:
        note(f"{document.where(*at(layout.header, column))}: {_quoted(one_line(table.cell(layout.header, column)))} "
             f"is a note, not a level; skipped")
    for row in layout.skipped_rows:
        note(f"{document.where(*at(row, layout.name))}: {_quoted(one_line(table.cell(row, layout.name)))} is not a "
             f"competency; skipped")
    for column, first in layout.repeated:
        title = one_line(table.cell(layout.header, column))
        document.add_at(*at(layout.header, column), f"{title!r} is already a rung column "
                                                    f"({_letter(document, at(layout.header, first))}); each rung "
                                                    f"needs a column of its own")
    for column in layout.unheaded:
        document.add_at(*at(layout.header, column), "this column has expectations but no header: head it with "
                                                    "the rung's title")
    if not layout.rungs:
        document.add_at(*at(layout.header, min(layout.name + 1, table.width - 1)),
                        "no rung columns: beside 'Competency' (and 'Description' or 'Group'), give one column per "
                        "rung, headed with its title")
        return
    rungs, rung_ids = _rungs(document, table, layout, note)
    competencies = _competencies(document, table, layout, rung_ids, note)
    document.data["rungs"], document.data["competencies"] = rungs, competencies


def _quoted(text: str, length: int = 60) -> str:
    """A cell's text in a message: quoted, and cut after a few words when it is long."""
    return repr(text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…")


def _letter(document, origin: tuple[int, int]) -> str:
    """A column's name as the file shows it: its letter in a workbook, its number in a CSV file."""
    return column_letter(origin[1]) if document.sheet is not None else f"column {origin[1]}"


def _rungs(document, table: Table, layout: Layout, note) -> tuple[list[dict], dict[int, str]]:
    """The rungs in ladder order, their tracks declared in ``document.data``, and each rung column's id."""
    titles = [one_line(table.cell(layout.header, column)) for column in layout.rungs]
    named: list[str | None] = [None] * len(titles)
    if layout.track_row is not None:
        for position, column in enumerate(layout.rungs):
            first = table.first_of_merge(layout.track_row, column)
            named[position] = one_line(table.cell(*first) if first else table.cell(layout.track_row, column)) or None
    rungs, order, tracks = rungs_from_levels(titles, named)
    columns = [layout.rungs[index] for index in order]
    for position, column in enumerate(columns):
        document.cells[("rungs", position)] = document.cells[("rungs", position, "title")] = \
            table.origin(layout.header, column)
        if layout.summary_row is not None and (summary := one_line(value(table, layout, layout.summary_row, column))):
            rungs[position]["what_it_is"] = summary
            document.cells[("rungs", position, "what_it_is")] = table.origin(layout.summary_row, column)
    if tracks:
        row = layout.track_row
        source = "the level names" if row is None else \
            f"the track names at {document.where(*table.origin(row, layout.name))}"
        note(f"{document.label}{'' if document.sheet is None else ':' + document.sheet}: "
             f"{track_note(rungs, tracks, source)}")
        document.data["tracks"] = tracks
        for index, track in enumerate(tracks):
            column = next(column for column, rung in zip(columns, rungs) if rung.get("track") == track["id"])
            document.cells[("tracks", index)] = table.origin(layout.header if row is None else row, column)
    return rungs, {column: rung["id"] for column, rung in zip(columns, rungs)}


def _competencies(document, table: Table, layout: Layout, rung_ids: dict[int, str], note) -> list[dict[str, Any]]:
    """A competency for each named row under the header; group section rows and notes below the grid said
    apart; a row with expectations but no name, or a name given twice, recorded as problems."""
    skip = {layout.header, layout.track_row, layout.summary_row, *layout.skipped_rows}
    rows = [row for row in range(layout.header + 1, table.height) if row not in skip]
    filled_rows = [row for row in rows if any(value(table, layout, row, column) for column in rung_ids)]
    last_filled = filled_rows[-1] if filled_rows else -1
    competencies: list[dict[str, Any]] = []
    names: dict[str, int] = {}
    taken: set[str] = set()
    group = section = None
    previous: tuple[int, dict] | None = None  # the last competency's row, for a name merged down several rows
    for row in rows:
        name_first = table.first_of_merge(row, layout.name)
        if name_first is not None and previous is not None and name_first[0] == previous[0]:
            _continue(previous[1], table, layout, row, rung_ids)
            continue
        if layout.group is not None and (cell := one_line(value(table, layout, row, layout.group))):
            group = cell
        lone = _lone_cell(table, layout, row, rung_ids)
        if lone is not None:
            text = one_line(table.cell(row, lone))
            if is_footnote(text) or row > last_filled or len(text) > GROUP_LENGTH:
                note(f"{document.where(*table.origin(row, lone))}: {_quoted(text)} is a note, not a competency; "
                     f"skipped")
            elif lone != layout.group:
                section = text
            continue
        competency = _competency(document, table, layout, row, rung_ids, names, taken, group or section,
                                 len(competencies))
        if competency is not None:
            competencies.append(competency)
            previous = (row, competency)
    if not competencies and not document.problems:
        document.add_at(*table.origin(min(layout.header + 1, table.height - 1), layout.name),
                        "no competencies: add one row per competency below the header")
    return competencies


def _lone_cell(table: Table, layout: Layout, row: int, rung_ids: dict[int, str]) -> int | None:
    """The column of the only cell of a row with no expectation and no description (a group's name over the
    rows that follow, or a note), or None."""
    if any(value(table, layout, row, column) for column in rung_ids):
        return None
    if layout.description is not None and table.cell(row, layout.description):
        return None
    filled = [column for column in range(table.width) if table.cell(row, column)]
    return filled[0] if len(filled) == 1 else None


def _competency(document, table: Table, layout: Layout, row: int, rung_ids: dict[int, str], names: dict[str, int],
                taken: set[str], group: str | None, position: int) -> dict[str, Any] | None:
    origin = table.origin(row, layout.name)
    name = one_line(table.cell(row, layout.name))
    expectations = {rung_id: multi_line(text) for column, rung_id in rung_ids.items()
                    if (text := value(table, layout, row, column))}
    description = multi_line(table.cell(row, layout.description)) if layout.description is not None else ""
    if not name:
        if expectations or description:
            document.add_at(*origin, "this row has expectations but no competency name")
        return None
    if name.casefold() in names:
        document.add_at(*origin, f"{name!r} is already a competency (row {names[name.casefold()]}); give each "
                                 f"competency one row")
        return None
    names[name.casefold()] = origin[0]
    competency: dict[str, Any] = {"id": make_id(name, taken, f"competency-{position + 1}"), "name": name}
    document.cells[("competencies", position)] = document.cells[("competencies", position, "name")] = origin
    if description:
        competency["description"] = description
        document.cells[("competencies", position, "description")] = table.origin(row, layout.description)
    if group:
        competency["group"] = group
        if layout.group is not None:
            document.cells[("competencies", position, "group")] = table.origin(row, layout.group)
    competency["expectations"] = expectations
    for column, rung_id in rung_ids.items():
        document.cells[("competencies", position, "expectations", rung_id)] = table.origin(row, column)
    return competency


def _continue(competency: dict, table: Table, layout: Layout, row: int, rung_ids: dict[int, str]) -> None:
    """A row under a competency whose name is merged down over it: its cells add lines to the competency's."""
    for column, rung_id in rung_ids.items():
        text = multi_line(table.cell(row, column))
        if text:
            before = competency["expectations"].get(rung_id)
            competency["expectations"][rung_id] = f"{before}\n{text}" if before else text
