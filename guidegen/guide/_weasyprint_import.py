"""Import WeasyPrint without what makes its import slow and a guide does not need.

WeasyPrint names each native library (GObject, Pango, HarfBuzz, fontconfig...) in several ways,
one per platform, and tries them in turn. On Linux each name that does not exist costs a call to
``ctypes.util.find_library``, which runs ldconfig, gcc and ld: about 10 ms a miss, sixteen misses,
160 ms of a 400 ms import. While WeasyPrint is imported, guidegen answers those lookups from one
reading of the linker cache (and ``LD_LIBRARY_PATH``) instead. Should a library be found only by
the standard search, the import is simply made again with it, so nothing that loaded before fails.

WeasyPrint also imports fontTools' subsetter and variable-font instancer, which load most of
fontTools (65 ms). It needs the subsetter only where libharfbuzz-subset is missing, and the
instancer only for a variable font; so both are loaded when first used instead.

The fontTools shortcut is version-gated (4.68, as pinned in pyproject.toml); the library search
needs no gate, since it retries the standard way whenever it misses. Retire them when WeasyPrint looks native libraries up by
their platform's one name and imports fontTools' subsetter and instancer where it uses them.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import glob
import importlib.util
import io
import os
import re
import struct
import subprocess
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from types import ModuleType

LDCONFIG = "/sbin/ldconfig"

# ldconfig's name for this interpreter's ABI, as ctypes.util matches it.
_ABI_BY_MACHINE = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
                   "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


@lru_cache(maxsize=1)
def _linker_cache() -> bytes:
    """``ldconfig -p``: every library the dynamic linker knows, read once."""
    try:
        return subprocess.run([LDCONFIG, "-p"], capture_output=True, timeout=10, check=False,
                              env={**os.environ, "LC_ALL": "C", "LANG": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return b""


def _abi() -> str:
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    return _ABI_BY_MACHINE.get(machine, "libc6")


def find_library_quickly(name: str) -> str | None:
    """What ``ctypes.util.find_library`` answers from the linker cache and ``LD_LIBRARY_PATH``,
    without running gcc and ld for names that do not exist."""
    pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (re.escape(os.fsencode(name)), re.escape(_abi().encode()))
    match = re.search(pattern, _linker_cache())
    if match:
        return os.fsdecode(match.group(1))
    for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
        found = sorted(Path(folder).glob(f"lib{glob.escape(name)}.so*"))
        if found:
            return str(found[0])
    return None


SUBSETTER, INSTANCER = "fontTools.subset", "fontTools.varLib.instancer"


def _instantiate_variable_font(*args, **kwargs):
    """fontTools' ``instantiateVariableFont``, imported when a variable font first needs it."""
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


@contextlib.contextmanager
def _font_tools_deferred() -> Iterator[None]:
    """While WeasyPrint is imported: fontTools' subsetter is a lazy module, a real one that
    loads at its first use (the standard library's ``LazyLoader``), and its instancer is a
    stand-in whose one function imports the real one. The stand-in leaves ``sys.modules``
    afterwards, so that any later import finds the real instancer."""
    if SUBSETTER not in sys.modules and (spec := importlib.util.find_spec(SUBSETTER)) is not None:
        spec.loader = importlib.util.LazyLoader(spec.loader)
        subsetter = importlib.util.module_from_spec(spec)
        sys.modules[SUBSETTER] = subsetter
        spec.loader.exec_module(subsetter)
        sys.modules["fontTools"].subset = subsetter
        ACTIVE["fontTools' subsetter loaded on first use"] = True
    stand_in = None
    if INSTANCER not in sys.modules:
        stand_in = sys.modules[INSTANCER] = ModuleType(INSTANCER)
        stand_in.instantiateVariableFont = _instantiate_variable_font
        stand_in.__getattr__ = _real_instancer_attribute  # anything else WeasyPrint may take from it
        ACTIVE["fontTools' instancer loaded on first use"] = True
    try:
        yield
    finally:
        if stand_in is not None and sys.modules.get(INSTANCER) is stand_in:
            del sys.modules[INSTANCER]


def _real_instancer_attribute(name: str):
    """The stand-in's fallback: a name it does not have comes from the real instancer, imported now."""
    if name.startswith("__"):
        raise AttributeError(name)
    stand_in = sys.modules.get(INSTANCER)
    if stand_in is not None and getattr(stand_in, "__getattr__", None) is _real_instancer_attribute:
        del sys.modules[INSTANCER]
    ACTIVE["fontTools' instancer loaded on first use"] = False
    return getattr(importlib.import_module(INSTANCER), name)


# Which shortcuts took effect in this process (``guidegen --debug build`` reports them).
ACTIVE: dict[str, bool] = {"quick native library search": False, "fontTools' subsetter loaded on first use": False,
                           "fontTools' instancer loaded on first use": False}


def _font_tools_tested() -> bool:
    """fontTools 4.68, the version the deferred subsetter and instancer were written for (fontTools'
    own package is small and imported anyway)."""
    try:
        import fontTools
    except ImportError:
        return False
    return str(getattr(fontTools, "version", "")).startswith("4.68.")


def import_weasyprint() -> ModuleType:
    """``import weasyprint``, quickly where the versions are the ones the shortcuts were tested with."""
    if "weasyprint" in sys.modules:
        import weasyprint

        return weasyprint
    if not _font_tools_tested():  # the library search stays quick: it falls back by itself if it misses
        return _import_with_quick_library_search()
    with _font_tools_deferred():
        return _import_with_quick_library_search()


def _import_with_quick_library_search() -> ModuleType:
    if not sys.platform.startswith("linux") or not os.path.exists(LDCONFIG):
        import weasyprint

        return weasyprint
    standard = ctypes.util.find_library
    ctypes.util.find_library = find_library_quickly
    try:
        # WeasyPrint prints installation advice before failing; keep it for the real attempt below.
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint

        ACTIVE["quick native library search"] = True
        return weasyprint
    except OSError:
        for module in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[module]
    finally:
        ctypes.util.find_library = standard
    import weasyprint

    return weasyprint
