"""WeasyPrint is imported with a quick library lookup; it must find what the standard one finds."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import textwrap

import pytest

from guidegen.guide._weasyprint_import import find_library_quickly

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick lookup is for Linux")


@pytest.mark.parametrize("name", ["pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig", "gobject-2.0"])
def test_quick_lookup_finds_what_ctypes_finds(name):
    assert find_library_quickly(name) == ctypes.util.find_library(name) is not None


@pytest.mark.parametrize("name", ["libpango-1.0-0", "pango-1.0-0", "libharfbuzz.0.dylib", "no-such-library-at-all"])
def test_quick_lookup_misses_what_ctypes_misses(name):
    assert ctypes.util.find_library(name) is None
    assert find_library_quickly(name) is None


def test_libraries_on_ld_library_path_are_found(tmp_path, monkeypatch):
    (tmp_path / "libguidegen-probe.so.3").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", f"/nonexistent:{tmp_path}")
    assert find_library_quickly("guidegen-probe") == str(tmp_path / "libguidegen-probe.so.3")


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)


def test_import_runs_no_compiler_or_linker():
    result = _run("""
        import subprocess, sys
        started = []
        real = subprocess.Popen.__init__
        def spy(self, args, *rest, **kwargs):
            started.append(args[0] if isinstance(args, list) else args)
            return real(self, args, *rest, **kwargs)
        subprocess.Popen.__init__ = spy
        from guidegen.guide._weasyprint_import import import_weasyprint
        import_weasyprint()
        print(started)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['/sbin/ldconfig']"


def test_import_falls_back_to_the_standard_search():
    # With an unreadable linker cache the quick lookup finds nothing; the import must still work,
    # without WeasyPrint's installation advice on the way.
    result = _run("""
        from guidegen.guide import _weasyprint_import as weasyprint_import
        weasyprint_import._linker_cache = lambda: b""
        module = weasyprint_import.import_weasyprint()
        from weasyprint.text import ffi
        print(module.__name__, ffi.pango is not None)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "weasyprint True"


def test_font_tools_subsetter_and_instancer_wait_until_used():
    # With libharfbuzz-subset (the setup installs it) a guide needs neither; most of fontTools
    # stays unloaded. The subsetter is fontTools' real module, loading at its first use.
    result = _run("""
        import pathlib, sys, tempfile
        from guidegen.guide import pdf_writer
        import weasyprint.pdf.fonts as fonts
        from weasyprint.text import ffi
        assert ffi.harfbuzz_subset is not None, "libharfbuzz-subset0 is not installed"
        heavy = ("fontTools.varLib", "fontTools.ttLib.tables.otTables")
        after_import = [name for name in heavy if name in sys.modules]
        assert "fontTools.varLib.instancer" not in sys.modules  # the stand-in is gone
        with tempfile.TemporaryDirectory() as folder:
            pdf_writer.write_pdf("<p style='font-family: Inter'>Subset by HarfBuzz</p>", [],
                                 pathlib.Path(folder) / "guide.pdf")
        after_writing = [name for name in heavy if name in sys.modules]
        options = fonts.subset.Options()  # the first use loads the real subsetter
        print(after_import, after_writing, type(options).__module__, "fontTools.ttLib.tables.otTables" in sys.modules)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["[]", "[]", "fontTools.subset", "True"]


def test_a_variable_font_still_reaches_the_real_instancer():
    result = _run("""
        import io, sys
        from guidegen.guide import pdf_writer
        import weasyprint.pdf.fonts as fonts
        from fontTools.fontBuilder import FontBuilder
        from fontTools.pens.ttGlyphPen import TTGlyphPen
        from fontTools.ttLib import TTFont
        from fontTools.ttLib.tables.TupleVariation import TupleVariation

        pen = TTGlyphPen(None)
        for point in ((0, 0), (0, 700), (600, 700), (600, 0)):
            (pen.lineTo if pen.points else pen.moveTo)(point)
        pen.closePath()
        builder = FontBuilder(1000, isTTF=True)
        builder.setupGlyphOrder([".notdef", "A"])
        builder.setupCharacterMap({ord("A"): "A"})
        builder.setupGlyf({"A": pen.glyph(), ".notdef": TTGlyphPen(None).glyph()})
        builder.setupHorizontalMetrics({".notdef": (600, 0), "A": (600, 0)})
        builder.setupHorizontalHeader(ascent=800, descent=-200)
        builder.setupNameTable({"familyName": "Probe", "styleName": "Regular"})
        builder.setupOS2()
        builder.setupPost()
        builder.setupFvar([("wght", 100, 400, 900, "Weight")], [])
        builder.setupGvar({"A": [TupleVariation({"wght": (0, 1.0, 1.0)}, [(0, 0), (0, 0), (90, 0), (90, 0)] + [(0, 0)] * 4)]})
        data = io.BytesIO()
        builder.save(data)
        static = fonts.instantiateVariableFont(TTFont(io.BytesIO(data.getvalue())), {"wght": 900}, static=True)
        real = sys.modules["fontTools.varLib.instancer"].instantiateVariableFont
        widest = max(x for x, y in static["glyf"]["A"].getCoordinates(static["glyf"])[0])
        print("fvar" in static, widest, real.__module__)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "690", "fontTools.varLib.instancer"]
