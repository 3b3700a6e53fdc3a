"""Spreadsheets built to make the readers do unbounded work: each ends in exit 2, naming the file, within
20 seconds and 400 MB (tests/hostile.py measures the child's time and peak memory)."""

from __future__ import annotations

from .hostile import assert_refused, run_guidegen
from .messy_sheets import SHEET_START, SMALL_GRID, STYLES, hand_made_xlsx


def test_one_merged_range_over_the_whole_sheet_is_refused_before_openpyxl_expands_it(tmp_path):
    sheet = hand_made_xlsx(tmp_path / "framework.xlsx", [
        SHEET_START, SMALL_GRID, b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>'])
    assert sheet.stat().st_size < 3_000
    assert_refused(run_guidegen("import", str(sheet)),
                   f"{sheet}:Framework: the sheet merges the range A1:XFD1048576, 17,179,869,184 cells")


def test_two_million_empty_styled_cells_are_counted_not_read(tmp_path):
    row = b"<row>" + b'<c s="1"/>' * 1_000 + b"</row>"
    sheet = hand_made_xlsx(tmp_path / "framework.xlsx",
                           [SHEET_START, b"<sheetData>", *[row] * 1_900, b"</sheetData></worksheet>"], styles=STYLES)
    outcome = run_guidegen("build", "--ladder", str(sheet), "--out", str(tmp_path / "out"))
    assert_refused(outcome, f"{sheet}:Framework: the sheet holds 1,900,000 cells")
    assert not (tmp_path / "out").exists()


def test_a_cell_far_down_the_sheet_is_refused_without_reading_the_rows_before_it(tmp_path):
    far = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    sheet = hand_made_xlsx(tmp_path / "framework.xlsx",
                           [SHEET_START, SMALL_GRID.replace(b"</sheetData>", far + b"</sheetData>"), b"</worksheet>"])
    assert_refused(run_guidegen("import", str(sheet)), f"{sheet}:Framework: has cells down to row 1,048,576")


def test_nineteen_megabytes_of_line_breaks_stop_at_the_row_cap(tmp_path):
    sheet = tmp_path / "framework.csv"
    with sheet.open("wb") as out:
        out.write(b"Competency,Engineer\n")
        for _ in range(19):
            out.write(b"\n" * 1_000_000)
    assert_refused(run_guidegen("import", str(sheet)), f"{sheet}:", "has more than 1,000 rows")


def test_an_unterminated_quote_does_not_swallow_the_rest_of_the_file(tmp_path):
    sheet = tmp_path / "framework.csv"
    sheet.write_text('Competency,Engineer\nCraft,"Writes code\n' + "Delivery,Ships\n" * 5_000)
    assert_refused(run_guidegen("validate", str(sheet)), f"{sheet}:2: a quoted cell starts on this line")


def test_openpyxl_warnings_become_our_own_words(tmp_path):
    """A workbook whose stylesheet has no default style and whose sheet carries a data validation extension:
    openpyxl warns of both, through Python's warnings, with its own install path."""
    styles = (b'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/'
              b'spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill>'
              b'<patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs '
              b'count="1"><xf fontId="0" fillId="0" borderId="0"/></cellXfs></styleSheet>')
    extension = (b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/'
                 b'office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst>')
    sheet = hand_made_xlsx(tmp_path / "framework.xlsx", [SHEET_START, SMALL_GRID, extension, b"</worksheet>"],
                           styles=styles)
    outcome = run_guidegen("import", str(sheet))
    assert outcome.code == 0, outcome.stderr
    assert f"Warning: {sheet}: has data validation rules, which guidegen does not need; ignored" in outcome.stderr
    assert f"Warning: {sheet}: has no default cell style" in outcome.stderr
    assert "UserWarning" not in outcome.stderr and "site-packages" not in outcome.stderr
    assert "writes-clear-code" not in outcome.stdout and "Writes clear code." in outcome.stdout
