"""A sheet's cells as text, what the CSV and workbook readers hand to the layout: rectangular, trailing empty
rows and columns trimmed, merged ranges known cell by cell, and each cell's place in the file kept through
cropping and turning (levels as rows are read as the same grid turned a quarter).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from guidegen.errors import InputFileError

# Far above any framework (the largest have a dozen levels and a few dozen competencies), low enough that a
# hostile sheet cannot make the layout's work grow.
MAX_ROWS, MAX_COLUMNS = 1_000, 120
MAX_MERGED_RANGES = 5_000


def column_letter(column: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: Any) -> str:
    """A cell's value as text: numbers as written (3, not 3.0), dates as ISO dates; line breaks kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        value = value.date()
    if isinstance(value, (date, datetime, time)):
        value = value.isoformat()
    return str(value).strip()


@dataclass
class Table:
    """Cells as text, ``rows[r][c]`` (0-based), with where each came from in the file (1-based)."""

    rows: list[list[str]]
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # covered cell -> first cell
    row_origin: list[int] = field(default_factory=list)
    column_origin: list[int] = field(default_factory=list)
    turned: bool = False  # rows and columns swapped: levels were rows

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def cell(self, row: int, column: int) -> str:
        return self.rows[row][column] if 0 <= row < self.height and 0 <= column < self.width else ""

    def first_of_merge(self, row: int, column: int) -> tuple[int, int] | None:
        """The first cell of the merged range that covers this one (and is not it), if any."""
        return self.merged.get((row, column))

    def origin(self, row: int, column: int) -> tuple[int, int]:
        """(row, column) in the file, 1-based, of cell (row, column) here."""
        if self.turned:
            return self.column_origin[column], self.row_origin[row]
        return self.row_origin[row], self.column_origin[column]

    def turn(self) -> Table:
        """The same cells with rows as columns."""
        rows = [list(column) for column in zip(*self.rows)] if self.rows else []
        merged = {(c, r): (fc, fr) for (r, c), (fr, fc) in self.merged.items()}
        return Table(rows, merged, self.column_origin, self.row_origin, not self.turned)

    def without_rows(self, keep: list[int]) -> Table:
        """Only the rows ``keep`` (indices, in order); merges within them kept."""
        position = {old: new for new, old in enumerate(keep)}
        merged = {(position[r], c): (position[fr], fc) for (r, c), (fr, fc) in self.merged.items()
                  if r in position and fr in position}
        return Table([self.rows[r] for r in keep], merged, [self.row_origin[r] for r in keep],
                     self.column_origin, self.turned)


def make_table(label: str, rows: list[list[str]], merges: list[tuple[int, int, int, int]] = ()) -> Table:
    """A ``Table`` from rows of text (row 1 first) and merged ranges (first row, first column, last row, last
    column; 1-based): padded to a rectangle, trailing empty rows and columns dropped, each range clipped to
    the cells there are. Ranges that overlap (no spreadsheet writes them) are refused, so the cells they cover
    never outnumber the sheet's."""
    height = max((index + 1 for index, row in enumerate(rows) if any(row)), default=0)
    width = max((max((index + 1 for index, value in enumerate(row) if value), default=0) for row in rows[:height]),
                default=0)
    grid = [(row[:width] + [""] * (width - len(row)))[:width] for row in rows[:height]]
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for first_row, first_column, last_row, last_column in merges:
        top, left = first_row - 1, first_column - 1
        if top >= height or left >= width:
            continue
        for row in range(top, min(last_row, height)):
            for column in range(left, min(last_column, width)):
                if (row, column) == (top, left):
                    continue
                if (row, column) in merged:
                    raise InputFileError([f"{label}: merged ranges overlap at {column_letter(column + 1)}{row + 1}; "
                                          f"unmerge them in the spreadsheet"])
                merged[(row, column)] = (top, left)
    return Table(grid, merged, list(range(1, height + 1)), list(range(1, width + 1)))
