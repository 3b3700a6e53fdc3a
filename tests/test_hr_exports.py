"""Personal handouts from HR exports as HR systems write them: their own column names, a title row above
the header, a byte order mark, semicolons, Windows-1252 and UTF-16 text, day-first dates, Excel date cells,
salaries and employee ids that must never reach a handout, job titles that are not the rung's title, and
people whose names make awkward file names."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from guidegen.input.ladder import load_ladder
from guidegen.input.people import file_names, read_people, Person
from guidegen.resources import default_ladder_path

from .hostile import assert_refused, run_guidegen

OVERLAY = """\
extends: default
rungs:
  - id: apm
    aliases: [Product Analyst]
  - id: pm
    aliases: [Product Manager II, PM 2]
  - id: senior-pm
    add:
      aliases: [Lead PM]
  - id: director-pm
    aliases: [Head of Product]
"""
HEADER = ["Employee ID", "Full Name", "Job Title", "Line Manager", "Hire Date", "Department", "Annual Salary",
          "Target Level"]
# Full name, job title, line manager, hire date (dd/mm/yyyy), department, target: the people each test looks at.
NAMED = [
    ("Søren Kierkegaard", "Sr. Product Manager", "Zoë Ng", "03/04/2099", "Payments", "Head of Product"),
    ("Łukasz Żółć", "Product Manager II", "Ana Lima", "25/12/2019", "Search", ""),
    ("Zoë Ng", "Head of Product", "", "01/02/2015", "", ""),
    ("Ann", "Product Analyst", "Maja Berg", "", "Growth", ""),
    ("Ann", "pm 2", "Olu Ade", "", "Growth", ""),
    ("Ann 2", "LEAD PM", "Kim Lee", "", "Platform", ""),
    ("CON", "Group Product Manager", "", "11/11/2020", "", ""),
    ("李娜", "associate product manager", "Sam Patel", "", "", ""),
]
FIRST = ["Amara", "Bjørn", "Chiara", "Dmitri", "Elif", "Fatima", "Gustav", "Hana", "Ines", "Jonas", "Kofi", "Lena",
         "Mateo", "Noor", "Oskar", "Priya", "Quentin", "Rosa", "Tomás"]
LAST = ["Andersen", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Horvat", "Ivanova", "Jansen", "Kowalski"]
TITLES = ["Product Analyst", "Associate Product Manager", "Product Manager II", "PM 2", "Sr. Product Manager",
          "Lead PM", "Group Product Manager", "Head of Product"]


def _salary(index: int) -> str:
    return f"{91_000 + index * 137}"


def _hris_rows(count: int) -> list[list[str]]:
    """``count`` people as an HRIS exports them, the named ones first; every row with its own id and salary."""
    people = [list(person) for person in NAMED]
    for index in range(count - len(NAMED)):
        first, last = FIRST[index % len(FIRST)], LAST[index // len(FIRST)]
        day, month = index % 28 + 1, index % 12 + 1
        people.append([f"{first} {last}", TITLES[index % len(TITLES)], "Ana Lima", f"{day:02d}/{month:02d}/2021",
                       "Search", ""])
    return [[f"EMP-{index:05d}", name, title, manager, hired, team, _salary(index), target]
            for index, (name, title, manager, hired, team, target) in enumerate(people)]


def _csv_bytes(rows, header, *, delimiter=",", encoding="utf-8", above=()) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([*above, header, *rows])
    return buffer.getvalue().encode(encoding)


def _pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(result.stdout.split())


# -- 200 people from an HRIS export, one --date-format flag, aliases in an overlay ------------------------

@pytest.fixture(scope="module")
def hris(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hris")
    (folder / "ladder.yaml").write_text(OVERLAY)
    rows = _hris_rows(200)
    export = folder / "workforce.csv"
    title = [["Workforce export — Acme Rockets", *[""] * 7], ["Generated 03/12/2026", *[""] * 7]]
    export.write_bytes(_csv_bytes(rows, HEADER, delimiter=";", encoding="utf-8-sig", above=title))
    outcome = run_guidegen("build", "--ladder", str(folder / "ladder.yaml"), "--people", str(export),
                           "--date-format", "DD/MM/YYYY", "--out", str(folder / "out"), "--jobs", "2", timeout=300)
    assert outcome.code == 0, outcome.stderr[-3000:]
    return folder / "out" / "people", rows, outcome


def test_200_people_from_an_hris_export_give_200_handouts(hris):
    people, _, outcome = hris
    assert len(list(people.glob("*.pdf"))) == 200
    assert "200 handouts, 200 written, 0 up to date, 0 failed" in outcome.stdout
    assert outcome.stderr.count("columns ignored: Employee ID, Annual Salary") == 1
    assert "'Full Name' as name, 'Job Title' as rung, 'Line Manager' as manager, 'Hire Date' as start_date" \
           in outcome.stderr
    assert "workforce.csv:3: read as UTF-8 with a byte order mark, columns separated by semicolons" in outcome.stderr


def test_a_handout_holds_its_person_matched_by_job_title_and_dated_day_first(hris):
    people, _, _ = hris
    text = _pdf_text(people / "soren-kierkegaard.pdf")
    assert "Søren Kierkegaard" in text and "Senior Product Manager · Payments · Manager: Zoë Ng" in text
    assert "Welcome! You start on April 3, 2099." in text  # 03/04/2099, day first
    assert "Growing toward Director of Product Management" in text  # "Head of Product": an alias
    lukasz = _pdf_text(people / "lukasz-zolc.pdf")
    assert "Łukasz Żółć Product Manager · Search · Manager: Ana Lima" in lukasz  # "Product Manager II"


def test_people_with_the_same_name_each_get_their_own_file(hris):
    people, _, _ = hris
    names = {path.name for path in people.glob("*.pdf")}
    assert {"ann.pdf", "ann-2.pdf", "ann-3.pdf", "person-con.pdf", "zoe-ng.pdf"} <= names
    assert "con.pdf" not in names
    digest = hashlib.sha256("李娜".encode()).hexdigest()[:10]
    assert f"person-{digest}.pdf" in names
    first, second, own = (_pdf_text(people / name) for name in ("ann.pdf", "ann-3.pdf", "ann-2.pdf"))
    assert "Associate Product Manager · Growth · Manager: Maja Berg" in first
    assert "Product Manager · Growth · Manager: Olu Ade" in second and "Maja Berg" not in second
    assert "Ann 2" in own and "Senior Product Manager · Platform · Manager: Kim Lee" in own


def test_no_salary_or_employee_id_reaches_any_handout(hris):
    people, rows, _ = hris
    secrets = {row[0] for row in rows} | {row[6] for row in rows}
    for path in people.glob("*.pdf"):
        text = _pdf_text(path).replace(" ", "").replace(",", "")
        assert not [secret for secret in secrets if secret in text], path.name


# -- other encodings, separators and header words ------------------------------------------------------------

ENCODED = {
    # Excel's "CSV" in Western Europe: Windows-1252, commas, its own header words
    "windows-1252": (["Employee Name", "Position", "Reports To", "Start Date", "Team", "Salary"],
                     [["François Müller", "Senior Product Manager", "Renée Öberg", "2099-09-01", "Søk", "70500"]],
                     ",", "cp1252", "Windows-1252, columns separated by commas"),
    # Excel's "Unicode text": UTF-16 with tabs; a first and a last name column
    "utf-16": (["First Name", "Last Name", "Title", "Manager", "Department"],
               [["Ærø", "Ødegård", "Product Manager", "José Núñez", "Ops"]],
               "\t", "utf-16", "UTF-16, columns separated by tabs"),
}


@pytest.mark.parametrize("kind", ENCODED)
def test_exports_in_other_encodings_and_separators_read_their_accents(tmp_path, kind):
    header, rows, delimiter, encoding, note = ENCODED[kind]
    export = tmp_path / "export.csv"
    export.write_bytes(_csv_bytes(rows, header, delimiter=delimiter, encoding=encoding))
    outcome = run_guidegen("build", "--people", str(export), "--out", str(tmp_path / "out"), timeout=120)
    assert outcome.code == 0, outcome.stderr
    assert f"export.csv:1: read as {note}" in outcome.stderr
    [handout] = list((tmp_path / "out" / "people").glob("*.pdf"))
    text = _pdf_text(handout)
    if kind == "windows-1252":
        assert handout.name == "francois-muller.pdf" and "Manager: Renée Öberg" in text and "Søk" in text
        assert "Welcome! You start on September 1, 2099." in text and "70500" not in text.replace(",", "")
    else:
        assert handout.name == "aero-odegard.pdf" and "Ærø Ødegård" in text and "Manager: José Núñez" in text


def test_an_xlsx_export_with_date_cells_reads_dates_and_the_column_that_names_rungs(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["HR report: new joiners"])
    # "Title" is the salutation here; the rung is in "Level": read from the column whose values name rungs
    sheet.append(["Worker ID", "Title", "Employee Name", "Level", "Hire Date", "Base Salary"])
    sheet.append(["W-77812", "Mr", "Mårten Ångström", "Associate Product Manager", datetime(2099, 3, 4), 61234])
    sheet["E3"].number_format = "dd/mm/yyyy"  # shown day first in Excel; a date either way
    workbook.save(tmp_path / "joiners.xlsx")
    outcome = run_guidegen("build", "--people", str(tmp_path / "joiners.xlsx"), "--out", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    assert "'Level' as rung" in outcome.stderr and "columns ignored: Worker ID, Title, Base Salary" in outcome.stderr
    text = _pdf_text(tmp_path / "out" / "people" / "marten-angstrom.pdf")
    assert "Welcome! You start on March 4, 2099." in text and "Associate Product Manager" in text
    assert "61234" not in text.replace(",", "") and "W-77812" not in text


# -- dates whose order nothing settles, and columns named in the settings --------------------------------------

def _people_csv(path: Path, dates: list[str]) -> Path:
    rows = [[f"Person {chr(65 + index)}", "pm", when] for index, when in enumerate(dates)]
    path.write_bytes(_csv_bytes(rows, ["Name", "Rung", "Start Date"]))
    return path


def test_a_date_nothing_settles_is_reported_with_its_line_and_nothing_is_written(tmp_path):
    export = _people_csv(tmp_path / "people.csv", ["2099-01-05", "03/04/2099", "05/05/2099"])
    outcome = run_guidegen("build", "--people", str(export), "--language", "en", "--out", str(tmp_path / "out"))
    assert_refused(outcome, f"{export}:3: Start Date: '03/04/2099' could be day first or month first",
                   "--date-format DD/MM/YYYY")
    assert f"{export}:4:" not in outcome.stderr and f"{export}:2:" not in outcome.stderr  # 05/05 is one day either way
    assert not (tmp_path / "out").exists()
    us = _people_csv(tmp_path / "us.csv", ["25/12/2019"])  # the default ladder is en-US: month first
    assert_refused(run_guidegen("build", "--people", str(us), "--out", str(tmp_path / "out")),
                   f"{us}:2: Start Date: '25/12/2019' is not a date in the order MM/DD/YYYY",
                   "give --date-format DD/MM/YYYY")


@pytest.mark.parametrize("language, dates, expected", [
    ("de", ["03/04/2026"], date(2026, 4, 3)),           # German writes the day first, everywhere
    ("en-GB", ["03/04/2026"], date(2026, 4, 3)),
    ("en-US", ["03/04/2026"], date(2026, 3, 4)),
    ("en", ["03/04/2026", "31/03/2026"], date(2026, 4, 3)),  # the file's own 31/03 settles it
    ("ja", ["2026年4月3日"], date(2026, 4, 3)),
    ("fr", ["3 avr. 2026"], date(2026, 4, 3)),
    ("en-US", ["3 April 2026"], date(2026, 4, 3)),
])
def test_dates_are_read_in_the_order_the_ladders_language_writes_them(tmp_path, language, dates, expected):
    ladder = load_ladder(default_ladder_path(), typeset=False).model_copy(update={"language": language})
    people = read_people(_people_csv(tmp_path / "people.csv", dates), ladder, {})
    assert people[0].start_date == expected


def test_columns_and_date_format_come_from_the_settings_file_or_flags(tmp_path):
    export = tmp_path / "people.csv"
    export.write_bytes(_csv_bytes([["Noa Peretz", "Lead PM", "Ida Holm", "02.01.2099", "PX-1"]],
                                  ["Worker", "Career Step", "Boss", "Began", "Payroll Ref"], delimiter=";"))
    (tmp_path / "ladder.yaml").write_text(OVERLAY)
    (tmp_path / "guidegen.toml").write_text('ladder = "ladder.yaml"\ncolumns = ["Worker=name", "Career Step=rung", '
                                            '"Boss=manager", "Began=start date"]\ndate_format = "DD.MM.YYYY"\n')
    shown = run_guidegen("build", "--people", "people.csv", "--print-config", cwd=tmp_path)
    assert shown.code == 0, shown.stderr
    assert re.search(r"columns\s.*Worker=name, Career Step=rung", shown.stdout)
    assert re.search(r"date_format\s.*DD\.MM\.YYYY", shown.stdout)
    built = run_guidegen("build", "--people", "people.csv", "--out", "out", cwd=tmp_path)
    assert built.code == 0, built.stderr
    text = _pdf_text(tmp_path / "out" / "people" / "noa-peretz.pdf")
    assert "Senior Product Manager · Manager: Ida Holm" in text and "Welcome! You start on January 2, 2099." in text
    missing = run_guidegen("build", "--people", "people.csv", "--column", "Employee=name", cwd=tmp_path)
    assert_refused(missing, "people.csv:1: --column 'Employee=name': the header has no column 'Employee' "
                            "(columns: Worker, Career Step, Boss, Began, Payroll Ref)")
    assert_refused(run_guidegen("build", "--people", "people.csv", "--column", "Payroll Ref=salary", cwd=tmp_path),
                   "'salary' is not a field a handout reads")
    assert_refused(run_guidegen("build", "--column", "Worker=name", "--out", "out2", cwd=tmp_path),
                   "--column is not used by this build")


# -- job titles that match two rungs, broken files, file names -----------------------------------------------

def test_an_alias_or_title_that_names_two_rungs_is_reported(tmp_path):
    (tmp_path / "twice.yaml").write_text(OVERLAY + "  - id: group-pm\n    aliases: [Lead PM]\n")
    assert_refused(run_guidegen("validate", str(tmp_path / "twice.yaml")),
                   "alias 'Lead PM' of rung 'group-pm' is also the alias of rung 'senior-pm'")
    (tmp_path / "shorts.yaml").write_text("extends: default\nrungs:\n  - id: group-pm\n    short: Senior PM\n")
    export = tmp_path / "people.csv"
    export.write_bytes(_csv_bytes([["Ana", "Senior PM"], ["Bo", "senior-pm"]], ["Name", "Title"]))
    outcome = run_guidegen("build", "--ladder", str(tmp_path / "shorts.yaml"), "--people", str(export),
                           "--out", str(tmp_path / "out"))
    assert_refused(outcome, f"{export}:2: Title: 'Senior PM' could be rung 'senior-pm' or 'group-pm'")
    assert f"{export}:3:" not in outcome.stderr


BROKEN = {
    "a quote left open": ("people.csv", b'Full Name,Job Title\nAna Lima,pm\n"Bo Berg,pm\nCy Cole,pm\n',
                          "people.csv:3: a quote opened here is never closed"),
    "an old .xls workbook": ("people.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
                             "people.xls: is an old Excel workbook (.xls); save it as .xlsx or as CSV"),
    "a workbook named .csv": ("people.csv", b"PK\x03\x04" + bytes(100),
                              "people.csv: is an Excel workbook saved under a .csv name; rename it to .xlsx"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_broken_export_is_refused_naming_the_file_and_line(tmp_path, case):
    name, content, message = BROKEN[case]
    (tmp_path / name).write_bytes(content)
    assert_refused(run_guidegen("build", "--people", str(tmp_path / name), "--out", str(tmp_path / "out")),
                   f"{tmp_path}/{message}")
    assert not (tmp_path / "out").exists()


def test_file_names_are_transliterated_unique_and_never_reserved_on_windows():
    names = ["Søren", "Łukasz", "Zoë", "Ann", "Ann", "Ann 2", "CON", "nul", "Com1", "LPT9", "Straße", "Иван"]
    assert file_names([Person(1, name, "pm") for name in names]) == [
        "soren.pdf", "lukasz.pdf", "zoe.pdf", "ann.pdf", "ann-3.pdf", "ann-2.pdf", "person-con.pdf",
        "person-nul.pdf", "person-com1.pdf", "person-lpt9.pdf", "strasse.pdf", "ivan.pdf"]
