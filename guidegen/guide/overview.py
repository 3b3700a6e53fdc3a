"""The staircase drawing of the guide: one step per rung, its labels and its scopes, sized to fit."""

from __future__ import annotations

from guidegen.view import type_scale
from guidegen.view.ladder_view import LadderView
from guidegen.view.page import PT_PER_MM, page_geometry
from guidegen.view.staircase import STEP_LABELS, Step, step_label
from guidegen.view.textmetrics import font_metrics, wrap

# The overview drawing's coordinate space (CSS px); it is scaled to the text width.
OVERVIEW_WIDTH, OVERVIEW_HEIGHT, OVERVIEW_GAP = 640, 400, 5
HANDOUT_OVERVIEW_HEIGHT = 220  # a handout's drawing is lower: its page also holds the next rung and a worksheet
PORTRAIT_MATRIX_MAX_RUNGS = 6  # beyond this the skills matrix gets a landscape page


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


def overview(context: LadderView, page_size: str) -> dict:
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
