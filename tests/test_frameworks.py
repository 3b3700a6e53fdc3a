"""Competency frameworks: a spreadsheet HR keeps, imported, built into a guide and a deck read back, exported
again; and every way such a file can be wrong, named by its cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from guidegen.cli import main
from guidegen.input.ladder import load_ladder
from guidegen.input.typography import typographic_text
from guidegen.api import build

from . import frameworks
from .decks import deck_text
from .hostile import assert_refused, run_guidegen
from .overflow import overflow_problems, render_with_libreoffice
from .test_pdf import page_texts


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def framework_build(tmp_path_factory):
    """The eight-level framework imported with `guidegen import`, then built as the YAML it wrote."""
    folder = tmp_path_factory.mktemp("framework")
    sheet = frameworks.write_xlsx(folder / "framework.xlsx")
    ladder_file = folder / "ladder.yaml"
    result = CliRunner().invoke(main, ["import", str(sheet), "-o", str(ladder_file)])
    assert result.exit_code == 0, result.output
    pdf, deck = build(ladder=ladder_file, out=folder / "out", formats=["pdf", "pptx"])
    return {"folder": folder, "sheet": sheet, "ladder": ladder_file, "pdf": pdf, "deck": deck}


def printed(text: str) -> str:
    """A cell's text as the documents print it: apostrophes and quotes typographic."""
    return typographic_text(text, "en")


def test_import_writes_a_ladder_that_validates_with_tracks_and_every_cell(framework_build):
    text = framework_build["ladder"].read_text()
    assert text.startswith("# A career ladder imported by guidegen from framework.xlsx (sheet Engineering).")
    assert "scope:" in text  # the comment block says what can be added
    ladder = load_ladder(framework_build["ladder"])
    assert [rung.title for rung in ladder.rungs] == frameworks.LEVELS
    assert [track.name for track in ladder.tracks] == list(frameworks.TRACKS)
    assert [rung.track is None for rung in ladder.rungs] == [title in frameworks.SHARED for title in frameworks.LEVELS]
    assert [(c.group, c.name, c.description) for c in ladder.competencies] == \
        [row[:3] for row in frameworks.COMPETENCIES]
    for index, competency in enumerate(ladder.competencies):
        expected = {rung.id: printed(text) for rung, text in zip(ladder.rungs, frameworks.expectations(index))
                    if text}
        assert competency.expectations == expected


def test_every_expectation_is_in_the_guide_and_the_deck(framework_build):
    guide = _flat(" ".join(page_texts(framework_build["pdf"])))
    deck = deck_text(framework_build["deck"])
    for index, (_, name, _, _) in enumerate(frameworks.COMPETENCIES):
        assert name in guide and name in deck
        for text in map(printed, filter(None, frameworks.expectations(index))):
            assert text in guide, text
            assert text in deck, text
    for title in frameworks.LEVELS:
        assert title in guide and title in deck


def test_the_guide_shows_the_fork_side_by_side(framework_build):
    texts = [_flat(text) for text in page_texts(framework_build["pdf"])]
    grid = [text for text in texts if "Individual contributor" in text and "People manager" in text
            and "Competencies" in text]
    assert grid, "no grid page sets the two tracks side by side"
    staff = next(text for text in texts if text.startswith("Engineering Staff Engineer") or "RUNG 4 OF 6" in text)
    assert "What changes from Senior Engineer" in staff


def test_the_framework_deck_fits_under_libreoffice(framework_build, tmp_path):
    deck = framework_build["deck"]
    rendered = render_with_libreoffice([deck], tmp_path)
    assert not overflow_problems(deck, rendered[deck])
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides if slide.shapes.title is not None]
    assert any(title.startswith("Competencies") for title in titles)


def test_a_handout_after_the_fork_shows_both_tracks(framework_build):
    (pdf,) = build(ladder=framework_build["ladder"], out=framework_build["folder"] / "handout", formats=["pdf"], rungs=("senior-engineer",))
    text = _flat(" ".join(page_texts(pdf)))
    assert "Moving up from Senior Engineer to Staff Engineer (Individual contributor)" in text
    assert "Moving up from Senior Engineer to Engineering Manager (People manager)" in text
    assert printed(frameworks.expectations(8)[6]) in text  # what the manager track's first rung brings


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_import_export_import_is_lossless(framework_build, tmp_path, suffix):
    first = load_ladder(framework_build["sheet"])
    exported = tmp_path / f"again{suffix}"
    result = CliRunner().invoke(main, ["export", str(framework_build["ladder"]), "-o", str(exported)])
    assert result.exit_code == 0, result.output
    second = load_ladder(exported)
    assert second.competencies == first.competencies
    assert second.rungs == first.rungs and second.tracks == first.tracks


def test_the_exported_workbook_reads_well(framework_build, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "framework.xlsx"
    assert CliRunner().invoke(main, ["export", str(framework_build["ladder"]), "-o", str(target)]).exit_code == 0
    sheet = load_workbook(target).worksheets[0]
    assert sheet.freeze_panes == "D5"  # names, descriptions and groups stay beside the rungs; headers on top
    assert [cell.value for cell in sheet[1]][:4] == ["Rung id", None, None, "engineer-i"]  # ids for import
    header = [cell.value for cell in sheet[4]]
    assert header == ["Competency", "Description", "Group", *frameworks.LEVELS, "Competency id"]
    assert all(cell.font.bold for cell in sheet[4])
    assert sheet["D5"].alignment.wrap_text
    assert {str(merged) for merged in sheet.merged_cells.ranges} == {"G3:I3", "J3:K3"}
    assert all(8 <= sheet.column_dimensions[letter].width <= 40 for letter in "ABCDEFGHIJK")


def test_the_default_ladder_exports_its_threads(tmp_path):
    target = tmp_path / "pm.csv"
    assert CliRunner().invoke(main, ["export", "data/ladder.yaml", "-o", str(target)]).exit_code == 0
    again = load_ladder(target)
    default = load_ladder("data/ladder.yaml")
    assert [c.name for c in again.competencies] == [c.name for c in default.competencies]
    titles = {rung.id: rung.title for rung in default.rungs}
    for mine, theirs in zip(again.competencies, default.competencies):
        by_title = {rung.title: text for rung in again.rungs for key, text in mine.expectations.items()
                    if key == rung.id}
        assert by_title == {titles[key]: text for key, text in theirs.expectations.items()}


def test_a_semicolon_csv_without_bom_builds_directly(tmp_path):
    sheet = frameworks.write_csv(tmp_path / "framework.csv", delimiter=";", bom=False)
    (deck,) = build(ladder=sheet, out=tmp_path / "out", formats=["pptx"])
    assert frameworks.expectations(0)[0] in deck_text(deck)
    result = CliRunner().invoke(main, ["validate", str(sheet)])
    assert result.exit_code == 0 and "8 rungs" in result.output


# Problems, each named by its cell --------------------------------------------------------------------

def _rows(**changes):
    rows = frameworks.grid_rows(with_tracks=False)
    for (row, column), value in changes.items():
        rows[row][column] = value
    return rows


def test_every_problem_in_a_sheet_is_named_by_its_cell(tmp_path):
    rows = frameworks.grid_rows(with_tracks=False)
    rows[0][5] = "Engineer I"  # F1: a second column for the same rung
    rows[4][0] = ""  # A5: expectations without a name
    rows[0].append("")  # L1: a column of expectations without a header
    rows[2].append("Leads the on-call rotation.")
    sheet = frameworks.write_xlsx(tmp_path / "framework.xlsx", rows, sheet="Engineering")
    outcome = run_guidegen("validate", str(sheet))
    assert_refused(outcome, f"{sheet}:Engineering!F1: 'Engineer I' is already a rung column (D)",
                   f"{sheet}:Engineering!A5: this row has expectations but no competency name",
                   f"{sheet}:Engineering!L1: this column has expectations but no header")
    assert "3 problems found" in outcome.stderr


def test_csv_problems_name_row_and_column(tmp_path):
    rows = frameworks.grid_rows(with_tracks=False)
    rows[3][0] = rows[2][0]  # a competency listed twice
    sheet = frameworks.write_csv(tmp_path / "framework.csv", rows)
    assert_refused(run_guidegen("build", "--ladder", str(sheet), "--out", str(tmp_path / "out")),
                   f"{sheet}:4:1: 'System design' is already a competency (row 3)")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_too_long_expectation_is_named_by_its_cell(tmp_path):
    rows = frameworks.grid_rows(with_tracks=False)
    rows[1][4] = "x " * 3000
    sheet = frameworks.write_xlsx(tmp_path / "framework.xlsx", rows, sheet="Levels")
    assert_refused(run_guidegen("validate", str(sheet)), f"{sheet}:Levels!E2:")


@pytest.mark.parametrize("content, message", [
    (b"Competency,Level 1\n", "no competencies"),
    (b"Name,Level 1\nWriting,Writes\n", "no header row"),
])
def test_a_csv_of_another_shape_is_refused(tmp_path, content, message):
    sheet = tmp_path / "framework.csv"
    sheet.write_bytes(content)
    assert_refused(run_guidegen("import", str(sheet)), str(sheet), message)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path):
    fake = tmp_path / "framework.xlsx"
    fake.write_text("Competency,Level 1\n")
    assert_refused(run_guidegen("import", str(fake)), f"{fake}: is not an Excel workbook")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
        chunk = b"\0" * 1_000_000  # written in pieces: this test's own memory counts in the child's peak
        for _ in range(300):
            member.write(chunk)
    assert_refused(run_guidegen("validate", str(bomb)), f"{bomb}: unpacks to")


def test_an_unknown_sheet_is_refused_with_the_sheets_there_are(framework_build, tmp_path):
    out = tmp_path / "ladder.yaml"
    outcome = run_guidegen("import", str(framework_build["sheet"]), "--sheet", "Design", "-o", str(out))
    assert_refused(outcome, "has no sheet 'Design' (sheets: Engineering)")
    assert not out.exists() and not list(tmp_path.iterdir())


def test_import_to_standard_output_and_a_named_sheet(framework_build):
    result = CliRunner().invoke(main, ["import", str(framework_build["sheet"]), "--sheet", "Engineering"])
    assert result.exit_code == 0
    assert "competencies:" in result.output and "tracks:" in result.output


def test_a_ladder_without_competencies_says_why_it_cannot_be_exported(tmp_path):
    from .ladders import make_ladder, write_ladder

    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    outcome = run_guidegen("export", str(ladder), "-o", str(tmp_path / "out.xlsx"))
    assert_refused(outcome, "no competencies to export")
    assert not (tmp_path / "out.xlsx").exists()


# Overlays change competencies like rungs ---------------------------------------------------------------

def test_an_overlay_adds_renames_and_drops_competencies_and_expectations(tmp_path):
    overlay = tmp_path / "ladder.yaml"
    overlay.write_text("""\
extends: default
rungs:
  - id: apm
    drop: true
competencies:
  - id: strategy
    name: Product strategy
    expectations:
      pm: Sets a quarterly strategy for one product.
      director-pm: null
  - id: negotiation
    drop: true
  - id: data
    name: Working with data
    group: Craft
    after: strategy
    expectations:
      pm: Reads the product's metrics every week.
      senior-pm: Designs the experiments that settle product questions.
""")
    ladder = load_ladder(overlay)
    ids = [competency.id for competency in ladder.competencies]
    assert ids[:2] == ["strategy", "data"] and "negotiation" not in ids
    strategy = ladder.competencies[0]
    assert strategy.name == "Product strategy"
    assert strategy.expectations == {"pm": "Sets a quarterly strategy for one product.",
                                     "senior-pm": "Strategic Visioning", "group-pm": "Vision & Alignment"}
    assert all("apm" not in competency.expectations for competency in ladder.competencies)
    (pdf,) = build(ladder=overlay, out=tmp_path / "out", formats=["pdf"])
    text = _flat(" ".join(page_texts(pdf)))
    assert "Designs the experiments that settle product questions." in text and "Product strategy" in text


def test_an_overlay_naming_an_unknown_competency_anchor_is_refused(tmp_path):
    overlay = tmp_path / "ladder.yaml"
    overlay.write_text("extends: default\ncompetencies:\n  - id: data\n    name: Data\n    after: stratgy\n")
    assert_refused(run_guidegen("validate", str(overlay)), f"{overlay}:5:12",
                   "no competency 'stratgy'; did you mean 'strategy'?")


def test_the_shipped_example_is_the_tests_framework(tmp_path):
    example = Path(__file__).resolve().parent.parent / "examples" / "engineering-framework" / \
        "engineering-framework.csv"
    assert example.read_bytes() == frameworks.write_csv(tmp_path / "again.csv").read_bytes()
    ladder = load_ladder(example)
    assert ladder.title == "Engineering framework"
    assert [rung.title for rung in ladder.rungs] == frameworks.LEVELS
    assert len(ladder.competencies) == len(frameworks.COMPETENCIES) == 9


def test_the_framework_decks_agenda_promises_only_what_it_has(framework_build):
    agenda = next(slide for slide in Presentation(str(framework_build["deck"])).slides
                  if slide.shapes.title is not None and slide.shapes.title.text == "Agenda")
    text = " ".join(shape.text_frame.text for shape in agenda.shapes if shape.has_text_frame)
    notes = agenda.notes_slide.notes_text_frame.text
    assert "Introduction" not in text  # the framework has none
    assert "showing expectations." in notes and "soft skills" not in notes


def test_a_grid_far_larger_than_any_framework_is_refused_quickly(tmp_path):
    sheet = tmp_path / "huge.csv"
    header = "Competency," + ",".join(f"Level {i}" for i in range(119))
    rows = [f"Skill {r}," + ",".join("x" * 100 for _ in range(119)) for r in range(999)]
    sheet.write_text("\n".join([header, *rows]))
    assert_refused(run_guidegen("validate", str(sheet)), f"{sheet}:1:", "at most 100")
