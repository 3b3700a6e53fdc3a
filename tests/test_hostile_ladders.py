"""Ladder and brand files built to exhaust guidegen: each is refused with exit 2, named, in seconds and MB."""

from __future__ import annotations

import os
import threading

import pytest
import yaml

from .hostile import assert_refused, run_guidegen
from .ladders import make_ladder, write_ladder


@pytest.mark.parametrize("args", [["validate", "/dev/zero"], ["build", "--ladder", "/dev/zero"],
                                  ["validate", "{ladder}", "--brand", "/dev/zero"],
                                  ["build", "--brand", "/dev/zero"]])
def test_a_device_that_never_ends_is_refused(tmp_path, args):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    out = ["--out", str(tmp_path / "out")] if args[0] == "build" else []
    outcome = run_guidegen(*[arg.format(ladder=ladder) for arg in args], *out)
    assert_refused(outcome, "/dev/zero", "not a regular file")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_fifo_is_refused_at_once_rather_than_waited_on(tmp_path):
    fifo = tmp_path / "ladder.yaml"
    os.mkfifo(fifo)
    assert_refused(run_guidegen("validate", str(fifo), timeout=15), str(fifo), "not a regular file")


def test_standard_input_is_read_and_capped(tmp_path):
    ladder = yaml.safe_dump(make_ladder(2)).encode()
    accepted = run_guidegen("validate", "-", stdin=ladder)
    assert accepted.code == 0 and "OK, 2 rungs" in accepted.stdout, accepted.stderr
    endless = ladder + b"# " + b"x" * 3_000_000 + b"\n"
    assert_refused(run_guidegen("validate", "/dev/stdin", stdin=endless), "/dev/stdin", "1,000,000 bytes")


def test_one_long_paragraph_aliased_many_times_is_refused(tmp_path):
    paragraph = "Plans the work of the team and reviews it every week. " * 90  # 4,900 characters
    rungs = "\n".join(f"  - {{id: r{index}, title: R{index}, short: R{index}, what_it_is: *p, responsibilities: [*p],"
                      f" leadership: [{{name: L, description: *p}}], soft_skills: [{{name: S, description: *p}}],"
                      f" example: {{setting: *p, story: *p}}}}" for index in range(40))
    text = (f"title: T\nsource: {{title: S, author: A}}\nintroduction: [&p \"{paragraph.strip()}\"]\n"
            f"conclusion: {{heading: H, paragraphs: [*p]}}\nrungs:\n{rungs}\n")
    path = tmp_path / "aliases.yaml"
    path.write_text(text)
    assert len(text) < 20_000
    assert_refused(run_guidegen("build", "--ladder", str(path), "--out", str(tmp_path / "out")),
                   f"{path}:1:1", "400,000 characters")


def test_thousands_of_rungs_are_refused_with_the_limit_named(tmp_path):
    ladder = make_ladder(1)
    ladder["rungs"] = [{"id": f"r{index}", "title": "R", "short": "R", "what_it_is": "W", "responsibilities": ["D"],
                        "leadership": [{"name": "L", "description": "D"}],
                        "soft_skills": [{"name": "S", "description": "D"}], "example": {"setting": "S", "story": "S"}}
                       for index in range(3000)]  # under the character limit: the rung limit must catch it
    path = write_ladder(tmp_path / "big.yaml", ladder)
    assert_refused(run_guidegen("build", "--ladder", str(path), "--out", str(tmp_path / "out")),
                   str(path), "rungs: lists 3000 items; at most 100 are allowed")


def test_a_list_of_hundreds_of_items_is_refused_with_its_line(tmp_path):
    ladder = make_ladder(2)
    ladder["rungs"][1]["responsibilities"] = [f"Duty {index}" for index in range(300)]
    path = write_ladder(tmp_path / "long.yaml", ladder)
    outcome = run_guidegen("validate", str(path))
    line = next(number for number, text in enumerate(path.read_text().splitlines(), start=1)
                if text.strip() == "- Duty 0")
    assert_refused(outcome, f"rungs[1].responsibilities: lists 300 items; at most 50 are allowed")
    assert f"{path}:{line}:" in outcome.stderr


def test_a_number_of_thousands_of_digits_is_named(tmp_path):
    ladder = make_ladder(2)
    path = write_ladder(tmp_path / "digits.yaml", ladder)
    text = path.read_text().replace("title: Generated Ladder", "title: " + "9" * 4301)
    path.write_text(text)
    assert_refused(run_guidegen("validate", str(path)), f"{path}:1:8", "4,301 digits")


def test_bidirectional_overrides_are_refused_with_their_line(tmp_path):
    ladder = make_ladder(2)
    ladder["rungs"][0]["title"] = "Admin\u202eevil"
    path = write_ladder(tmp_path / "bidi.yaml", ladder)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "Admin" in text)
    outcome = run_guidegen("validate", str(path))
    assert_refused(outcome, f"{path}:{line}:", "rungs[0].title", "U+202E")
    ladder["rungs"][0]["title"] = "Admin \u2067عربي\u2069"  # isolates are harmless and stay allowed
    assert run_guidegen("validate", str(write_ladder(path, ladder))).code == 0


def test_a_word_of_thousands_of_letters_breaks_inside_the_page(tmp_path):
    word = ("Supercalifragilistic" * 250)[:4999]
    ladder = make_ladder(3)
    ladder["title"] = word
    ladder["rungs"][1]["title"] = word
    ladder["rungs"][0]["responsibilities"][0] = word[:3000]
    path = write_ladder(tmp_path / "word.yaml", ladder)
    outcome = run_guidegen("build", "--ladder", str(path), "--out", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    assert outcome.seconds < 30 and outcome.megabytes < 400, (outcome.seconds, outcome.megabytes)
    import pdfplumber

    with pdfplumber.open(tmp_path / "out" / "career-guide.pdf") as pdf:
        outside = [(number, char["text"]) for number, page in enumerate(pdf.pages, 1) for char in page.chars
                   if char["x1"] > page.width + 0.5 or char["x0"] < -0.5 or char["bottom"] > page.height + 0.5]
        text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\u200b", "")
    assert not outside, outside[:5]
    assert "Supercalifragilistic" * 5 in text.replace("\n", "").replace("-", "")


def test_many_long_rung_ids_make_a_short_unique_file_name(tmp_path):
    ladder = make_ladder(8)
    ids = [f"{'role-with-a-very-long-identifier-'}{index:06d}"[:40] for index in range(8)]
    for rung, rung_id in zip(ladder["rungs"], ids):
        rung["id"] = rung_id
    path = write_ladder(tmp_path / "ids.yaml", ladder)
    rungs = [arg for rung_id in ids for arg in ("--rung", rung_id)]
    first = run_guidegen("build", "--ladder", str(path), "--format", "pdf", *rungs, "--out", str(tmp_path / "out"))
    assert first.code == 0, first.stderr
    second = run_guidegen("build", "--ladder", str(path), "--format", "pdf", *rungs[:-2], "--out",
                          str(tmp_path / "out"))
    assert second.code == 0, second.stderr
    names = sorted(file.name for file in (tmp_path / "out").iterdir())
    assert len(names) == 2 and all(len(name) < 120 for name in names), names
    assert all(name.startswith("career-guide-role-with") for name in names)
