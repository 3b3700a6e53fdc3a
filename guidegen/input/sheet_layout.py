"""Where the grid is in a sheet as HR keeps it: the header row (below title and owner rows), whether levels
are columns or rows, the column of competency names, and what every other column and row is.

Levels kept as rows are read as the same grid turned a quarter, so everything after the turn sees levels as
columns; each cell keeps its place in the file for messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from guidegen.input.sheet_table import Table
from guidegen.input.sheet_text import one_line
from guidegen.input.sheet_words import header_kind, is_footnote, track_marker

HEADER_SEARCH_ROWS = 15  # titles, owners, dates and a blank row or two may stand above the header
NOTE_LENGTH = 80  # a level's title is never this long; a note often is
_LINK_OR_DATE = re.compile(r"(?i)^(?:https?://\S+|www\.\S+|mailto:\S+|\d{4}-\d{2}-\d{2}(?:T[\d:.]+)?|"
                           r"\d{1,2}[./]\d{1,2}[./]\d{2,4})$")


@dataclass
class Layout:
    """What each column and row of a (turned, where levels were rows) table holds; indices are the table's."""

    header: int
    name: int
    levels: str  # "columns" or "rows": as the file keeps them
    rungs: list[int] = field(default_factory=list)
    description: int | None = None
    group: int | None = None
    skipped: list[int] = field(default_factory=list)  # columns that are not levels: notes, owners, links
    notes: list[int] = field(default_factory=list)  # a note where a level's title would be, nothing under it
    unheaded: list[int] = field(default_factory=list)  # columns with cells but no header
    repeated: list[tuple[int, int]] = field(default_factory=list)  # (column, the column it repeats)
    track_row: int | None = None
    summary_row: int | None = None  # a row of level descriptions (with levels as rows: a Description column)
    skipped_rows: list[int] = field(default_factory=list)  # rows named like columns that are not levels
    title: str | None = None  # a title row above the header
    language: str | None = None  # the language the header is in, where it is not English


def _words(table: Table, row: int) -> list[str | None]:
    return [header_kind(one_line(table.cell(row, column))) for column in range(table.width)]


def find_header(table: Table, levels: str | None, guess: bool) -> tuple[int, int, str] | None:
    """(header row, name column, "columns" or "rows"): the first row in the first rows with a competency word
    (levels as columns) or a level word (levels as rows) in a cell; ``levels`` forces one reading. With
    ``guess``, a header with an empty corner cell over the names is taken too."""
    for row in range(min(HEADER_SEARCH_ROWS, table.height)):
        if sum(1 for value in table.rows[row] if value) < 2:
            continue  # a title ("Skills") or a note: a header names the competencies and something beside them
        kinds = _words(table, row)
        if "competency" in kinds and levels != "rows":
            return row, kinds.index("competency"), "columns"
        if "level" in kinds and levels != "columns":
            return row, kinds.index("level"), "rows"
        if "competency" in kinds and levels == "rows":  # a corner cell naming the competencies across
            return row, kinds.index("competency"), "rows"
    return _empty_corner(table, levels or "columns") if guess else None


def _empty_corner(table: Table, levels: str) -> tuple[int, int, str] | None:
    """A header row with nothing over the names: the first row whose first used column is empty while two
    cells beside it are not, and the row below names something in that column."""
    used = [column for column in range(table.width) if any(table.cell(row, column) for row in range(table.height))]
    if not used:
        return None
    first = used[0]
    for row in range(min(HEADER_SEARCH_ROWS, table.height - 1)):
        beside = sum(1 for column in used[1:] if table.cell(row, column))
        if not table.cell(row, first) and beside >= 2 and table.cell(row + 1, first):
            return row, first, levels
    return None


def title_above(table: Table, header: int, name: int) -> str | None:
    """The sheet's title: the first row above the header that holds one cell of text, at the left (not over
    the levels, where a track's name stands)."""
    for row in range(header):
        filled = [column for column in range(table.width) if table.cell(row, column)]
        if len(filled) == 1 and filled[0] <= name and len(text := one_line(table.cell(row, filled[0]))) <= 150 \
                and not (":" in text and header_kind(text.split(":")[0]) == "skip"):  # "Owner: People team"
            return text
    return None


def turn_levels(table: Table, header: int, name: int) -> tuple[Table, int, int]:
    """A table whose levels are rows, turned so that they are columns: (table, header row, name column).
    Rows above the header are dropped, but for the one just above it when it heads groups of competency
    columns (a merged "Craft" over three competencies)."""
    keep = list(range(header, table.height))
    above = header - 1
    if above >= 0 and not table.cell(above, name) and any(table.cell(above, column) for column in range(table.width)):
        keep.insert(0, above)
    turned = table.without_rows(keep).turn()
    return turned, name, keep.index(header)


def classify(table: Table, header: int, name: int, levels: str) -> Layout:
    """Each column's part: names, description, group, a level (a rung), or not a level; then the rows that
    are not competencies: tracks, level descriptions and rows named like notes."""
    layout = Layout(header, name, levels)
    titles: dict[str, int] = {}
    for column in range(table.width):
        if column == name:
            continue
        text = one_line(table.cell(header, column))
        kind = header_kind(text)
        filled = any(table.cell(row, column) for row in range(header + 1, table.height))
        if kind == "description" and layout.description is None:
            layout.description = column
        elif kind == "group" and layout.group is None:
            layout.group = column
        elif column < name:
            if not text and filled and layout.group is None:
                layout.group = column  # merged group cells before the names, their header left empty
            elif filled:
                layout.skipped.append(column)
        elif kind is not None or (text and filled and _links_or_dates(table, header, column)):
            layout.skipped.append(column)
        elif text and not filled and (is_footnote(text) or len(text) > NOTE_LENGTH):
            layout.notes.append(column)  # with levels as rows, a note below the levels turns into a column
        elif not text:
            if filled:
                layout.unheaded.append(column)
        elif text.casefold() in titles:
            layout.repeated.append((column, titles[text.casefold()]))
        else:
            titles[text.casefold()] = column
            layout.rungs.append(column)
    _special_rows(table, layout)
    return layout


def _links_or_dates(table: Table, header: int, column: int) -> bool:
    values = [one_line(table.cell(row, column)) for row in range(header + 1, table.height)]
    values = [value for value in values if value]
    return bool(values) and all(_LINK_OR_DATE.match(value) for value in values)


def _special_rows(table: Table, layout: Layout) -> None:
    """The track row (named "Track" anywhere, or a row of track names just above the header), the row of level
    descriptions, and rows named like notes."""
    for row in range(table.height):
        if row == layout.header:
            continue
        kind = header_kind(one_line(table.cell(row, layout.name)))
        if kind == "track" and layout.track_row is None:
            layout.track_row = row
        elif row > layout.header and kind == "description" and layout.summary_row is None:
            layout.summary_row = row
        elif row > layout.header and kind in ("skip", "group", "level"):
            layout.skipped_rows.append(row)
    if layout.track_row is None and layout.header > 0 and _names_tracks(table, layout, layout.header - 1):
        layout.track_row = layout.header - 1


def _names_tracks(table: Table, layout: Layout, row: int) -> bool:
    """Whether ``row`` (just above the header) names tracks over the rung columns: nothing outside them, and
    not one name over every rung from the first (that is a title), unless it names a known track."""
    rungs = set(layout.rungs)
    outside = [column for column in range(table.width) if column not in rungs]
    if any(table.cell(row, column) for column in outside):
        return False
    names = {}
    for column in layout.rungs:
        first = table.first_of_merge(row, column)
        text = one_line(table.cell(*first) if first else table.cell(row, column))
        if text:
            names[column] = text
    if not names:
        return False
    if len(set(names.values())) == 1 and layout.rungs[0] in names and not track_marker(next(iter(names.values()))):
        return False
    return True
