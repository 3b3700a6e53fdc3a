"""The career guide as one HTML document, its stylesheet inline: Jinja2 templates and the
geometry they need. WeasyPrint is not imported here, so the HTML can be made in one process
and laid out in another (see ``pdf.py`` and ``build.py``)."""

from __future__ import annotations

import re

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from guidegen._version import __version__
from guidegen.view.ladder_view import LadderView, even_runs
from guidegen.resources import html_templates_dir
from guidegen.view.staircase import STEP_LABELS, Step, step_label
from guidegen.view.textmetrics import font_metrics, register_font_faces, wrap
from guidegen.guide.columns import column_split
from guidegen.guide.options import GuideOptions
from guidegen.view import type_scale
from guidegen.view.page import PT_PER_MM, page_geometry


# The overview drawing's coordinate space (CSS px); it is scaled to the text width.
OVERVIEW_WIDTH, OVERVIEW_HEIGHT, OVERVIEW_GAP = 640, 400, 5
HANDOUT_OVERVIEW_HEIGHT = 220  # a handout's drawing is lower: its page also holds the next rung and a worksheet
COVER_MAX_RUNGS = 12  # the cover lists the rungs, each a step further right, up to this many
PORTRAIT_MATRIX_MAX_RUNGS = 6  # beyond this the skills matrix gets a landscape page
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


def _step_labels(context: LadderView, boxes: list[Step], page_size: str) -> dict:
    """How the steps are labelled, in the order both documents share (view/staircase.py): number and
    title while every title fits its step without breaking a word; else number and short name; else
    the number alone, as large as fits; else not at all (a long ladder's steps are slivers, and the
    contents lists the rungs by number)."""
    many = len(boxes) > 6
    labels = type_scale.GUIDE.staircase  # the sizes and spacing guide.css.j2 sets the labels in
    number_pt, title_pt = labels.number_pt[many], labels.title_pt[many]
    mm_per_px = page_geometry(page_size).content_width_mm / OVERVIEW_WIDTH
    bold = font_metrics(type_scale.measured_family(context.brand.base_font if context.brand else None), bold=True)
    padding = labels.padding_mm * PT_PER_MM

    def fits(box: Step, view, kind: str) -> bool:
        inner = box.width * mm_per_px * PT_PER_MM - 2 * padding
        if inner <= 0 or bold.width(str(view.number), number_pt) > inner:
            return False
        text = step_label(kind, view.rung)
        if any(bold.width(word, title_pt) > inner for word in text.split()):
            return False
        lines = len(wrap(text, bold, title_pt, inner))
        needed = padding + number_pt * labels.number_line + labels.number_gap_mm * PT_PER_MM \
            + lines * title_pt * labels.title_line
        return needed <= box.height * mm_per_px * PT_PER_MM

    for kind in STEP_LABELS[:-1]:  # number and words, while the words fit every step
        if all(fits(box, view, kind) for box, view in zip(boxes, context.rungs)):
            return {"labels": kind, "number_pt": number_pt, "title_pt": title_pt}
    narrowest = min(box.width for box in boxes) * mm_per_px * PT_PER_MM - 2 * labels.number_only_side_mm * PT_PER_MM
    lowest = min(box.height for box in boxes) * mm_per_px * PT_PER_MM - padding
    numbers = [str(view.number) for view in context.rungs]
    for size in labels.number_only_pt:
        if max(bold.width(number, size) for number in numbers) <= narrowest and size * labels.number_line <= lowest:
            return {"labels": "number", "number_pt": size, "title_pt": title_pt}
    return {"labels": "none", "number_pt": number_pt, "title_pt": title_pt}


def _scope_band(context: LadderView, boxes: list[Step], page_size: str) -> dict:
    """Each rung's scope under its step, at the largest size where every word fits its step's width;
    where none does (a long ladder's narrow steps) the scopes are listed under the drawing by number."""
    scopes = [view.rung.scope for view in context.rungs]
    labels = type_scale.GUIDE.staircase
    if not any(scopes):
        return {"scope": "none", "scope_pt": labels.scope_pt[0], "scope_height_mm": 0}
    mm_per_px = page_geometry(page_size).content_width_mm / OVERVIEW_WIDTH
    regular = font_metrics(type_scale.measured_family(context.brand.base_font if context.brand else None))
    for size in labels.scope_pt:
        widths = [box.width * mm_per_px * PT_PER_MM - 1 for box in boxes]
        if all(regular.width(word, size) <= width for scope, width in zip(scopes, widths) if scope
               for word in scope.split()):
            lines = max(len(wrap(scope, regular, size, width)) for scope, width in zip(scopes, widths) if scope)
            height_mm = lines * size * labels.scope_line / PT_PER_MM + 1
            return {"scope": "band", "scope_pt": size, "scope_height_mm": round(height_mm, 2)}
    return {"scope": "list", "scope_pt": labels.scope_pt[0], "scope_height_mm": 0}


def _overview(context: LadderView, page_size: str) -> dict:
    """The staircase: one step per rung, with the HTML label boxes placed over the SVG steps."""
    height = HANDOUT_OVERVIEW_HEIGHT if context.is_handout else OVERVIEW_HEIGHT
    boxes = context.steps(OVERVIEW_WIDTH, height, OVERVIEW_GAP)
    shown = {view.rung.id for view in context.shown}
    colours = context.step_colours()
    steps = []
    for box, view in zip(boxes, context.rungs):
        selected = context.is_selected(view)
        fill, ink = colours[view.index]
        steps.append({
            "box": box, "view": view, "selected": selected, "linked": view.rung.id in shown,
            "fill": fill, "ink": ink,
            "left": _percent(box.x, OVERVIEW_WIDTH), "top": _percent(box.y, height),
            "width": _percent(box.width, OVERVIEW_WIDTH), "height": _percent(box.height, height),
        })
    alt = " ".join(filter(None, (context.staircase_alt, context.highlighted_alt)))
    return {"width": OVERVIEW_WIDTH, "height": height, "steps": steps, "alt": alt,
            **_scope_band(context, boxes, page_size),
            "matrix_landscape": len(context.rungs) > PORTRAIT_MATRIX_MAX_RUNGS, **_step_labels(context, boxes, page_size)}


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
    _register_brand_fonts(context)
    values = page_values(context, options)
    chapters = env.get_template("chapters.html.j2").render(**values)
    return SharedParts(_stylesheet(env, context, options, values), finish(chapters, fragment=True))


def render_html(context: LadderView, options: GuideOptions = GuideOptions(), shared: SharedParts | None = None) -> str:
    """The guide as one HTML document (its CSS inline), before layout; with ``shared`` (from ``shared_parts``,
    for the same view and options) a handout reuses its stylesheet and chapters."""
    env = _environment(html_templates_dir())
    _register_brand_fonts(context)
    values = page_values(context, options, splits=shared is None)
    if shared is None:
        return finish(env.get_template("guide.html.j2").render(css=_stylesheet(env, context, options, values),
                                                               **values))
    html = finish(env.get_template("guide.html.j2").render(css=shared.css, chapters=_CHAPTERS_SLOT, **values))
    return html.replace(_CHAPTERS_SLOT, shared.chapters, 1)


def _register_brand_fonts(context: LadderView) -> None:
    """The brand's own font files, measured to balance columns and fit the staircase's labels."""
    if context.brand is not None:
        register_font_faces(context.brand.font_faces)


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
        overview=_overview(context, options.page_size),
        cover_max_rungs=COVER_MAX_RUNGS,
        document_title=context.document_title,
        version=__version__,
        logo=logo,
        logo_dark=logo_dark,
        person=options.person,
    )


def finish(html: str, fragment: bool = False) -> str:
    """The rendered page's text made to break well: long runs breakable, hyphenated compounds whole.
    A ``fragment`` is part of a body, without the document around it."""
    return unbroken_compounds(breakable_text(html), fragment)


# A run of 45 characters with no space, in the text between tags: no word is that long (German's
# longest compounds are hyphenated by the stylesheet first). Stops at "&" and ";" so that an entity
# (&amp;) is never cut.
_LONG_RUN = re.compile(r"[^\s<>&;]{45,}")
_TEXT_OUTSIDE_STYLE = re.compile(r"(<style\b.*?</style>|<[^>]*>)", re.S)
_ZERO_WIDTH_SPACE = "\u200b"


# A word joined by hyphens ("C-suite", "Problem-Solving", "cross-functional"): kept on one line, since a
# break after its own hyphen reads as a hyphenation ("C-" / "suite"). Longer runs may still break.
_HYPHENATED = re.compile(r"(?<![\w\u00ad-])[^\W\d_]{1,20}(?:-[^\W\d_]{1,20}){1,3}(?![\w-])")


def unbroken_compounds(html: str, fragment: bool = False) -> str:
    """``html`` with each hyphenated word of its body's text in a span that does not break."""
    if fragment:
        head, marker, body = "", "", html
    else:
        head, marker, body = html.partition("<body")
        if not marker:
            return html
    parts = _TEXT_OUTSIDE_STYLE.split(body)
    return head + marker + "".join(
        part if index % 2 else _HYPHENATED.sub(lambda m: f'<span class="nobr">{m.group(0)}</span>', part)
        for index, part in enumerate(parts))


def breakable_text(html: str) -> str:
    """``html`` with a break opportunity every 20 characters in runs too long for any line.

    A 5,000-letter "word" would otherwise run off the page; and WeasyPrint, asked to break it with
    ``overflow-wrap``, lays the rest of the word out again at every letter (minutes for one title).
    Only text between tags changes, never attributes, links or the stylesheet.
    """
    def split_run(match: re.Match) -> str:
        run = match.group(0)
        return _ZERO_WIDTH_SPACE.join(run[start:start + 20] for start in range(0, len(run), 20))

    parts = _TEXT_OUTSIDE_STYLE.split(html)
    return "".join(part if index % 2 else _LONG_RUN.sub(split_run, part) for index, part in enumerate(parts))


def allowed_folders(context: LadderView) -> list[Path]:
    """The folders the guide may read files from: its templates and the brand's own folder."""
    return [html_templates_dir()] + ([context.brand.folder] if context.brand else [])


def compile_templates() -> None:
    """Parse every template now (a batch worker does it once, before its first brand)."""
    env = _environment(html_templates_dir())
    for name in env.list_templates(extensions=["j2"]):
        env.get_template(name)
