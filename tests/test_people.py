"""Personal handouts from an HR export: every row checked first, one file per person, only their details."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from .hostile import run_guidegen
from .test_pdf import page_texts

PEOPLE = [
    # name, rung (id or title), target, manager, start date, team, note
    ("Zoë O'Brien", "pm", "Senior Product Manager", "Ana Lima", "2099-01-12", "Payments", "Glad you are here."),
    ("李娜", "Associate Product Manager", "group-pm", "Sam Patel", "", "Growth", ""),
    ("José Álvarez", "senior-pm", "", "", "2020-05-01", "", ""),
    ("Siobhán Ní Bhriain", "Group Product Manager", "director-pm", "Chidi Okafor", "", "Platform", ""),
    ("Zoë O'Brien", "apm", "", "Ana Lima", "", "", ""),  # the same name twice: two files
    ("Mårten Ångström", "Senior PM", "Director of Product Management", "", "", "Search", ""),
]


def _write(path: Path, rows, header=("name", "rung", "target", "manager", "start_date", "team", "note")) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("people")
    people = _write(folder / "people.csv", PEOPLE)
    first = run_guidegen("build", "--people", str(people), "--out", str(folder / "out"), "--jobs", "2", timeout=300)
    assert first.code == 0, first.stderr
    return folder, people, first


def _text(pdf: Path) -> str:
    return " ".join(" ".join(page_texts(pdf)).split())


def test_one_handout_per_person_named_safely_and_uniquely(handouts):
    folder, _, first = handouts
    names = sorted(path.name for path in (folder / "out" / "people").glob("*.pdf"))
    assert len(names) == len(PEOPLE)
    assert "zoe-o-brien.pdf" in names and "zoe-o-brien-2.pdf" in names and "jose-alvarez.pdf" in names
    assert "marten-angstrom.pdf" in names and any(re.fullmatch(r"person-[0-9a-f]{10}\.pdf", n) for n in names)
    assert "6 handouts, 6 written, 0 up to date, 0 failed" in first.stdout


@pytest.mark.parametrize("file, person", [("zoe-o-brien.pdf", 0), ("jose-alvarez.pdf", 2),
                                          ("siobhan-ni-bhriain.pdf", 3), ("marten-angstrom.pdf", 5)])
def test_a_handout_holds_its_person_their_rung_manager_and_target_and_nobody_else(handouts, file, person):
    folder, _, _ = handouts
    text = _text(folder / "out" / "people" / file)
    name, rung, target, manager, start, team, note = PEOPLE[person]
    assert name in text
    rung_titles = {"pm": "Product Manager", "senior-pm": "Senior Product Manager", "Senior PM": "Senior Product Manager"}
    assert rung_titles.get(rung, rung) in text
    if manager:
        assert f"Manager: {manager}" in text
    if target:
        target_title = {"director-pm": "Director of Product Management"}.get(target, target)
        assert f"Growing toward {target_title}" in text and "My plan" in text
    if start.startswith("2099"):
        assert "Welcome! You start on January 12, 2099." in text and note in text
    others = {other[0] for index, other in enumerate(PEOPLE) if index != person and other[0] != name}
    assert not [other for other in others if other in text]  # only this person's details
    assert not [other[3] for other in PEOPLE if other[3] and other[3] != manager and other[3] in text]


def test_progress_lines_name_rows_not_people_and_a_rerun_writes_nothing(handouts):
    folder, people, first = handouts
    assert not any(person[0] in first.stdout + first.stderr for person in PEOPLE)
    out = folder / "out" / "people"
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    again = run_guidegen("build", "--people", str(people), "--out", str(folder / "out"), timeout=120)
    assert again.code == 0, again.stderr
    assert "6 handouts, 0 written, 6 up to date, 0 failed" in again.stdout
    assert {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")} == before
    record = (out / ".guidegen-people.json").read_text()
    assert not any(person[0] in record or (person[3] and person[3] in record) for person in PEOPLE)


def test_a_changed_row_rewrites_only_its_own_handout(handouts, tmp_path):
    folder, people, _ = handouts
    out = folder / "out" / "people"
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    rows = [list(row) for row in PEOPLE]
    rows[2][3] = "Ines Duarte"  # José gets a manager
    changed = _write(tmp_path / "people.csv", rows)
    outcome = run_guidegen("build", "--people", str(changed), "--out", str(folder / "out"), timeout=120)
    assert "6 handouts, 1 written, 5 up to date" in outcome.stdout, outcome.stdout
    after = {path.name: path.stat().st_mtime_ns for path in out.glob("*.pdf")}
    assert [name for name in after if after[name] != before[name]] == ["jose-alvarez.pdf"]
    assert "Manager: Ines Duarte" in _text(out / "jose-alvarez.pdf")


def test_every_bad_row_is_named_with_its_line_and_nothing_is_written(tmp_path):
    rows = [list(row) for row in PEOPLE[:5]]
    rows[1][1] = "Chief Dreamer"       # line 3: an unknown rung
    rows[2][2] = "apm"                 # line 4: a target below the person's rung
    rows[3][4] = "2026-02-30"          # line 5: not a date
    rows[4][0] = "  "                  # line 6: no name
    people = _write(tmp_path / "people.csv", rows)
    outcome = run_guidegen("build", "--people", str(people), "--out", str(tmp_path / "out"))
    assert outcome.code == 2, outcome.stderr
    assert f"{people}:3: rung: unknown rung 'Chief Dreamer'" in outcome.stderr
    assert f"{people}:4: target: 'apm' is not above 'senior-pm'" in outcome.stderr
    assert f"{people}:5: start_date: '2026-02-30' is not a date" in outcome.stderr
    assert f"{people}:6: name: is empty" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert not (tmp_path / "out" / "people").exists()


def test_other_columns_are_ignored_with_one_warning_and_xlsx_is_read(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Rung", "Employee ID", "Salary band"])
    sheet.append(["Ada Lovelace", "pm", "E-1", "B4"])
    workbook.save(tmp_path / "people.xlsx")
    outcome = run_guidegen("build", "--people", str(tmp_path / "people.xlsx"), "--out", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    assert outcome.stderr.count("columns ignored: Employee ID, Salary band") == 1
    text = _text(tmp_path / "out" / "people" / "ada-lovelace.pdf")
    assert "Ada Lovelace" in text and "B4" not in text


def test_one_persons_failure_does_not_stop_the_others_and_exits_1(tmp_path):
    people = _write(tmp_path / "people.csv", PEOPLE[:3])
    blocked = tmp_path / "out" / "people" / "jose-alvarez.pdf"
    blocked.mkdir(parents=True)  # a folder where José's file should go: his handout cannot be written
    (blocked / "keep").write_text("")
    outcome = run_guidegen("build", "--people", str(people), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert outcome.code == 1, outcome.stderr
    assert "row 4: failed" in outcome.stdout and "3 handouts, 2 written, 0 up to date, 1 failed" in outcome.stdout
    assert (tmp_path / "out" / "people" / "zoe-o-brien.pdf").is_file()
    assert len(PdfReader(tmp_path / "out" / "people" / "zoe-o-brien.pdf").pages) >= 3
    assert not list((tmp_path / "out" / "people").glob(".*.part"))


@pytest.mark.parametrize("brand", [None, "northwind-health"])
def test_a_handout_made_with_its_rungs_shared_parts_is_the_one_made_whole(brand):
    """The stylesheet and chapters are made once per rung and reused: the handout must not change for it."""
    from dataclasses import replace
    from datetime import date

    from guidegen.guide.html import render_html, shared_parts
    from guidegen.input.people import Person
    from guidegen.view.person import person_context

    from .plans import view_and_options

    root = Path(__file__).resolve().parent.parent
    view, formats = view_and_options(ladder=root / "examples" / brand / "ladder.yaml" if brand else None,
                                     brand=[root / "examples" / brand / "brand.yml"] if brand else (), rungs=["pm"],
                                     formats=["pdf"])
    options = formats["pdf"]
    shared = shared_parts(view, options)
    for target in ("senior-pm", None):
        person = Person(line=2, name="Zoë O'Brien", rung="pm", target=target, manager="Ana Lima",
                        start_date=date(2099, 1, 12), team="Payments", note="A cross-functional start.")
        personal = replace(options, person=person_context(person, view, date(2026, 11, 27)))
        whole = render_html(view, personal)
        assert render_html(view, personal, shared) == whole
        assert "Zoë O" in whole and "Payments" in whole
        assert '<span class="nobr">cross-functional</span>' in whole  # its text is finished, shared part or not


def test_growing_toward_a_rung_names_each_new_skill_once():
    # The article's Senior PM lists Mentorship as a leadership component and as a soft skill.
    from datetime import date

    from guidegen.input.people import Person
    from guidegen.view.person import person_context

    from .plans import view_and_options

    view, _ = view_and_options(rungs=["pm"])
    person = Person(line=2, name="Ana", rung="pm", target="senior-pm", manager=None, start_date=None, team=None,
                    note=None)
    names = [skill.name for skill in person_context(person, view, date(2026, 11, 27))["growth"].skills]
    assert names.count("Mentorship") == 1 and len(names) == len(set(names))
    assert names[:2] == ["Strategic Visioning", "Mentorship"]  # as the target lists them, first mention kept


def test_a_handout_goes_stale_when_guidegens_code_or_templates_change(tmp_path, monkeypatch):
    # A build from source keeps its version number: the record must notice the code itself.
    import guidegen.resources
    import guidegen.run.record as record

    package, templates = tmp_path / "guidegen", tmp_path / "templates"
    (package / "deck").mkdir(parents=True)
    (templates / "html").mkdir(parents=True)
    (package / "deck" / "slides.py").write_text("SIZE = 18\n")
    (templates / "html" / "rung.html.j2").write_text("<h1>{{ title }}</h1>\n")
    monkeypatch.setattr(record, "PACKAGE", package)
    monkeypatch.setattr(guidegen.resources, "templates_dir", lambda: templates)
    first = record.renderer_digest()
    (package / "deck" / "notes.txt").write_text("not code")
    assert record.renderer_digest() == first
    (package / "deck" / "slides.py").write_text("SIZE = 20\n")
    second = record.renderer_digest()
    assert second != first
    (templates / "html" / "rung.html.j2").write_text("<h2>{{ title }}</h2>\n")
    assert record.renderer_digest() not in (first, second)


def test_a_rerun_redoes_the_handouts_when_the_brand_its_logo_or_the_language_change(tmp_path):
    import shutil

    brand = tmp_path / "brand"
    shutil.copytree(Path(__file__).resolve().parent.parent / "examples" / "northwind-health", brand)
    people = _write(tmp_path / "people.csv", [PEOPLE[2]])

    def build(*extra: str) -> str:
        outcome = run_guidegen("build", "--people", str(people), "--brand", str(brand / "brand.yml"), "--out",
                               str(tmp_path / "out"), "--jobs", "1", *extra, timeout=120)
        assert outcome.code == 0, outcome.stderr
        return outcome.stdout

    assert "1 written" in build()
    assert "1 up to date" in build()
    text = (brand / "brand.yml").read_text()
    (brand / "brand.yml").write_text(re.sub(r"primary: .*", 'primary: "#004D40"', text, count=1))
    assert "1 written" in build()  # new colours
    logo = brand / "logo-light.svg"
    logo.write_text(logo.read_text().replace("</svg>", "<!-- redrawn --></svg>"))
    assert "1 written" in build()  # the same file name, a new logo
    assert "1 written" in build("--language", "de")
    assert "1 up to date" in build("--language", "de")
