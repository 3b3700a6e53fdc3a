"""Read back what ``guidegen export`` wrote: the whole ladder from its workbook, ids and all from its CSV.

The layout is described in ``workbook_layout.py``. Every value keeps the cell it came from, so that a
problem (a rung given twice, an empty title, an unknown column) names its sheet and cell, all at once,
exit code 2. Text comes back exactly as it was written: quotes as typed, a leading = or + as text.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError
from guidegen.input.safe_read import read_capped
from guidegen.input.sheet_table import MAX_COLUMNS, MAX_ROWS
from guidegen.input.sheet_xlsx import MAX_UNPACKED_BYTES
from guidegen.input.spreadsheet import MAX_SHEET_BYTES, read_table
from guidegen.input.workbook_layout import (DATA_SHEETS, LADDER_SHEET, MARKER_NAME, MARKER_VALUE, RUNG_ID,
                                            RUNGS_SHEET, TRACKS_SHEET, csv_unescape, rung_columns, track_columns)
from guidegen.input.workbook_sheets import (GridColumns, WorkbookDocument, cell_text, grid_columns, grid_competencies,
                                            grid_rungs, ladder_fields, records)

# Rows of the Rungs sheet: a hundred rungs, each with lists of up to fifty items, run to 5,000 rows at most.
MAX_RECORD_ROWS = 10_000
_MARKER_BYTES = 100_000  # docProps/custom.xml: a few hundred bytes, unless someone stores much there


# Is it ours? ---------------------------------------------------------------------------------------------

def is_guidegen_file(path: str | Path) -> bool:
    """Whether ``path`` is a workbook (or CSV grid) that ``guidegen export`` wrote; False for anything else,
    an unreadable file included, which the spreadsheet reader then reports in its own words."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet") if suffix in (".xlsx", ".csv") else b""
    except InputFileError:
        return False
    if suffix == ".csv":
        return _csv_is_ours(raw)
    return suffix == ".xlsx" and _xlsx_is_ours(raw)


def _xlsx_is_ours(raw: bytes) -> bool:
    """The zip's custom properties name us; looked up in the zip's directory, no sheet is parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        info = archive.getinfo("docProps/custom.xml")
        if info.file_size > _MARKER_BYTES:
            return False
        properties = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return False
    return f'name="{MARKER_NAME}"'.encode() in properties and f">{MARKER_VALUE}<".encode() in properties


def _csv_is_ours(raw: bytes) -> bool:
    """The first row starts with the label of the row of rung ids."""
    head = raw[:4096]
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        if encoding == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            text = head.decode(encoding, errors="ignore" if encoding == "utf-16" else "strict")
        except UnicodeDecodeError:
            continue
        return bool(re.match(rf'"?{RUNG_ID}"?[,;\t]', text))
    return False


# Cells -----------------------------------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return str(value)


def _xlsx_sheets(path: Path) -> dict[str, list[list[str]]]:
    """Every sheet's cells as text, read within the spreadsheet reader's bounds."""
    label = str(path)
    raw = read_capped(path, MAX_SHEET_BYTES, "spreadsheet")
    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(raw)).infolist())
    except zipfile.BadZipFile:
        raise InputFileError([f"{label}: is not an Excel workbook (.xlsx)"]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise InputFileError([f"{label}: unpacks to {unpacked:,} bytes, over the {MAX_UNPACKED_BYTES:,} a "
                              f"framework may take"])
    import openpyxl

    sheets: dict[str, list[list[str]]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's remarks on styles it skips are not the user's concern
            workbook = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            for worksheet in workbook.worksheets:
                sheets[worksheet.title] = _sheet_rows(label, worksheet)
    except InputFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputFileError([f"{label}: is not an Excel workbook openpyxl can read ({type(exc).__name__})"]) from None
    return sheets


def _sheet_rows(label: str, worksheet) -> list[list[str]]:
    limit = MAX_ROWS if worksheet.title not in DATA_SHEETS else MAX_RECORD_ROWS
    rows = []
    worksheet.reset_dimensions()  # its <dimension> may be wrong (or a lie): read what is there, within bounds
    for row in worksheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):  # read-only: rows come padded
        cells = [_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if len(rows) >= limit or len(cells) > MAX_COLUMNS:
            raise InputFileError([f"{label}: sheet {worksheet.title!r} may have at most {limit:,} rows and "
                                  f"{MAX_COLUMNS} columns"])
        rows.append(cells)
    while rows and not any(rows[-1]):
        rows.pop()
    return rows


# Whole files ---------------------------------------------------------------------------------------------------

def read_guidegen_file(path: str | Path) -> WorkbookDocument:
    """The ladder in a workbook (every sheet) or CSV grid that ``guidegen export`` wrote, as ladder data with
    the cell of each value; ``InputFileError`` with every problem found in the sheets."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return _read_csv_grid(path)
    document = WorkbookDocument(path)
    sheets = _xlsx_sheets(path)
    grid = _grid_sheet(sheets)
    missing = [name for name in DATA_SHEETS if name not in sheets]
    if grid is None or missing:
        what = f"the sheet{'s' if len(missing) > 1 else ''} {', '.join(missing)}" if missing else "its grid sheet"
        raise InputFileError([f"{path}: was written by guidegen export, but {what} is gone; export the ladder again, "
                              f"or import the grid alone from a copy without guidegen's marker"])
    document.grid_sheet = grid
    data = ladder_fields(document, sheets[LADDER_SHEET])
    data["tracks"] = records(document, TRACKS_SHEET, sheets[TRACKS_SHEET], track_columns(), "tracks")
    data["rungs"] = records(document, RUNGS_SHEET, sheets[RUNGS_SHEET], rung_columns(), "rungs")
    columns = grid_columns(document, grid, sheets[grid])
    if columns is not None:
        _check_titles(document, grid, columns, data["rungs"])
        data["competencies"] = grid_competencies(document, grid, sheets[grid], columns)
    document.data = {key: value for key, value in data.items() if value != [] or key == "rungs"}
    document.fail_if_problems()
    return document


def _grid_sheet(sheets: dict[str, list[list[str]]]) -> str | None:
    """The sheet whose first cell labels the row of rung ids (the first sheet, unless they were reordered)."""
    return next((name for name, rows in sheets.items() if name not in DATA_SHEETS and cell_text(rows, 0, 0) == RUNG_ID),
                None)


def _check_titles(document: WorkbookDocument, sheet: str, columns: GridColumns, rungs: list[dict[str, Any]]) -> None:
    """The grid heads each rung's column with its title on the Rungs sheet; a title changed in one place only
    would be lost, so it is a problem."""
    titles = {rung.get("id"): (index, rung.get("title")) for index, rung in enumerate(rungs)}
    for column, rung_id in columns.rungs.items():
        cell = (sheet, columns.header + 1, column + 1)
        if rung_id not in titles:
            document.add_at(cell, f"rung {rung_id!r} is not on the {RUNGS_SHEET} sheet; add it there first")
            continue
        index, title = titles[rung_id]
        if title and columns.titles[column] != title:
            where = document.where(document.cells.get(("rungs", index, "title"), (RUNGS_SHEET, 1, 1)))
            document.add_at(cell, f"{columns.titles[column]!r} heads the column of rung {rung_id!r}, whose title is "
                                  f"{title!r} ({where}); rename a rung in both places")


def _read_csv_grid(path: Path) -> WorkbookDocument:
    """The grid alone: rungs, tracks and competencies with their ids; the ladder's title from the file's name."""
    document = WorkbookDocument(path)
    rows = [[csv_unescape(cell) for cell in row] for row in read_table(path, MAX_ROWS)]
    columns = grid_columns(document, None, rows)
    if columns is not None:
        rungs, tracks = grid_rungs(document, None, rows, columns)
        stem = re.sub(r"[-_]+", " ", path.stem).strip()
        document.data = {"title": stem[:1].upper() + stem[1:] or "Career framework"}
        if tracks:
            document.data["tracks"] = tracks
        document.data["rungs"] = rungs
        document.data["competencies"] = grid_competencies(document, None, rows, columns)
        document.cells[("title",)] = (None, 1, 1)
    document.fail_if_problems()
    return document


@dataclass
class Grid:
    """The competency grid of a guidegen workbook or CSV, for ``import --into``: its rung columns (id, title,
    cell), its competencies (as ladder data, ids made from names where a row gives none), which rows gave
    their id, and the competency fields it has columns for; ``document`` knows each value's cell."""

    document: WorkbookDocument
    rungs: list[dict[str, Any]]
    competencies: list[dict[str, Any]]
    ids_given: list[bool]
    extras: list[str]


def read_grid(path: str | Path) -> Grid:
    """The grid sheet (or CSV) of a file ``guidegen export`` wrote, without the other sheets."""
    path = Path(path)
    document = WorkbookDocument(path)
    if path.suffix.lower() == ".csv":
        sheet, rows = None, [[csv_unescape(cell) for cell in row] for row in read_table(path, MAX_ROWS)]
    else:
        sheets = _xlsx_sheets(path)
        sheet = _grid_sheet(sheets)
        if sheet is None:
            raise InputFileError([f"{path}: was written by guidegen export, but no sheet starts with {RUNG_ID!r}"])
        rows = sheets[sheet]
    document.grid_sheet = sheet
    columns = grid_columns(document, sheet, rows)
    document.fail_if_problems()
    rungs = [{"id": rung_id, "title": columns.titles[column], "cell": (sheet, columns.header + 1, column + 1)}
             for column, rung_id in columns.rungs.items()]
    competencies = grid_competencies(document, sheet, rows, columns)
    given = [columns.id_column is not None and bool(cell_text(rows, document.cells[("competencies", index)][1] - 1,
                                                               columns.id_column))
             for index in range(len(competencies))]
    return Grid(document, rungs, competencies, given, list(columns.extras))
