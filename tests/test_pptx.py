"""The training deck, read back with python-pptx as a presenter would find it."""

from __future__ import annotations

import re

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from guidegen.api import build

from .ladders import make_ladder, write_ladder


@pytest.fixture(scope="module")
def deck(default_build):
    return Presentation(str(default_build["pptx"]))


def slide_texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_widescreen(deck):
    assert (deck.slide_width, deck.slide_height) == (Emu(12192000), Emu(6858000))


def _part_of(title: str) -> tuple[str, int]:
    """A rung slide's rung title and its part: "Senior PM (2/2)" is part 2 of "Senior PM"."""
    match = re.fullmatch(r"(.*) \((\d+)/\d+\)", title)
    return (match.group(1), int(match.group(2))) if match else (title, 1)


def rung_parts(deck, title: str) -> list:
    """Every slide of one rung, in order."""
    return [slide for slide in deck.slides if slide.shapes.title is not None
            and _part_of(slide.shapes.title.text)[0] == title]


def rung_slides(deck):
    """The first slide of each rung, in order (its other parts and its story slide follow)."""
    titles = set(RUNG_TITLES)
    return [slide for slide in deck.slides if slide.shapes.title is not None
            and _part_of(slide.shapes.title.text) in {(title, 1) for title in titles}]


RUNG_TITLES = [rung.title for rung in __import__("guidegen").load_ladder(
    __import__("guidegen.resources", fromlist=["x"]).default_ladder_path()).rungs]


def slide_titled(deck, title):
    (slide,) = [slide for slide in deck.slides if slide.shapes.title is not None and slide.shapes.title.text == title]
    return slide


def test_title_agenda_one_slide_per_rung_summary_closing(deck, default_ladder):
    slides = list(deck.slides)
    parts = sum(len(rung_parts(deck, rung.title)) for rung in default_ladder.rungs)
    assert len(slides) == 3 + parts + len(default_ladder.rungs) + 3  # each rung's slides and its story
    assert slides[2].shapes.title.text == "The ladder at a glance"  # the map of the session
    assert slides[0].slide_layout.name == "Title Slide"
    assert slides[0].shapes.title.text == default_ladder.title
    assert slides[1].shapes.title.text == "Agenda"
    agenda = slide_texts(slides[1])
    for rung in default_ladder.rungs:
        assert rung.title in agenda
    for slide, rung in zip(rung_slides(deck), default_ladder.rungs):
        assert _part_of(slide.shapes.title.text) == (rung.title, 1)
        assert slide.slide_layout.name == "Title Only"
    assert slides[-3].shapes.title.text == "The ladder, looking back"
    assert slides[-2].shapes.title.text == default_ladder.labels.competencies
    assert slides[-1].shapes.title.text == "Questions and next steps"


def test_rung_slides_show_the_four_parts(deck, default_ladder):
    for rung in default_ladder.rungs:
        text = " ".join(slide_texts(slide) for slide in rung_parts(deck, rung.title))
        assert rung.what_it_is in text
        for item in rung.responsibilities:
            assert item in text
        for skill in rung.leadership:
            assert skill.name in text and skill.description in text
        for skill in rung.soft_skills:
            assert skill.name in text


def test_body_text_is_readable_when_projected(deck):
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.is_placeholder:
                continue
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    assert run.font.size is not None, f"{shape.name}: size left to autofit"
                    assert run.font.size.pt >= 14, f"{shape.name}: {run.font.size.pt} pt"


def test_every_rung_slide_has_notes_worth_presenting_from(deck, default_ladder):
    for index, rung in enumerate(default_ladder.rungs):
        parts = [slide.notes_slide.notes_text_frame.text for slide in rung_parts(deck, rung.title)]
        assert "Key message: " in parts[0] and not any("Key message: " in later for later in parts[1:])
        if index:  # what the slide does not show: how each competency moved from the rung below
            assert "Talking points" in parts[0] and "What grows compared with" in parts[0]
        for later in parts[1:]:  # a rung's next slide says what it shows, and asks about that
            assert f"{rung.title}, continued: " in later and "Questions for the room:" in later
        notes = "\n\n".join(parts)
        for item in rung.responsibilities:
            assert item not in notes  # the notes do not read the slide's bullets back
        story = slide_titled(deck, f"{default_ladder.labels.example}: {rung.short}")
        story_notes = story.notes_slide.notes_text_frame.text
        assert f"Tell the story ({rung.example.setting}): {rung.example.story}" in story_notes
        assert rung.example.story in slide_texts(story)  # on screen, not only in the notes
        story_questions = story_notes.split("Questions for the room:", 1)[1]
        assert 2 <= story_questions.count("?") <= 3
        questions = [part.split("Questions for the room:", 1)[1].split("\n\n")[0] for part in parts
                     if "Questions for the room:" in part]
        asked = [len(re.findall(r"^\d+\. ", part, re.M)) for part in questions]
        assert all(1 <= count <= 3 for count in asked) and 2 <= sum(asked) <= 5, asked
        for skill in rung.soft_skills:
            assert skill.name in notes
        if index + 1 < len(default_ladder.rungs):
            following = default_ladder.rungs[index + 1]
            assert f"Lead into the next rung: {following.title}" in notes
            for skill in following.leadership:
                assert skill.name in notes
        else:
            assert "top of the ladder" in notes


def test_every_slide_has_notes(deck):
    for number, slide in enumerate(deck.slides, start=1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), f"slide {number}"


def test_summary_is_an_editable_staircase_lowest_rung_left(deck, default_ladder):
    summary = slide_titled(deck, "The ladder at a glance")
    (group,) = [shape for shape in summary.shapes if shape.shape_type == MSO_SHAPE_TYPE.GROUP]
    alt = group._element.xpath("./p:nvGrpSpPr/p:cNvPr")[0].get("descr")
    assert "staircase" in alt and all(rung.title in alt for rung in default_ladder.rungs)
    steps = [shape for shape in group.shapes if shape.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE]
    assert len(steps) == len(default_ladder.rungs)
    steps.sort(key=lambda shape: shape.left)
    for step, rung in zip(steps, default_ladder.rungs):
        assert rung.title in step.text_frame.text
    lefts = [step.left for step in steps]
    tops = [step.top for step in steps]
    assert lefts == sorted(lefts) and tops == sorted(tops, reverse=True)  # each step higher than the last
    # Clicking a step jumps to that rung's slide.
    for step, slide in zip(steps, rung_slides(deck)):
        assert step.click_action.target_slide.slide_id == slide.slide_id
        assert step._element.xpath("./p:nvSpPr/p:cNvPr")[0].get("descr")


def test_deck_describes_itself_like_the_guide(deck, default_ladder):
    properties = deck.core_properties
    assert properties.title == default_ladder.title
    assert properties.author == default_ladder.source.author
    assert properties.comments == default_ladder.subtitle  # not the template's "generated using python-pptx"
    assert all(rung.title in properties.keywords for rung in default_ladder.rungs)


def test_long_properties_are_cut_at_a_word_to_fit(tmp_path):
    ladder = make_ladder(60, items=1, skills=1, title_words=3)
    subtitle = ladder["subtitle"] = " ".join(f"word{index}" for index in range(60))
    title = ladder["title"] = " ".join(f"Title{index}" for index in range(50))  # before, the deck failed on it
    (deck_path,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", ladder), out=tmp_path / "out", formats=["pptx"])
    properties = Presentation(str(deck_path)).core_properties
    keywords = ", ".join(["career ladder"] + [f"Level {n} Engineer" for n in range(1, 61)])
    for value, whole in ((properties.keywords, keywords), (properties.comments, subtitle), (properties.title, title)):
        assert len(value) <= 255 and value.endswith("\u2026")
        kept = value[:-1]
        assert whole.startswith(kept) and whole[len(kept)] in " ,"  # cut where a word ends


def test_deck_reopens_without_empty_placeholders(deck):
    for slide in deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.has_text_frame and placeholder.text_frame.text.strip(), placeholder.name


def test_another_ladder_builds_its_own_deck(minimal_build):
    deck = Presentation(str(minimal_build["pptx"]))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[3] == "Product Designer" and titles[5] == "Senior Product Designer"
    assert titles[4].endswith(": PD")  # each rung is followed by its story slide
    assert len(titles) == 3 + 2 * 2 + 2


# -- company templates ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corporate_deck(tmp_path_factory):
    from .templates import make_corporate_template

    root = tmp_path_factory.mktemp("corporate")
    template = make_corporate_template(root / "brand.potx")
    (deck,) = build(out=root / "out", formats=["pptx"], pptx_template=template)
    return Presentation(str(deck))


def test_company_template_size_layouts_and_theme_are_kept(corporate_deck, default_ladder):
    from guidegen.deck.template import theme_fonts

    from .templates import CORPORATE_FONTS

    assert (corporate_deck.slide_width, corporate_deck.slide_height) == (Emu(9144000), Emu(6858000))  # 4:3
    fonts = theme_fonts(corporate_deck)
    assert (fonts.major, fonts.minor) == CORPORATE_FONTS
    layouts = {slide.slide_layout.name for slide in corporate_deck.slides}
    assert layouts <= {"Couverture", "Titre seul"}  # found by their placeholders, not their names
    titles = [slide.shapes.title.text for slide in corporate_deck.slides]
    assert "Sample slide the company left in its template" not in titles
    for rung in default_ladder.rungs:
        assert any(title.startswith(rung.title) for title in titles)
    for slide in corporate_deck.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), f"empty {placeholder.name} on {slide.shapes.title.text}"


def test_template_without_a_title_layout_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from guidegen.cli import main

    from .templates import make_corporate_template

    template = make_corporate_template(tmp_path / "bare.pptx", keep_title_layouts=False)
    result = CliRunner().invoke(main, ["build", "--format", "pptx", "--pptx-template", str(template),
                                       "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 2
    assert "no usable slide layout" in result.stderr and str(template) in result.stderr
    assert not (tmp_path / "out" / "training-deck.pptx").exists()


def test_not_a_template_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from guidegen.cli import main

    fake = tmp_path / "brand.pptx"
    fake.write_text("not a zip")
    result = CliRunner().invoke(main, ["build", "--format", "pptx", "--pptx-template", str(fake),
                                       "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 2
    assert "not a usable slide template: it is not a zip package" in result.stderr


def test_summary_shows_each_rungs_scope_under_its_step(deck, default_ladder):
    summary = slide_titled(deck, "The ladder at a glance")
    (group,) = [shape for shape in summary.shapes if shape.shape_type == MSO_SHAPE_TYPE.GROUP]
    steps = sorted((shape for shape in group.shapes), key=lambda shape: shape.left)
    captions = {shape.text_frame.text: shape for shape in summary.shapes
                if shape.has_text_frame and shape.name.startswith(default_ladder.labels.scope + ":")}
    for step, rung in zip(steps, default_ladder.rungs):
        caption = captions[rung.scope]
        assert caption.left == step.left and caption.width == step.width  # under its own step
        assert caption.top >= step.top + step.height


def test_competency_slide_is_an_editable_table_of_threads(deck, default_ladder):
    slide = slide_titled(deck, default_ladder.labels.competencies)
    (table,) = [shape.table for shape in slide.shapes if getattr(shape, "has_table", False) and shape.has_table]
    header = [cell.text for cell in table.rows[0].cells]
    assert header == [default_ladder.labels.competencies] + [rung.short for rung in default_ladder.rungs]
    rows = {row.cells[0].text: [cell.text for cell in row.cells][1:] for row in table.rows}
    for competency in default_ladder.competencies:
        cells = rows[competency.name]
        for rung, cell in zip(default_ladder.rungs, cells):
            assert cell == competency.expectations.get(rung.id, cell if cell in ("", "as before") else None)


def test_rung_slides_set_each_kind_of_text_at_one_size(deck, default_ladder):
    """Body text does not change size from one rung slide to the next: one size, the fullest slide's."""
    labels = default_ladder.labels
    body_names = {labels.responsibilities, labels.leadership, labels.soft_skills}
    sizes = {"body": set(), "intro": set()}
    for slide in (part for rung in default_ladder.rungs for part in rung_parts(deck, rung.title)):
        for shape in slide.shapes:
            kind = "body" if shape.name in body_names else "intro" if shape.name == labels.what_it_is else None
            if kind and shape.has_text_frame:
                sizes[kind] |= {run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs}
    assert len(sizes["body"]) == 1 and len(sizes["intro"]) == 1, sizes
    assert min(sizes["intro"]) >= min(sizes["body"]) >= 18  # read from the back of a training room


def _deck_job(tmp_path):
    from types import SimpleNamespace

    from .plans import view_and_options

    view, options = view_and_options(ladder=write_ladder(tmp_path / "ladder.yaml", make_ladder(3)), formats=["pptx"])
    return SimpleNamespace(view=view, options=options)


def test_a_deck_built_in_memory_is_the_file_deck_and_previews_alike_from_path_bytes_or_stream(tmp_path):
    """The live preview builds the deck into memory: the same parts as a written file, the same slides drawn."""
    import io
    import zipfile

    from guidegen.deck.preview import slides_html
    from guidegen.deck.render import render

    job = _deck_job(tmp_path)
    render(job.view, tmp_path / "deck.pptx", job.options["pptx"])
    stream = io.BytesIO()
    render(job.view, stream, job.options["pptx"])

    def parts(source) -> dict[str, bytes]:
        with zipfile.ZipFile(source) as archive:  # the creation and modification times aside
            return {name: re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*<", b"", archive.read(name))
                    for name in archive.namelist()}

    assert parts(io.BytesIO(stream.getvalue())) == parts(tmp_path / "deck.pptx")
    html = slides_html(tmp_path / "deck.pptx")
    assert html.count('class="slide"') == len(Presentation(str(tmp_path / "deck.pptx")).slides) >= 8
    assert "Level 3 Engineer" in html
    assert slides_html(stream.getvalue()) == html
    assert slides_html(stream) == html  # read as it was left, at its end
    assert slides_html(str(tmp_path / "deck.pptx")) == html


def test_a_deck_that_cannot_be_written_to_its_stream_is_a_build_error_naming_the_document(tmp_path):
    from guidegen.errors import BuildError
    from guidegen.formats.deck import DeckSource
    from guidegen.run.execute import write_prepared

    job = _deck_job(tmp_path)
    (tmp_path / "read-only.pptx").write_bytes(b"")
    with open(tmp_path / "read-only.pptx", "rb") as stream, pytest.raises(BuildError) as error:
        write_prepared([("pptx", DeckSource(job.view, job.options["pptx"]), stream, "out/training-deck.pptx")])
    assert error.value.message.startswith("out/training-deck.pptx: could not be written")
