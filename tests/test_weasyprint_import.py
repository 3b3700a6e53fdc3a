"""WeasyPrint is imported with a quick library lookup; it must find what the standard one finds."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
import textwrap

import pytest

from guidegen.renderers.weasyprint_import import find_library_quickly

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
        from guidegen.renderers.weasyprint_import import import_weasyprint
        import_weasyprint()
        print(started)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['/sbin/ldconfig']"


def test_import_falls_back_to_the_standard_search():
    # With an unreadable linker cache the quick lookup finds nothing; the import must still work,
    # without WeasyPrint's installation advice on the way.
    result = _run("""
        from guidegen.renderers import weasyprint_import
        weasyprint_import._linker_cache = lambda: b""
        module = weasyprint_import.import_weasyprint()
        from weasyprint.text import ffi
        print(module.__name__, ffi.pango is not None)
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "weasyprint True"
