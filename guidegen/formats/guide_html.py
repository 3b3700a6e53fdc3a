"""The guide as one self-contained web page (guide/web.py), for intranets and the live preview."""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.guide.options import PAGE_SIZES, GuideOptions


@dataclass(frozen=True)
class WebOptions:
    guide: GuideOptions
    live_reload: str = ""  # the preview's reload script; empty in a file written to disk


def options(settings, template=None) -> WebOptions:
    return WebOptions(GuideOptions(PAGE_SIZES[settings.page_size]))


def prepare(view, options: WebOptions, common=None) -> bytes:
    from guidegen.guide.web import render_web

    return render_web(view, options.guide, live_reload=options.live_reload).encode("utf-8")


def write(prepared: bytes, target) -> list[str]:
    from guidegen.files import write_bytes_to

    write_bytes_to(target, prepared)
    return []


def warm_up(language: str | None) -> None:
    from guidegen.guide.html import compile_templates

    compile_templates()
