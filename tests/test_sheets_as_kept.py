"""Competency frameworks as HR teams keep them in spreadsheets: title rows, groups merged down a column, levels
as rows, Notes columns and footnotes, lists typed with Alt+Enter, long level names, other languages and
encodings, and tracks named in the levels' names. Each is imported with `guidegen import` and checked by what
lands in the ladder YAML, and a few are built into a guide read back with pdftotext."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.input.ladder import load_ladder

from .hostile import assert_refused, run_guidegen
from .messy_sheets import csv_text, write_workbook

LEVELS = ["L1 – Associate Software Engineer (0–2 years)", "L2 – Software Engineer (2–4 years)",
          "L3 – Senior Software Engineer (4–7 years)", "L4 – Staff Engineer (7+ years)"]


def imported(path: Path, *options: str) -> tuple[dict, str]:
    """The ladder `guidegen import` writes for ``path``, as data, and what it said on standard error."""
    result = CliRunner().invoke(main, ["import", str(path), *options])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(result.stdout), result.stderr


def expectations_of(ladder: dict, name: str) -> dict[str, str]:
    return next(c for c in ladder["competencies"] if c["name"] == name)["expectations"]


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def hr_workbook(tmp_path_factory) -> Path:
    """A README sheet first; then the framework under a title and an owner row, its groups merged down the first
    column, four long level names, a Notes and a Last reviewed column, lists typed with Alt+Enter, footnotes."""
    folder = tmp_path_factory.mktemp("hr")
    reviewed = datetime.datetime(2026, 3, 2)
    framework = [
        ["Platform Engineering — Career Framework"],
        ["Owner: People Partnering · version 3"],
        [],
        ["Group", "Competency", "Description", *LEVELS, "Notes", "Last reviewed"],
        ["Craft", "Code quality", "Software that others can change safely.",
         "• Writes readable code\n• Adds tests with every change", "• Refactors as they go\n• Reviews pull requests",
         "1. Sets the team's coding standards\n2. Coaches others on reviews", "Raises the bar across teams.",
         "wording agreed with the guild", reviewed],
        [None, "Systems design", "Shaping systems so that they can grow.", None, "Designs a component",
         "Designs a service\nand its interfaces with other teams", "Designs platforms that several teams build on.",
         None, reviewed],
        [None, "Operations", "Keeping what is built running.", "Watches the dashboards of their service",
         "Handles incidents in their area", "Leads incident reviews", "Shapes on-call for the department", None, None],
        ["Collaboration", "Communication", "Making work understood.", "Writes clear updates",
         "- Presents to the team\n- Writes design notes", "Presents to the department", "Speaks for engineering",
         None, None],
        [None, "Mentoring", "Helping others grow.", None, "Helps new starters settle in", "Mentors two engineers",
         "Grows senior engineers", None, None],
        [],
        ["* Years are a guide, not a rule: people move when they show the expectations."],
        ["Source: Platform Engineering leadership team, reviewed every spring with the people team."],
    ]
    readme = [["About this workbook"], [],
              ["The Framework sheet lists what each level expects. Questions go to the people team."]]
    return write_workbook(folder / "career-framework.xlsx", {"README": readme, "Framework": framework},
                          {"Framework": ["A5:A7", "A8:A9"]})


def test_a_workbook_as_hr_keeps_it_imports_its_levels_groups_and_lists(hr_workbook):
    ladder, said = imported(hr_workbook)
    assert ladder["title"] == "Platform Engineering — Career Framework"
    assert [rung["title"] for rung in ladder["rungs"]] == LEVELS  # no "Notes" rung, no date rung
    assert [rung["id"] for rung in ladder["rungs"]] == ["l1-associate-software-engineer", "l2-software-engineer",
                                                        "l3-senior-software-engineer", "l4-staff-engineer"]
    assert [rung.get("short") for rung in ladder["rungs"]] == ["Associate Software Engineer", "Software Engineer",
                                                               "Senior Software Engineer", "Staff Engineer"]
    assert [(c["group"], c["name"]) for c in ladder["competencies"]] == [
        ("Craft", "Code quality"), ("Craft", "Systems design"), ("Craft", "Operations"),
        ("Collaboration", "Communication"), ("Collaboration", "Mentoring")]  # no footnote became a competency
    quality = expectations_of(ladder, "Code quality")
    assert quality["l1-associate-software-engineer"] == "• Writes readable code\n• Adds tests with every change"
    assert quality["l3-senior-software-engineer"] == \
        "1. Sets the team's coding standards\n2. Coaches others on reviews"
    assert expectations_of(ladder, "Communication")["l2-software-engineer"] == \
        "- Presents to the team\n- Writes design notes"
    # a sentence broken only to wrap stays one line
    assert expectations_of(ladder, "Systems design")["l3-senior-software-engineer"] == \
        "Designs a service and its interfaces with other teams"
    assert "l1-associate-software-engineer" not in expectations_of(ladder, "Mentoring")


def test_what_is_skipped_is_named_by_its_cell(hr_workbook):
    _, said = imported(hr_workbook)
    assert "'README' holds no competency grid" in said
    assert f"{hr_workbook}:Framework!H4: column 'Notes' is not a level; skipped" in said
    assert f"{hr_workbook}:Framework!I4: column 'Last reviewed' is not a level; skipped" in said
    assert f"{hr_workbook}:Framework!A11: '* Years are a guide" in said
    assert f"{hr_workbook}:Framework!A12: 'Source: Platform Engineering" in said


def test_the_same_sheet_gives_the_same_ladder_every_time(hr_workbook, tmp_path):
    first = CliRunner().invoke(main, ["import", str(hr_workbook)])
    copy = tmp_path / "again.xlsx"
    copy.write_bytes(hr_workbook.read_bytes())
    again = CliRunner().invoke(main, ["import", str(copy)])
    assert first.exit_code == again.exit_code == 0 and "l2-software-engineer" in first.stdout
    assert again.stdout == first.stdout.replace(hr_workbook.name, copy.name)


def test_the_imported_workbook_builds_with_every_list_item(hr_workbook, tmp_path):
    target = tmp_path / "ladder.yaml"
    assert CliRunner().invoke(main, ["import", str(hr_workbook), "-o", str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", "--ladder", str(target), "--out", str(tmp_path / "out"),
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "career-guide.pdf")
    for item in ("Writes readable code", "Adds tests with every change", "Sets the team’s coding standards",
                 "Coaches others on reviews", "Presents to the team", "Writes design notes", "Associate Software "
                 "Engineer", "Platform Engineering — Career Framework"):
        assert item in text, item
    assert "4 rungs, from L1 – Associate Software Engineer (0–2 years) at the bottom to L4 – Staff Engineer" in text
    assert "Years are a guide" not in text and "wording agreed" not in text


# Levels as rows, other languages ----------------------------------------------------------------------------

def test_levels_as_rows_with_german_headers_a_track_column_and_group_band(tmp_path):
    rows = [
        ["Karriererahmen Softwareentwicklung"],
        [],
        [None, None, "Handwerk", None, "Zusammenarbeit", None],
        ["Stufe", "Laufbahn", "Technisches Können", "Betrieb", "Kommunikation", "Anmerkungen", "Beschreibung"],
        ["Entwickler:in", None, "Schreibt lesbaren Code", "Beobachtet den eigenen Dienst", "Schreibt klare Updates",
         "neu seit 2025", "Arbeitet an klar umrissenen Aufgaben."],
        ["Senior-Entwickler:in", None, "Entwirft Komponenten", "Behebt Störungen", "Präsentiert im Team", None, None],
        ["Staff-Entwickler:in", "Fachlaufbahn", "Setzt Standards für mehrere Teams", "Leitet Störungsanalysen",
         "Präsentiert im Bereich", None, None],
        ["Teamleitung", "Führungslaufbahn", "Sorgt für gute Werkzeuge im Team", "Plant Bereitschaften",
         "Führt Mitarbeitergespräche", None, "Führt ein Team von fünf bis acht Menschen."],
        [],
        ["Hinweis: Die Stufen werden jedes Frühjahr mit dem Betriebsrat überprüft."],
    ]
    sheet = write_workbook(tmp_path / "rahmen.xlsx", {"Stufen": rows}, {"Stufen": ["C3:D3", "E3:E3"]})
    ladder, said = imported(sheet)
    assert ladder["language"] == "de" and ladder["title"] == "Karriererahmen Softwareentwicklung"
    assert [rung["title"] for rung in ladder["rungs"]] == ["Entwickler:in", "Senior-Entwickler:in",
                                                           "Staff-Entwickler:in", "Teamleitung"]
    assert ladder["tracks"] == [{"id": "fachlaufbahn", "name": "Fachlaufbahn"},
                                {"id": "fuhrungslaufbahn", "name": "Führungslaufbahn"}]
    assert [rung.get("track") for rung in ladder["rungs"]] == [None, None, "fachlaufbahn", "fuhrungslaufbahn"]
    assert [(c["group"], c["name"]) for c in ladder["competencies"]] == [
        ("Handwerk", "Technisches Können"), ("Handwerk", "Betrieb"), ("Zusammenarbeit", "Kommunikation")]
    assert expectations_of(ladder, "Betrieb")["teamleitung"] == "Plant Bereitschaften"
    # a level's description, kept in its own column: what the rung is
    assert [rung.get("what_it_is") for rung in ladder["rungs"]] == [
        "Arbeitet an klar umrissenen Aufgaben.", None, None, "Führt ein Team von fünf bis acht Menschen."]
    assert f"{sheet}:Stufen!F4: 'Anmerkungen' is not a competency; skipped" in said
    assert f"{sheet}:Stufen!A10: 'Hinweis: Die Stufen werden" in said and "is a note, not a level" in said
    assert "the ladder's language is de" in said
    load_ladder(_written(tmp_path, ladder))


def _written(folder: Path, ladder: dict) -> Path:
    path = folder / "imported.yaml"
    path.write_text(yaml.safe_dump(ladder, allow_unicode=True, sort_keys=False))
    return path


@pytest.mark.parametrize("option, rungs", [
    ((), ["Writing", "Reviewing"]),  # the empty corner reads as levels across, the common shape
    (("--levels", "rows"), ["Junior", "Senior"]),
    (("--levels", "columns"), ["Writing", "Reviewing"]),
])
def test_levels_option_says_which_way_a_sheet_with_an_empty_corner_reads(tmp_path, option, rungs):
    sheet = tmp_path / "grid.csv"
    sheet.write_text(csv_text([["", "Writing", "Reviewing"], ["Junior", "Writes small changes", "Reads reviews"],
                               ["Senior", "Writes designs", "Reviews designs"]]))
    ladder, _ = imported(sheet, *option)
    assert [rung["title"] for rung in ladder["rungs"]] == rungs


@pytest.mark.parametrize("name, header, language", [
    ("fr.csv", ["Compétence", "Description", "Groupe", "Développeur", "Développeur senior"], "fr"),
    ("es.csv", ["Competencia", "Descripción", "Grupo", "Desarrollador", "Desarrollador sénior"], "es"),
    ("ja.csv", ["コンピテンシー", "説明", "グループ", "エンジニア", "シニアエンジニア"], "ja"),
    ("ar.csv", ["الكفاءة", "الوصف", "المجموعة", "مهندس", "مهندس أول"], "ar"),
])
def test_header_words_in_every_language_guidegen_ships(tmp_path, name, header, language):
    sheet = tmp_path / name
    sheet.write_text(csv_text([header, ["Qualité", "Du code qui dure.", "Métier", "Écrit du code clair.",
                                        "Fixe les standards."]]), encoding="utf-8")
    ladder, _ = imported(sheet)
    assert ladder["language"] == language
    (competency,) = ladder["competencies"]
    assert (competency["name"], competency["description"], competency["group"]) == \
        ("Qualité", "Du code qui dure.", "Métier")
    assert [rung["title"] for rung in ladder["rungs"]] == header[3:]


# CSV as Excel writes it in Europe ---------------------------------------------------------------------------

FRENCH = [["Compétence", "Description", "Développeur", "Développeur confirmé"],
          ["Qualité du code", "Écrire du code qui dure.", "Écrit du code lisible et testé.",
           "Définit les règles de l’équipe – et les fait évoluer."],
          ["Communication", "Se faire comprendre.", "Rédige des comptes rendus clairs.", "Présente à l’équipe."]]


def test_a_windows_1252_csv_with_semicolons_is_read_and_named(tmp_path):
    sheet = tmp_path / "référentiel.csv"
    sheet.write_bytes(csv_text(FRENCH, ";").encode("cp1252"))  # Excel's "CSV (séparateur: point-virgule)"
    ladder, said = imported(sheet)
    assert f"{sheet}: read as Windows-1252, separated by ';'" in said
    assert expectations_of(ladder, "Qualité du code") == {
        "developpeur": "Écrit du code lisible et testé.",
        "developpeur-confirme": "Définit les règles de l’équipe – et les fait évoluer."}


def test_a_utf16_csv_is_read(tmp_path):
    sheet = tmp_path / "framework.csv"
    sheet.write_bytes(csv_text(FRENCH, "\t").encode("utf-16"))  # Excel's "Unicode Text"
    ladder, said = imported(sheet)
    assert "read as UTF-16, separated by tabs" in said
    assert expectations_of(ladder, "Communication")["developpeur-confirme"] == "Présente à l’équipe."


def test_an_unterminated_quote_is_an_error_at_its_line(tmp_path):
    sheet = tmp_path / "framework.csv"
    sheet.write_text('Competency,Engineer,Senior engineer\nCraft,"Writes clear code,Reviews code\n'
                     'Delivery,Ships small changes,Plans projects\n')
    assert_refused(run_guidegen("import", str(sheet)), f"{sheet}:2: a quoted cell starts on this line and its "
                                                      f"closing quote never comes")


# Names and ids ----------------------------------------------------------------------------------------------

def test_ids_are_cut_between_words_and_level_codes_give_short_names(tmp_path):
    long_name = "Communication and stakeholder management across teams and functions"
    sheet = tmp_path / "framework.csv"
    sheet.write_text(csv_text([["Competency", "IC1 Software Engineer", "IC2 Software Engineer",
                                "Level 3: Senior Software Engineer and Technical Lead for a Product Area"],
                               [long_name, "Writes updates", "Presents", "Aligns teams"]]))
    ladder, _ = imported(sheet)
    (competency,) = ladder["competencies"]
    assert competency["id"] == "communication-and-stakeholder"  # whole words, within 36 characters
    assert long_name.lower().replace(" ", "-").startswith(competency["id"] + "-")
    assert [rung["id"] for rung in ladder["rungs"]] == ["ic1-software-engineer", "ic2-software-engineer",
                                                        "level-3-senior-software-engineer-and"]
    # the same core title twice: the titles are short enough; a long title with a code: its code
    assert [rung.get("short") for rung in ladder["rungs"]] == [None, None, "Level 3"]


# Tracks ------------------------------------------------------------------------------------------------------

PUBLISHED = ["Engineer 1", "Engineer 2", "Senior Engineer 1", "Senior Engineer 2 (Individual Contributor)",
             "Principal Engineer (Individual Contributor)", "Senior Engineer 2 (People Manager)",
             "Engineering Manager (People Manager)", "Head of Engineering (People Manager)"]


def _eight_levels(tmp_path: Path, levels: list[str]) -> Path:
    rows = [["Competency area", "Competency", *levels]]
    for group, name in (("Craft", "Technical skill"), ("Craft", "Delivery"), ("People", "Mentoring"),
                        ("People", "People management")):
        rows.append([group, name, *(f"{name} as expected of {level.split(' (')[0]}." for level in levels)])
    return write_workbook(tmp_path / "published.xlsx", {"Engineering": rows})


def test_two_tracks_named_in_the_level_names_fork_after_the_shared_levels(tmp_path):
    sheet = _eight_levels(tmp_path, PUBLISHED)
    ladder, said = imported(sheet)
    assert ladder["tracks"] == [{"id": "ic", "name": "Individual contributor"},
                                {"id": "manager", "name": "People manager"}]
    assert [(rung["id"], rung.get("track")) for rung in ladder["rungs"]] == [
        ("engineer-1", None), ("engineer-2", None), ("senior-engineer-1", None),
        ("senior-engineer-2-ic", "ic"), ("principal-engineer", "ic"),
        ("senior-engineer-2-manager", "manager"), ("engineering-manager", "manager"),
        ("head-of-engineering", "manager")]
    assert "2 tracks from the level names: Individual contributor (Senior Engineer 2 (Individual Contributor), " \
           "Principal Engineer (Individual Contributor)); People manager" in said
    assert "shared before the fork: Engineer 1, Engineer 2, Senior Engineer 1" in said


def test_the_two_track_framework_compares_each_rung_on_its_own_path(tmp_path):
    sheet = _eight_levels(tmp_path, PUBLISHED)
    target = tmp_path / "ladder.yaml"
    assert CliRunner().invoke(main, ["import", str(sheet), "-o", str(target)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", "--ladder", str(target), "--out", str(tmp_path / "out"),
                                       "--format", "pdf"])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "out" / "career-guide.pdf")
    assert "Principal Engineer (Individual Contributor)" in text
    assert "What changes from Senior Engineer 2 (People Manager)" in text  # the manager path's own step
    # each track's first level is compared with the last shared one, not with the other track's level
    assert "What changes from Senior Engineer 1" in text
    assert "What changes from Senior Engineer 2 (Individual Contributor) " in text
    changes = text.split("What changes from ")
    assert not any(part.startswith("Senior Engineer 2 (People Manager)") and "Principal" in part[:80]
                   for part in changes)


def test_ic_and_m_level_codes_make_two_tracks(tmp_path):
    sheet = tmp_path / "codes.csv"
    levels = ["L1 Engineer", "L2 Engineer", "IC3 Senior Engineer", "IC4 Staff Engineer", "M3 Engineering Manager",
              "M4 Director of Engineering"]
    sheet.write_text(csv_text([["Competency", *levels], ["Impact", *(f"Impact at {level}" for level in levels)]]))
    ladder, _ = imported(sheet)
    assert [rung.get("track") for rung in ladder["rungs"]] == [None, None, "ic", "ic", "manager", "manager"]
    assert [rung.get("short") for rung in ladder["rungs"]][2:] == ["Senior Engineer", "Staff Engineer",
                                                                   "Engineering Manager", "Director of Engineering"]


def test_a_track_row_below_the_header_names_the_tracks(tmp_path):
    sheet = tmp_path / "tracks.csv"
    sheet.write_text(csv_text([["Competency", "Engineer", "Senior engineer", "Staff engineer", "Engineering manager"],
                               ["Track", "", "", "IC", "Manager"],
                               ["Impact", "Own tasks", "Own features", "Several teams", "One team"]]))
    ladder, said = imported(sheet)
    assert [track["name"] for track in ladder["tracks"]] == ["Individual contributor", "Manager"]
    assert [rung.get("track") for rung in ladder["rungs"]] == [None, None, "ic", "manager"]
    assert [c["name"] for c in ladder["competencies"]] == ["Impact"]


def test_a_shared_level_after_the_tracks_is_where_they_rejoin(tmp_path):
    """A Technology Director reached from both tracks: the last rung, on no track, compared with each top."""
    sheet = _eight_levels(tmp_path, [*PUBLISHED[:7], "Technology Director"])
    ladder, _ = imported(sheet)
    assert ladder["rungs"][-1]["id"] == "technology-director" and "track" not in ladder["rungs"][-1]
    (tmp_path / "ladder.yaml").write_text(yaml.safe_dump(ladder, allow_unicode=True))
    outcome = CliRunner().invoke(main, ["build", "--ladder", str(tmp_path / "ladder.yaml"), "--format", "pdf",
                                        "--out", str(tmp_path / "out")])
    assert outcome.exit_code == 0, outcome.output
    text = " ".join(pdf_text(tmp_path / "out" / "career-guide.pdf").split())
    assert "What changes from Principal Engineer" in text and "What changes from Engineering Manager" in text
    assert "The tracks rejoin at Technology Director." in text


# Cells merged across levels, and sheets that hold no grid -------------------------------------------------------

def test_an_expectation_merged_over_two_levels_holds_for_both(tmp_path):
    rows = [["Competency", "Engineer", "Senior engineer", "Staff engineer"],
            ["Craft", "Writes clear, tested code.", None, "Sets standards."]]
    sheet = write_workbook(tmp_path / "framework.xlsx", {"Framework": rows}, {"Framework": ["B2:C2"]})
    ladder, _ = imported(sheet)
    assert expectations_of(ladder, "Craft") == {"engineer": "Writes clear, tested code.",
                                                "senior-engineer": "Writes clear, tested code.",
                                                "staff-engineer": "Sets standards."}


def test_a_name_merged_down_two_rows_gathers_both_rows_lines(tmp_path):
    rows = [["Competency", "Engineer", "Senior engineer"],
            ["Craft", "• Writes clear code", "• Designs components"],
            [None, "• Tests what they write", "• Reviews designs"],
            ["Delivery", "Ships small changes", "Plans projects"]]
    sheet = write_workbook(tmp_path / "framework.xlsx", {"Framework": rows}, {"Framework": ["A2:A3"]})
    ladder, _ = imported(sheet)
    assert expectations_of(ladder, "Craft") == {"engineer": "• Writes clear code\n• Tests what they write",
                                                "senior-engineer": "• Designs components\n• Reviews designs"}
    assert [c["name"] for c in ladder["competencies"]] == ["Craft", "Delivery"]


def test_group_section_rows_links_and_notes(tmp_path):
    sheet = tmp_path / "framework.csv"
    sheet.write_text(csv_text([
        ["Engineering levels"],
        ["Competency", "Engineer", "Senior engineer", "Handbook"],
        ["Craft"],
        ["Code quality", "Writes clear code", "Sets standards", "https://handbook.example.com/quality"],
        ["Operations", "Watches dashboards", "Leads incident reviews", ""],
        ["Collaboration"],
        ["Communication", "Writes updates", "Presents to the department", "https://handbook.example.com/talk"],
        [],
        ["Note: the handbook has examples for every cell."],
    ]))
    ladder, said = imported(sheet)
    assert ladder["title"] == "Engineering levels"
    assert [rung["title"] for rung in ladder["rungs"]] == ["Engineer", "Senior engineer"]
    assert [(c["group"], c["name"]) for c in ladder["competencies"]] == [
        ("Craft", "Code quality"), ("Craft", "Operations"), ("Collaboration", "Communication")]
    assert f"{sheet}:2:4: column 'Handbook' is not a level; skipped" in said
    assert f"{sheet}:9:1: 'Note: the handbook has examples for every cell.' is a note" in said


def test_a_long_lookup_sheet_beside_the_grid_is_passed_over(tmp_path):
    grid = [["Owner: People team"], ["Competency", "Engineer", "Senior engineer"], ["Craft", "Writes code", "Designs"]]
    lookup = [["Job code"], *([f"JC-{number}"] for number in range(1_500))]
    sheet = write_workbook(tmp_path / "framework.xlsx", {"Lookup": lookup, "Levels": grid})
    ladder, said = imported(sheet)
    assert ladder["title"] == "Levels"  # the sheet's name: "Owner: ..." is no title
    assert [rung["title"] for rung in ladder["rungs"]] == ["Engineer", "Senior engineer"]
    assert f"{sheet}:Lookup: has cells down to row 1,501; a sheet may have at most 1,000 rows: skipped" in said


def test_a_workbook_with_no_grid_lists_its_sheets(tmp_path):
    sheet = write_workbook(tmp_path / "notes.xlsx", {"README": [["About"], ["Nothing here yet"]],
                                                     "Contacts": [["Name", "Email"], ["Dana", "dana@example.com"]]})
    assert_refused(run_guidegen("import", str(sheet)), f"{sheet}: no sheet holds a competency grid (sheets: README, "
                                                      f"Contacts)", "--sheet")


@pytest.mark.parametrize("cell, lines", [
    ("•Writes clear code\r\n•Adds tests", ["•Writes clear code", "•Adds tests"]),  # Excel's CR LF, no space
    ("1) Plans the work\n2) Ships it\n3) Says what changed", ["1) Plans the work", "2) Ships it",
                                                           "3) Says what changed"]),
    ("a. Listens\nb. Asks\n\n\nc. Decides", ["a. Listens", "b. Asks", "c. Decides"]),
    ("– Leads reviews_x000D_\n– Writes notes", ["– Leads reviews", "– Writes notes"]),
    ("* Leads the incident\n  and writes the review", ["* Leads the incident and writes the review"]),
    ("Writes clear code that\nothers can change", ["Writes clear code that others can change"]),
    ("Writes clear code.\nReviews others' code.", ["Writes clear code.", "Reviews others' code."]),
    ("設計を行う\nレビューを行う", ["設計を行う", "レビューを行う"]),
    ("Plain   text  that wraps in the cell", ["Plain text that wraps in the cell"]),
])
def test_a_cell_keeps_one_item_per_line_with_its_marker(cell, lines):
    from guidegen.input.sheet_text import cell_lines, multi_line

    assert cell_lines(cell) == lines
    assert multi_line(cell) == "\n".join(lines)
