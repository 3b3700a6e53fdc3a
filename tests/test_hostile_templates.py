"""Slide templates built to hurt: bombs, broken parts, impossible sizes, macros and links that phone home."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from .conftest import requires
from .hostile import assert_refused, run_guidegen
from .overflow import render_with_libreoffice
from .templates import make_corporate_template


def _rewrite(source: Path, target: Path, change=None, add: dict[str, bytes] | None = None,
             compression=zipfile.ZIP_DEFLATED) -> Path:
    """A copy of the package ``source`` with ``change(name, data)`` applied to each part and ``add`` added."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", compression) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item.filename, change(item.filename, data) if change else data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return target


def _build_deck(tmp_path: Path, template: Path, timeout: float = 60):
    return run_guidegen("build", "--format", "pptx", "--pptx-template", str(template), "--out",
                        str(tmp_path / "out"), timeout=timeout)


@pytest.fixture
def corporate(tmp_path) -> Path:
    return make_corporate_template(tmp_path / "corporate.pptx")


def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, corporate):
    bomb = _rewrite(corporate, tmp_path / "bomb.pptx", add={"ppt/media/image9.png": bytes(200_000_000)})
    assert bomb.stat().st_size < 1_000_000
    assert_refused(_build_deck(tmp_path, bomb), str(bomb), "not a usable slide template", "zip bomb")
    assert not (tmp_path / "out" / "training-deck.pptx").exists()


def test_a_part_that_does_not_inflate_is_refused(tmp_path, corporate):
    broken = tmp_path / "broken.pptx"
    data = bytearray(corporate.read_bytes())
    with zipfile.ZipFile(corporate) as archive:
        item = archive.getinfo("ppt/presentation.xml")
    start = item.header_offset + 30 + len(item.filename) + len(item.extra)
    for offset in range(start + 5, start + min(item.compress_size, 60)):
        data[offset] ^= 0x5A  # garble the compressed bytes
    broken.write_bytes(bytes(data))
    assert_refused(_build_deck(tmp_path, broken), str(broken), "not a usable slide template")


@pytest.mark.parametrize("size, words", [('cx="0" cy="0"', "width is 0.00 inches"),
                                         ('cx="-9144000" cy="6858000"', "width"),
                                         ('cx="9144" cy="6858"', "width is 0.01 inches")])
def test_a_slide_size_no_slide_can_have_is_refused(tmp_path, corporate, size, words):
    def resize(name, data):
        if name == "ppt/presentation.xml":
            return re.sub(rb'<p:sldSz [^>]*/>', f'<p:sldSz {size}/>'.encode(), data)
        return data

    template = _rewrite(corporate, tmp_path / "tiny.pptx", resize)
    outcome = _build_deck(tmp_path, template)
    assert_refused(outcome, str(template), "not a usable slide template")
    assert words in outcome.stderr or "cannot open" in outcome.stderr


def test_a_template_without_a_slide_master_is_refused(tmp_path, corporate):
    def no_master(name, data):
        if name == "ppt/presentation.xml":
            return re.sub(rb"<p:sldMasterIdLst>.*?</p:sldMasterIdLst>", b"", data, flags=re.S)
        return data

    template = _rewrite(corporate, tmp_path / "masterless.pptx", no_master)
    assert_refused(_build_deck(tmp_path, template), str(template), "no slide master")


def test_a_word_document_is_named_for_what_it_is(tmp_path):
    docx = tmp_path / "letter.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml",
                         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document xmlns:w='urn:w'/>")
    outcome = _build_deck(tmp_path, docx)
    assert_refused(outcome, str(docx), "a Word document, not a PowerPoint file")
    assert "BytesIO" not in outcome.stderr


LINKED_PICTURE = ('<p:pic><p:nvPicPr><p:cNvPr id="90" name="Linked"><a:hlinkClick r:id="rIdHome"/></p:cNvPr>'
                  '<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="rIdFar"/><a:stretch><a:fillRect/>'
                  '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/>'
                  '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')


def _phoning_home(corporate: Path, target: Path, url: str) -> Path:
    """The template with a linked picture and a hyperlink on its master, and a macro project."""
    def plant(name, data):
        if name == "ppt/slideMasters/slideMaster1.xml":
            return data.replace(b"</p:spTree>", LINKED_PICTURE.encode() + b"</p:spTree>", 1)
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            links = (f'<Relationship Id="rIdFar" TargetMode="External" Target="{url}/logo.png" Type="http://'
                     f'schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
                     f'<Relationship Id="rIdHome" TargetMode="External" Target="{url}/page" Type="http://schemas.'
                     f'openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
                     f'<Relationship Id="rIdUnc" TargetMode="External" Target="file://attacker/share/t.potx" '
                     f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate"/>')
            return data.replace(b"</Relationships>", links.encode() + b"</Relationships>")
        if name == "ppt/_rels/presentation.xml.rels":
            macro = ('<Relationship Id="rIdVba" Target="vbaProject.bin" Type="http://schemas.microsoft.com/office/'
                     '2006/relationships/vbaProject"/>')
            return data.replace(b"</Relationships>", macro.encode() + b"</Relationships>")
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.'
                                             b'vbaProject"/></Types>')
        return data

    return _rewrite(corporate, target, plant, add={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro project"})


def test_the_deck_carries_no_link_outside_itself_and_no_macros(tmp_path, corporate):
    template = _phoning_home(corporate, tmp_path / "phoning.pptx", "http://127.0.0.1:9")
    outcome = _build_deck(tmp_path, template)
    assert outcome.code == 0, outcome.stderr
    assert "dropped 3 link(s) to outside the template" in outcome.stderr and str(template) in outcome.stderr
    assert "dropped macros" in outcome.stderr
    deck = tmp_path / "out" / "training-deck.pptx"
    with zipfile.ZipFile(deck) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert b'TargetMode="External"' not in everything and b"127.0.0.1" not in everything
    assert b"attacker" not in everything and not any("vba" in name.lower() for name in names)
    assert b"vbaProject" not in everything


@requires("soffice")
def test_opening_the_deck_fetches_nothing(tmp_path, corporate):
    from .test_security import _Counter  # a loopback server that counts requests

    import http.server
    import threading

    _Counter.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Counter)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}"
        template = _phoning_home(corporate, tmp_path / "phoning.pptx", url)
        assert _build_deck(tmp_path, template).code == 0
        render_with_libreoffice([tmp_path / "out" / "training-deck.pptx"], tmp_path / "rendered")
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert _Counter.requests == []


def test_the_template_is_read_to_its_cap_only(tmp_path):
    assert_refused(run_guidegen("build", "--format", "pptx", "--pptx-template", "/dev/zero", "--out",
                                str(tmp_path / "out")), "/dev/zero", "not a regular file")


def test_a_template_is_not_checked_when_no_deck_is_built(tmp_path):
    outcome = run_guidegen("validate", "--help")
    assert outcome.code == 0
    _ = io  # the template matters only to the deck: a PDF-only build does not read it
    refused = run_guidegen("build", "--format", "pdf", "--pptx-template", "/dev/zero", "--out", str(tmp_path / "o"))
    assert refused.code == 2 and "--pptx-template is not used by this build" in refused.stderr  # not read
    (tmp_path / "guidegen.toml").write_text('pptx_template = "/dev/zero"\nformats = ["pdf"]\n')
    result = run_guidegen("build", "--out", str(tmp_path / "o"), cwd=tmp_path)
    assert result.code == 0, result.stderr
