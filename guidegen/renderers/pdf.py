"""The printable career guide: the HTML of ``guide_html.py``, laid out by ``pdf_writer.py``."""

from __future__ import annotations

from pathlib import Path

from ..context import GuideContext
from .guide_html import _environment, allowed_folders, render_html, template_folder
from .pdf_writer import LocalFilesOnly, start_pango, write_pdf

__all__ = ["LocalFilesOnly", "render", "render_html", "warm_up", "write_pdf"]


def render(context: GuideContext, target: Path) -> None:
    write_pdf(render_html(context), allowed_folders(context), target, context.pdf_variant)


def warm_up() -> None:
    """Parse the templates and start Pango and the fonts, once per worker process of a batch."""
    env = _environment(template_folder())
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    start_pango()
