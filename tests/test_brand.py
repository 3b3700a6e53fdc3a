"""One brand file styles both documents; company ladders adapt the built-in one without copying it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from guidegen.view.theme import brand_theme
from guidegen.input.brand import load_brand
from guidegen.api import build

from .plans import view_and_options
from guidegen.cli import main
from guidegen.view.colours import contrast, to_rgb
from guidegen.errors import InputFileError
from guidegen.input.ladder import load_ladder
from guidegen.guide.html import render_html
from guidegen.resources import default_ladder_path
from guidegen.view.textmetrics import find_font

from .conftest import requires
from .test_pdf import page_texts

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _close(colour, hex_colour: str) -> bool:
    expected = [value / 255 for value in to_rgb(hex_colour)]
    return colour is not None and len(colour) == 3 and all(abs(a - b) < 0.01 for a, b in zip(colour, expected))


@pytest.fixture(scope="module")
def northwind(tmp_path_factory, weasyprint_records):
    company = EXAMPLES / "northwind-health"
    out = tmp_path_factory.mktemp("northwind")
    pdf, deck = build(ladder=company / "ladder.yaml", out=out, brand=[company / "brand.yml"])
    assert not weasyprint_records, [r.getMessage() for r in weasyprint_records]
    return pdf, deck


def test_primary_colour_and_logo_in_the_pdf(northwind):
    pdf, _ = northwind
    with pdfplumber.open(pdf) as document:
        cover, contents = document.pages[0], document.pages[1]
        cover_fills = [obj.get("non_stroking_color") for obj in cover.rects + cover.curves]
        assert any(_close(fill, "#0B6E4F") for fill in cover_fills)  # the cover is the primary colour
        assert any(_close(fill, "#F2A541") for fill in cover_fills)  # the logo's amber needle
        header = [obj for obj in contents.curves + contents.rects if obj["top"] < 25 * 72 / 25.4]
        assert any(_close(obj.get("non_stroking_color"), "#0B6E4F") for obj in header)  # the logo in the header
    texts = page_texts(pdf)
    assert all(text.count("Northwind Health \u00b7 Based on") == 1 for text in texts[1:])  # name in the footer


def test_brand_colours_fonts_and_logo_in_the_deck(northwind):
    _, deck_path = northwind
    deck = Presentation(str(deck_path))
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    scheme = theme.find(f".//{A}clrScheme")
    assert scheme.find(f"{A}dk2/{A}srgbClr").get("val") == "0B6E4F"
    assert scheme.find(f"{A}accent1/{A}srgbClr").get("val") == "F2A541"
    assert theme.find(f".//{A}majorFont/{A}latin").get("typeface") == "Lato"
    assert theme.find(f".//{A}minorFont/{A}latin").get("typeface") == "Lato"
    title_pictures = [s for s in deck.slides[0].shapes if s.shape_type is not None and s.shape_type.name == "PICTURE"]
    assert title_pictures and title_pictures[0]._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr") == \
        "Northwind Health logo"
    master_alts = deck.slide_master.element.xpath("//p:pic/p:nvPicPr/p:cNvPr/@descr")
    assert "Northwind Health logo" in master_alts


def test_overlay_renames_adds_and_drops():
    northwind = load_ladder(EXAMPLES / "northwind-health" / "ladder.yaml")
    assert [rung.id for rung in northwind.rungs] == ["apm", "pm", "senior-pm", "principal-pm", "group-pm",
                                                      "director-pm", "vp-product"]
    pm = northwind.rungs[1]
    assert (pm.title, pm.short) == ("Product Manager II", "PM II")
    assert pm.responsibilities[-1] == "Own the clinical-safety review for every feature you ship."
    assert len(pm.responsibilities) == 5  # the article's four, plus Northwind's
    assert northwind.labels.soft_skills == "How You Work"
    assert northwind.company_introduction and northwind.company_closing
    ferrous = load_ladder(EXAMPLES / "ferrous-robotics" / "ladder.yaml")
    assert [rung.id for rung in ferrous.rungs] == ["pm", "senior-pm", "group-pm", "director-pm"]
    assert ferrous.rungs[-1].title == "Director of Product"
    assert ferrous.labels.responsibilities == "What You Own"


def test_overlay_shows_in_both_documents(northwind):
    pdf, deck_path = northwind
    text = " ".join(page_texts(pdf))
    for expected in ("Product Manager II", "Principal Product Manager", "VP of Product", "How You Work",
                     "At Northwind we grow most of our product leaders from within."):
        assert expected in text
    titles = [slide.shapes.title.text for slide in Presentation(str(deck_path)).slides]
    assert "Principal Product Manager" in titles and "VP of Product" in titles


def _problems(function, path):
    with pytest.raises(InputFileError) as caught:
        function(path)
    return caught.value.problems


def test_overlay_with_unknown_id_names_the_line(tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text("extends: default\nrungs:\n  - id: pm\n    title: PM II\n  - id: cto\n    title: CTO\n")
    (problem,) = _problems(load_ladder, path)
    assert problem.startswith(f"{path}:5:")
    assert "the ladder has no rung 'cto'" in problem and "after: or before:" in problem


def test_overlay_placing_a_rung_after_an_unknown_one(tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text((EXAMPLES / "northwind-health" / "ladder.yaml").read_text().replace("after: senior-pm",
                                                                                        "after: staff-pm"))
    (problem,) = _problems(load_ladder, path)
    assert "no rung 'staff-pm' to place 'principal-pm' after" in problem


def test_brand_with_unknown_key_names_the_line(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text("meta:\n  name: Acme\ncolor:\n  primary: '#123456'\n  primery: '#654321'\n")
    (problem,) = _problems(load_brand, path)
    assert problem.startswith(f"{path}:5:3 color.primery: unknown field 'primery'; did you mean 'primary'?")


def test_missing_logo_names_the_file_and_line(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text("meta:\n  name: Acme\nlogo:\n  medium: images/acme.svg\n")
    (problem,) = _problems(load_brand, path)
    assert problem.startswith(f"{path}:4:11 logo.medium: logo file 'images/acme.svg' does not exist")


def test_logo_outside_the_brand_folder_is_refused(tmp_path):
    (tmp_path / "secret.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    folder = tmp_path / "brand"
    folder.mkdir()
    path = folder / "brand.yml"
    path.write_text("logo: ../secret.svg\n")
    (problem,) = _problems(load_brand, path)
    assert "outside the brand file's folder" in problem


def test_cli_reports_bad_brand_with_exit_2(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text("color:\n  primary: not-a-colour\n")
    result = CliRunner().invoke(main, ["build", "--brand", str(path), "--out", str(tmp_path / "out")],
                                catch_exceptions=False)
    assert result.exit_code == 2
    assert f"{path}:2:12 color.primary: 'not-a-colour' is not a colour" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_ignored_keys_are_reported_with_their_line(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text("color:\n  primary: navy\n  danger: red\ntypography:\n  monospace: Fira Code\n"
                    "defaults:\n  bootstrap: {}\n")
    warnings = load_brand(path).warnings
    assert any(w.startswith(f"{path}:3:3 color.danger: ignored") for w in warnings)
    assert any(w.startswith(f"{path}:5:3 typography.monospace: ignored") for w in warnings)
    assert any(w.startswith(f"{path}:6:1 defaults: ignored") for w in warnings)


def test_unreadable_brand_colours_are_replaced_with_a_warning(tmp_path):
    path = tmp_path / "brand.yml"
    path.write_text("color:\n  foreground: '#DDDDDD'\n  background: '#FFFFFF'\n")
    theme, warnings = brand_theme(load_brand(path))
    assert contrast(theme.text, theme.background) >= 4.5
    assert any(warning.startswith(f"{path}:2:3 color.foreground: #DDDDDD") and "contrast" in warning
               for warning in warnings)


@pytest.mark.parametrize("company", sorted(p.name for p in EXAMPLES.iterdir() if (p / "brand.yml").exists()))
def test_example_brands_meet_contrast(company):
    theme, _ = brand_theme(load_brand(EXAMPLES / company / "brand.yml"))
    background = theme.background
    assert contrast(theme.text, background) >= 4.5
    assert contrast(theme.primary_text, background) >= 4.5
    assert contrast(theme.accent_text, background) >= 4.5
    assert contrast(theme.muted, background) >= 4.5
    assert contrast(theme.on_primary, theme.primary) >= 4.5
    for total in (2, 5, 10):
        for number in range(1, total + 1):
            fill = theme.step_fill(number, total)
            assert contrast(theme.on_fill(fill), fill) >= 4.5, (company, number, total, fill)


def _brand_with_a_font_file(folder: Path, family: str) -> Path:
    """A brand whose base font is a file beside it: a copy of Carlito under another family name."""
    source = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
    if not source.exists():
        pytest.skip("Carlito is not installed (the README's setup installs it)")
    shutil.copy(source, folder / f"{family}.ttf")
    path = folder / "brand.yml"
    path.write_text(f"typography:\n  fonts:\n    - family: {family}\n      source: file\n      files:\n"
                    f"        - {family}.ttf\n  base: {family}\n  headings: {family}\n")
    return path


@requires("pdffonts")
def test_font_files_from_the_brand_are_embedded(tmp_path, weasyprint_records):
    path = _brand_with_a_font_file(tmp_path, "Brandface")
    (pdf,) = build(out=tmp_path / "out", formats=["pdf"], brand=[path])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Brandface" in fonts  # the brand's file, embedded under the family name the brand gives it
    assert not weasyprint_records


def test_the_guide_measures_text_in_the_brands_own_font_file_and_leaves_no_font_registered(tmp_path, monkeypatch):
    # Columns are balanced, and staircase labels fitted, with the metrics of the font they will be set in; once
    # the guide is made, the process (a host program's, say) measures that family as fontconfig finds it again.
    import guidegen.view.textmetrics as textmetrics

    path = _brand_with_a_font_file(tmp_path, "Measureface")
    context, _ = view_and_options(brand=[path])
    measured = []
    original = textmetrics.metrics
    monkeypatch.setattr(textmetrics, "metrics", lambda file, index=0: measured.append(file) or original(file, index))
    render_html(context)
    assert str(tmp_path / "Measureface.ttf") in measured
    assert find_font("Measureface") != str(tmp_path / "Measureface.ttf")


def test_brand_and_company_template_combine(tmp_path):
    from .templates import make_corporate_template

    template = make_corporate_template(tmp_path / "corporate.potx")
    (deck_path,) = build(out=tmp_path / "out", formats=["pptx"], pptx_template=template, brand=[EXAMPLES / "lumen-bank" / "brand.yml"])
    deck = Presentation(str(deck_path))
    assert deck.slide_width == 9144000  # the template's 4:3
    theme = etree.fromstring(deck.slide_master.part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{A}dk2/{A}srgbClr").get("val") == "14213D"  # the brand's colours win
    assert theme.find(f".//{A}majorFont/{A}latin").get("typeface") == "Noto Serif"
    assert {slide.slide_layout.name for slide in deck.slides} <= {"Couverture", "Titre seul"}  # its layouts


def test_overlay_cannot_read_a_ladder_outside_its_folder(tmp_path):
    (tmp_path / "private.yaml").write_text("title: private\n")
    folder = tmp_path / "company"
    folder.mkdir()
    path = folder / "ladder.yaml"
    path.write_text("extends: ../private.yaml\n")
    (problem,) = _problems(load_ladder, path)
    assert problem.startswith(f"{path}:1:10 extends: '../private.yaml' is outside this file's folder")


def test_overlays_that_extend_each_other_are_a_clean_error(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    (problem,) = _problems(load_ladder, tmp_path / "a.yaml")
    assert "extends itself, directly or through other files" in problem
