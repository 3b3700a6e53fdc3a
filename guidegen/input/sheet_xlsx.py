"""An Excel workbook read within bounds.

openpyxl builds an object for every cell, every styled empty cell and every cell of a merged range: a 2 KB
file merging A1:XFD1048576 grows to gigabytes. So before openpyxl opens it, each part of the zip is
scanned as bytes: its unpacked size, its elements, and in each sheet the cells, rows and merged ranges,
counted against caps far above any framework. openpyxl then streams the cells (read-only mode), only as
far as the last cell that holds something; merged ranges come from the scan, never from openpyxl. What
openpyxl warns about is caught and said in our own words.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from posixpath import join, normpath
from xml.etree import ElementTree

from guidegen.errors import InputFileError
from guidegen.input.sheet_table import MAX_COLUMNS, MAX_MERGED_RANGES, Table, cell_text, column_letter, make_table

MAX_UNPACKED_BYTES = 20_000_000  # an .xlsx is a zip: a real framework unpacks to well under 1 MB
MAX_SHEETS = 200
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
# Attributes are bounded: a cell's are a few short ones, and an unbounded run would make each of many "<c "
# scan to the end of a hostile sheet.
_CELL = re.compile(rb"<(?:[\w.-]+:)?c(?=[\s/>])([^>]{0,400}?)(/?)>")
_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\s[^>]{0,200}?ref="([A-Z]{1,3})([0-9]{1,7})'
                    rb'(?::([A-Z]{1,3})([0-9]{1,7}))?"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _tags(data: bytes, name: bytes, prefix: bytes) -> int:
    """How many elements ``name`` the XML holds (``prefix``: the sheet's namespace prefix, such as b"x:"),
    counted as bytes: no parser, no objects."""
    return sum(data.count(b"<" + prefix + name + end) for end in (b" ", b"/", b">", b"\t", b"\n", b"\r"))


@dataclass
class _SheetScan:
    """What the byte scan of one sheet found: its merged ranges, and how far its cells with content reach."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    last_row: int | None = 0  # None: some cell gives no reference, so openpyxl numbers them itself
    last_column: int = 0


def _scan_sheet(label: str, part: str, data: bytes, max_cells: int) -> _SheetScan:
    root = re.search(rb"<([\w.-]+:)?worksheet[\s>]", data[:4096])
    prefix = root[1] or b"" if root else b""
    cells, rows, merges = (_tags(data, name, prefix) for name in (b"c", b"row", b"mergeCell"))
    if cells > max_cells or rows > max_cells // 4:
        raise InputFileError([f"{label}: {part} holds {cells:,} cells in {rows:,} rows; a framework's sheet may "
                              f"hold at most {max_cells:,} cells (empty cells that only carry formatting count too)"])
    if merges > MAX_MERGED_RANGES:
        raise InputFileError([f"{label}: {part} has {merges:,} merged ranges; a framework's sheet may have at most "
                              f"{MAX_MERGED_RANGES:,}"])
    scan = _SheetScan()
    for match in _CELL.finditer(data):
        if match[2]:  # <c r="A1" s="3"/>: formatting only
            continue
        reference = _REFERENCE.search(match[1])
        if reference is None:
            scan.last_row = None
            continue
        if scan.last_row is not None:
            scan.last_row = max(scan.last_row, int(reference[2]))
        scan.last_column = max(scan.last_column, _column_number(reference[1]))
    for match in _MERGE.finditer(data):
        first_column, first_row = _column_number(match[1]), int(match[2])
        last_column, last_row = ((_column_number(match[3]), int(match[4])) if match[3] else (first_column, first_row))
        area = (last_row - first_row + 1) * (last_column - first_column + 1)
        if area > max_cells:  # openpyxl would make an object of each of its cells
            reference = match[1].decode() + match[2].decode() + (":" + match[3].decode() + match[4].decode()
                                                                  if match[3] else "")
            raise InputFileError([f"{label}: {part} merges the range {reference}, {area:,} cells; a framework's "
                                  f"sheet may hold at most {max_cells:,} cells"])
        scan.merges.append((first_row, first_column, last_row, last_column))
    return scan


def _scan(label: str, archive: zipfile.ZipFile, max_cells: int, names: dict[str, str]) -> dict[str, _SheetScan]:
    """Every XML part checked against the caps before openpyxl reads any; each sheet's scan by its part name
    (``names``: each sheet part's sheet name, to name it in a problem)."""
    sheets: dict[str, _SheetScan] = {}
    for info in archive.infolist():
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue  # pictures and the like: openpyxl's read-only mode never parses them
        data = archive.read(info)
        if b"<worksheet" in data[:4096] or re.search(rb"<[\w.-]+:worksheet[\s>]", data[:4096]):
            name = names.get(info.filename)
            sheets[info.filename] = _scan_sheet(label + (f":{_quoted(name)}" if name else ""),
                                                "the sheet" if name else info.filename, data, max_cells)
        if data.count(b"<") > max_cells * 6:  # styles, shared strings: openpyxl reads these whole
            raise InputFileError([f"{label}: {info.filename} has {data.count(b'<'):,} XML tags, far more than a "
                                  f"framework needs"])
    return sheets


def _sheet_parts(label: str, archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and its part, from the workbook's own list (checked for size before it is parsed)."""
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES or len(infos) > 10_000:
        raise InputFileError([f"{label}: unpacks to {unpacked:,} bytes in {len(infos):,} parts, over the "
                              f"{MAX_UNPACKED_BYTES:,} bytes a framework may take"])
    try:
        parts = [archive.read(name) for name in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")]
        if any(part.count(b"<") > 20 * MAX_SHEETS for part in parts):
            raise InputFileError([f"{label}: its list of sheets has far more entries than a workbook may have "
                                  f"({MAX_SHEETS} sheets)"])
        workbook, relationships = (ElementTree.fromstring(part) for part in parts)
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {item.get("Id"): item.get("Target", "") for item in relationships.iter(f"{{{_PACKAGE_RELATIONSHIPS}}}"
                                                                                       "Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{_RELATIONSHIPS}}}id"), "")
        parts[sheet.get("name", "")] = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
    return parts


class Workbook:
    """A workbook's sheets, each read as a ``Table`` on demand; ``on_note`` hears what openpyxl warned of."""

    def __init__(self, label: str, raw: bytes, max_rows: int, on_note: Callable[[str], None] | None = None):
        self.label, self.max_rows, self.on_note = label, max_rows, on_note
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
            self.parts = _sheet_parts(label, self.archive)
            self.scans = _scan(label, self.archive, max(150_000, max_rows * 10),
                               {part: name for name, part in self.parts.items()})
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, RuntimeError,
                zlib.error):
            raise InputFileError([f"{label}: is not an Excel workbook (.xlsx); save the spreadsheet as .xlsx or "
                                  f".csv"]) from None
        self.book = self._guarded(lambda: _open(raw), "open")
        self.names: list[str] = [sheet.title for sheet in self.book.worksheets]  # chart sheets hold no cells
        if len(self.names) > MAX_SHEETS:
            raise InputFileError([f"{label}: has {len(self.names):,} sheets; a workbook may have at most {MAX_SHEETS}"])

    def _guarded(self, action, what: str):
        """``action()`` with openpyxl's warnings said in our words, and its failures as one plain problem."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = action()
            except InputFileError:
                raise
            except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
                raise InputFileError([f"{self.label}: is not an Excel workbook openpyxl can {what} "
                                      f"({type(exc).__name__}); save the spreadsheet as .xlsx or .csv"]) from None
        for warning in caught:
            if self.on_note is not None:
                self.on_note(f"{self.label}: {_plain(str(warning.message))}")
        return result

    def table(self, name: str) -> Table:
        """The cells of sheet ``name``, as far as its last cell with content, and its merged ranges."""
        scan = self.scans.get(self.parts.get(name, ""), _SheetScan(last_row=None))
        where = f"{self.label}:{_quoted(name)}"
        if scan.last_row is not None and scan.last_row > self.max_rows:
            raise InputFileError([f"{where}: has cells down to row {scan.last_row:,}; a sheet may have at most "
                                  f"{self.max_rows:,} rows"])
        if scan.last_column > MAX_COLUMNS:
            raise InputFileError([f"{where}: has cells in column {column_letter(scan.last_column)}; a sheet may "
                                  f"have at most {MAX_COLUMNS} columns"])
        last_row = self.max_rows + 1 if scan.last_row is None else scan.last_row
        last_column = MAX_COLUMNS + 1 if scan.last_row is None else scan.last_column
        if last_row == 0 or last_column == 0:
            return make_table(where, [])
        worksheet = self.book[name]
        rows = self._guarded(lambda: [[cell_text(value) for value in row] for row in worksheet.iter_rows(
            max_row=last_row, max_col=last_column, values_only=True)], "read")
        if len(rows) > self.max_rows or any(len(row) > MAX_COLUMNS and row[MAX_COLUMNS] for row in rows):
            raise InputFileError([f"{where}: a sheet may have at most {self.max_rows:,} rows and {MAX_COLUMNS} "
                                  f"columns"])
        return make_table(where, rows, scan.merges)

    def close(self) -> None:
        self.book.close()


def _open(raw: bytes):
    import openpyxl  # only when a workbook is read: it takes a while to import

    return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)


def _quoted(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_.]+", name) else "'" + name.replace("'", "''") + "'"


_WARNINGS = (
    ("no default style", "has no default cell style; read with the standard one"),
    ("data validation", "has data validation rules, which guidegen does not need; ignored"),
    ("conditional formatting", "has conditional formatting, which guidegen does not need; ignored"),
    ("header or footer", "has a page header or footer that cannot be read; ignored"),
)


def _plain(message: str) -> str:
    """A warning of openpyxl's as one of ours: what the workbook has, and that it does not matter here."""
    lowered = message.casefold()
    for needle, plain in _WARNINGS:
        if needle in lowered:
            return plain
    first = message.strip().splitlines()[0] if message.strip() else "an unreadable part"
    return f"has a part the spreadsheet reader skipped ({first[:160]})"
