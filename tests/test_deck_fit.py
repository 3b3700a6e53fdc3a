"""No text overflows its box, on any ladder, in the built-in template and in a company's.

Decks are rendered by LibreOffice (with autofit stripped, as PowerPoint shows
them on opening) and every glyph is checked against the boxes of the slide.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from guidegen.api import build

from .ladders import make_ladder, write_ladder
from .overflow import overflow_problems, render_with_libreoffice
from .templates import make_corporate_template

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice is not installed (the README's test setup installs it)")


def _non_latin() -> dict:
    ladder = make_ladder(3, items=3, skills=3)
    texts = [
        ("产品经理", "负责产品路线图，并与工程和设计团队合作，确保功能按时交付。"),
        ("プロダクトマネージャー", "ユーザーの声を集め、優先順位を決めて、チームと一緒に製品を改善します。"),
        ("مدير المنتج", "يقود تطوير المنتج من الفكرة إلى الإطلاق ويحدد أهدافاً قابلة للقياس."),
    ]
    for rung, (title, sentence) in zip(ladder["rungs"], texts):
        rung["title"] = title
        rung["what_it_is"] = sentence
        # The emoji stands in left-to-right text: LibreOffice 7.4 draws no colour emoji and so collapses
        # its space inside right-to-left text, which the glyph check would report as a collision.
        rung["responsibilities"] = [sentence, "Développer la stratégie produit 🚀 à long terme.", "עבודה עם צוותים"]
        rung["soft_skills"][1]["name"] = "Ελληνικά και Кириллица"
    return ladder


EXAMPLE_ROOT = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES = sorted(path.name for path in EXAMPLE_ROOT.iterdir() if (path / "brand.yml").exists())

STRESS = {
    "long-titles": make_ladder(4, title_words=16),
    "long-items": make_ladder(4, item_words=45),
    "many-items": make_ladder(3, items=14, skills=14),
    "ten-rungs": make_ladder(10, items=4, skills=5),
    "non-latin": _non_latin(),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, default_build):
    """Every deck under test, built and then rendered in one LibreOffice run."""
    root = tmp_path_factory.mktemp("fit")
    corporate = make_corporate_template(root / "corporate.potx")
    decks = {("default", "built-in"): default_build["pptx"]}
    for name, ladder in {"default": None, **STRESS}.items():
        path = write_ladder(root / f"{name}.yaml", ladder) if ladder else None
        for template_name, template in (("built-in", None), ("corporate-4x3", corporate)):
            if (name, template_name) in decks:
                continue
            (deck,) = build(ladder=path, out=root / f"{name}-{template_name}", formats=["pptx"], pptx_template=template)
            decks[(name, template_name)] = deck
    for company in EXAMPLES:
        folder = EXAMPLE_ROOT / company
        ladder = folder / "ladder.yaml"
        (deck,) = build(ladder=ladder if ladder.exists() else None, out=root / company, formats=["pptx"], brand=[folder / "brand.yml"])
        decks[(company, "brand")] = deck
    pdfs = render_with_libreoffice(list(decks.values()), root / "rendered")
    return {key: (deck, pdfs[deck]) for key, deck in decks.items()}


@pytest.mark.parametrize("template", ["built-in", "corporate-4x3"])
@pytest.mark.parametrize("ladder", ["default", *STRESS])
def test_no_glyph_leaves_its_box(rendered, ladder, template):
    deck, pdf = rendered[(ladder, template)]
    problems = overflow_problems(deck, pdf)
    assert not problems, "\n".join(problems[:25])


@pytest.mark.parametrize("company", EXAMPLES)
def test_no_glyph_leaves_its_box_in_branded_decks(rendered, company):
    deck, pdf = rendered[(company, "brand")]
    problems = overflow_problems(deck, pdf)
    assert not problems, "\n".join(problems[:25])


def test_long_lists_continue_on_continuation_slides(rendered):
    deck, _ = rendered[("many-items", "built-in")]
    titles = [slide.shapes.title.text for slide in Presentation(str(deck)).slides]
    parts = [title for title in titles if title.startswith("Level 1 Engineer (")]
    assert len(parts) >= 2
    assert parts == [f"Level 1 Engineer ({n}/{len(parts)})" for n in range(1, len(parts) + 1)]


def test_every_text_is_at_least_14pt_and_explicitly_sized(rendered):
    for (ladder, template), (deck, _) in rendered.items():
        for number, slide in enumerate(Presentation(str(deck)).slides, start=1):
            for shape in _text_shapes(slide.shapes):
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        where = f"{ladder}/{template} slide {number} {shape.name!r}"
                        assert run.font.size is not None, f"{where}: size left to the template or to autofit"
                        assert run.font.size.pt >= 14, f"{where}: {run.font.size.pt} pt"


def _text_shapes(shapes):
    for shape in shapes:
        if shape.shape_type is not None and shape.shape_type.name == "GROUP":
            yield from _text_shapes(shape.shapes)
        elif shape.has_text_frame and shape.text_frame.text.strip():
            yield shape
