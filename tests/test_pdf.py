"""The PDF guide, read back as a reader (or their PDF viewer) sees it."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from .conftest import FIXTURES, requires

MM = 72 / 25.4


def page_texts(path) -> list[str]:
    """Text of each page, with words that hyphenation split joined again."""
    texts = []
    for page in PdfReader(path).pages:
        text = page.extract_text()
        text = text.replace("\u2010\n", "").replace("\u00ad\n", "")
        text = text.replace("-\n", "-")  # a compound word broken after its own hyphen
        texts.append(re.sub(r"\s+", " ", text))
    return texts


def outline(path) -> list[tuple[int, str, int]]:
    """Bookmarks as (depth, title, page index)."""
    reader = PdfReader(path)
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def test_every_rung_and_skill_name_is_in_the_text(default_build, default_ladder):
    text = " ".join(page_texts(default_build["pdf"]))
    for rung in default_ladder.rungs:
        assert rung.title in text
        assert rung.example.story in text
        for skill in rung.leadership + rung.soft_skills:
            assert skill.name in text, skill.name
            assert skill.description in text, skill.description
        for item in rung.responsibilities:
            assert item in text
    from guidegen.view.ladder_view import fill_placeholders

    filled = fill_placeholders(default_ladder)
    for paragraph in filled.introduction + filled.conclusion.paragraphs:
        assert "{" not in paragraph
        assert paragraph in text


def test_each_chapter_starts_on_its_own_page_in_order(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    starts = []
    for number, rung in enumerate(default_ladder.rungs, start=1):
        kicker = f"RUNG {number} OF {len(default_ladder.rungs)}"
        (page,) = [index for index, text in enumerate(texts) if text.startswith(kicker) or f" {kicker} " in text]
        assert rung.title in texts[page]
        starts.append(page)
    assert starts == sorted(starts)


def test_contents_page_numbers_are_where_chapters_start(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    contents = next(text for text in texts if text.startswith("Contents") or " Contents " in text[:80])
    for number, rung in enumerate(default_ladder.rungs, start=1):
        match = re.search(rf"{number}\. {re.escape(rung.title)} {re.escape(rung.short)} [. ]+(\d+)", contents)
        assert match, f"no contents entry for {rung.title}"
        listed_page = int(match.group(1))
        assert rung.title in texts[listed_page - 1]
        assert f"RUNG {number} OF" in texts[listed_page - 1]


def test_bookmarks_name_every_rung_with_its_sections(default_build, default_ladder):
    entries = outline(default_build["pdf"])
    top_level = [title for depth, title, _ in entries if depth == 0]
    for rung in default_ladder.rungs:
        assert rung.title in top_level
    titles = [title for _, title, _ in entries]
    first = titles.index(default_ladder.rungs[0].title)
    labels = default_ladder.labels
    assert titles[first + 1: first + 7] == [labels.what_it_is, labels.expectations, labels.responsibilities,
                                            labels.leadership, labels.soft_skills, labels.example]
    assert [depth for depth, *_ in entries[first + 1: first + 7]] == [1] * 6
    second = titles.index(default_ladder.rungs[1].title)
    assert titles[second + 2] == f"What changes from {default_ladder.rungs[0].title}"


def test_metadata_title_author_language(default_build):
    reader = PdfReader(default_build["pdf"])
    assert reader.metadata.title == "Climbing the Product Management Ladder"
    assert reader.metadata.author == "Richard Ewing"
    assert reader.trailer["/Root"]["/Lang"] == "en-US"


def test_running_footer_counts_pages(default_build):
    texts = page_texts(default_build["pdf"])
    total = len(texts)
    assert "Page" not in texts[0]  # the cover has no footer
    for number, text in enumerate(texts[1:], start=2):
        assert f"Page {number} of {total}" in text


def test_page_count_stays_reasonable(default_build):
    # Cover, contents, introduction with overview, five chapters of one or two pages (each with its
    # competencies beside the rung below's), the competency grid, conclusion.
    assert 9 <= len(PdfReader(default_build["pdf"]).pages) <= 16


def test_a4_by_default_and_letter_on_request(default_build, letter_pdf):
    a4 = PdfReader(default_build["pdf"]).pages[3].mediabox
    assert (round(float(a4.width) / MM), round(float(a4.height) / MM)) == (210, 297)
    letter = PdfReader(letter_pdf).pages[3].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert len(PdfReader(letter_pdf).pages) <= 16


def test_overview_drawing_labels_every_rung(default_build, default_ladder):
    texts = page_texts(default_build["pdf"])
    overview = next(text for text in texts if "The ladder at a glance" in text and "Contents" not in text)
    for number, rung in enumerate(default_ladder.rungs, start=1):
        assert str(number) in overview
        for word in rung.title.split():
            assert word in overview


def test_another_ladder_uses_its_own_words(minimal_build):
    text = " ".join(page_texts(minimal_build["pdf"]))
    assert "Product Designer" in text and "Senior Product Designer" in text
    assert "Product Manager" not in text


@requires("pdffonts")
def test_fonts_are_embedded(default_build):
    listing = subprocess.run(["pdffonts", str(default_build["pdf"])], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    assert any("Inter" in row for row in rows), listing.stdout
    for row in rows:
        columns = row.split()
        assert columns[-5] == "yes", f"not embedded: {row}"  # the 'emb' column


@requires("pdffonts")
def test_a_latin_guide_carries_no_large_fallback_font(default_build):
    """Noto CJK and colour emoji are installed for text that needs them; a Latin guide must not pay for them."""
    listing = subprocess.run(["pdffonts", str(default_build["pdf"])], capture_output=True, text=True, check=True)
    families = {row.split()[0].split("+", 1)[-1].split("-")[0] for row in listing.stdout.splitlines()[2:]}
    assert "Inter" in families and families <= {"Inter", "DejaVu"}, listing.stdout


@requires("qpdf")
def test_qpdf_finds_nothing_wrong(default_build):
    result = subprocess.run(["qpdf", "--check", str(default_build["pdf"])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "Tom & Jerry's <b>team</b>"])
def test_markup_in_ladder_text_is_shown_as_text(tmp_path, text):
    from guidegen.view.ladder_view import build_view
    from guidegen.input.ladder import load_ladder
    from guidegen.guide.html import render_html

    from .conftest import FIXTURES

    source = (FIXTURES / "minimal_ladder.yaml").read_text().replace("Two levels of product design.", f'"{text}"')
    path = tmp_path / "ladder.yaml"
    path.write_text(source)
    html = render_html(build_view(load_ladder(path)))
    assert text not in html
    assert "&lt;" in html


def test_a_missing_harfbuzz_subset_library_is_reported_once(tmp_path, monkeypatch, capsys):
    from weasyprint.text import ffi

    import guidegen.guide.pdf_writer as pdf_renderer
    from guidegen.api import build

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    monkeypatch.setattr(pdf_renderer, "_warned_about_subsetting", False)
    warnings = []
    for attempt in range(2):
        build(ladder=FIXTURES / "minimal_ladder.yaml", out=tmp_path / str(attempt), formats=["pdf"], jobs=1,
              on_warning=warnings.append)
    assert sum("libharfbuzz-subset0 is not installed" in warning for warning in warnings) == 1
    assert capsys.readouterr().err == ""  # the library prints nothing itself
