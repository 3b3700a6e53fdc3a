"""Logos, fonts and names in brand files built to hurt: refused by validate --brand and by build, named."""

from __future__ import annotations

import base64
import io
import gzip
import shutil
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation

from .hostile import assert_refused, run_guidegen
from .ladders import make_ladder, write_ladder

SVG = "http://www.w3.org/2000/svg"


def _brand(folder: Path, logo_name: str, logo: bytes | str, extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / logo_name).write_bytes(logo.encode() if isinstance(logo, str) else logo)
    brand = folder / "brand.yml"
    brand.write_text(f"meta:\n  name: Acme\nlogo: {logo_name!r}\n{extra}")
    return brand


def _fan_out(levels: int = 9, width: int = 10) -> str:
    """Nested <use>: each level uses the one below ``width`` times; 1.6 KB that draws 10**9 shapes."""
    parts = [f'<g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}" x="{index}"/>' for index in range(width))
        parts.append(f'<g id="l{level}">{uses}</g>')
    return f'<svg xmlns="{SVG}" width="10" height="10"><defs>{"".join(parts)}</defs><use href="#l{levels}"/></svg>'


def _data_uri(media: str, payload: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(payload).decode()}"


GZIP_BOMB = gzip.compress(b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 20_000_000 + b"</svg>")
HOSTILE_SVGS = {
    "use fan-out": (_fan_out(), "<use> references are expanded"),
    "gzip in a data URI": (f'<svg xmlns="{SVG}" width="9" height="9"><image width="9" height="9" '
                           f'href="{_data_uri("image/svg+xml", GZIP_BOMB)}"/></svg>', "gzip"),
    "nested SVG": (f'<svg xmlns="{SVG}" width="9" height="9"><image width="9" height="9" href="'
                   f'{_data_uri("image/svg+xml", _fan_out(2).encode())}"/></svg>', "nests another SVG"),
    "recursive use": (f'<svg xmlns="{SVG}" width="9" height="9"><g id="a"><use href="#b"/></g>'
                      f'<g id="b"><use href="#a"/></g></svg>', "refers back to itself"),
    "recursive pattern": (f'<svg xmlns="{SVG}" width="9" height="9"><pattern id="p" width="1" height="1">'
                          f'<rect width="1" height="1" fill="url(#p)"/></pattern><rect width="9" height="9" '
                          f'fill="url(#p)"/></svg>', "refers back to itself"),
    "no size": (f'<svg xmlns="{SVG}"><rect width="9" height="9"/></svg>', "has no size"),
    "zero size": (f'<svg xmlns="{SVG}" width="0" height="0"><rect width="9" height="9"/></svg>', "above zero"),
    "percentage size": (f'<svg xmlns="{SVG}" width="100%" height="100%"><rect/></svg>', "not a percentage"),
    "import after a comment": (f'<svg xmlns="{SVG}" width="9" height="9"><style>/* hi */ @import '
                               f'"http://127.0.0.1:9/x.css";</style></svg>', "@import"),
    "import in capitals": (f'<svg xmlns="{SVG}" width="9" height="9"><style><![CDATA[@IMPORT '
                           f'url(http://127.0.0.1:9/x.css);]]></style></svg>', "@import"),
    "import after an element": (f'<svg xmlns="{SVG}" width="9" height="9"><style><g/>@import '
                                f'"http://127.0.0.1:9/x.css";</style></svg>', "@import"),
    "URL in capitals": (f'<svg xmlns="{SVG}" width="9" height="9"><rect style="fill: URL(http://127.0.0.1:9/p)"'
                        f'/></svg>', "127.0.0.1"),
    "escaped url": (f'<svg xmlns="{SVG}" width="9" height="9"><style>rect {{ fill: u\\72l(http://127.0.0.1:9/p) '
                    f'}}</style></svg>', "127.0.0.1"),
    "stylesheet instruction": (f'<?xml-stylesheet href="http://127.0.0.1:9/x.css"?><svg xmlns="{SVG}" width="9" '
                               f'height="9"/>', "xml-stylesheet"),
    "onload": (f'<svg xmlns="{SVG}" width="9" height="9" onload="alert(1)"/>', "onload"),
}


@pytest.mark.parametrize("case", list(HOSTILE_SVGS))
def test_a_hostile_svg_logo_is_refused_by_validate_and_build(tmp_path, case):
    svg, words = HOSTILE_SVGS[case]
    brand = _brand(tmp_path / "brand", "logo.svg", svg)
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    line = 3  # the logo key
    outcome = run_guidegen("validate", str(ladder), "--brand", str(brand))
    assert_refused(outcome, f"{brand}:{line}:", "logo.svg", words)
    built = run_guidegen("build", "--ladder", str(ladder), "--brand", str(brand), "--out", str(tmp_path / "out"))
    assert_refused(built, f"{brand}:{line}:", words)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_huge_sparse_logo_is_not_read_whole(tmp_path):
    folder = tmp_path / "brand"
    brand = _brand(folder, "logo.png", b"\x89PNG\r\n\x1a\n")
    with open(folder / "logo.png", "r+b") as file:
        file.truncate(4 * 1024 ** 3)  # 4 GB that cost nothing on disk
    assert_refused(run_guidegen("validate", str(write_ladder(tmp_path / "l.yaml", make_ladder(2))), "--brand",
                                str(brand)), f"{brand}:3:", "5,000,000 bytes")


FONT_FILES = {
    "empty": (b"", "is empty"),
    "not a font": (b"<html>this is a web page</html>" * 50, "not a font file"),
    "truncated": (Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf").read_bytes()[:5000],
                  "not a font file"),
}


@pytest.mark.parametrize("case", list(FONT_FILES))
def test_a_font_file_that_is_not_a_whole_font_is_refused(tmp_path, case):
    data, words = FONT_FILES[case]
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "face.ttf").write_bytes(data)
    brand = folder / "brand.yml"
    brand.write_text("typography:\n  fonts:\n    - family: Face\n      source: file\n      files:\n"
                     "        - face.ttf\n  base: Face\n")
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    assert_refused(run_guidegen("validate", str(ladder), "--brand", str(brand)), f"{brand}:6:", "face.ttf", words)
    assert_refused(run_guidegen("build", "--ladder", str(ladder), "--brand", str(brand), "--out",
                                str(tmp_path / "out")), f"{brand}:6:", words)


def test_a_family_name_that_looks_like_an_option_is_refused(tmp_path):
    brand = tmp_path / "brand.yml"
    brand.write_text("typography:\n  base: --help\n")
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    assert_refused(run_guidegen("validate", str(ladder), "--brand", str(brand)), f"{brand}:2:", "starts with '-'")


def test_a_family_that_is_not_installed_is_named_with_its_stand_in(tmp_path):
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Acme\ntypography:\n  fonts:\n    - family: Latto\n      source: system\n"
                     "  base: Latto\n")
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    outcome = run_guidegen("validate", str(ladder), "--brand", str(brand))
    assert outcome.code == 0, outcome.stderr
    assert f"{brand}:7:" in outcome.stderr and "'Latto' is not installed" in outcome.stderr
    assert "would use '" in outcome.stderr


@pytest.mark.parametrize("name", ["lo#go.svg", "lo%20go.svg", "logo?.svg"])
def test_logo_names_that_look_like_urls_reach_both_documents(tmp_path, name):
    svg = f'<svg xmlns="{SVG}" width="40" height="20"><rect width="40" height="20" fill="#C0392B"/></svg>'
    brand = _brand(tmp_path / "brand", name, svg)
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    outcome = run_guidegen("build", "--ladder", str(ladder), "--brand", str(brand), "--out", str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    _assert_logo_in_both(tmp_path / "out")


LOGO_RED = (0.753, 0.224, 0.169)  # #C0392B, the logo's only colour; the default theme has no red


def _assert_logo_in_both(out: Path) -> None:
    """The red SVG logo is drawn on the guide's cover and in a running header, and is on the title slide."""
    def red(rect) -> bool:
        colour = rect["non_stroking_color"]
        return isinstance(colour, tuple) and len(colour) == 3 and all(abs(a - b) < 0.01 for a, b in zip(colour, LOGO_RED))

    with pdfplumber.open(out / "career-guide.pdf") as pdf:
        assert any(red(rect) for rect in pdf.pages[0].rects), "no logo on the cover"
        assert any(red(rect) for rect in pdf.pages[2].rects), "no logo in the running header"
    deck = Presentation(str(out / "training-deck.pptx"))
    pictures = [shape for shape in deck.slides[0].shapes if shape.shape_type == 13]
    assert pictures, "the title slide has no logo"


def test_a_brand_given_through_a_symlink_keeps_its_logo_in_both_documents(tmp_path):
    svg = f'<svg xmlns="{SVG}" width="40" height="20"><rect width="40" height="20" fill="#C0392B"/></svg>'
    real = _brand(tmp_path / "real", "logo.svg", svg)
    linked = tmp_path / "company"
    linked.mkdir()
    (linked / "brand.yml").symlink_to(real)
    shutil.copy(real.parent / "logo.svg", linked / "logo.svg")  # beside the link, as the brand file says
    ladder = write_ladder(tmp_path / "ladder.yaml", make_ladder(2))
    outcome = run_guidegen("build", "--ladder", str(ladder), "--brand", str(linked / "brand.yml"), "--out",
                           str(tmp_path / "out"))
    assert outcome.code == 0, outcome.stderr
    _assert_logo_in_both(tmp_path / "out")


def _two_logo_brand(folder: Path, dark_svg: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "light.svg").write_text(f'<svg xmlns="{SVG}" width="40" height="20"><rect width="40" height="20" '
                                      f'fill="#C0392B"/></svg>')
    (folder / "dark.svg").write_text(dark_svg)
    brand = folder / "brand.yml"
    brand.write_text("meta:\n  name: Acme\nlogo:\n  medium:\n    light: light.svg\n    dark: dark.svg\n")
    return brand


def _counting_bounded_runs(monkeypatch) -> list:
    import guidegen.bounded

    runs, real = [], guidegen.bounded.run_bounded
    monkeypatch.setattr(guidegen.bounded, "run_bounded", lambda work, *args, **limits: runs.append(work) or
                        real(work, *args, **limits))
    return runs


def test_a_brands_svg_logos_are_drawn_once_together_and_the_deck_reuses_the_drawings(tmp_path, monkeypatch):
    # Each drawing in a child process of its own imported CairoSVG again: 0.25 s a logo, twice more for the deck.
    from PIL import Image as PILImage

    from guidegen.deck.render import render
    from guidegen.input.brand import load_brand

    from .plans import view_and_options

    brand_path = _two_logo_brand(tmp_path / "brand", f'<svg xmlns="{SVG}" width="30" height="30"><circle r="15" '
                                                     f'cx="15" cy="15" fill="#C0392B"/></svg>')
    runs = _counting_bounded_runs(monkeypatch)
    brand = load_brand(brand_path)
    assert len(runs) == 1  # both logos in one child
    for image, width in ((brand.logo_on_light, 600), (brand.logo_on_dark, 300)):
        with PILImage.open(io.BytesIO(image.drawn)) as drawn:
            assert drawn.size == (width, 300)
    view, options = view_and_options(ladder=write_ladder(tmp_path / "ladder.yaml", make_ladder(2)), brand=[brand_path])
    assert len(runs) == 2  # the build reads the brand once more, its logos in one child again
    render(view, tmp_path / "deck.pptx", options["pptx"])
    assert len(runs) == 2  # the deck drew nothing again
    deck = Presentation(str(tmp_path / "deck.pptx"))
    pictures = [shape for shape in deck.slides[0].shapes if shape.shape_type == 13]
    with PILImage.open(io.BytesIO(pictures[0].image.blob)) as shown:  # 300 dpi as shown, not the check's size
        assert pictures[0].height / 914400 * 300 * 0.99 <= shown.height < 300


def test_of_two_logos_the_one_that_overruns_its_drawing_budget_is_named(tmp_path, monkeypatch):
    import time

    import guidegen.input.asset_safety as asset_safety
    from guidegen.errors import InputFileError
    from guidegen.input.brand import load_brand

    slow_svg = f'<svg xmlns="{SVG}" width="9" height="9"><desc>slow</desc></svg>'
    real_draw = asset_safety.draw_svg
    monkeypatch.setattr(asset_safety, "draw_svg", lambda data, height: time.sleep(30) if b"slow" in data
                        else real_draw(data, height))  # the forked child draws with this
    monkeypatch.setattr(asset_safety, "DRAWING_SECONDS", 1)
    brand_path = _two_logo_brand(tmp_path / "brand", slow_svg)
    with pytest.raises(InputFileError) as refused:
        load_brand(brand_path)
    [problem] = refused.value.problems
    assert "'dark.svg': drawing it took longer than 1 s" in problem and "light.svg" not in problem
    assert f"{brand_path}:6:" in problem  # the dark logo's line
