"""Print craft, navigation, handouts and accessibility of the PDF guide."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from guidegen.input.schema import Ladder
from guidegen.api import build
from guidegen.view.ladder_view import build_view
from guidegen.cli import main
from guidegen.settings import PDF_VARIANTS

from .conftest import FIXTURES
from .ladders import make_ladder, write_ladder
from .test_pdf import page_texts


def link_targets(path) -> dict[int, list[int]]:
    """For each page index, the page indexes its internal links jump to."""
    reader = PdfReader(path)
    destinations = {name: reader.get_destination_page_number(dest) for name, dest in reader.named_destinations.items()}
    targets: dict[int, list[int]] = {}
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                targets.setdefault(index, []).append(destinations[str(annotation["/Dest"])])
    return targets


@pytest.fixture(scope="module")
def handout(tmp_path_factory, weasyprint_records):
    out = tmp_path_factory.mktemp("handout")
    (pdf,) = build(out=out, formats=["pdf"], rungs=["pm"])
    assert not weasyprint_records
    return pdf


def test_what_changes_names_the_real_shifts(default_build, default_ladder):
    """Each rung's box sets every competency's expectation beside the rung below's, and the scope it grows into."""
    texts = page_texts(default_build["pdf"])
    view = build_view(default_ladder)
    for index in range(1, len(default_ladder.rungs)):
        rung, below = default_ladder.rungs[index], default_ladder.rungs[index - 1]
        pages = [i for i, text in enumerate(texts) if f"What changes from {below.title}" in text]
        assert len(pages) == 1
        box = " ".join(texts[pages[0]:pages[0] + 2]).split(f"What changes from {below.title}", 1)[1]
        box = " ".join(box.split())
        assert f"{below.scope} \u2192 {rung.scope}" in box
        for step in view.rungs[index].changes.threads:
            assert step.competency.name in box
            assert step.shown in box
            if step.before:
                assert step.before in box
        assert "are new at this rung" not in box


def test_carried_over_skills_are_named(tmp_path, weasyprint_records):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(3))
    (pdf,) = build(ladder=ladder, out=tmp_path / "out", formats=["pdf"])
    texts = page_texts(pdf)
    level2 = next(text for text in texts if "What changes from Level 1" in text)
    assert "Carries over Communication." in level2
    assert "Adds Skill 2-1 and Skill 2-2." in level2


def test_first_rung_has_no_changes_section(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    first = next(text for text in texts if "RUNG 1 OF 5" in text)
    assert "What changes" not in first


def test_contents_and_overview_link_to_chapters(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    chapter_pages = [next(i for i, t in enumerate(texts) if f"RUNG {n} OF 5" in t) for n in range(1, 6)]
    links = link_targets(default_build["pdf"])
    contents_page = next(i for i, t in enumerate(texts) if t.startswith("Contents"))
    overview_page = next(i for i, t in enumerate(texts) if "The ladder at a glance" in t and i != contents_page)
    assert set(chapter_pages) <= set(links[contents_page])
    assert set(chapter_pages) <= set(links[overview_page])


def test_competency_grid_holds_every_expectation_in_words(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    grid = " ".join(" ".join(text.split()) for text in texts
                    if text.lstrip().startswith(default_ladder.labels.competencies + " ")
                    or f"\n{default_ladder.labels.competencies}\n" in text and "What each rung expects" in text)
    assert "What each rung expects" in grid
    for rung in default_ladder.rungs:
        assert rung.short in grid
    for competency in default_ladder.competencies:
        assert competency.name in grid
        for text in competency.expectations.values():
            assert text in grid, text
    assert "\u25cf" not in grid  # words in the cells, not dots


def test_a_ladder_without_competencies_keeps_its_skills_matrix(tmp_path, weasyprint_records):
    ladder = Ladder.model_validate(make_ladder(3))
    (pdf,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", make_ladder(3)), out=tmp_path / "out", formats=["pdf"])
    texts = page_texts(pdf)
    matrix = " ".join(text for text in texts if "Skills matrix" in text and not text.startswith("Contents"))
    for rung in ladder.rungs:
        assert rung.short in matrix
        for skill in rung.leadership + rung.soft_skills:
            assert skill.name in matrix
    names = {skill.name.casefold() for rung in ladder.rungs for skill in rung.leadership + rung.soft_skills}
    marks = matrix.count("\u25cf")
    assert marks == sum(len(r.leadership) + len(r.soft_skills) for r in ladder.rungs) and len(names) < marks


def test_matrix_turns_landscape_for_a_long_ladder(tmp_path, weasyprint_records):
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(10, items=2, skills=2))
    (pdf,) = build(ladder=ladder, out=tmp_path / "out", formats=["pdf"])
    reader = PdfReader(pdf)
    texts = page_texts(pdf)
    matrix_pages = [i for i, t in enumerate(texts) if "Skills matrix" in t and not t.startswith("Contents")]
    assert matrix_pages
    for index in matrix_pages:
        box = reader.pages[index].mediabox
        assert box.width > box.height
    assert reader.pages[3].mediabox.width < reader.pages[3].mediabox.height
    assert not weasyprint_records


def test_one_rung_handout(handout, default_ladder):
    texts = page_texts(handout)
    assert 2 <= len(texts) <= 3  # no page spent on a cover: a band above the chapter names the role
    text = " ".join(texts)
    assert "Product Manager" in texts[0] and "Role handout".upper() in texts[0].upper()
    assert "RUNG 2 OF 5" in texts[0]  # the chapter starts on the first page, under the band
    assert "RUNG 2 OF 5" in text
    for other in (1, 3, 4, 5):
        assert f"RUNG {other} OF 5" not in text
    assert "What changes from Associate Product Manager" in text
    assert "Moving up from PM to Senior Product Manager" in text
    for skill in default_ladder.rungs[2].leadership:
        assert skill.name in text  # what the next rung adds
    # Only the handout's own chapter is linked from the drawing.
    chapter = next(i for i, t in enumerate(texts) if "RUNG 2 OF 5" in t)
    assert {page for pages in link_targets(handout).values() for page in pages} == {chapter}


@pytest.mark.parametrize("rung_id", ["apm", "senior-pm", "director-pm"])
def test_every_single_rung_handout_stays_short(tmp_path, rung_id, weasyprint_records):
    (pdf,) = build(out=tmp_path, formats=["pdf"], rungs=[rung_id])
    assert pdf.name == f"career-guide-{rung_id}.pdf"
    assert 2 <= len(PdfReader(pdf).pages) <= 3
    assert not weasyprint_records


def test_unknown_rung_id_lists_the_valid_ones(tmp_path):
    result = CliRunner().invoke(main, ["build", "--rung", "cto", "--out", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 2
    assert "unknown rung id 'cto' (valid ids: apm, pm, senior-pm, group-pm, director-pm)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_tagged_with_a_text_alternative_for_the_drawing(default_build):
    reader = PdfReader(default_build["pdf"])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    alts = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/Alt" in node:
                alts.append(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                for kid in kids if isinstance(kids, list) else [kids]:
                    walk(kid)

    walk(root["/StructTreeRoot"])
    assert any("staircase" in alt and "Associate Product Manager" in alt for alt in alts), alts


def test_cli_variants_are_weasyprints():
    from weasyprint.pdf import VARIANTS

    assert set(PDF_VARIANTS) <= set(VARIANTS)


@pytest.mark.parametrize(("variant", "marker"), [("pdf/ua-1", b"pdfuaid:part"), ("pdf/a-3u", b"pdfaid:part")])
def test_pdf_variants(tmp_path, variant, marker, weasyprint_records):
    (pdf,) = build(ladder=FIXTURES / "minimal_ladder.yaml", out=tmp_path, formats=["pdf"], pdf_variant=variant)
    metadata = PdfReader(pdf).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert marker in metadata
    assert not weasyprint_records, [r.getMessage() for r in weasyprint_records]


def test_unknown_variant_is_a_usage_error():
    result = CliRunner().invoke(main, ["build", "--pdf-variant", "pdf/z-9"])
    assert result.exit_code == 2
    assert "pdf/ua-1" in result.output


def test_hyphenation_follows_the_document_language(default_build):
    texts = [page.extract_text() for page in PdfReader(default_build["pdf"]).pages]
    assert any(re.search(r"\w\u2010\n\w", text) for text in texts)  # words broken with a hyphen at line ends


def test_the_staircase_names_each_rungs_scope(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    overview = " ".join(" ".join(text.split()) for text in texts if "The ladder at a glance" in text
                        and not text.startswith("Contents"))
    for rung in default_ladder.rungs:
        assert rung.scope in overview
