"""The printable career guide: the HTML of ``guide_html.py``, laid out by ``pdf_writer.py``."""

from __future__ import annotations

from pathlib import Path

from guidegen.view.ladder_view import LadderView
from guidegen.guide.options import GuideOptions
from guidegen.guide.html import allowed_folders, compile_templates, render_html
from guidegen.guide.pdf_writer import start_pango, write_pdf


def render(context: LadderView, target: Path, options: GuideOptions) -> None:
    write_pdf(render_html(context, options), allowed_folders(context), target, options.pdf_variant)


def warm_up(language: str = "en") -> None:
    """Parse the templates and start Pango and the fonts, once per worker process of a batch."""
    compile_templates()
    start_pango(language)
