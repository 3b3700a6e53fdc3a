"""The printable career guide: Jinja2 HTML and CSS, laid out by WeasyPrint."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import click
import jinja2

from .weasyprint_import import import_weasyprint

import_weasyprint()  # quickly, before the imports below find it loaded

from weasyprint import HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher  # noqa: E402

from .. import __version__  # noqa: E402
from ..context import GuideContext  # noqa: E402
from ..errors import BuildError  # noqa: E402
from ..resources import templates_dir  # noqa: E402
from ..staircase import staircase  # noqa: E402
from .pdf_columns import column_split  # noqa: E402

PAGE_HEIGHTS_MM = {"A4": 297, "letter": 279.4}

# The overview drawing's coordinate space (CSS px); it is scaled to the text width.
OVERVIEW_WIDTH, OVERVIEW_HEIGHT, OVERVIEW_GAP = 640, 400, 5
PORTRAIT_MATRIX_MAX_RUNGS = 6  # beyond this the skills matrix gets a landscape page
LANDSCAPE_MATRIX_MAX_RUNGS = 12  # beyond this it is cut into several tables


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


@lru_cache(maxsize=4)
def _environment(folder: Path) -> jinja2.Environment:
    """The Jinja2 environment, made once per process: it keeps the templates it has parsed."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        # Ladder text is data, never markup. Stylesheets are escaped by
        # ``css_string`` instead, since HTML entities mean nothing in CSS.
        autoescape=lambda name: not (name or "").endswith(".css.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters["css_string"] = css_string
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, like Python's .pyc files: it saves compiling the
    templates (50 ms) on every build. It lives in a folder of the temporary directory that only
    this user may write, and a template whose source changed is compiled afresh."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def _percent(value: float, whole: float) -> float:
    return round(100 * value / whole, 3)


def _overview(context: GuideContext) -> dict:
    """The staircase: one step per rung, with the HTML label boxes placed over the SVG steps."""
    theme = context.theme
    boxes = staircase(len(context.rungs), OVERVIEW_WIDTH, OVERVIEW_HEIGHT, gap=OVERVIEW_GAP)
    shown = {view.rung.id for view in context.shown}
    steps = []
    for box, view in zip(boxes, context.rungs):
        selected = context.is_selected(view)
        fill = context.step_fill(view)
        steps.append({
            "box": box, "view": view, "selected": selected, "linked": view.rung.id in shown,
            "fill": fill, "ink": theme.on_fill(fill),
            "left": _percent(box.x, OVERVIEW_WIDTH), "top": _percent(box.y, OVERVIEW_HEIGHT),
            "width": _percent(box.width, OVERVIEW_WIDTH), "height": _percent(box.height, OVERVIEW_HEIGHT),
        })
    titles = ", ".join(view.rung.title for view in context.rungs)
    alt = f"A staircase of {len(context.rungs)} steps, lowest rung at the left: {titles}."
    if context.is_handout:
        alt += " Highlighted: " + ", ".join(view.rung.title for view in context.shown) + "."
    return {"width": OVERVIEW_WIDTH, "height": OVERVIEW_HEIGHT, "steps": steps, "alt": alt,
            "matrix_landscape": len(context.rungs) > PORTRAIT_MATRIX_MAX_RUNGS}


def _matrix_parts(context: GuideContext) -> list[dict]:
    """The matrix as one table, or for a long ladder several, each of a few rungs and only the
    skills that appear in them (a 100-rung table would be unreadable, and slow to lay out)."""
    views = context.rungs
    size = len(views) if len(views) <= LANDSCAPE_MATRIX_MAX_RUNGS else LANDSCAPE_MATRIX_MAX_RUNGS
    parts = []
    for start in range(0, len(views), size):
        columns = range(start, min(start + size, len(views)))
        sections = []
        for section in context.matrix:
            rows = [{"name": row.name, "present": [row.present[i] for i in columns]}
                    for row in section.rows if any(row.present[i] for i in columns)]
            if rows:
                sections.append({"label": section.label, "rows": rows})
        parts.append({"views": [views[i] for i in columns], "sections": sections})
    return parts


def document_title(context: GuideContext) -> str:
    if context.is_handout:
        return " & ".join(view.rung.title for view in context.shown) + f" \u2014 {context.title}"
    return context.title


def _font_stack(family: str | None) -> str:
    families = ([family] if family else []) + ["Inter", "DejaVu Sans"]
    return ", ".join(css_string(name) for name in families) + ", sans-serif"


def _image(image) -> dict | None:
    return {"url": image.path.as_uri(), "alt": image.alt} if image else None


def _credit(context: GuideContext) -> str:
    credit = f"Based on \u201c{context.ladder.source.title}\u201d by {context.ladder.source.author}"
    brand = context.brand
    return f"{brand.name} \u00b7 {credit}" if brand and brand.name else credit


def render_html(context: GuideContext) -> str:
    """The guide as one HTML document (its CSS inline), before layout."""
    env = _environment(templates_dir() / "html")
    brand = context.brand
    logo, logo_dark = (_image(brand.logo_on_light), _image(brand.logo_on_dark)) if brand else (None, None)
    faces = [{"family": f.family, "url": f.path.as_uri(), "weight": f.weight, "style": f.style}
             for f in (brand.font_faces if brand else ())]
    css = env.get_template("guide.css.j2").render(
        theme=context.theme, page_size=context.page_size, page_height_mm=PAGE_HEIGHTS_MM[context.page_size],
        title=context.title, rung_count=len(context.rungs), credit=_credit(context), logo=logo,
        font_faces=faces, base_font=_font_stack(brand.base_font if brand else None),
        heading_font=_font_stack((brand.heading_font or brand.base_font) if brand else None),
    )
    family = context.brand.base_font if context.brand else None
    splits = {view.rung.id: column_split(view, context.page_size, family) for view in context.shown}
    return env.get_template("guide.html.j2").render(
        ctx=context,
        splits=splits,
        matrix_parts=_matrix_parts(context),
        ladder=context.ladder,
        labels=context.ladder.labels,
        theme=context.theme,
        css=css,
        overview=_overview(context),
        document_title=document_title(context),
        version=__version__,
        logo=logo,
        logo_dark=logo_dark,
    )


_warned_about_subsetting = False


def _warn_if_subsetting_is_slow() -> None:
    """WeasyPrint subsets fonts with HarfBuzz when libharfbuzz-subset is installed, and otherwise
    with fontTools, several times slower: say so, once per process."""
    global _warned_about_subsetting
    from weasyprint.text import ffi

    if getattr(ffi, "harfbuzz_subset", None) is None and not _warned_about_subsetting:
        _warned_about_subsetting = True
        click.echo("Warning: libharfbuzz-subset0 is not installed, so fonts are subset with fontTools and PDFs "
                   "are written several times slower; run scripts/install-system-deps.sh", err=True)


def render(context: GuideContext, target: Path) -> None:
    _warn_if_subsetting_is_slow()
    folder = templates_dir() / "html"
    html = render_html(context)
    roots = [folder] + ([context.brand.folder] if context.brand else [])
    fetcher = LocalFilesOnly(roots)
    fonts = FontConfiguration()  # the same one for layout and output, or @font-face rules are lost
    try:
        document = HTML(string=html, base_url=str(folder) + "/", url_fetcher=fetcher)
        document.write_pdf(target, pdf_tags=True, pdf_variant=context.pdf_variant, font_config=fonts)
    except OSError as exc:
        raise BuildError(f"{target}: could not write the PDF ({exc.strerror or exc})") from None


def warm_up() -> None:
    """Parse the templates and start Pango and the fonts, once per worker process of a batch."""
    env = _environment(templates_dir() / "html")
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
    HTML(string="<p style='font-family: Inter'>Warm up <b>bold</b></p>").render()
