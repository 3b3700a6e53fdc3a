"""A competency framework kept as a spreadsheet, read into ladder data with the cell of every value.

Sheets as HR keeps them: a title and owner rows above the header; levels as columns (lowest first) or as
rows; a column of competency names headed "Competency" (or Kompetenz, Compétence, Competencia,
コンピテンシー, الكفاءة ...), beside it optionally Description and Group (before or after, merged group cells,
or group names on rows of their own); a row of track names above the header, a Track row or column, or
tracks named in the levels' names. Columns that are not levels (Notes, Owner, Last reviewed, links) and
notes below the grid are said in a note and skipped. Multi-line cells stay lists, one item per line.

The readers (``sheet_csv``, ``sheet_xlsx``) count what they read against caps; ``sheet_layout`` finds the
grid; ``sheet_grid`` turns it into ladder data. Problems name the sheet and the cell
(``framework.xlsx:Engineering!D7``, ``framework.csv:7:4``) and are all reported at once. The data is
validated as an ordinary ladder afterwards, its problems mapped back to cells the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guidegen.errors import InputFileError
from guidegen.input.messages import validate_into
from guidegen.input.safe_read import read_capped
from guidegen.input.sheet_csv import read_csv
from guidegen.input.sheet_grid import read_grid
from guidegen.input.sheet_layout import Layout, classify, find_header, title_above, turn_levels
from guidegen.input.sheet_names import make_id  # noqa: F401  (ids as every importer makes them)
from guidegen.input.sheet_table import MAX_ROWS, Table, column_letter
from guidegen.input.sheet_text import one_line
from guidegen.input.sheet_words import header_language
from guidegen.input.sheet_xlsx import Workbook

SPREADSHEET_SUFFIXES = (".xlsx", ".csv")
MAX_SHEET_BYTES = 20_000_000
LEVELS = ("columns", "rows")
_LANGUAGE_NAMES = {"de": "German", "fr": "French", "es": "Spanish", "ja": "Japanese", "ar": "Arabic"}

Path_ = tuple[str | int, ...]
Note = Callable[[str], None]


def is_spreadsheet(path: str | Path) -> bool:
    return Path(path).suffix.lower() in SPREADSHEET_SUFFIXES


@dataclass
class SheetDocument:
    """Ladder data read from a spreadsheet, with the cell each value came from, and the problems found."""

    path: Path
    sheet: str | None  # the worksheet's name; None for a CSV file
    data: dict[str, Any] = field(default_factory=dict)
    cells: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # (row, column), 1-based
    problems: list[tuple[tuple[int, int], str]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.path)

    def where(self, row: int, column: int) -> str:
        """``file.xlsx:Sheet!D7`` or ``file.csv:7:4``."""
        if self.sheet is None:
            return f"{self.path}:{row}:{column}"
        return f"{self.path}:{_quoted_sheet(self.sheet)}!{column_letter(column)}{row}"

    def add_at(self, row: int, column: int, message: str) -> None:
        self.problems.append(((row, column), message))

    def add(self, loc: Path_, message: str, *, key: bool = False) -> None:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.cells:
                self.add_at(*self.cells[loc[:end]], message)
                return
        self.add_at(1, 1, message)

    def fail_if_problems(self) -> None:
        if self.problems:
            ordered = sorted(self.problems, key=lambda problem: (problem[0][0], problem[0][1]))
            raise InputFileError([f"{self.where(row, column)}: {message}" for (row, column), message in ordered])

    def validate(self, model: type[BaseModel], data: Any = None, at: Path_ = ()):
        """``data`` (the whole sheet's by default) as ``model``, or None with the problems recorded by cell."""
        return validate_into(self, model, self.data if data is None else data, at)


def _quoted_sheet(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_.]+", name) else "'" + name.replace("'", "''") + "'"


def read_table(path: str | Path, max_rows: int, on_warning: Note | None = None) -> list[list[str]]:
    """The cells of a .csv file, or of a workbook's first sheet, as text: row 1 is the first line."""
    path = Path(path)
    raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet")
    if path.suffix.lower() == ".csv":
        return read_csv(str(path), raw, max_rows, on_warning).rows
    workbook = Workbook(str(path), raw, max_rows, on_warning)
    try:
        return workbook.table(workbook.names[0]).rows if workbook.names else []
    finally:
        workbook.close()


# From cells to ladder data ---------------------------------------------------------------------------

def read_framework(path: str | Path, sheet: str | None = None, *, levels: str | None = None,
                   on_warning: Note | None = None) -> SheetDocument:
    """The framework at ``path`` as ladder data, or ``InputFileError`` listing every problem with its cell.

    ``sheet``: the workbook's sheet to read (default: the one that holds a grid); ``levels``: "columns" or
    "rows" where the sheet cannot tell; ``on_warning`` hears what was skipped and what was guessed."""
    path = Path(path)
    note = on_warning or (lambda message: None)
    if levels is not None and levels not in LEVELS:
        raise InputFileError([f"levels: {levels!r} is not one of {', '.join(LEVELS)}"])
    raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet")
    if path.suffix.lower() == ".csv":
        if sheet is not None:
            raise InputFileError([f"{path}: a CSV file has no sheets; --sheet is for .xlsx workbooks"])
        document, table = SheetDocument(path, None), read_csv(str(path), raw, MAX_ROWS, note)
    else:
        workbook = Workbook(str(path), raw, MAX_ROWS, note)
        try:
            name, table = _choose_sheet(workbook, path, sheet, levels, note)
        finally:
            workbook.close()
        document = SheetDocument(path, name)
    layout = _layout(document, table, levels)
    if layout is not None:
        table, layout = layout
        read_grid(document, table, layout, note)
        document.data = {"title": layout.title or _title(document), **document.data}
        document.cells[("title",)] = (1, 1)
        if layout.language:  # the documents' own words (headings, "What changes") in the sheet's language
            document.data = {"title": document.data.pop("title"), "language": layout.language, **document.data}
            note(f"{document.where(*table.origin(layout.header, layout.name))}: the header is in "
                 f"{_LANGUAGE_NAMES[layout.language]}, so the ladder's language is {layout.language}")
    document.fail_if_problems()
    return document


def _layout(document: SheetDocument, table: Table, levels: str | None) -> tuple[Table, Layout] | None:
    """The table (turned, where levels are rows) and its layout; or None with the problem recorded."""
    found = find_header(table, levels, guess=True)
    if found is None:
        document.add_at(1, 1, "no header row: one of the first rows must name the competencies' column "
                              "('Competency', or 'Level' with levels as rows), with one column per rung beside it, "
                              "headed with the rung's title")
        return None
    header, name, kind = found
    title = title_above(table, header, name)
    if kind == "rows":
        table, header, name = turn_levels(table, header, name)
    layout = classify(table, header, name, kind)
    layout.title = title
    layout.language = header_language(one_line(table.cell(layout.header, layout.name)))
    return table, layout


def _choose_sheet(workbook: Workbook, path: Path, sheet: str | None, levels: str | None,
                  note: Note) -> tuple[str, Table]:
    """The sheet asked for; else the first that holds a grid (a README before it is passed over); else, for
    a workbook of one sheet, that sheet; else ``InputFileError`` listing the sheets."""
    names = workbook.names
    if sheet is not None:
        if sheet not in names:
            raise InputFileError([f"{path}: has no sheet {sheet!r} (sheets: {', '.join(names)})"])
        return sheet, workbook.table(sheet)
    if len(names) == 1:
        return names[0], workbook.table(names[0])
    with_grid: list[tuple[str, Table]] = []
    unread: list[InputFileError] = []  # a sheet over the caps (a lookup list, say) need not stop the others
    for name in names:
        try:
            table = workbook.table(name)
        except InputFileError as error:
            unread.append(error)
            continue
        if find_header(table, levels, guess=False) is not None:
            with_grid.append((name, table))
    if not with_grid:
        raise InputFileError([f"{path}: no sheet holds a competency grid (sheets: {', '.join(names)}); its header "
                              f"row names the competencies' column ('Competency', or 'Level' with levels as rows); "
                              f"choose a sheet with --sheet",
                              *(problem for error in unread for problem in error.problems)])
    for error in unread:
        note(f"{'; '.join(error.problems)}: skipped")
    name, table = with_grid[0]
    passed = names[: names.index(name)]
    if passed:
        note(f"{path}: read the sheet {name!r}; {', '.join(map(repr, passed))} "
             f"{'holds' if len(passed) == 1 else 'hold'} no competency grid")
    if len(with_grid) > 1:
        note(f"{path}: {', '.join(repr(other) for other, _ in with_grid[1:])} also "
             f"{'holds' if len(with_grid) == 2 else 'hold'} a grid; read another sheet with --sheet")
    return name, table


def _title(document: SheetDocument) -> str:
    """A title for the imported ladder: the sheet's name where someone gave it one, else the file's."""
    if document.sheet and not re.fullmatch(r"(?i)sheet ?\d*|feuil\d*|tabelle\d*|hoja\d*", document.sheet):
        return document.sheet
    stem = re.sub(r"[-_]+", " ", document.path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Career framework"
