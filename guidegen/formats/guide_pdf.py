"""The printable career guide: the guide's HTML (guide/html.py), laid out into a PDF by WeasyPrint.

Preparing makes the HTML (Jinja2, in the process that holds the view); writing lays it out, which
needs only the HTML: so a worker that has imported nothing but WeasyPrint can write it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guidegen.guide.options import PAGE_SIZES, GuideOptions


@dataclass(frozen=True)
class GuideSource:
    html: str
    folders: tuple[Path, ...]  # the only folders the layout may read files from
    pdf_variant: str | None


def options(settings, template=None) -> GuideOptions:
    return GuideOptions(PAGE_SIZES[settings.page_size], settings.pdf_variant)


def prepare(view, options: GuideOptions, common=None) -> GuideSource:
    from guidegen.guide.html import allowed_folders, render_html

    return GuideSource(render_html(view, options, common), tuple(allowed_folders(view)), options.pdf_variant)


def write(prepared: GuideSource, target) -> list[str]:
    from guidegen.guide.pdf_writer import write_pdf

    return write_pdf(prepared.html, list(prepared.folders), target, prepared.pdf_variant)


def warm_up(language: str | None) -> None:
    """WeasyPrint imported; when this worker also prepares guides, templates parsed and Pango started
    with the hyphenation patterns of ``language``."""
    from guidegen.guide import pdf_writer

    if language is not None:
        from guidegen.guide.html import compile_templates

        compile_templates()
        pdf_writer.start_pango(language)
