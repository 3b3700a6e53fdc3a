"""The workbook `guidegen export` writes carries the whole ladder: `import` gives back an equal one, ids,
quotes as typed and every field; `import --into` merges an edited grid back into the ladder file (an overlay
too) and changes that and nothing else; and no cell of any export is ever a formula."""

from __future__ import annotations

import csv
import difflib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from guidegen.cli import main
from guidegen.input.ladder import load_ladder
from guidegen.input.schema import Competency, Ladder, Rung, Track

ROOT = Path(__file__).resolve().parent.parent
LADDERS = [ROOT / "data" / "ladder.yaml", *sorted(ROOT.glob("examples/*/ladder.yaml")),
           ROOT / "examples" / "engineering-framework" / "engineering-framework.csv"]

# A company's own ladder with every field the model has, quotes typed straight, text on several lines,
# a fork into two tracks, and comments that a merge must keep.
FULL_LADDER = """\
# Kestrel Analytics: the data team's ladder. Owned by the People team; edit through a pull request.
title: Growing in Data at Kestrel
subtitle: From Analyst to Head of Data, and the staff track beside it
language: en-GB
source:
  title: "Kestrel's \\"Data Careers\\" handbook"
  author: Kestrel People Team
  url: https://intranet.example/people/data-careers
labels:
  what_it_is: The role
  responsibilities: What you own
  leadership: How you lead
  soft_skills: How you work
  example: In practice
  company_introduction: At Kestrel
  company_closing: What's next
  competencies: Skills
  expectations: What we expect
  scope: Reach
  leads: Leads
  presents_to: Reports to
introduction:
  - "A data career at Kestrel doesn't follow one path: it forks after Senior Analyst."
  - |-
    Read your rung and the one above it.
    Then agree with your manager on the "two skills" you'll build next.
conclusion:
  heading: Where next
  paragraphs:
    - Promotions are reviewed twice a year; bring evidence, not hours.
company_introduction:
  - We grow most of our data leaders from within.
company_closing:
  - Ask a peer on the rung above yours to review your case first.
tracks:
  - id: ic
    name: Staff track
    description: Deep technical work without reports.
  - id: mgr
    name: Management track
rungs:
  - id: analyst
    title: Data Analyst
    short: Analyst
    aliases: [Junior Data Analyst, "Analyst, Data"]
    scope: One team's questions
    leads: Nobody yet
    presents_to: Analytics Lead
    what_it_is: >-
      The first rung: answer well-posed questions with clean data
      and say what the numbers don't show.
    responsibilities:
      - Write queries that others can rerun.
      - "Say \\"I don't know yet\\" when the data is thin."
    leadership:
      - name: Ownership
        description: Finish what you start.
    soft_skills:
      - name: Curiosity
        description: Ask why a number moved.
      - name: Clarity
        description: One chart, one message.
    example:
      setting: The churn dashboard
      story: You notice the churn rate double-counts paused accounts, and you fix the query.
  - id: senior-analyst
    title: Senior Data Analyst
    short: Senior
  - id: staff-analyst
    title: Staff Data Analyst
    track: ic
    what_it_is: Sets the analytical standards for the whole company.
  - id: analytics-manager
    title: Analytics Manager
    short: Manager
    track: mgr
competencies:
  - id: sql
    name: SQL & modelling
    description: Turning raw tables into models people trust.
    group: Craft
    expectations:
      analyst: Writes correct queries against a documented model.
      # the senior rung's wording was agreed in the 2025 review
      senior-analyst: Designs the models others query.
      staff-analyst: Sets modelling conventions across teams.
  - id: communication
    name: Communication
    group: People
    expectations:
      analyst: "Explains a result in one paragraph; doesn't bury the caveat."
      senior-analyst: Writes the 'so what' for a leadership audience.
      analytics-manager: Holds the team's weekly review.
"""

FORMULAS = ["=1+41", '=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)"]
FORMULA_LADDER = """\
title: "=1+41"
rungs:
  - id: first
    title: "@SUM(A1)"
    what_it_is: "-2"
    responsibilities: ["+1", "=1+41"]
  - id: second
    title: Second
competencies:
  - id: sum
    name: "=1+41"
    description: '=HYPERLINK("http://x","y")'
    group: "+1"
    expectations:
      first: "-2"
      second: "@SUM(A1)"
  - id: link
    name: Link
    expectations:
      first: '=HYPERLINK("http://x","y")'
      second: "'=1+41 typed with an apostrophe"
"""


def _run(*args: str):
    return CliRunner().invoke(main, list(map(str, args)))


def _export(ladder: Path, target: Path) -> Path:
    result = _run("export", ladder, "-o", target)
    assert result.exit_code == 0, result.output
    return target


def _import(framework: Path, target: Path) -> Path:
    result = _run("import", framework, "-o", target)
    assert result.exit_code == 0, result.output
    return target


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# The whole ladder, back equal ------------------------------------------------------------------------

@pytest.mark.parametrize("ladder", LADDERS, ids=lambda path: path.parent.name)
def test_the_workbook_gives_back_an_equal_ladder(ladder, tmp_path):
    """The built-in ladder, the examples (overlays, exported resolved) and the 8-level framework."""
    workbook = _export(ladder, tmp_path / "framework.xlsx")
    again = _import(workbook, tmp_path / "again.yaml")
    assert load_ladder(again, typeset=False) == load_ladder(ladder, typeset=False)
    assert load_ladder(again) == load_ladder(ladder)  # and typeset alike in every document
    assert load_ladder(workbook) == load_ladder(ladder)  # built from the workbook directly, too


def test_every_field_ids_and_straight_quotes_come_back(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    again = _import(_export(ladder, tmp_path / "kestrel.xlsx"), tmp_path / "again.yaml")
    original = load_ladder(ladder, typeset=False)
    assert load_ladder(again, typeset=False) == original
    text = again.read_text()
    assert "doesn't bury the caveat" in text and "\u2019" not in text and "\u201c" not in text
    assert [rung.id for rung in load_ladder(again).rungs] == ["analyst", "senior-analyst", "staff-analyst",
                                                               "analytics-manager"]


def _fields_left_unset(ladder: Ladder) -> list[str]:
    """The model's fields that the fixture leaves at their defaults (on every rung, competency, track)."""
    unset = [f"ladder.{name}" for name, info in Ladder.model_fields.items()
             if getattr(ladder, name) == info.get_default(call_default_factory=True)]
    for model, records in ((Rung, ladder.rungs), (Competency, ladder.competencies), (Track, ladder.tracks)):
        for name, info in model.model_fields.items():
            values = [getattr(record, name) for record in records]
            default = info.get_default(call_default_factory=True) if not info.is_required() else None
            if name == "short":
                values = [record.short for record in records if record.short != record.title]
            if all(value == default for value in values):
                unset.append(f"{model.__name__}.{name}")
    return unset


def test_the_full_fixture_fills_every_field_the_model_has():
    """A field added to the ladder's models must be carried by the workbook: this fixture has to fill it, so
    that the test above shows it coming back."""
    assert _fields_left_unset(Ladder.model_validate(__import__("yaml").safe_load(FULL_LADDER))) == []


def test_the_csv_is_the_grid_with_its_ids(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    grid = _export(ladder, tmp_path / "kestrel.csv")
    original, again = load_ladder(ladder, typeset=False), load_ladder(grid, typeset=False)
    assert again.competencies == original.competencies
    assert [(r.id, r.title, r.track) for r in again.rungs] == [(r.id, r.title, r.track) for r in original.rungs]
    assert [(t.id, t.name) for t in again.tracks] == [(t.id, t.name) for t in original.tracks]
    rows = list(csv.reader(io.StringIO(grid.read_text(encoding="utf-8-sig"))))
    assert rows[0][:4] == ["Rung id", "", "", "analyst"] and rows[3][-1] == "Competency id"


def test_an_overlay_exports_as_the_ladder_it_resolves_to(tmp_path):
    overlay = ROOT / "examples" / "northwind-health" / "ladder.yaml"
    again = _import(_export(overlay, tmp_path / "northwind.xlsx"), tmp_path / "again.yaml")
    assert "extends" not in again.read_text()
    assert [rung.id for rung in load_ladder(again).rungs] == [rung.id for rung in load_ladder(overlay).rungs]


# No formulas, ever ---------------------------------------------------------------------------------------

def _formula_cells(workbook: Path) -> list[str]:
    """Every cell that a spreadsheet would evaluate: a formula, or formula-like text without quote prefix."""
    found = []
    for sheet in load_workbook(workbook).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value and cell.value[0] in "=+-@\t\r"
                                             and not cell.quotePrefix):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value!r}")
    return found


def test_formula_like_text_is_written_as_text(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FORMULA_LADDER)
    workbook = _export(ladder, tmp_path / "formulas.xlsx")
    assert _formula_cells(workbook) == []
    grid = load_workbook(workbook).worksheets[0]
    texts = {cell.value for row in grid.iter_rows() for cell in row}
    assert set(FORMULAS) <= texts  # the text itself, not a value computed from it
    rows = list(csv.reader(io.StringIO(_export(ladder, tmp_path / "formulas.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell and cell[0] in "=+-@\t\r"]
    assert {"'" + text for text in FORMULAS} <= set(cells)
    assert "''=1+41 typed with an apostrophe" in cells  # an apostrophe typed before = is kept apart from ours


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_formula_like_text_comes_back_unchanged(tmp_path, suffix):
    ladder = _write(tmp_path, "ladder.yaml", FORMULA_LADDER)
    exported = _export(ladder, tmp_path / f"formulas{suffix}")
    original = load_ladder(ladder, typeset=False)
    if suffix == ".xlsx":
        assert load_ladder(_import(exported, tmp_path / "again.yaml"), typeset=False) == original
    else:
        assert load_ladder(exported, typeset=False).competencies == original.competencies


def test_import_then_export_turns_no_text_into_a_formula(tmp_path):
    """An HR sheet whose cells hold formula-like text (quoted in the CSV): imported, then exported."""
    sheet = tmp_path / "hr.csv"
    sheet.write_text('Competency,Associate,Senior\nBudgeting,"=1+41","=HYPERLINK(""http://x"",""y"")"\n'
                     'Reporting,@SUM(A1),-2\n', encoding="utf-8")
    ladder = _import(sheet, tmp_path / "ladder.yaml")
    workbook = _export(ladder, tmp_path / "again.xlsx")
    assert _formula_cells(workbook) == []
    assert load_ladder(workbook, typeset=False).competencies == load_ladder(ladder, typeset=False).competencies


def test_the_guards_hold_for_a_tab_or_carriage_return_at_the_start(tmp_path):
    """Ladder text never starts with whitespace (the model strips it), so the cell writers are tried directly."""
    from openpyxl import Workbook

    from guidegen.input.workbook_layout import csv_escape, csv_unescape
    from guidegen.workbook import _put

    texts = [*FORMULAS, "\t=1+41", "\rSUM", "'=x", "''+1", "'quoted", "plain", "2-1"]
    for text in texts:
        assert csv_unescape(csv_escape(text)) == text
        assert csv_escape(text)[0] not in "=+-@\t\r"
    assert [csv_escape(text) for text in ("'quoted", "plain", "2-1")] == ["'quoted", "plain", "2-1"]
    book = Workbook()
    cells = [_put(book.active, row, 1, text) for row, text in enumerate(texts, start=1)]
    book.save(tmp_path / "cells.xlsx")
    back = load_workbook(tmp_path / "cells.xlsx").active
    assert [back.cell(row=row, column=1).value for row in range(1, len(texts) + 1)] == texts
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells[:7]] == [True] * 7


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice Calc")
def test_libreoffice_reads_the_text_not_a_result(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FORMULA_LADDER)
    files = [_export(ladder, tmp_path / "formulas.xlsx"), _export(ladder, tmp_path / "grid.csv")]
    out = tmp_path / "libreoffice"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", "csv", "--outdir", str(out), *map(str, files)],
                   capture_output=True, timeout=300)
    if not (out / "formulas.csv").exists():
        pytest.skip("LibreOffice without Calc (libreoffice-calc) cannot open spreadsheets")
    from guidegen.input.workbook_layout import csv_unescape

    for name in ("formulas.csv", "grid.csv"):
        cells = [cell for row in csv.reader(io.StringIO((out / name).read_text(encoding="utf-8-sig")))
                 for cell in row]
        assert "42" not in cells and "y" not in cells and "1" not in cells, (name, cells)
        shown = {csv_unescape(cell) for cell in cells}
        assert set(FORMULAS) <= shown, (name, cells)


# import --into: an edited grid merged back ---------------------------------------------------------------

def _edit_cell(workbook: Path, competency_id: str, rung_id: str, text: str | None) -> None:
    """Type ``text`` into the grid as a person would in Excel (None: clear the cell)."""
    book = load_workbook(workbook)
    grid = book.worksheets[0]
    rows = list(grid.iter_rows())
    header = next(index for index, row in enumerate(rows) if row[0].value == "Competency")
    ids = [cell.value for cell in rows[0]]
    id_column = [cell.value for cell in rows[header]].index("Competency id")
    row = next(row for row in rows[header + 1:] if row[id_column].value == competency_id)
    row[ids.index(rung_id)].value = text
    book.save(workbook)


def _merge(workbook: Path, ladder: Path, *more: str):
    return _run("import", workbook, "--into", ladder, *more)


def _only_change(before: Ladder, after: Ladder, competency_id: str, rung_id: str, text: str | None) -> None:
    """``after`` is ``before`` with that one expectation changed, and nothing else."""
    changed = []
    for competency in before.competencies:
        expectations = dict(competency.expectations)
        if competency.id == competency_id:
            expectations.pop(rung_id, None)
            if text is not None:
                expectations[rung_id] = text
        changed.append(competency.model_copy(update={"expectations": expectations}))
    assert after == before.model_copy(update={"competencies": changed})


def test_one_edited_cell_changes_that_expectation_and_nothing_else(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    new = "Designs the models others query, and documents their \"grain\"."
    _edit_cell(workbook, "sql", "senior-analyst", new)
    before = load_ladder(ladder, typeset=False)
    result = _merge(workbook, ladder)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ['SQL & modelling · Senior Data Analyst: "Designs the models others query." '
                                          '→ "Designs the models others query, and documents their \\"grain\\"."']
    _only_change(before, load_ladder(ladder, typeset=False), "sql", "senior-analyst", new)
    diff = [line for line in difflib.unified_diff(FULL_LADDER.splitlines(), ladder.read_text().splitlines(), n=0)
            if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert diff == ["-      senior-analyst: Designs the models others query.",
                    f"+      senior-analyst: {new}"]  # the comment above it and every other line stay


def test_a_cleared_cell_and_a_new_one_in_a_plain_ladder(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    _edit_cell(workbook, "communication", "analytics-manager", None)
    _edit_cell(workbook, "communication", "staff-analyst", "Teaches the company to read its own numbers.")
    book = load_workbook(workbook)
    book.worksheets[0]["A6"] = "Communication & storytelling"  # the competency renamed in its own cell
    book.save(workbook)
    before = load_ladder(ladder, typeset=False)
    result = _merge(workbook, ladder)
    assert result.exit_code == 0, result.output
    assert 'Communication · Name: "Communication" → "Communication & storytelling"' in result.stdout
    assert len(result.stdout.splitlines()) == 3 and "3 cells changed" in result.stderr
    after = load_ladder(ladder, typeset=False)
    communication = after.competencies[1]
    assert communication.name == "Communication & storytelling"
    assert "analytics-manager" not in communication.expectations
    assert communication.expectations["staff-analyst"] == "Teaches the company to read its own numbers."
    assert after.rungs == before.rungs and after.competencies[0] == before.competencies[0]
    assert ladder.read_text().startswith(FULL_LADDER.split("competencies:")[0])  # all above the grid as typed


def test_an_overlay_gets_only_its_own_change(tmp_path):
    """Northwind extends the built-in ladder: an edit to a competency and rung of the base goes into the
    overlay's competencies, as one expectation, and the base file is not touched."""
    folder = tmp_path / "northwind"
    shutil.copytree(ROOT / "examples" / "northwind-health", folder)
    overlay = folder / "ladder.yaml"
    original_text, base_text = overlay.read_text(), (ROOT / "data" / "ladder.yaml").read_text()
    before = load_ladder(overlay, typeset=False)
    workbook = _export(overlay, tmp_path / "northwind.xlsx")
    _edit_cell(workbook, "empathy", "apm", "Listens to users before proposing anything.")
    _edit_cell(workbook, "strategy", "senior-pm", None)  # the base's expectation, dropped here
    result = _merge(workbook, overlay)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
    after = load_ladder(overlay, typeset=False)
    _only_change(before.model_copy(update={"competencies": [
        c if c.id != "strategy" else c.model_copy(update={"expectations": {k: v for k, v in c.expectations.items()
                                                                          if k != "senior-pm"}})
        for c in before.competencies]}), after, "empathy", "apm", "Listens to users before proposing anything.")
    added = [line for line in difflib.unified_diff(original_text.splitlines(), overlay.read_text().splitlines(), n=0)
             if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert added == ["+      senior-pm: null", "+  - id: empathy", "+    expectations:",
                     "+      apm: Listens to users before proposing anything."]
    assert "name:" not in overlay.read_text().split("- id: empathy")[1]  # no copy of the base's competency
    assert (ROOT / "data" / "ladder.yaml").read_text() == base_text


def test_an_edited_csv_grid_and_a_grid_without_ids_merge_too(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    grid = _export(ladder, tmp_path / "kestrel.csv")
    grid.write_text(grid.read_text(encoding="utf-8-sig").replace("Designs the models others query.",
                                                                 "Designs and documents the models."),
                    encoding="utf-8-sig")
    assert _merge(grid, ladder).exit_code == 0
    assert load_ladder(ladder).competencies[0].expectations["senior-analyst"] == "Designs and documents the models."
    hr = tmp_path / "hr.csv"  # the team's own sheet, no ids: rows matched by name, columns by title
    hr.write_text("Competency,Data Analyst,Senior Data Analyst\nCommunication,Explains results plainly.,\n",
                  encoding="utf-8")
    result = _merge(hr, ladder)
    assert result.exit_code == 0, result.output
    communication = load_ladder(ladder, typeset=False).competencies[1]
    assert communication.expectations["analyst"] == "Explains results plainly."
    assert "senior-analyst" not in communication.expectations
    assert "not in the grid, so left as they are: SQL & modelling" in result.stderr


def test_a_new_row_becomes_a_competency(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    book = load_workbook(workbook)
    grid = book.worksheets[0]
    grid.append(["Experimentation", None, "Craft", "Reads an A/B test result correctly."])
    book.save(workbook)
    result = _merge(workbook, ladder)
    assert result.exit_code == 0, result.output
    added = load_ladder(ladder, typeset=False).competencies[-1]
    assert (added.id, added.name, added.group) == ("experimentation", "Experimentation", "Craft")
    assert added.expectations == {"analyst": "Reads an A/B test result correctly."}


def test_a_grid_the_ladder_cannot_take_is_refused_and_nothing_is_written(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    book = load_workbook(workbook)
    book.worksheets[0]["D1"] = "lead-analyst"  # a column for a rung the ladder has not got
    book.save(workbook)
    result = _merge(workbook, ladder)
    assert result.exit_code == 2 and "kestrel.xlsx:'Growing in Data at Kestrel'!D4" in result.stderr
    assert "no rung 'Data Analyst (lead-analyst)'" in result.stderr
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    _edit_cell(workbook, "sql", "analyst", "x" * 5001)
    result = _merge(workbook, ladder)
    assert result.exit_code == 2 and "!D5: is too long (at most 5000 characters)" in result.stderr
    saved = workbook.read_bytes()
    result = _run("import", workbook, "--sheet", "Rungs")
    assert result.exit_code == 2 and "is read whole, every sheet; leave out --sheet" in result.stderr
    result = _merge(workbook, ladder, "-o", workbook)
    assert result.exit_code == 2 and "being read" in result.stderr
    assert ladder.read_text() == FULL_LADDER and workbook.read_bytes() == saved


def test_the_other_sheets_are_read_too_and_their_mistakes_named_by_cell(tmp_path):
    ladder = _write(tmp_path, "ladder.yaml", FULL_LADDER)
    workbook = _export(ladder, tmp_path / "kestrel.xlsx")
    book = load_workbook(workbook)
    rungs = book["Rungs"]
    header = [cell.value for cell in rungs[1]]
    rungs.cell(row=2, column=header.index("what_it_is") + 1, value="The first rung, rewritten in Excel.")
    rungs.insert_rows(4)  # a row inserted under the analyst's two, for a third responsibility
    rungs.cell(row=4, column=header.index("responsibilities") + 1, value="Keep a query log.")
    book.save(workbook)
    again = load_ladder(_import(workbook, tmp_path / "again.yaml"), typeset=False)
    assert again.rungs[0].what_it_is == "The first rung, rewritten in Excel."
    assert again.rungs[0].responsibilities[-1] == "Keep a query log."
    rungs.cell(row=2, column=header.index("title") + 1).value = None
    rungs.cell(row=3, column=header.index("scope") + 1, value="Stray")  # under a rung's first row
    book["Ladder"].append(["colour", "teal"])
    book.save(workbook)
    result = _run("import", workbook)
    assert result.exit_code == 2
    assert "kestrel.xlsx:Rungs!E3: scope belongs on the record's first row" in result.stderr
    assert "kestrel.xlsx:Ladder!A" in result.stderr and "unknown field 'colour'" in result.stderr
    rungs.cell(row=3, column=header.index("scope") + 1).value = None
    book["Ladder"].delete_rows(book["Ladder"].max_row)
    book.save(workbook)
    result = _run("validate", workbook)
    assert result.exit_code == 2 and "kestrel.xlsx:Rungs!B2: is required but missing" in result.stderr
