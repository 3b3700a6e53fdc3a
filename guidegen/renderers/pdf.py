"""The printable career guide: Jinja2 HTML and CSS, laid out by WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from .. import __version__
from ..context import GuideContext
from ..errors import BuildError
from ..resources import templates_dir
from ..staircase import staircase
from ..textmetrics import font_metrics, wrap

SUFFIX = ".pdf"

PAGE_HEIGHTS_MM = {"A4": 297, "letter": 279.4}

# The overview drawing, in CSS pixels (1/96 in), sized for a portrait page's text block.
OVERVIEW = {"width": 640, "height": 420, "gap": 5, "padding": 9, "number_size": 22, "label_size": 11.5,
            "line_height": 14, "font": "Inter"}


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


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string that cannot close the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;!?()&'-_/" else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


def _environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        # Ladder text is data, never markup. Stylesheets are escaped by
        # ``css_string`` instead, since HTML entities mean nothing in CSS.
        autoescape=lambda name: not (name or "").endswith(".css.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def _overview(context: GuideContext) -> dict:
    """The staircase drawing: one column per rung, its title wrapped to the column."""
    o = OVERVIEW
    boxes = staircase(len(context.rungs), o["width"], o["height"], gap=o["gap"])
    font = font_metrics(o["font"], bold=True)
    steps = [
        {"box": box, "view": view, "lines": wrap(view.rung.title, font, o["label_size"], box.width - 2 * o["padding"])}
        for box, view in zip(boxes, context.rungs)
    ]
    return {**o, "steps": steps}


def render_html(context: GuideContext) -> str:
    """The guide as one HTML document (its CSS inline), before layout."""
    folder = templates_dir() / "html"
    env = _environment(folder)
    css = env.get_template("guide.css.j2").render(
        theme=context.theme, page_size=context.page_size, page_height_mm=PAGE_HEIGHTS_MM[context.page_size],
        title=context.title,
        credit=f"Based on \u201c{context.ladder.source.title}\u201d by {context.ladder.source.author}",
    )
    return env.get_template("guide.html.j2").render(
        ctx=context,
        ladder=context.ladder,
        labels=context.ladder.labels,
        theme=context.theme,
        css=css,
        overview=_overview(context),
        version=__version__,
    )


def render(context: GuideContext, target: Path) -> None:
    folder = templates_dir() / "html"
    html = render_html(context)
    fetcher = LocalFilesOnly([folder])
    try:
        document = HTML(string=html, base_url=str(folder) + "/", url_fetcher=fetcher)
        document.write_pdf(target, pdf_tags=True)
    except OSError as exc:
        raise BuildError(f"{target}: could not write the PDF ({exc.strerror or exc})") from None
