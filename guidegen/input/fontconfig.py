"""What fontconfig says about installed fonts: the file for a family, its stand-in, its fallbacks.

The same lookups Pango (so WeasyPrint) and LibreOffice make; asked through ``fc-match``, with
``--`` before the pattern so that a family name from a brand file can never be read as an option.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache


@lru_cache(maxsize=32)
def font_file(family: str, bold: bool, italic: bool) -> str:
    if shutil.which("fc-match") is None:
        raise RuntimeError("fc-match (fontconfig) is not installed; run the README's setup command")
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    result = subprocess.run(["fc-match", "--format=%{file}", "--", pattern], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def installed_family(family: str) -> str | None:
    """The family fontconfig gives for ``family``: the same name if it is installed, else its stand-in."""
    if shutil.which("fc-match") is None:
        return None
    result = subprocess.run(["fc-match", "--format=%{family}", "--", family], capture_output=True, text=True)
    names = [name.strip() for name in result.stdout.split(",") if name.strip()]
    if any(name.casefold() == family.casefold() for name in names):
        return family
    return names[0] if names else None


@lru_cache(maxsize=8)
def fallback_chain(pattern: str) -> list[tuple[list[int], list[int], str, int]]:
    """Fonts in fontconfig's order for ``pattern``, each with the code point ranges it covers.

    fontconfig matches charset coverage before family, so the first font here that has a character
    is the one ``fc-match 'family:charset=...'`` (and so LibreOffice's glyph fallback) would pick.
    """
    if shutil.which("fc-match") is None:
        return []
    result = subprocess.run(["fc-match", "-s", "--format=%{file}\t%{index}\t%{charset}\n", "--", pattern],
                            capture_output=True, text=True)
    chain = []
    for line in result.stdout.splitlines():
        path, index, charset = (line.split("\t") + ["", ""])[:3]
        starts, ends = [], []
        for part in charset.split():
            low, _, high = part.partition("-")
            starts.append(int(low, 16))
            ends.append(int(high or low, 16))
        if path and starts:
            chain.append((starts, ends, path, int(index or 0)))
    return chain
