"""The HTML guide: one self-contained file, opened in headless Chromium as a reader's browser would."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guidegen.input.ladder import load_ladder
from guidegen.api import build
from guidegen.resources import default_ladder_path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (the README's test setup "
                                                              "installs it)")


class _Resources(HTMLParser):
    """Every address the page would load (src, link href, CSS url()), its landmarks and headings."""

    def __init__(self):
        super().__init__()
        self.loads: list[str] = []
        self.tags: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.tags.append(tag)
        if "src" in values:
            self.loads.append(values["src"])
        if tag == "link" and "href" in values:
            self.loads.append(values["href"])
        if tag == "img":
            self.images.append(values)
        for value in values.values():
            self.loads += re.findall(r"url\(\s*['\"]?([^'\")]+)", value or "")


@pytest.fixture(scope="module")
def web_guide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    brand = ROOT / "examples" / "northwind-health"
    (page,) = build(ladder=brand / "ladder.yaml", out=folder / "out", formats=["html"], brand=[brand / "brand.yml"])
    return page


def _chromium(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr",
                           "--v=0", "--host-resolver-rules=MAP * ~NOTFOUND", *args],
                          capture_output=True, text=True, timeout=timeout)


def test_the_html_guide_is_one_file_that_loads_nothing_from_elsewhere(web_guide):
    assert sorted(path.name for path in web_guide.parent.iterdir()) == ["career-guide.html"]
    text = web_guide.read_text()
    parser = _Resources()
    parser.feed(text)
    css = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    loads = parser.loads + re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert loads and all(address.startswith("data:") for address in loads), \
        [address[:60] for address in loads if not address.startswith("data:")]
    assert "@font-face" in css and "font/woff" in css  # its fonts travel with it
    assert "script" not in parser.tags  # nothing runs


def test_the_html_guide_has_landmarks_alt_text_and_its_language(web_guide):
    text = web_guide.read_text()
    parser = _Resources()
    parser.feed(text)
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in parser.tags, landmark
    assert re.search(r'<html lang="en(-US)?"', text) and 'name="viewport"' in text
    assert parser.images and all(image.get("alt") for image in parser.images)
    assert "<title>" in text and "@media print" in text


@needs_chromium
def test_chromium_renders_every_chapter_and_the_staircase_without_a_console_error(web_guide, tmp_path):
    ladder = load_ladder(ROOT / "examples" / "northwind-health" / "ladder.yaml")
    printed = tmp_path / "printed.pdf"
    result = _chromium("--no-pdf-header-footer", f"--print-to-pdf={printed}", web_guide.as_uri())
    assert printed.is_file(), result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for rung in ladder.rungs:
        assert rung.title in text, rung.title
        assert (rung.what_it_is or "")[:40] in text
    assert "The ladder at a glance" in text and "Worksheet: my next step" in text
    dom = _chromium("--dump-dom", web_guide.as_uri()).stdout
    assert dom.count('class="chapter"') == len(ladder.rungs)
    assert dom.count('class="step') == len(ladder.rungs) and "<svg" in dom


@needs_chromium
def test_on_a_phone_the_guide_is_one_column_with_nothing_wider_than_the_screen(web_guide, tmp_path):
    from PIL import Image

    shot = tmp_path / "phone.png"
    _chromium("--window-size=390,2400", f"--screenshot={shot}", "--hide-scrollbars", web_guide.as_uri())
    image = Image.open(shot).convert("RGB")
    assert image.size == (390, 2400)
    # Text runs to within the margins: the right-hand 12 pixels stay background below the cover band.
    band_end = next(y for y in range(image.height) if image.getpixel((5, y)) == (255, 255, 255))
    right_edge = [image.getpixel((x, y)) for x in range(378, 390) for y in range(band_end, image.height, 3)]
    assert all(pixel == (255, 255, 255) for pixel in right_edge)


def test_a_default_build_still_writes_only_the_pdf_and_the_deck(tmp_path):
    written = build(ladder=default_ladder_path(), out=tmp_path / "out", formats=["html", "pptx"])
    assert [path.name for path in written] == ["career-guide.html", "training-deck.pptx"]
    from guidegen.formats.registry import DEFAULT_FORMATS

    assert DEFAULT_FORMATS == ("pdf", "pptx")


@needs_chromium
def test_an_arabic_html_guide_reads_from_the_right(tmp_path):
    """dir="rtl", and the page is drawn where the reader looks: nothing pushes it off screen sideways."""
    from PIL import Image

    (tmp_path / "ladder.yaml").write_text("extends: default\nlanguage: ar\n")
    (page,) = build(ladder=tmp_path / "ladder.yaml", out=tmp_path / "out", formats=["html"])
    assert '<html lang="ar" dir="rtl">' in page.read_text()
    shot = tmp_path / "ar.png"
    _chromium("--window-size=900,900", f"--screenshot={shot}", "--hide-scrollbars", page.as_uri())
    image = Image.open(shot).convert("RGB")
    band = [image.getpixel((x, 40)) for x in range(0, 900, 30)]
    assert all(pixel != (255, 255, 255) for pixel in band), band  # the cover band spans the window
