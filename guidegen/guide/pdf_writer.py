"""Lay out the guide's HTML with WeasyPrint and write the PDF.

Nothing here needs the ladder's model, only finished HTML: so a process that has imported
only this module (and WeasyPrint) can lay out a guide made elsewhere (see ``parallel.py``).
"""

from __future__ import annotations

from contextlib import nullcontext
from html import escape
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from guidegen.guide._weasyprint_import import import_weasyprint

import_weasyprint()  # quickly, before the imports below find it loaded

from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

import guidegen.process as process  # noqa: E402
from guidegen.resources import html_templates_dir  # noqa: E402
from guidegen.guide._weasyprint_tuning import GuideHTML, quicker_pdf_output  # noqa: E402
from guidegen.view.type_scale import DEFAULT_FAMILY  # noqa: E402


class LocalFilesOnly(URLFetcher):
    """Serves ``data:`` URLs and files under the allowed folders; nothing else.

    Ladder text may come from other people, so the renderer must not reach
    the network or read files the user did not put there.
    """

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self._roots = [root.resolve() for root in roots]

    def fetch(self, url: str, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self._roots):
                return super().fetch(url, headers)
        raise ValueError(f"guidegen fetches only local files in its allowed folders, not {url}")


_warned_about_subsetting = False


def _slow_subsetting_warnings() -> list[str]:
    """WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset is installed, and otherwise
    with fontTools, several times slower: said once per process, as a warning the build reports."""
    global _warned_about_subsetting
    from weasyprint.text import ffi

    if getattr(ffi, "harfbuzz_subset", None) is not None or _warned_about_subsetting:
        return []
    _warned_about_subsetting = True
    return ["libharfbuzz-subset0 is not installed, so fonts are subset with fontTools and PDFs are written "
            "several times slower; run scripts/install-system-deps.sh"]


def write_pdf(html: str, folders: list[Path], target, pdf_variant: str | None = None) -> list[str]:
    """Lay out the guide's HTML and write it to ``target`` (a path or a binary file object), reading files
    only from ``folders``; returns any warnings. An OSError (a full disk) is the caller's to name."""
    warnings = _slow_subsetting_warnings()
    fonts = FontConfiguration()  # the same one for layout and output, or @font-face rules are lost
    document = GuideHTML(string=html, base_url=str(html_templates_dir()) + "/", url_fetcher=LocalFilesOnly(folders))
    with quicker_pdf_output() if process.owned else nullcontext():  # it patches pydyf for the whole process
        document.write_pdf(target, pdf_tags=True, pdf_variant=pdf_variant, font_config=fonts)
    return warnings


def start_pango(language: str = "en") -> None:
    """Lay out a little text, so that Pango, fontconfig, the guide's default font and the
    hyphenation patterns of ``language`` (50 ms to read) are loaded before the first guide."""
    GuideHTML(string=f"<html lang='{escape(language)}'>"
                     f"<p style='font-family: {DEFAULT_FAMILY}; hyphens: auto; width: 4em'>"
                     "Warming up <b>characteristically</b></p>").render()
