"""A competency framework kept as a spreadsheet, read into ladder data with the cell of every value.

The shape HR teams keep: a header row with ``Competency`` (and, optionally, ``Description`` and
``Group``), then one column per rung headed with its title, lowest rung on the left; one row per
competency, each cell what that rung expects (empty: not expected yet). A row above the header may
name tracks over the rungs that fork (a merged cell, or the name repeated), empty over shared rungs.

Problems name the sheet and the cell (``framework.xlsx:Engineering!D7``, ``framework.csv:7:4``) and
are all reported at once. The data is validated as an ordinary ladder afterwards, its problems
mapped back to cells the same way.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from guidegen.errors import InputFileError
from guidegen.input.messages import validate_into
from guidegen.input.safe_read import read_capped

SPREADSHEET_SUFFIXES = (".xlsx", ".csv")
MAX_SHEET_BYTES = 20_000_000
MAX_UNPACKED_BYTES = 20_000_000  # an .xlsx is a zip: a real framework unpacks to well under 1 MB
MAX_ROWS, MAX_COLUMNS = 1_000, 120
HEADER_SEARCH_ROWS = 10  # a title or notes may stand above the header row
NAME_HEADERS = ("competency", "competencies")
OPTIONAL_HEADERS = ("description", "group")
ID_LENGTH = 40

Path_ = tuple[str | int, ...]


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


def column_letter(column: int) -> str:
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _quoted_sheet(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_.]+", name) else "'" + name.replace("'", "''") + "'"


def make_id(text: str, taken: set[str], fallback: str) -> str:
    """A ladder id from a title: lowercase ASCII letters, digits and hyphens, unique among ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:ID_LENGTH - 4].strip("-") or fallback
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _text(value: Any) -> str:
    """A cell's value as text: numbers as written (3, not 3.0), dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return str(value).strip()


# Reading the cells ---------------------------------------------------------------------------------

def _xlsx_rows(path: Path, raw: bytes, sheet: str | None,
               max_rows: int = MAX_ROWS) -> tuple[str, list[list[str]], dict[tuple[int, int], int]]:
    """The sheet's name, its cells as text, and for each merged range's first cell the columns it spans."""
    label = str(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        raise InputFileError([f"{label}: is not an Excel workbook (.xlsx); save the spreadsheet as .xlsx or "
                              f".csv"]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError([f"{label}: unpacks to {unpacked:,} bytes, over the {MAX_UNPACKED_BYTES:,} a "
                              f"framework may take"])
    import openpyxl  # only when a workbook is read: it takes a while to import

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(raw), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise InputFileError([f"{label}: is not an Excel workbook openpyxl can read ({type(exc).__name__}); "
                              f"save the spreadsheet as .xlsx or .csv"]) from None
    if sheet is not None and sheet not in workbook.sheetnames:
        raise InputFileError([f"{label}: has no sheet {sheet!r} (sheets: {', '.join(workbook.sheetnames)})"])
    worksheet = workbook[sheet] if sheet is not None else workbook.worksheets[0]
    if worksheet.max_row > max_rows or worksheet.max_column > MAX_COLUMNS:
        raise InputFileError([f"{label}:{_quoted_sheet(worksheet.title)}: has {worksheet.max_row:,} rows and "
                              f"{worksheet.max_column:,} columns; it may have at most {max_rows:,} rows "
                              f"and {MAX_COLUMNS} columns"])
    rows = [[_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    spans = {(merged.min_row, merged.min_col): merged.max_col - merged.min_col + 1
             for merged in worksheet.merged_cells.ranges}
    return worksheet.title, rows, spans


def _csv_rows(path: Path, raw: bytes, max_rows: int = MAX_ROWS) -> list[list[str]]:
    label = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError([f"{label}:{line}: is not UTF-8 text; save the CSV as UTF-8"]) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","  # as Excel writes CSV in many locales
    try:
        rows = [[_text(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""),
                                                                    delimiter=delimiter)]
    except csv.Error as exc:
        raise InputFileError([f"{label}: is not a CSV file Python can read ({exc})"]) from None
    if len(rows) > max_rows or any(len(row) > MAX_COLUMNS for row in rows):
        raise InputFileError([f"{label}: it may have at most {max_rows:,} rows and {MAX_COLUMNS} columns"])
    return rows


def read_table(path: str | Path, max_rows: int) -> list[list[str]]:
    """The cells of a .csv file, or of a workbook's first sheet, as text: row 1 is the first line."""
    path = Path(path)
    raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet")
    if path.suffix.lower() == ".csv":
        return _csv_rows(path, raw, max_rows)
    return _xlsx_rows(path, raw, None, max_rows)[1]


# From cells to ladder data ---------------------------------------------------------------------------

def read_framework(path: str | Path, sheet: str | None = None) -> SheetDocument:
    """The framework at ``path`` as ladder data, or ``InputFileError`` listing every problem with its cell."""
    path = Path(path)
    raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet")
    spans: dict[tuple[int, int], int] = {}
    if path.suffix.lower() == ".csv":
        if sheet is not None:
            raise InputFileError([f"{path}: a CSV file has no sheets; --sheet is for .xlsx workbooks"])
        document, rows = SheetDocument(path, None), _csv_rows(path, raw)
    else:
        name, rows, spans = _xlsx_rows(path, raw, sheet)
        document = SheetDocument(path, name)
    _read_grid(document, rows, spans)
    document.fail_if_problems()
    return document


def _read_grid(document: SheetDocument, rows: list[list[str]], spans: dict[tuple[int, int], int]) -> None:
    """The rows under the header into ``document.data`` (rungs, tracks, competencies), each value's cell
    into ``document.cells``, and every problem found into ``document.problems``."""
    header_index = next((index for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])
                         if row and row[0].casefold() in NAME_HEADERS), None)
    if header_index is None:
        document.add_at(1, 1, "no header row: the first column's header must say 'Competency', with one column "
                              "per rung beside it, headed with the rung's title")
        return
    width = max(len(row) for row in rows)
    header = rows[header_index] + [""] * (width - len(rows[header_index]))
    optional, rung_columns = _header_columns(document, rows, header_index, header)
    if not rung_columns:
        document.add_at(header_index + 1, 2, "no rung columns: after 'Competency' (and 'Description' or "
                                             "'Group'), give one column per rung, headed with its title")
        return
    tracks_by_column = _tracks(rows, header_index, rung_columns, spans)
    rungs, rung_ids, track_ids = _rungs(document, header, header_index + 1, rung_columns, tracks_by_column)
    competencies = _competencies(document, rows[header_index + 1:], header_index + 1, width, optional, rung_ids)
    document.data = {"title": _title(document)}
    if track_ids:
        document.data["tracks"] = [{"id": track_id, "name": name} for name, track_id in track_ids.items()]
    document.data.update(rungs=rungs, competencies=competencies)
    document.cells[("title",)] = (1, 1)


def _header_columns(document: SheetDocument, rows: list[list[str]], header_index: int,
                    header: list[str]) -> tuple[dict[str, int], list[int]]:
    """The optional columns (Description, Group) before the rungs, by name, and the rung columns, in order;
    a repeated rung title, or expectations under an empty header, recorded as problems."""
    header_row = header_index + 1
    optional: dict[str, int] = {}
    rung_columns: list[int] = []
    titles: dict[str, int] = {}
    for index, title in enumerate(header[1:], start=1):
        key = title.casefold()
        if key in OPTIONAL_HEADERS and not rung_columns and key not in optional:
            optional[key] = index
        elif title:
            if key in titles:
                document.add_at(header_row, index + 1, f"{title!r} is already a rung column "
                                                       f"({column_letter(titles[key] + 1)}); each rung needs a "
                                                       f"column of its own")
                continue
            titles[key] = index
            rung_columns.append(index)
        elif any(index < len(row) and row[index] for row in rows[header_index + 1:]):
            document.add_at(header_row, index + 1, "this column has expectations but no header: head it with "
                                                   "the rung's title")
    return optional, rung_columns


def _rungs(document: SheetDocument, header: list[str], header_row: int, rung_columns: list[int],
           tracks_by_column: dict[int, str]) -> tuple[list[dict[str, Any]], dict[int, str], dict[str, str]]:
    """A rung for each rung column, on the track named above it; the rung id of each column; each track's
    id by its name, in the order the tracks first appear."""
    taken: set[str] = set()
    rungs, rung_ids = [], {}
    track_ids: dict[str, str] = {}
    track_taken: set[str] = set()
    for index in rung_columns:
        rung_id = make_id(header[index], taken, f"rung-{len(rungs) + 1}")
        rung_ids[index] = rung_id
        rung: dict[str, Any] = {"id": rung_id, "title": header[index]}
        track_name = tracks_by_column.get(index)
        if track_name:
            if track_name not in track_ids:
                track_ids[track_name] = make_id(track_name, track_taken, f"track-{len(track_ids) + 1}")
            rung["track"] = track_ids[track_name]
        document.cells[("rungs", len(rungs))] = (header_row, index + 1)
        document.cells[("rungs", len(rungs), "title")] = (header_row, index + 1)
        rungs.append(rung)
    if header_row > 1:
        for position, name in enumerate(track_ids):
            column = next(index for index in rung_columns if tracks_by_column.get(index) == name)
            document.cells[("tracks", position)] = (header_row - 1, column + 1)
    return rungs, rung_ids, track_ids


def _competencies(document: SheetDocument, rows: list[list[str]], header_row: int, width: int,
                  optional: dict[str, int], rung_ids: dict[int, str]) -> list[dict[str, Any]]:
    """A competency for each named row under the header, with its expectation at each rung; a row with
    expectations but no name, or a name given twice, recorded as problems."""
    competencies, names, competency_taken = [], {}, set()
    for offset, row in enumerate(rows, start=header_row + 1):
        row = row + [""] * (width - len(row))
        name = row[0]
        expectations = {rung_id: row[index] for index, rung_id in rung_ids.items() if row[index]}
        if not name:
            if expectations or any(row[index] for index in optional.values()):
                document.add_at(offset, 1, "this row has expectations but no competency name")
            continue
        if name.casefold() in names:
            document.add_at(offset, 1, f"{name!r} is already a competency (row {names[name.casefold()]}); "
                                       f"give each competency one row")
            continue
        names[name.casefold()] = offset
        position = len(competencies)
        competency: dict[str, Any] = {"id": make_id(name, competency_taken, f"competency-{position + 1}"),
                                      "name": name}
        document.cells[("competencies", position)] = (offset, 1)
        document.cells[("competencies", position, "name")] = (offset, 1)
        for key, index in optional.items():
            if row[index]:
                competency[key] = row[index]
                document.cells[("competencies", position, key)] = (offset, index + 1)
        competency["expectations"] = expectations
        for index, rung_id in rung_ids.items():
            document.cells[("competencies", position, "expectations", rung_id)] = (offset, index + 1)
        competencies.append(competency)
    if not competencies and not document.problems:
        document.add_at(header_row + 1, 1, "no competencies: add one row per competency below the header")
    return competencies


def _tracks(rows: list[list[str]], header_index: int, rung_columns: list[int],
            spans: dict[tuple[int, int], int]) -> dict[int, str]:
    """The track named over each rung column, from the row just above the header: a merged cell covers
    every column it spans; an unmerged name covers its own column."""
    if header_index == 0:
        return {}
    above = rows[header_index - 1]
    found: dict[int, str] = {}
    for index, name in enumerate(above):
        if not name or index == 0:
            continue
        for column in range(index, index + spans.get((header_index, index + 1), 1)):
            if column in rung_columns:
                found[column] = name
    return found


def _title(document: SheetDocument) -> str:
    """A title for the imported ladder: the sheet's name where someone gave it one, else the file's."""
    if document.sheet and not re.fullmatch(r"(?i)sheet ?\d*|feuil\d*|tabelle\d*|hoja\d*", document.sheet):
        return document.sheet
    stem = re.sub(r"[-_]+", " ", document.path.stem).strip()
    return stem[:1].upper() + stem[1:] if stem else "Career framework"
