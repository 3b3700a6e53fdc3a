"""A personal handout: one person's band, their rung's chapter, their growth toward a target and a
plan, laid out as a PDF. The rung's stylesheet and chapters are the same in every handout of that
rung, so they are made once (``common``) and each handout adds only its person's parts."""

from __future__ import annotations

from guidegen.formats import guide_pdf
from guidegen.guide.options import GuideOptions


def options(settings, template=None) -> GuideOptions:
    return guide_pdf.options(settings, template)


def write(prepared: guide_pdf.GuideSource, target) -> list[str]:
    return guide_pdf.write(prepared, target)


def warm_up(language: str | None) -> None:
    guide_pdf.warm_up(language)


def common(view, options: GuideOptions):
    from guidegen.guide.html import shared_parts

    return shared_parts(view, options)


def prepare(view, options: GuideOptions, common=None) -> guide_pdf.GuideSource:
    """``options.person`` holds the person's own facts (run/people.py)."""
    return guide_pdf.prepare(view, options, common)
