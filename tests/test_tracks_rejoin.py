"""Tracks that fork and rejoin: a chief technology officer reached from the principal engineers (individual
contributors) and from the directors (managers). Each rung is compared only with the rung below it on its
own path; where the tracks rejoin, with the top of each."""

from __future__ import annotations

import csv
import subprocess
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.input.ladder import load_ladder

from .conftest import FIXTURES, requires
from .plans import view_and_options

LADDER = FIXTURES / "rejoining_tracks.yaml"


def test_a_shared_rung_after_the_tracks_is_where_they_rejoin():
    view, _ = view_and_options(ladder=LADDER)
    by_id = {each.rung.id: each for each in view.rungs}
    cto = by_id["cto"]
    assert [rung.id for rung in cto.below] == ["principal", "director"]
    assert [each.rung.id for each in view.above(by_id["principal"])] == ["cto"]
    assert [each.rung.id for each in view.above(by_id["director"])] == ["cto"]
    assert (cto.number, cto.total, by_id["director"].total) == (5, 5, 5)
    assert [(other.id, [step.before for step in changes.threads]) for other, changes in cto.joins] == [
        ("director", ["Makes sure each team has the technical leadership it needs.", "Develops managers."])]
    assert [segment.track.id if segment.track else None for segment in view.segments] == [None, "ic", "manager",
                                                                                           None]


def test_the_way_up_from_a_track_goes_through_that_track():
    view, _ = view_and_options(ladder=LADDER)
    by_id = {each.rung.id: each for each in view.rungs}
    growth = view.changes_between(by_id["manager"], by_id["cto"])
    assert [step.before for step in growth.threads] == ["Keeps the team’s technical quality high through reviews.",
                                                       "Hires and develops a team."]
    with pytest.raises(ValueError):
        view.changes_between(by_id["staff"], by_id["director"])  # not on one path


def test_a_track_rung_after_the_rejoin_is_refused_with_its_line(tmp_path):
    text = LADDER.read_text() + "  - {id: fellow, title: Fellow, track: ic}\n"
    broken = tmp_path / "ladder.yaml"
    broken.write_text(text.replace("competencies:", "competencies-moved:", 1).split("competencies-moved:")[0]
                      + "  - {id: fellow, title: Fellow, track: ic}\n")
    outcome = CliRunner().invoke(main, ["validate", str(broken)])
    assert outcome.exit_code == 2
    assert "'fellow' belongs to track 'ic' but follows the rungs where the tracks rejoin" in outcome.stderr


@requires("pdftotext")
def test_the_guide_compares_the_rejoined_rung_with_the_top_of_each_track(tmp_path):
    outcome = CliRunner().invoke(main, ["build", "--ladder", str(LADDER), "--format", "pdf", "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    text = subprocess.run(["pdftotext", str(tmp_path / "career-guide.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "The tracks rejoin at Chief Technology Officer." in flat
    chapter = flat[flat.index("Scope Technology across the company"):]
    assert "What changes from Principal Engineer" in chapter and "What changes from Director of Engineering" in chapter
    principal = flat[flat.index("Scope The company’s architecture"):flat.index("Scope A team")]
    assert "What changes from Staff Engineer" in principal and "Director" not in principal


def test_a_director_aiming_at_the_rejoined_rung_grows_from_their_own_track(tmp_path):
    from guidegen.input.people import Person
    from guidegen.view.person import person_context

    view, _ = view_and_options(ladder=LADDER, rungs=["director"])
    person = Person(line=2, name="Ana", rung="director", target="cto")
    growth = person_context(person, view, date(2026, 12, 3))["growth"]
    assert [step.before for step in growth.changes.threads][0] == \
        "Makes sure each team has the technical leadership it needs."
    people = tmp_path / "people.csv"
    with people.open("w", newline="") as file:
        csv.writer(file).writerows([("name", "rung", "target"), ("Ana", "director", "cto"),
                                    ("Bo", "principal", "cto")])
    outcome = CliRunner().invoke(main, ["build", "--ladder", str(LADDER), "--people", str(people), "--out",
                                        str(tmp_path / "out"), "--jobs", "1"])
    assert outcome.exit_code == 0, outcome.output
    assert sorted(path.name for path in (tmp_path / "out" / "people").glob("*.pdf")) == ["ana.pdf", "bo.pdf"]


def test_the_deck_draws_the_rejoined_rung_as_one_step_over_both_tracks(tmp_path):
    from pptx import Presentation

    outcome = CliRunner().invoke(main, ["build", "--ladder", str(LADDER), "--format", "pptx", "--out", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    deck = Presentation(str(tmp_path / "training-deck.pptx"))
    staircase = next(slide for slide in deck.slides if slide.shapes.title and
                     slide.shapes.title.text == "The ladder at a glance")
    group = next(shape for shape in staircase.shapes if shape.name == "Ladder staircase")
    steps = {shape.text_frame.text.split()[-1]: shape.width for shape in group.shapes
             if shape.has_text_frame and shape.text_frame.text[:1].isdigit()}
    assert steps["CTO"] > steps["Principal"] + steps["Director"]


def test_the_ladder_loads_as_written():
    ladder = load_ladder(LADDER)
    assert [rung.track for rung in ladder.rungs] == [None, None, "ic", "ic", "manager", "manager", None]
