"""Files from other people: nothing fetched, nothing leaked, nothing half-written, every bad input refused cleanly."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pypdf import PdfReader

from guidegen.api import build
from guidegen.cli import main
from guidegen.guide.pdf_writer import LocalFilesOnly

from .conftest import FIXTURES
from .ladders import make_ladder, write_ladder


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A web server on loopback that counts what it is asked for."""
    _Counter.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Counter.requests
    httpd.shutdown()
    httpd.server_close()


def _hostile_ladder(tmp_path: Path, url: str) -> Path:
    ladder = make_ladder(2)
    ladder["introduction"] = [
        f'<img src="{url}/img.png"> <link rel="attachment" href="{url}/attach">',
        f"<style>@import url({url}/style.css); @font-face {{ src: url({url}/font.ttf) }}</style>",
        f'<a href="{url}/link">link</a> <iframe src="file:///etc/passwd"></iframe>',
    ]
    ladder["rungs"][0]["what_it_is"] = f"![image]({url}/markdown.png) [link]({url})"
    return write_ladder(tmp_path / "hostile.yaml", ladder)


def test_nothing_is_fetched_from_the_network(tmp_path, server):
    url, requests = server
    ladder = _hostile_ladder(tmp_path, url)
    build(ladder=ladder, out=tmp_path / "out")
    brand_dir = tmp_path / "brand"
    brand_dir.mkdir()
    (brand_dir / "logo.svg").write_text(
        f"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink'>"
        f"<image xlink:href='{url}/logo.png' width='10' height='10'/></svg>")
    for logo in ("logo.svg", f"{url}/logo.svg"):
        (brand_dir / "brand.yml").write_text(f"logo: {logo}\ntypography:\n  fonts:\n    - family: X\n      source: google\n")
        result = CliRunner().invoke(main, ["build", "--ladder", str(ladder), "--brand", str(brand_dir / "brand.yml"),
                                           "--out", str(tmp_path / "out2")], catch_exceptions=False)
        assert result.exit_code == 2, result.output
    time.sleep(0.2)
    assert requests == []


def test_the_fetcher_serves_only_allowed_local_files(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "ok.css").write_text("p {}")
    (tmp_path / "secret.txt").write_text("secret")
    fetcher = LocalFilesOnly([allowed])
    assert fetcher.fetch((allowed / "ok.css").as_uri()).read() == b"p {}"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in ((tmp_path / "secret.txt").as_uri(), (allowed / ".." / "secret.txt").as_uri(),
                "http://127.0.0.1:9/x", "https://example.com/x", "ftp://example.com/x"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_files_outside_the_allowed_folders_never_reach_the_pdf(tmp_path, weasyprint_records):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN-8231")
    ladder = make_ladder(2)
    ladder["introduction"] = [f'<object data="{secret.as_uri()}"></object><img src="{secret.as_uri()}">']
    path = write_ladder(tmp_path / "ladder.yaml", ladder)
    (pdf,) = build(ladder=path, out=tmp_path / "out", formats=["pdf"])
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "TOP-SECRET-TOKEN-8231" not in text
    assert b"TOP-SECRET" not in pdf.read_bytes()
    assert "<img src=" in text  # the markup is shown as the text it is


def _refused(tmp_path: Path, args: list[str]) -> str:
    result = CliRunner().invoke(main, args + ["--out", str(tmp_path / "out")] if args[0] == "build" else args,
                                catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr


def test_oversized_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("title: x\n" + "# padding\n" * 120_000)
    assert "a ladder file may be at most 1,000,000 bytes" in _refused(tmp_path, ["validate", str(path)])


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n")
    started = time.monotonic()
    message = _refused(tmp_path, ["validate", str(path)])
    assert time.monotonic() - started < 2  # expanding it would take hours
    assert "aliases expand this file to more than 100,000 values" in message


def test_deep_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("title: " + "[" * 3000 + "]" * 3000 + "\n")
    assert "nested more than 40 levels deep" in _refused(tmp_path, ["validate", str(path)])


def test_the_deepest_nesting_a_file_can_hold_is_refused_without_a_crash(tmp_path):
    # libyaml's composer recurses in C: a file this deep must never reach it.
    flow = tmp_path / "flow.yaml"
    flow.write_text("title: " + "[" * 490_000 + "]" * 490_000 + "\n")
    assert "nested more than 40 levels deep" in _refused(tmp_path, ["validate", str(flow)])
    block = tmp_path / "block.yaml"
    block.write_text("".join(" " * level + "a:\n" for level in range(1400)) + " " * 1400 + "x\n")
    assert "nested more than 40 levels deep" in _refused(tmp_path, ["validate", str(block)])


def test_control_characters_are_refused_with_their_line(tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text((FIXTURES / "minimal_ladder.yaml").read_text().replace("title: Design Ladder",
                                                                           'title: "Design\\x07Ladder"'))
    assert f"{path}:1:8 title: contains a control character" in _refused(tmp_path, ["validate", str(path)])


def test_an_image_that_is_not_an_image_is_refused(tmp_path):
    (tmp_path / "logo.png").write_text("this is text, not a PNG")
    (tmp_path / "brand.yml").write_text("logo: logo.png\n")
    message = _refused(tmp_path, ["build", "--brand", str(tmp_path / "brand.yml")])
    assert f"{tmp_path / 'brand.yml'}:1:7 logo: 'logo.png' is not an SVG, PNG or JPEG image" in message


def test_an_svg_that_reads_other_files_is_refused(tmp_path):
    (tmp_path / "logo.svg").write_text("<!DOCTYPE svg [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                                       "<svg xmlns='http://www.w3.org/2000/svg'><text>&x;</text></svg>")
    (tmp_path / "brand.yml").write_text("logo: logo.svg\n")
    message = _refused(tmp_path, ["build", "--brand", str(tmp_path / "brand.yml")])
    assert "declares entities or a DTD" in message


def test_unexpected_errors_are_one_line_unless_debug(tmp_path, monkeypatch):
    import guidegen.view.ladder_view as context_module

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(context_module, "build_view", explode)
    result = CliRunner().invoke(main, ["build", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "internal error in guidegen build: RuntimeError: boom (run with --debug to see where)" in result.stderr
    assert "Traceback" not in result.stderr
    debug = CliRunner().invoke(main, ["--debug", "build", "--out", str(tmp_path)])
    assert debug.exit_code == 1 and "Traceback" in debug.stderr and "in explode" in debug.stderr


def _readable(pdf: Path, deck: Path) -> None:
    assert len(PdfReader(pdf).pages) > 5
    assert len(Presentation(str(deck)).slides) > 5


def test_a_killed_build_leaves_the_previous_output_intact(tmp_path):
    out = tmp_path / "out"
    pdf, deck = build(out=out)
    before = (pdf.read_bytes(), deck.read_bytes())
    process = subprocess.Popen([sys.executable, "-m", "guidegen", "build", "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".*.part")):  # wait until it is writing
        time.sleep(0.005)
    assert list(out.glob(".*.part")), "the build never started writing: the kill would test nothing"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert (pdf.read_bytes(), deck.read_bytes()) == before
    _readable(pdf, deck)


def test_two_builds_at_once_leave_two_whole_files(tmp_path):
    out = tmp_path / "out"
    processes = [subprocess.Popen([sys.executable, "-m", "guidegen", "build", "--out", str(out)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    _readable(out / "career-guide.pdf", out / "training-deck.pptx")
    assert not list(out.glob(".*.part"))


SCRIPTS = {
    "accented Latin": "Crème brûlée, naïve façade, Øresund, Ærø",
    "Chinese": "产品经理负责路线图",
    "Japanese": "プロダクトマネージャー",
    "Arabic": "مدير المنتج",
    "Hebrew": "מנהל מוצר",
    "emoji": "Launch 🚀 and celebrate 🎉",
}


def test_every_script_comes_back_out_of_the_pdf(tmp_path, weasyprint_records):
    ladder = make_ladder(2)
    ladder["rungs"][0]["responsibilities"] = list(SCRIPTS.values())
    logged_before = len(weasyprint_records)  # the records of earlier tests are theirs
    (pdf,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", ladder), out=tmp_path / "out", formats=["pdf"])
    with pdfplumber.open(pdf) as document:
        text = unicodedata.normalize("NFKC", " ".join(page.extract_text() for page in document.pages))
    for script, sample in SCRIPTS.items():
        right_to_left = script in ("Arabic", "Hebrew")  # extracted in visual order
        assert sample in text or (right_to_left and sample[::-1] in text), script
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "CJK" in fonts and "Emoji" in fonts  # real glyphs, not boxes of a font without them
    assert not weasyprint_records[logged_before:]


def test_the_deck_names_east_asian_and_complex_script_fonts(tmp_path):
    ladder = make_ladder(2)
    ladder["rungs"][0]["responsibilities"] = [SCRIPTS["Chinese"], SCRIPTS["Hebrew"]]
    (deck,) = build(ladder=write_ladder(tmp_path / "ladder.yaml", ladder), out=tmp_path / "out", formats=["pptx"])
    slide = Presentation(str(deck)).slides[3]  # the first rung's slide, after the title, agenda and map
    runs = [run for shape in slide.shapes if shape.has_text_frame
            for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
    for sample in (SCRIPTS["Chinese"], SCRIPTS["Hebrew"]):
        (run,) = [run for run in runs if run.text == sample]
        rpr = run._r.rPr
        assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get("typeface") == "+mn-ea"
        assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}cs").get("typeface") == "+mn-cs"
    hebrew = next(p for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
                  if p.text == SCRIPTS["Hebrew"])
    assert hebrew._p.pPr.get("rtl") == "1"
