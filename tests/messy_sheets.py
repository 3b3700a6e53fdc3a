"""Spreadsheets as HR teams keep them, written by the tests themselves: title and owner rows, merged group
cells, Notes columns, footnotes, Alt+Enter lists, long level names, levels as rows, other languages; and
workbooks written byte by byte as a zip, for the files no spreadsheet program would save."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path


def write_workbook(path: Path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None) -> Path:
    """A workbook with a sheet for each entry of ``sheets`` (rows of values, None for an empty cell), in order,
    each sheet's ranges in ``merges`` merged."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row_number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value not in (None, ""):
                    sheet.cell(row=row_number, column=column, value=value)
        for reference in (merges or {}).get(name, []):
            sheet.merge_cells(reference)
    workbook.save(path)
    return path


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


_CONTENT_TYPES = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" \
ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" \
ContentType="application/xml"/><Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override \
PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
_PACKAGE_RELATIONSHIPS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
_WORKBOOK = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Framework" \
sheetId="1" r:id="rId1"/></sheets></workbook>"""
_WORKBOOK_RELATIONSHIPS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/></Relationships>"""
SHEET_START = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
# Two cell formats (the second bold) and a default cell style, as every spreadsheet program writes them.
STYLES = (b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
          b'2006/main"><fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts><fills '
          b'count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
          b'<cellStyleXfs count="1"><xf fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf '
          b'fontId="0" fillId="0" borderId="0" xfId="0"/><xf fontId="1" fillId="0" borderId="0" xfId="0" '
          b'applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
          b'</cellStyles></styleSheet>')
SMALL_GRID = (b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Competency</t></is></c><c r="B1" '
              b't="inlineStr"><is><t>Engineer</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Craft'
              b'</t></is></c><c r="B2" t="inlineStr"><is><t>Writes clear code.</t></is></c></row></sheetData>')


def hand_made_xlsx(path: Path, sheet_parts: Iterable[bytes], styles: bytes | None = None) -> Path:
    """A workbook of one sheet, "Framework", whose XML is ``sheet_parts`` written one after the other (so that a
    large sheet never sits whole in this process's memory: the child's peak is measured, and a fork would carry
    this process's peak into it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _PACKAGE_RELATIONSHIPS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELATIONSHIPS)
        if styles is not None:
            archive.writestr("xl/styles.xml", styles)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            for part in sheet_parts:
                member.write(part)
    return path
