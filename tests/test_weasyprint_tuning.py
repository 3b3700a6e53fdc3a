"""guidegen's shortcuts through WeasyPrint and pydyf change how fast a guide is written, never what is written."""

from __future__ import annotations

import subprocess
import zlib
from pathlib import Path

import pydyf
import pytest
import weasyprint
from weasyprint.text.fonts import FontConfiguration

from guidegen.input.ladder import load_ladder
from guidegen.guide import pdf_writer
from guidegen.guide import _weasyprint_tuning as tuning
from guidegen.guide.html import allowed_folders, render_html
from guidegen.resources import html_templates_dir

from .conftest import requires

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _normalized(pdf: Path) -> bytes:
    """The PDF with every stream decompressed and objects laid out in a fixed way, so that files
    that differ only in how their streams were compressed compare equal."""
    return subprocess.run(["qpdf", "--qdf", "--object-streams=disable", "--deterministic-id", str(pdf), "-"],
                          capture_output=True, check=True).stdout


@requires("qpdf")
@pytest.mark.parametrize("brand, ladder, variant", [
    (None, None, None),
    ("northwind-health", "northwind-health", "pdf/ua-1"),
])
def test_the_guide_is_the_pdf_weasyprint_writes_by_itself(tmp_path, default_ladder, brand, ladder, variant,
                                                          monkeypatch):
    import guidegen.process as process

    from .plans import view_and_options

    monkeypatch.setattr(process, "owned", True)  # the shortcuts are taken where guidegen owns the process

    context, _ = view_and_options(ladder=EXAMPLES / ladder / "ladder.yaml" if ladder else None,
                                  brand=[EXAMPLES / brand / "brand.yml"] if brand else ())
    html, folders = render_html(context), allowed_folders(context)

    pdf_writer.write_pdf(html, folders, tmp_path / "tuned.pdf", variant)
    weasyprint.HTML(string=html, base_url=str(html_templates_dir()) + "/",
                    url_fetcher=pdf_writer.LocalFilesOnly(folders)).write_pdf(
        tmp_path / "plain.pdf", pdf_tags=True, pdf_variant=variant, font_config=FontConfiguration())

    assert _normalized(tmp_path / "tuned.pdf") == _normalized(tmp_path / "plain.pdf")


def test_footnotes_and_notes_are_not_styled_and_markers_only_on_list_items():
    # If a WeasyPrint or cssselect2 upgrade changes the internals the trimming relies on, it
    # falls back to WeasyPrint's own stylesheet: correct, but this test says it got slow again.
    original = weasyprint.html.UA_STYLESHEET.matcher
    assert {entry[3] for entry in original.other_selectors} >= tuning.UNUSED_PSEUDO_ELEMENTS | {"marker"}
    sheets = tuning.GuideHTML(string="<p>x</p>")._ua_stylesheets()
    assert original not in [sheet.matcher for sheet in sheets]
    matcher = sheets[0].matcher
    universal = {entry[3] for entry in matcher.other_selectors}
    assert not universal & (tuning.UNUSED_PSEUDO_ELEMENTS | {"marker"})
    assert "marker" in {entry[3] for entry in matcher.lower_local_name_selectors["li"]}
    assert "marker" not in {entry[3] for entry in original.lower_local_name_selectors.get("li", ())}  # untouched


def test_page_references_are_the_same_when_cached_and_follow_new_pages():
    pdf = pydyf.PDF()
    for count in (1, 2, 7):
        while len(pdf.pages["Kids"]) // 3 < count:
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        expected = pdf.page_references
        with tuning.quicker_pdf_output():
            assert pdf.page_references == expected
            assert pdf.page_references is pdf.page_references  # cached until a page is added
        assert len(expected) == count


def test_streams_are_compressed_at_level_six_and_pydyf_is_restored_afterwards():
    original = pydyf.PDF.__dict__["page_references"]
    data = b"BT /F1 10 Tf (the same line again) Tj ET\n" * 500
    with tuning.quicker_pdf_output():
        written = pydyf.Stream([data], compress=True).data
    assert zlib.compress(data, tuning.STREAM_COMPRESSION_LEVEL) in written
    assert pydyf.zlib is zlib
    assert pydyf.PDF.__dict__["page_references"] is original


def test_pydyf_is_restored_after_a_failure():
    with pytest.raises(RuntimeError), tuning.quicker_pdf_output():
        raise RuntimeError("the write failed")
    assert pydyf.zlib is zlib
    assert isinstance(pydyf.PDF.__dict__["page_references"], property)
    assert pydyf.PDF.page_references.fget is not tuning._page_references


def test_every_shortcut_is_in_effect_with_the_pinned_versions():
    # In a fresh interpreter, importing WeasyPrint as a build does: an upgrade that disables one fails here.
    import json
    import subprocess
    import sys

    code = ("import json; from guidegen.guide import pdf_writer; "
            "from guidegen.guide._weasyprint_tuning import active_shortcuts; print(json.dumps(active_shortcuts()))")
    shortcuts = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                          check=True).stdout)
    assert len(shortcuts) == 6
    assert all(shortcuts.values()), [name for name, active in shortcuts.items() if not active]


def test_debug_build_says_which_shortcuts_are_active(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "guidegen", "--debug", "build", "--format", "pdf", "--out",
                             str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "debug: pydyf page references cached: on" in result.stderr
    assert "debug: quick native library search: on" in result.stderr


def test_the_instancer_stand_in_hands_over_any_name_to_the_real_module():
    import subprocess
    import sys

    code = ("import sys; from guidegen.guide._weasyprint_import import _font_tools_deferred, INSTANCER\n"
            "import fontTools\n"
            "with _font_tools_deferred():\n"
            "    from fontTools.varLib.instancer import OverlapMode\n"
            "print(OverlapMode.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "fontTools.varLib.instancer"


def test_a_library_version_the_shortcuts_were_not_tested_with_keeps_its_own_behaviour():
    import subprocess
    import sys

    code = ("import pydyf; from guidegen.guide import pdf_writer; from guidegen.guide import _weasyprint_tuning as t\n"
            "t.TESTED['pydyf'] = '9.'  # as if another pydyf were installed\n"
            "original = pydyf.PDF.__dict__['page_references']\n"
            "with t.quicker_pdf_output():\n"
            "    print(pydyf.PDF.__dict__['page_references'] is original, pydyf.zlib.__name__)\n"
            "print(t.active_shortcuts()['pydyf page references cached'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "zlib", "False"]
