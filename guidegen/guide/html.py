"""The career guide as one HTML document, its stylesheet inline: Jinja2 templates and the
geometry they need. WeasyPrint is not imported here, so the HTML can be made in one process
and laid out in another (see ``pdf.py`` and ``build.py``)."""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from guidegen._version import __version__
from guidegen.view.ladder_view import LadderView, even_runs
from guidegen.resources import html_templates_dir
from guidegen.view.textmetrics import brand_fonts
from guidegen.guide.columns import column_split
from guidegen.guide.overview import overview
from guidegen.guide.text_finish import finish
from guidegen.guide.options import GuideOptions
from guidegen.view import type_scale
from guidegen.view.page import page_geometry
from guidegen.view.text_items import items


COVER_MAX_RUNGS = 12  # the cover lists the rungs, each a step further right, up to this many
LANDSCAPE_MATRIX_MAX_RUNGS = 12  # beyond this it is cut into several tables


def css_string(value: str) -> str:
    """``value`` as a quoted CSS string that cannot close the string or the <style> element."""
    escaped = "".join(c if c.isalnum() or c in " .,:;!?()&'-_/" else f"\\{ord(c):x} " for c in str(value))
    return f'"{escaped}"'


RUNNING_HEADER_CHARACTERS = 60


def running(value: str, limit: int = RUNNING_HEADER_CHARACTERS) -> str:
    """``value`` short enough for a running header: cut at a word, with an ellipsis.

    A page's margin boxes are sized from their text's narrowest layout; a word of thousands of
    letters would make WeasyPrint try every break in it, on every page.
    """
    text = " ".join(str(value).split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


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
    env.filters["running"] = running
    env.filters["items"] = as_list
    return env


def as_list(text: str | None) -> Markup:
    """Text of several lines (an expectation typed one item per line) as the list it is; other text as it is."""
    found = items(text)
    if not found.is_list:
        return Markup.escape(text or "")
    tag = "ol" if found.numbered else "ul"
    start = f' start="{found.start}"' if found.numbered and found.start != 1 else ""
    entries = Markup("").join(Markup("<li>{}</li>").format(item) for item in found.items)
    return Markup(f'<{tag} class="items"{start}>') + entries + Markup(f"</{tag}>")


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, like Python's .pyc files: it saves compiling the
    templates (50 ms) on every build. It lives in a folder of the temporary directory that only
    this user may write, and a template whose source changed is compiled afresh."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no safe temporary folder: compile every time
        return None


def _matrix_parts(context: LadderView) -> list[dict]:
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


GRID_PORTRAIT_COLUMNS, GRID_LANDSCAPE_COLUMNS = 5, 6  # rung columns a grid table holds on the page
GRID_SHORT_TEXT = 40  # characters: expectations no longer than this read well in a portrait table


def _grid_landscape(context: LadderView) -> bool:
    longest = max((len(text) for competency in context.competencies for text in competency.expectations.values()),
                  default=0)
    return len(context.rungs) > GRID_PORTRAIT_COLUMNS or longest > GRID_SHORT_TEXT


def _grid_parts(context: LadderView, landscape: bool) -> list[dict]:
    """The grid as tables of at most a page's width of rungs: each segment (the shared rungs, each
    track's) cut into runs that fit, then the tracks' runs packed side by side while they fit, so that
    the tracks stand beside each other after the fork. Each table holds only its competencies with a cell."""
    limit = GRID_LANDSCAPE_COLUMNS if landscape else GRID_PORTRAIT_COLUMNS
    runs = []
    for segment in context.segments:
        runs += [(segment.track, run) for run in even_runs(segment.views, limit)]
    tables: list[list[tuple]] = []
    for run in runs:
        beside_a_track = tables and run[0] is not None and all(track is not None for track, _ in tables[-1])
        if beside_a_track and sum(len(views) for _, views in tables[-1]) + len(run[1]) <= limit:
            tables[-1].append(run)
        else:
            tables.append([run])
    parts = []
    for table in tables:
        columns = []
        for position, (track, views) in enumerate(table):
            for offset, view in enumerate(views):
                columns.append({"view": view, "fork": offset == 0 and position > 0})
        groups = []
        for group in context.grid_groups:
            rows = []
            for competency in group.competencies:
                cells = []
                for column in columns:
                    step = next((s for s in column["view"].changes.threads if s.competency.id == competency.id), None)
                    kind = "none" if step is None else "own" if step.now is not None else "carried"
                    cells.append({"kind": kind, "text": step.now if step else None})
                if any(cell["kind"] == "own" for cell in cells):
                    rows.append({"name": competency.name, "cells": cells})
            if rows:
                groups.append({"label": group.label, "rows": rows})
        parts.append({"columns": columns, "groups": groups, "tracked": any(track for track, _ in table),
                      "segments": [{"track": track, "views": views} for track, views in table]})
    return parts


def _css_families(families) -> str:
    """A CSS ``font-family`` value: ``families`` quoted, then the generic family."""
    return ", ".join([*(css_string(name) for name in families), type_scale.GENERIC_FAMILY])


def _image(image) -> dict | None:
    return {"url": image.path.as_uri(), "alt": image.alt} if image else None


def _translator(messages):
    """``_`` for the templates: the words in the ladder's language, each value escaped as it is filled in
    (a value already markup, such as a macro's output, is kept as it is)."""
    from markupsafe import Markup, escape

    def translate(text: str, **values) -> Markup:
        return Markup(escape(messages(text))).format(**values)

    return translate


def _page_counter(messages) -> str:
    """"Page N of M" as CSS content, in the ladder's language, its spaces unbreakable."""
    pattern = messages("Page {page} of {pages}")
    parts = re.split(r"(\{page\}|\{pages\})", pattern)
    css = []
    for part in parts:
        if part == "{page}":
            css.append("counter(page)")
        elif part == "{pages}":
            css.append("counter(pages)")
        elif part:
            css.append(css_string(part.replace(" ", "\u00a0")))
    return " ".join(css)


@dataclass(frozen=True)
class SharedParts:
    """What every personal handout of the same rungs has in common, made once (people.py): the stylesheet,
    and the chapters, text finished (``finish``). A person's own parts are made for each handout."""

    css: str
    chapters: str


_CHAPTERS_SLOT = "<!--guidegen:chapters-->"  # a comment: ``finish`` leaves it, and the chapters go there


def shared_parts(context: LadderView, options: GuideOptions) -> SharedParts:
    """The stylesheet and the shown rungs' chapters of ``context``'s handouts, rendered once for them all."""
    env = _environment(html_templates_dir())
    with _measured_in_brand_fonts(context):
        values = page_values(context, options)
    chapters = env.get_template("chapters.html.j2").render(**values)
    return SharedParts(_stylesheet(env, context, options, values), finish(chapters, fragment=True))


def render_html(context: LadderView, options: GuideOptions = GuideOptions(), shared: SharedParts | None = None) -> str:
    """The guide as one HTML document (its CSS inline), before layout; with ``shared`` (from ``shared_parts``,
    for the same view and options) a handout reuses its stylesheet and chapters."""
    env = _environment(html_templates_dir())
    with _measured_in_brand_fonts(context):
        values = page_values(context, options, splits=shared is None)
    if shared is None:
        return finish(env.get_template("guide.html.j2").render(css=_stylesheet(env, context, options, values),
                                                               **values))
    html = finish(env.get_template("guide.html.j2").render(css=shared.css, chapters=_CHAPTERS_SLOT, **values))
    return html.replace(_CHAPTERS_SLOT, shared.chapters, 1)


def _measured_in_brand_fonts(context: LadderView):
    """The brand's own font files, measured to balance columns and fit the staircase's labels."""
    return brand_fonts(context.brand.font_faces if context.brand else ())


def _stylesheet(env: jinja2.Environment, context: LadderView, options: GuideOptions, values: dict) -> str:
    brand = context.brand
    faces = [{"family": f.family, "url": f.path.as_uri(), "weight": f.weight, "style": f.style}
             for f in (brand.font_faces if brand else ())]
    return env.get_template("guide.css.j2").render(
        theme=context.theme, overview=values["overview"], cover_max_rungs=COVER_MAX_RUNGS,
        page=page_geometry(options.page_size), title=context.title, rung_count=len(context.rungs),
        credit=context.branded_credit, logo=values["logo"], font_faces=faces, grid_landscape=values["grid_landscape"],
        page_counter=_page_counter(context.messages), type=type_scale.GUIDE,
        mark_font=_css_families(type_scale.MARK_FAMILIES), **font_values(context),
    )


def font_values(context: LadderView) -> dict:
    """The stylesheets' font stacks and writing direction."""
    brand = context.brand
    base, heading = (brand.base_font, brand.heading_font or brand.base_font) if brand else (None, None)
    return {"start": "right" if context.right_to_left else "left", "end": "left" if context.right_to_left else "right",
            "base_font": _css_families(type_scale.font_stack(base)),
            "heading_font": _css_families(type_scale.font_stack(heading))}


def page_values(context: LadderView, options: GuideOptions, image=None, splits: bool = True) -> dict:
    """What the guide's templates are given, shared by the PDF and the web page; ``image`` turns a brand
    image into what its ``src`` says (a file URL for print; data for the web page)."""
    brand = context.brand
    image = image or _image
    logo, logo_dark = (image(brand.logo_on_light), image(brand.logo_on_dark)) if brand else (None, None)
    labels = context.labels
    family = brand.base_font if brand else None
    grid_landscape = _grid_landscape(context)
    return dict(
        ctx=context,
        splits={view.rung.id: column_split(view, options.page_size, family)
                for view in context.shown} if splits else {},  # not needed where shared chapters stand
        matrix_parts=[] if context.has_grid else _matrix_parts(context),
        grid_parts=_grid_parts(context, grid_landscape) if context.has_grid else [],
        grid_landscape=grid_landscape,
        matrix_heading=labels.competencies if context.has_grid else context.messages("Skills matrix"),
        intro_heading=context.messages("Introduction") if context.ladder.introduction
        or context.ladder.company_introduction else context.messages("The ladder at a glance"),
        _=_translator(context.messages),
        ladder=context.ladder,
        labels=labels,
        theme=context.theme,
        overview=overview(context, options.page_size),
        cover_max_rungs=COVER_MAX_RUNGS,
        document_title=context.document_title,
        version=__version__,
        logo=logo,
        logo_dark=logo_dark,
        person=options.person,
    )


def allowed_folders(context: LadderView) -> list[Path]:
    """The folders the guide may read files from: its templates and the brand's own folder."""
    return [html_templates_dir()] + ([context.brand.folder] if context.brand else [])


def compile_templates() -> None:
    """Parse every template now (a batch worker does it once, before its first brand)."""
    env = _environment(html_templates_dir())
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
