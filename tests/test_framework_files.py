"""Published framework files: a job family in the shape of Financial-Times/engineering-progression (eight levels,
IC and manager level ids, a director above both tracks) and a role in the shape of monzo/progression-framework
(skipped levels, a generic.md to inherit from), imported, validated, built and read back from the PDF; and every
way such a file can be wrong, named by its file and line.

The fixtures under tests/fixtures/frameworks/ are the tests' own, written in those shapes. What each test
expects is read from the fixture with plain YAML, not from the importer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.input.ladder import load_ladder
from guidegen.input.typography import typographic_text

from .hostile import assert_refused, run_guidegen

FIXTURES = Path(__file__).parent / "fixtures" / "frameworks"
JOB_FAMILY = FIXTURES / "platform-job-family.yml"
ROLE = FIXTURES / "monzo" / "engineering" / "data-engineering.md"
GENERIC = FIXTURES / "monzo" / "generic.md"
BULLET = "\u2022 "


def one_line(text) -> str:
    return " ".join(str(text).split())


def printed(text: str) -> str:
    """Text as the documents print it: apostrophes and quotes typographic."""
    return typographic_text(text, "en")


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pdftotext reads it, on one line, words that hyphenation split joined again."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    text = text.replace("\u00ad\n", "").replace("\u2010\n", "").replace("-\n", "-").replace("\u00ad", "")
    return " ".join(text.split())


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0])


def imported(source: Path, target: Path) -> dict:
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(target.read_text(encoding="utf-8"))


def build_pdf(ladder: Path, out: Path) -> Path:
    outcome = run_guidegen("build", "--ladder", str(ladder), "--format", "pdf", "--out", str(out), timeout=120)
    assert outcome.code == 0, outcome.stderr
    return out / "career-guide.pdf"


# The job family ----------------------------------------------------------------------------------

def job_family_cells() -> dict[tuple[str, str], list[dict]]:
    """The fixture's competencies by (theme, level), in the file's order."""
    cells: dict[tuple[str, str], list[dict]] = {}
    for competency in yaml.safe_load(JOB_FAMILY.read_text())["competencies"]:
        cells.setdefault((competency["theme"], competency["level"]), []).append(competency)
    return cells


def job_family_phrases(competency: dict) -> list[str]:
    """What a reader must find of one competency: its summary, proficiency, each example and link."""
    return [one_line(competency["summary"]), f"Proficiency: {competency['proficiency']}",
            *(one_line(example) for example in competency.get("examples") or ()),
            *(one_line(link["url"]) for link in competency.get("supportingUrls") or ())]


@pytest.fixture(scope="module")
def job_family(tmp_path_factory):
    folder = tmp_path_factory.mktemp("job-family")
    ladder_file = folder / "ladder.yaml"
    return {"folder": folder, "ladder_file": ladder_file, "ladder": imported(JOB_FAMILY, ladder_file)}


def test_a_job_family_becomes_a_ladder_with_two_tracks_shared_levels_first(job_family):
    text = job_family["ladder_file"].read_text()
    assert text.startswith("# A career ladder imported by guidegen from platform-job-family.yml")
    assert "scope:" in text and "proficiency" in text  # the comment block, and where proficiencies went
    ladder = job_family["ladder"]
    levels = {level["id"]: level["name"] for level in yaml.safe_load(JOB_FAMILY.read_text())["levels"]}
    rungs = {rung["id"]: rung for rung in ladder["rungs"]}
    assert {rung_id: rung["title"] for rung_id, rung in rungs.items()} == levels
    assert [rung["id"] for rung in ladder["rungs"]][:3] == ["associate", "engineer", "senior"]
    assert [track["id"] for track in ladder["tracks"]] == ["ic", "manager"]
    assert [track["name"] for track in ladder["tracks"]] == ["Individual Contributor", "People Manager"]
    assert [rung.get("track") for rung in ladder["rungs"][:3]] == [None, None, None]
    assert [rung_id for rung_id, rung in rungs.items() if rung.get("track") == "ic"] == ["staff-ic", "principal-ic"]
    assert [rung_id for rung_id, rung in rungs.items() if rung.get("track") == "manager"][:2] == ["lead-pm", "head-pm"]
    # The director is reached from both tracks: shared once the ladder model lets tracks rejoin, until then
    # the top of the track listed just before it in the file.
    assert rungs["director"].get("track") in (None, "manager")
    assert ladder["rungs"][-1]["id"] == "director"
    assert rungs["staff-ic"]["short"] == "Staff Engineer" and rungs["head-pm"]["short"] == "Head of Platform"
    assert ladder["source"]["author"] == "Financial Times" and ladder["title"] == "Platform Engineering"


def test_each_theme_holds_every_competency_of_its_levels_one_per_line(job_family):
    themes = yaml.safe_load(JOB_FAMILY.read_text())["themes"]
    competencies = job_family["ladder"]["competencies"]
    assert [(c["id"], c["name"], c["description"]) for c in competencies] == \
        [(t["id"], t["name"], one_line(t["summary"])) for t in themes]
    by_theme = {competency["id"]: competency["expectations"] for competency in competencies}
    cells = job_family_cells()
    for (theme, level), listed in cells.items():
        expectation = by_theme[theme][level]
        lines = expectation.split("\n")
        if len(listed) == 1:
            assert lines == [expectation] and not expectation.startswith(BULLET)
        else:  # several competencies: one line each, after a bullet, in the file's order
            assert len(lines) == len(listed) and all(line.startswith(BULLET) for line in lines), expectation
        for line, competency in zip(lines, listed):
            for phrase in job_family_phrases(competency):
                assert phrase in line, (phrase, line)
    assert sum(len(expectations) for expectations in by_theme.values()) == len(cells)  # nothing invented


def test_the_imported_job_family_validates_and_its_pdf_holds_every_criterion(job_family):
    outcome = run_guidegen("validate", str(job_family["ladder_file"]))
    assert outcome.code == 0, outcome.stderr
    text = pdf_text(build_pdf(job_family["ladder_file"], job_family["folder"] / "out"))
    unbroken = text.replace("/ ", "/")  # a link broken across lines after a slash
    for listed in job_family_cells().values():
        for competency in listed:
            for phrase in job_family_phrases(competency):
                assert printed(phrase) in (unbroken if "://" in phrase else text), phrase
    for level in yaml.safe_load(JOB_FAMILY.read_text())["levels"]:
        assert level["name"] in text


def test_a_job_family_builds_straight_from_its_file(job_family, tmp_path):
    outcome = run_guidegen("validate", str(JOB_FAMILY))
    assert outcome.code == 0 and "8 rungs" in outcome.stdout + outcome.stderr, outcome.stderr
    assert load_ladder(JOB_FAMILY, typeset=False).model_dump(exclude_defaults=True) == \
        load_ladder(job_family["ladder_file"], typeset=False).model_dump(exclude_defaults=True)


def test_an_overlay_adapts_a_job_family(tmp_path):
    shutil.copy(JOB_FAMILY, tmp_path / "platform.yml")
    (tmp_path / "ladder.yaml").write_text("extends: platform.yml\ntitle: Platform Careers at Acme\n"
                                          "rungs:\n  - id: associate\n    title: Graduate Engineer\n")
    ladder = load_ladder(tmp_path / "ladder.yaml")
    assert ladder.title == "Platform Careers at Acme"
    assert [rung.title for rung in ladder.rungs][:2] == ["Graduate Engineer", "Engineer"]
    assert len(ladder.competencies) == 4


# The role ----------------------------------------------------------------------------------------

def role_lines(topic: dict, level: int, with_examples: bool = True) -> list[str]:
    """One level's criteria of a topic as the fixture gives them: criteria, then criteria with examples."""
    lines = []
    for entry in topic.get("content") or ():
        if entry["level"] != level:
            continue
        lines += [one_line(criterion) for criterion in entry.get("criteria") or ()]
        if with_examples:
            lines += [one_line(item["criteria"]) for item in entry.get("exampleCriteria") or ()]
    return lines


@pytest.fixture(scope="module")
def role(tmp_path_factory):
    folder = tmp_path_factory.mktemp("role")
    ladder_file = folder / "ladder.yaml"
    return {"folder": folder, "ladder_file": ladder_file, "ladder": imported(ROLE, ladder_file)}


def test_a_role_becomes_a_ladder_of_its_levels_and_topics(role):
    ladder = role["ladder"]
    assert ladder["title"] == "Data Engineering Framework"  # the emoji that decorate it on the web dropped
    assert [(rung["id"], rung["title"]) for rung in ladder["rungs"]] == [(f"level-{n}", f"Level {n}")
                                                                          for n in range(1, 6)]
    topics = front_matter(ROLE)["topics"]
    # Topics of the role only, in its order; "values" is in generic.md alone, and Monzo shows it for no role.
    assert [c["id"] for c in ladder["competencies"]] == [topic["name"] for topic in topics]
    assert [c["name"] for c in ladder["competencies"]] == ["Communication", "Mastery", "Leadership", "Impact"]
    assert ladder["competencies"][0]["description"] == "How they share what they know and hear what others say"


def test_a_role_keeps_every_criterion_skips_levels_and_inherits_from_generic(role):
    generic = {topic["name"]: topic for topic in front_matter(GENERIC)["topics"]}
    for topic, competency in zip(front_matter(ROLE)["topics"], role["ladder"]["competencies"]):
        inherited = generic.get(topic["name"])
        for level in range(1, 6):
            expected = role_lines(topic, level) + (role_lines(inherited, level, False) if inherited else [])
            expectation = competency["expectations"].get(f"level-{level}")
            if not expected:  # a level the topic skips stays empty
                assert expectation is None, (topic["name"], level)
                continue
            lines = expectation.split("\n")
            assert len(lines) == len(expected), expectation
            for line, criterion in zip(lines, expected):
                assert line.removeprefix(BULLET if len(expected) > 1 else "").startswith(criterion), (line, criterion)
    mastery = role["ladder"]["competencies"][1]["expectations"]
    assert sorted(mastery) == ["level-2", "level-3", "level-4"]
    assert "For example: Partitions events by day, not by user; Clusters payments by account." in mastery["level-3"]
    leadership = role["ladder"]["competencies"][2]["expectations"]
    assert sorted(leadership) == ["level-3", "level-5"]
    communication = role["ladder"]["competencies"][0]["expectations"]
    assert communication["level-3"] == f"{BULLET}Gives feedback to peers before being asked\n" \
                                       f"{BULLET}Asks for feedback on their own work"  # from generic.md alone


def test_the_imported_role_validates_and_its_pdf_holds_every_criterion(role):
    outcome = run_guidegen("validate", str(role["ladder_file"]))
    assert outcome.code == 0, outcome.stderr
    text = pdf_text(build_pdf(role["ladder_file"], role["folder"] / "out"))
    generic = {topic["name"]: topic for topic in front_matter(GENERIC)["topics"]}
    for topic in front_matter(ROLE)["topics"]:
        for level in range(1, 6):
            for criterion in role_lines(topic, level) + role_lines(generic.get(topic["name"], {}), level, False):
                assert printed(criterion) in text, criterion
            for entry in topic["content"]:
                for item in entry.get("exampleCriteria") or ():
                    for example in item["examples"]:
                        assert printed(one_line(example)) in text, example


def test_generic_md_beside_the_role_is_inherited_and_without_it_nothing_is(tmp_path):
    beside = tmp_path / "beside"
    beside.mkdir()
    shutil.copy(ROLE, beside / "data.md")
    shutil.copy(GENERIC, beside / "generic.md")
    ladder = imported(beside / "data.md", tmp_path / "beside.yaml")
    assert "Gives feedback to peers before being asked" in ladder["competencies"][0]["expectations"]["level-3"]
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(ROLE, alone / "data.md")
    ladder = imported(alone / "data.md", tmp_path / "alone.yaml")
    communication = ladder["competencies"][0]
    assert "level-3" not in communication["expectations"] and "description" not in communication
    assert communication["name"] == "Communication"  # made from the topic's name, as it has no title
    from guidegen.input.files_read import ladder_files

    assert ladder_files(beside / "data.md") == [beside / "data.md", beside / "generic.md"]  # the watcher sees both


def test_a_role_builds_straight_from_its_file_and_exports(tmp_path):
    outcome = run_guidegen("validate", str(ROLE))
    assert outcome.code == 0, outcome.stderr
    outcome = run_guidegen("export", str(ROLE), "-o", str(tmp_path / "grid.csv"))
    assert outcome.code == 0, outcome.stderr
    assert "Writes SQL that others can read and change" in (tmp_path / "grid.csv").read_text(encoding="utf-8-sig")


# Telling formats apart ---------------------------------------------------------------------------

def test_the_format_is_found_from_the_content_not_the_suffix(tmp_path):
    shutil.copy(JOB_FAMILY, tmp_path / "family.txt")
    assert imported(tmp_path / "family.txt", tmp_path / "a.yaml")["rungs"][0]["id"] == "associate"
    shutil.copy(ROLE, tmp_path / "role.txt")
    assert imported(tmp_path / "role.txt", tmp_path / "b.yaml")["rungs"][0]["id"] == "level-1"
    (tmp_path / "role.yaml").write_text(ROLE.read_text().split("\n---", 1)[0].removeprefix("---\n"))
    assert len(imported(tmp_path / "role.yaml", tmp_path / "c.yaml")["competencies"]) == 4  # front matter alone


def test_guidegens_own_ladder_still_validates_and_needs_no_import(tmp_path):
    ladder = Path(__file__).parent.parent / "data" / "ladder.yaml"
    outcome = run_guidegen("validate", str(ladder))
    assert outcome.code == 0, outcome.stderr
    assert_refused(run_guidegen("import", str(ladder)), str(ladder), "guidegen ladder already")
    (tmp_path / "notes.md").write_text("---\ntitle: Meeting notes\n---\nNothing to see.\n")
    assert_refused(run_guidegen("import", str(tmp_path / "notes.md")), "notes.md:1:1", "job family")


# Malformed files ---------------------------------------------------------------------------------

def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def _broken_job_family(folder: Path, old: str, new: str) -> Path:
    path = folder / "family.yml"
    path.write_text(JOB_FAMILY.read_text().replace(old, new, 1))
    return path


# (what is replaced, by what, the text on the line the problem is named by, what the message says)
BROKEN_JOB_FAMILIES = [
    ("level: director\n", "level: directr\n", "level: directr", "'directr' is not one of the levels"),
    ("theme: craft\n", "theme: crafts\n", "theme: crafts", "'crafts' is not one of the themes"),
    ("summary: Pairs with new joiners", "summery: Pairs with new joiners", "id: c09", "summary: is missing"),
    ("examples:\n      - Moves a ticket", "examples: Moves a ticket back\n    x:\n      - Moves a ticket",
     "examples: Moves", "examples: must be a list"),
    ("  - id: director\n", "  - id: senior\n", "  - id: senior\n    name: Director", "already the id of another"),
    ("summary: Speaks for engineering to the board", 'summary: "Speaks for engineering\\x07 to the board"',
     "id: c29", "control character"),
]


@pytest.mark.parametrize("old, new, where, message", BROKEN_JOB_FAMILIES)
def test_a_broken_job_family_is_named_by_file_and_line(tmp_path, old, new, where, message):
    path = _broken_job_family(tmp_path, old, new)
    line = _line_of(path.read_text(), where)
    target = tmp_path / "ladder.yaml"
    outcome = run_guidegen("import", str(path), "-o", str(target))
    assert_refused(outcome, f"{path}:{line}:", message)
    assert not target.exists()  # nothing half-written
    assert_refused(run_guidegen("validate", str(path)), f"{path}:{line}:", message)


def test_a_job_family_that_is_not_yaml_is_named_by_its_line(tmp_path):
    path = _broken_job_family(tmp_path, "    name: Engineer\n", "    name: [Engineer\n")
    assert_refused(run_guidegen("import", str(path)), f"{path}:", "YAML syntax error")


def _broken_role(folder: Path, old: str, new: str, generic: str | None = None) -> Path:
    (folder / "engineering").mkdir()
    path = folder / "engineering" / "data.md"
    path.write_text(ROLE.read_text().replace(old, new, 1))
    (folder / "generic.md").write_text(GENERIC.read_text() if generic is None else generic)
    return path


def test_a_level_above_the_roles_levels_is_named_by_its_line(tmp_path):
    path = _broken_role(tmp_path, "      - level: 4\n        criteria:\n          - \"Is the person",
                        "      - level: 7\n        criteria:\n          - \"Is the person")
    line = _line_of(path.read_text(), "- level: 7")
    assert_refused(run_guidegen("import", str(path)), f"{path}:{line}:", "level from 1 to 5")


def test_a_criterion_too_long_for_a_cell_is_named_by_its_line(tmp_path):
    path = _broken_role(tmp_path, '"Retires pipelines that nobody reads"', '"' + "Retires pipelines. " * 300 + '"')
    line = _line_of(path.read_text(), "Retires pipelines.") - 2  # the level's entry, two lines above
    assert_refused(run_guidegen("import", str(path)), f"{path}:{line}:", "topic 'impact' at level 4", "too long")


def test_a_broken_generic_md_is_named_by_its_own_file_and_line(tmp_path):
    generic = GENERIC.read_text().replace('  - name: "impact"', '  - name: "communication"')
    path = _broken_role(tmp_path, "", "", generic=generic)
    line = _line_of(generic, '  - name: "communication"\n    title: "🎯')
    assert_refused(run_guidegen("import", str(path)), f"{tmp_path / 'generic.md'}:{line}:", "already the name")


def test_a_role_whose_topics_are_not_a_list_is_refused(tmp_path):
    path = tmp_path / "role.md"
    path.write_text("---\ntitle: Role\nlevels: 3\ntopics:\n  communication: [talks]\n---\n")
    assert_refused(run_guidegen("import", str(path)), f"{path}:5:", "topics: must be a list")
    path.write_text("---\ntitle: Role\nlevels: many\ntopics:\n  - name: a\n    content: []\n---\n")
    assert_refused(run_guidegen("import", str(path)), f"{path}:3:", "levels: must be a whole number")


def test_sheet_is_refused_for_a_framework_file():
    assert_refused(run_guidegen("import", str(JOB_FAMILY), "--sheet", "Engineering"), str(JOB_FAMILY), "--sheet")
