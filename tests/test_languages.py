"""Documents in the ladder's own language: every fixed word comes from a catalogue, none is left English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pptx import Presentation

from guidegen.api import build
from guidegen.view.language import _catalogue, messages_for

from .decks import deck_text
from .hostile import run_guidegen
from .test_pdf import page_texts

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("de", "fr", "es", "ja", "ar")


def _is_translation(func) -> bool:
    """``t(...)``, ``self.t(...)``, ``messages(...)``, ``view.messages(...)`` and the like."""
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name in ("t", "messages")


def _used_messages() -> set[str]:
    """Every English text the code and the templates pass through the catalogue."""
    found = set()
    for path in (ROOT / "templates" / "html").glob("*.j2"):
        for match in re.finditer(r"""\b_\("((?:[^"\\]|\\.)*)\"""", path.read_text()):
            found.add(ast.literal_eval(f'"{match.group(1)}"'))
    for path in (ROOT / "guidegen").rglob("*.py"):  # the parser joins strings written over several lines
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str) and _is_translation(node.func):
                found.add(node.args[0].value)
    from guidegen.input.schema import Labels
    from guidegen.deck.words import CLOSING_TITLE, REVISIT_TITLE, SUMMARY_TITLE
    from guidegen.deck.threads import CARRIED

    return found | set(Labels().model_dump().values()) | {CLOSING_TITLE, REVISIT_TITLE, SUMMARY_TITLE, CARRIED}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_fixed_word_has_a_translation_that_keeps_its_placeholders(language):
    table = _catalogue(language)
    used = _used_messages()
    assert len(used) > 60
    missing = sorted(text for text in used if text not in table)
    assert not missing, missing
    for english, translated in table.items():
        assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", translated)), english


# Furniture that would betray an English document: words no ladder text of the default ladder contains.
ENGLISH_FURNITURE = ["Contents", "Introduction", "The ladder at a glance", "What changes from", "Key Responsibilities",
                     "Leadership Components", "Soft Skills", "Real-World Example", "Rung 1 of 5", "Based on",
                     "Page 2 of", "RUNG 1 OF 5", "Expectations", "as before", "Competencies", "Career guide",
                     "Questions and next steps", "The ladder, looking back"]


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    folder = tmp_path_factory.mktemp("de")
    (folder / "ladder.yaml").write_text("extends: default\nlanguage: de\n")
    pdf, deck = build(ladder=folder / "ladder.yaml", out=folder / "out", formats=["pdf", "pptx"])
    return pdf, deck


def test_a_german_build_has_no_english_furniture(german):
    pdf, deck = german
    guide = " ".join(" ".join(text.split()) for text in page_texts(pdf))
    slides = " ".join(deck_text(deck).split())
    for english in ENGLISH_FURNITURE:
        assert english not in guide, f"guide: {english!r}"
        assert english not in slides, f"deck: {english!r}"
    for german_word in ("Inhalt", "Einführung", "Hauptaufgaben", "STUFE 1 VON 5", "Seite 2 von", "Was sich gegenüber",
                        "Kompetenzen", "wie zuvor"):
        assert german_word in guide, german_word
    for german_word in ("Die Laufbahn auf einen Blick", "Hauptaufgaben", "Fragen und nächste Schritte", "wie zuvor"):
        assert german_word in slides, german_word


def test_headings_a_ladder_names_itself_are_kept(tmp_path):
    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: fr\nlabels:\n  soft_skills: Nos savoir-faire\n")
    (pdf,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pdf"])
    guide = " ".join(" ".join(text.split()) for text in page_texts(pdf))
    assert "Nos savoir-faire" in guide and "Responsabilités clés" in guide and "Soft Skills" not in guide


@pytest.mark.parametrize("language, contents", [("ja", "目次"), ("ar", "المحتويات"), ("es", "Índice")])
def test_other_languages_build_with_their_own_words(tmp_path, language, contents):
    (tmp_path / "ladder.yaml").write_text(f"extends: default\nlanguage: {language}\n")
    (pdf,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pdf"])
    assert contents in page_texts(pdf)[1]


def test_a_language_without_a_catalogue_warns_and_stays_english(tmp_path):
    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: pt-BR\n")
    outcome = run_guidegen("build", "--ladder", str(tmp_path / "ladder.yaml"), "--out", str(tmp_path / "out"),
                           "--format", "pdf")
    assert outcome.code == 0, outcome.stderr
    assert "Warning: no translation of the documents' own words for language 'pt-BR'" in outcome.stderr
    assert messages_for("de-AT")[0].language == "de"  # a regional tag falls back to its language


def test_arabic_letters_stay_joined_in_spaced_out_captions(tmp_path):
    """The cover's eyebrow is letter-spaced in Latin scripts; in Arabic that would pull its letters apart."""
    import pdfplumber

    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: ar\n")
    (pdf,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pdf"])
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
        first = min((c for c in chars if "\u0600" <= c["text"] <= "\u06ff"), key=lambda c: c["top"])
        line = sorted((c for c in chars if abs(c["top"] - first["top"]) < 1), key=lambda c: c["x0"])
    assert len(line) >= 10
    gaps = [following["x0"] - previous["x1"] for previous, following in zip(line, line[1:])]
    assert max(gaps) < 0.5, gaps


@pytest.mark.parametrize("language, culture", [("ja", "ja-JP"), ("zh-TW", "zh-TW"), ("en-US", "en-US")])
def test_every_run_of_the_deck_says_its_language(tmp_path, language, culture):
    """Office picks the Japanese or Chinese forms of shared characters (and its spelling checker) by it."""
    from .ladders import make_ladder, write_ladder

    data = make_ladder(2)
    data["language"] = language
    (deck,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", data), out=tmp_path / "out", formats=["pptx"])
    runs = [run for slide in Presentation(str(deck)).slides for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    assert runs and {run._r.get_or_add_rPr().get("lang") for run in runs} == {culture}


def test_a_german_decks_speaker_notes_are_german(german):
    _, deck = german
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in Presentation(str(deck)).slides)
    for english in ("Key message", "Questions for the room", "Talking points", "Timing: about", "Lead into the next",
                    "Tell the story", "Activity (about five minutes)", "Recap:"):
        assert english not in notes, english
    for german_words in ("Kernbotschaft", "Fragen an die Gruppe", "Zeit: etwa", "Überleitung zur nächsten Stufe",
                         "Erzählen Sie die Geschichte", "Übung (etwa fünf Minuten)", "Zusammenfassung:"):
        assert german_words in notes, german_words


def test_an_arabic_guide_reads_from_the_right(tmp_path):
    """Text starts at the right margin, the running title stands at the top right, and the staircase rises
    to the left: its first step is the rightmost."""
    import pdfplumber

    from guidegen.input.ladder import load_ladder
    from guidegen.view.ladder_view import build_view

    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: ar\n")
    view = build_view(load_ladder(tmp_path / "ladder.yaml"))
    steps = view.steps(640, 400, 5)
    assert steps[0].x > steps[-1].x and steps[0].height < steps[-1].height
    (pdf,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pdf"])
    with pdfplumber.open(pdf) as document:
        page = next(p for p in document.pages if "Associate Product Manager" in (p.extract_text() or "")
                    and "APM" in (p.extract_text() or "") and p.page_number > 3)
        words = page.extract_words()
        title = [w for w in words if w["text"] == "Manager" and w["top"] < page.height * 0.2]
        header = [w for w in words if w["top"] < 60]
    margin_right = page.width - max(w["x1"] for w in words)
    assert title and page.width - max(w["x1"] for w in title) - margin_right < 3  # the title ends at the right
    assert min(w["x0"] for w in header if w["text"] == "Climbing") > page.width / 2  # running title at top right


def test_validate_says_when_a_language_has_no_catalogue(tmp_path):
    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: sv\n")
    outcome = run_guidegen("validate", str(tmp_path / "ladder.yaml"))
    assert outcome.code == 0
    assert f"Warning: {tmp_path / 'ladder.yaml'}: no translation of the documents' own words for language 'sv'" \
        in outcome.stderr


def test_an_arabic_deck_reads_from_the_right(tmp_path):
    """Columns run from the right (the first list at the right edge), tables read from the right, and every
    paragraph runs right to left, left-set text moved to the right; the staircase rises to the left."""
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from guidegen.input.ladder import load_ladder

    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: ar\n")
    ladder = load_ladder(tmp_path / "ladder.yaml")
    (deck,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pptx"])
    slides = list(Presentation(str(deck)).slides)
    labels = messages_for("ar")[0]
    headings = {shape.name: shape for slide in slides for shape in slide.shapes
                if slide.shapes.title is not None and slide.shapes.title.text.startswith(ladder.rungs[1].title)}
    leadership, soft = (headings[f"{labels(name)} heading"] for name in ("Leadership Components", "Soft Skills"))
    assert leadership.left > soft.left  # the first column stands at the right
    assert leadership.left + leadership.width > slides[0].part.package.presentation_part.presentation.slide_width * 0.8
    for number, slide in enumerate(slides, start=1):
        for shape in slide.shapes:
            paragraphs = shape.text_frame.paragraphs if shape.has_text_frame else []
            for paragraph in paragraphs:
                properties = paragraph._p.get_or_add_pPr()
                assert properties.get("rtl") == "1", (number, shape.name)
                assert properties.get("algn") != "l", (number, shape.name)
            if shape.has_table:
                assert shape.table._tbl.tblPr.get("rtl") == "1"
        title = slide.shapes.title
        if title is not None and slide.slide_layout.name == "Title Only":
            assert title.text_frame.paragraphs[0]._p.pPr.get("algn") == "r", number
    stairs = next(shape for slide in slides for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.GROUP)
    steps = sorted(stairs.shapes, key=lambda step: step.name)
    assert steps[0].left > steps[-1].left  # step 1 at the right


def test_quotes_and_apostrophes_are_typographic_in_the_ladders_language(tmp_path):
    """Straight quotes typed in the ladder print as the ladder's language writes them, inherited text too."""
    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: de\ncompany_introduction:\n"
                                          "  - 'Wir sagen \"Willkommen\" zu allen, die neu sind.'\n")
    pdf, deck = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["pdf", "pptx"])
    guide = " ".join(" ".join(text.split()) for text in page_texts(pdf))
    notes = " ".join(slide.notes_slide.notes_text_frame.text for slide in Presentation(str(deck)).slides)
    slides = deck_text(deck)
    assert "\u201eWillkommen\u201c" in guide and "\u201eWillkommen\u201c" in notes
    assert "company\u2019s" in guide and "company\u2019s" in slides  # the English base's own apostrophes
    assert "company's" not in guide and '"' not in guide


def test_an_english_guide_has_curly_apostrophes(default_build):
    guide = " ".join(page_texts(default_build["pdf"]))
    assert "company\u2019s long-term goals" in " ".join(guide.split()) and "'s " not in guide


@pytest.mark.parametrize("language, forms", [("zh-CN", "CJK-SC"), ("zh-TW", "CJK-TC"), ("ja", "CJK-JP")])
def test_chinese_and_japanese_guides_use_their_own_forms_of_shared_characters(tmp_path, language, forms):
    """Han characters shared by Chinese and Japanese are drawn differently in each: the guide takes the
    font faces of the ladder's language, not Japanese forms for Chinese."""
    import subprocess

    from .ladders import make_ladder, write_ladder

    data = make_ladder(2, items=1, skills=1)
    data["language"] = language
    data["rungs"][0]["what_it_is"] = "直接关系到用户体验，并与设计团队合作。"
    (pdf,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", data), out=tmp_path / "out", formats=["pdf"])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    cjk = {line.split()[0].split("+")[-1] for line in fonts.splitlines() if "CJK" in line}
    assert cjk and all(forms in name for name in cjk), cjk
