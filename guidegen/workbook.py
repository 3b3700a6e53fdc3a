"""``guidegen export``: a ladder as a workbook that carries all of it, or as a CSV of its grid.

The workbook's first sheet is the competency grid, for people to read and edit; the Ladder, Rungs and
Tracks sheets hold everything else, so that ``guidegen import`` of the workbook gives back the very same
ladder (``input/workbook_layout.py`` describes the sheets). The CSV is the grid alone, with the rung,
track and competency ids. No cell is ever a formula: text that looks like one is written as text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from guidegen.errors import InputError
from guidegen.input.schema import Ladder
from guidegen.input.workbook_layout import (COMPETENCY, COMPETENCY_ID, DATA_SHEETS, FIELD_HEADER, LADDER_SHEET,
                                            MARKER_NAME, MARKER_VALUE, RUNG_ID, RUNGS_SHEET, TRACK_ID, TRACK_NAME,
                                            TRACKS_SHEET, VALUE_HEADER, competency_extras, csv_escape, extra_header,
                                            ladder_columns, looks_like_formula, record_rows, rung_columns,
                                            track_columns)


class GridLayout:
    """The grid's rows of text, and where its parts stand (1-based rows and columns)."""

    def __init__(self, ladder: Ladder) -> None:
        if not ladder.competencies:
            raise InputError("this ladder has no competencies to export: give it a competencies: list (see "
                             "the README's 'Competency frameworks'), or import a framework to start from")
        shared = [rung for rung in ladder.rungs if rung.track is None]
        ordered = shared + [rung for track in ladder.tracks for rung in ladder.rungs if rung.track == track.id]
        extras = [key for key in competency_extras() if any(getattr(c, key) for c in ladder.competencies)]
        self.lead = 1 + len(extras)
        blank = [""] * len(extras)
        names = {track.id: track.name for track in ladder.tracks}
        self.rows = [[RUNG_ID, *blank, *(rung.id for rung in ordered), ""]]
        if ladder.tracks:
            self.rows.append([TRACK_ID, *blank, *(rung.track or "" for rung in ordered), ""])
            self.rows.append([TRACK_NAME, *blank, *(names.get(rung.track, "") for rung in ordered), ""])
        self.header_row = len(self.rows) + 1
        self.rows.append([COMPETENCY, *map(extra_header, extras), *(rung.title for rung in ordered), COMPETENCY_ID])
        for competency in ladder.competencies:
            self.rows.append([competency.name, *(getattr(competency, key) or "" for key in extras),
                              *(competency.expectations.get(rung.id, "") for rung in ordered), competency.id])
        self.tracks: list[tuple[str, int, int]] = []  # (name, first column, last column)
        column = self.lead + len(shared) + 1
        for track in ladder.tracks:
            count = sum(1 for rung in ladder.rungs if rung.track == track.id)
            self.tracks.append((track.name, column, column + count - 1))
            column += count
        self.id_column = len(self.rows[0])


def export_bytes(ladder: Ladder, suffix: str) -> bytes:
    """``ladder`` (its text as typed, not typeset) as the bytes of a .xlsx or .csv file."""
    layout = GridLayout(ladder)
    if suffix == ".csv":
        return csv_bytes(layout)
    return workbook_bytes(ladder, layout)


def csv_bytes(layout: GridLayout) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[csv_escape(cell) for cell in row] for row in layout.rows])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read it as UTF-8


def _put(sheet, row: int, column: int, text: str):
    """A cell holding ``text`` as text: one that starts like a formula is a string marked quote-prefix, which
    no spreadsheet evaluates, not even when someone edits it and presses Enter."""
    cell = sheet.cell(row=row, column=column, value=text or None)
    if text and looks_like_formula(text):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def workbook_bytes(ladder: Ladder, layout: GridLayout) -> bytes:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    workbook = Workbook()
    grid = workbook.active
    grid.title = _grid_sheet_name(ladder.title)
    workbook.properties.title = ladder.title
    workbook.properties.creator = "guidegen"
    workbook.custom_doc_props.append(StringProperty(name=MARKER_NAME, value=MARKER_VALUE))
    _write_grid(grid, layout)
    data = ladder.model_dump(exclude_defaults=True, exclude={"rungs", "competencies", "tracks"})
    data["language"] = ladder.language
    rows = [[FIELD_HEADER, VALUE_HEADER]]
    for column in ladder_columns():
        for (value,) in record_rows(data, [column]):
            if value:
                rows.append([column.header, value])
    _write_table(workbook.create_sheet(LADDER_SHEET), rows, widths=[26, 100])
    for name, records, columns in ((RUNGS_SHEET, [_rung_data(rung) for rung in ladder.rungs], rung_columns()),
                                   (TRACKS_SHEET, [t.model_dump(exclude_defaults=True) for t in ladder.tracks],
                                    track_columns())):
        rows = [[column.header for column in columns]]
        for record in records:
            rows += record_rows(record, columns)
        _write_table(workbook.create_sheet(name), rows, widths=[_width(rows, index) for index in range(len(columns))])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _rung_data(rung) -> dict:
    """A rung as plain data; its short name left out where it is its title (the default)."""
    data = rung.model_dump(exclude_defaults=True)
    if data.get("short") == rung.title:
        del data["short"]
    return data


def _width(rows: list[list[str]], index: int) -> int:
    longest = max((len(row[index]) for row in rows), default=0)
    return 14 if longest <= 12 else 24 if longest <= 30 else 50


def _write_table(sheet, rows: list[list[str]], widths: list[int]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = _put(sheet, row_number, column, text)
            cell.alignment = wrap
            if row_number == 1:
                cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def _write_grid(sheet, layout: GridLayout) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    wrap = Alignment(wrap_text=True, vertical="top")
    bold, quiet = Font(bold=True), Font(color="808080", size=9)  # ids: there for guidegen, not for reading
    header_fill = PatternFill("solid", fgColor="E8EEF4")
    rule = Border(bottom=Side(style="thin", color="5B6675"))
    for row_number, row in enumerate(layout.rows, start=1):
        for column, text in enumerate(row, start=1):
            cell = _put(sheet, row_number, column, text)
            cell.alignment = wrap
            if row_number == layout.header_row:
                cell.font, cell.fill, cell.border = bold, header_fill, rule
            elif row_number < layout.header_row and row[0] != TRACK_NAME or column == layout.id_column:
                cell.font = quiet
            elif column == 1 or row[0] == TRACK_NAME:
                cell.font = bold
    names_row = layout.header_row - 1
    for name, first, last in layout.tracks:
        sheet.cell(row=names_row, column=first).alignment = Alignment(horizontal="center", vertical="center")
        if last > first:
            sheet.merge_cells(start_row=names_row, start_column=first, end_row=names_row, end_column=last)
    sheet.freeze_panes = sheet.cell(row=layout.header_row + 1, column=layout.lead + 1)  # names and headers in view
    header = layout.rows[layout.header_row - 1]
    widths = {1: 28, layout.id_column: 16}
    for column in range(2, layout.lead + 1):
        widths[column] = 36 if header[column - 1] == extra_header("description") else 16
    for column in range(layout.lead + 1, layout.id_column):
        longest = max(len(row[column - 1]) for row in layout.rows)
        widths[column] = 18 if longest <= 24 else 32
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _grid_sheet_name(title: str) -> str:
    """``title`` as Excel allows a sheet's name (31 characters, none of []:*?/\\), and not one of the other
    sheets' names, which Excel compares without case."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip(" '")
    name = cleaned[:31].rstrip() or "Framework"
    if name.casefold() in (sheet.casefold() for sheet in DATA_SHEETS):
        name = f"{name} grid"
    return name


def ladder_yaml(ladder: Ladder) -> str:
    """``ladder`` as the YAML of a ladder file: what it holds and nothing the model fills in by itself
    (default labels, a short name that is the title)."""
    data = ladder.model_dump(exclude_defaults=True)
    data["rungs"] = [_rung_data(rung) for rung in ladder.rungs]
    order = ("title", "subtitle", "language", "source", "labels", "introduction", "conclusion", "tracks", "rungs",
             "competencies")
    ordered = {key: data[key] for key in order if key in data}
    ordered.update((key, value) for key, value in data.items() if key not in ordered)
    return yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def target_suffix(target: Path) -> str:
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(f"{target}: export writes .xlsx or .csv; name the file with one of these")
    return suffix


_READ_BACK = """\
# A career ladder read back by guidegen from {source}, which guidegen export wrote.
# It builds as it is:  guidegen build --ladder {target}
"""


def imported_yaml(path: Path, sheet: str | None, target: str) -> str:
    """The ladder in a workbook or CSV that ``guidegen export`` wrote, as the text of a ladder file."""
    from guidegen.input.ladder import validate_ladder
    from guidegen.input.workbook import read_guidegen_file

    if sheet is not None:
        raise InputError(f"{path}: was written by guidegen export and is read whole, every sheet; leave out --sheet")
    ladder = validate_ladder(read_guidegen_file(path))
    return _READ_BACK.format(source=path.name, target=target) + "\n" + ladder_yaml(ladder)
