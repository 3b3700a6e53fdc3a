"""The staircase slides: the whole ladder as steps, each a link to its rung's first slide, labelled at one
size, with each rung's scope under its step and, where the ladder forks, a legend of its tracks. Shown
twice: as the map of the session after the agenda, and looking back once every rung has been seen."""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN

from guidegen.deck import notes
from guidegen.deck.measure import EMU_PER_PT, MIN_BODY_PT, Box, Para, emu
from guidegen.deck.ooxml import fixed_frame, rgb, set_alt_text, write_paras
from guidegen.deck.words import SUMMARY_TITLE
from guidegen.deck.writer import SlideWriter
from guidegen.view.staircase import STEP_LABELS, step_label

SCOPE_SIZES = (16, 15, MIN_BODY_PT)  # the sizes tried for the scopes under the steps, largest first
LABEL_PT = 18  # the largest size of a step's label


def summary_slide(writer: SlideWriter, rung_slides: dict[str, object], title: str = SUMMARY_TITLE,
                  at: int | None = None) -> None:
    """The staircase; ``at`` moves the slide to that position (the map of the session, after the agenda:
    made last, once the rung slides its steps link to exist)."""
    ctx = writer.context
    slide = writer.slide(writer.plain_layout, writer.t(title))
    if at is not None:
        order = writer.prs.slides._sldIdLst
        entry = order[-1]
        order.remove(entry)
        order.insert(at, entry)
    width, height = writer.content_width, writer.content_height
    band, band_size, band_height = _scope_band(writer, width, height)
    steps = ctx.steps(width, height - band_height, max_gap=width * 0.007)
    _draw_steps(writer, slide, steps, rung_slides)
    if band:
        top = writer.content_top + height - band_height
        for step, view in zip(steps, ctx.rungs):
            if view.rung.scope:
                writer.text_box(slide, writer.content_left + step.x, top, step.width, band_height,
                                [Para(view.rung.scope)], band_size, name=f"{writer.labels.scope}: {view.rung.title}")
    _fork_legend(writer, slide, steps)
    writer.notes(slide, notes.summary_notes(ctx, looking_back=title != SUMMARY_TITLE),
                 "map" if title == SUMMARY_TITLE else "revisit")


def _draw_steps(writer: SlideWriter, slide, steps, rung_slides: dict[str, object]) -> None:
    """The steps as one group, each filled, labelled, described for a screen reader, and linked to its rung."""
    ctx = writer.context
    labels, size = _step_labels(writer, steps)
    colours = ctx.step_colours(writer.theme)  # (fill, label colour) of each step, worked out once
    group = slide.shapes.add_group_shape()
    group.name = "Ladder staircase"
    set_alt_text(group, ctx.staircase_alt)
    for step, view, paras in zip(steps, ctx.rungs, labels):
        target = rung_slides.get(view.rung.id)
        shape = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(writer.content_left + step.x),
                                       emu(writer.content_top + step.y), emu(step.width), emu(step.height))
        shape.name = f"Step {view.number}: {view.rung.title}"
        track = f" ({view.track.name})" if view.track else ""
        set_alt_text(shape, f"Rung {view.number}: {view.rung.title}{track}"
                            + (f". {writer.labels.scope}: {view.rung.scope}" if view.rung.scope else ""))
        _style_step(shape, colours[view.index][0])
        if target is not None:
            shape.click_action.target_slide = target
        if paras:
            ink = rgb(colours[view.index][1])
            frame = shape.text_frame
            fixed_frame(frame)
            write_paras(frame, paras, size, ink, ink, align=PP_ALIGN.LEFT)


def _scope_band(writer: SlideWriter, width: int, height: int) -> tuple[bool, float, int]:
    """Room under the staircase for each rung's scope, measured at the largest size every scope fits
    under its own step without breaking a word; none where no size does (the notes say them)."""
    ctx = writer.context
    if not any(view.rung.scope for view in ctx.rungs):
        return False, MIN_BODY_PT, 0
    for size in SCOPE_SIZES:
        band = 0
        for _ in range(3):  # the steps narrow a little as the band is settled; converge on it
            steps = ctx.steps(width, height - band, max_gap=width * 0.007)
            paras = [([Para(view.rung.scope)], Box(emu(step.width), 0)) for step, view in zip(steps, ctx.rungs)
                     if view.rung.scope]
            if not all(writer.body.words_fit(p, size, box) for p, box in paras):
                break
            band = int(max(writer.body.height(p, size, box) for p, box in paras) * EMU_PER_PT) + 1
        else:
            if band <= height * 0.35:
                return True, size, band
    return False, MIN_BODY_PT, 0


def _fork_text(writer: SlideWriter) -> str:
    """Which side of each split step is which track, and after which rung the ladder forks."""
    ctx, t = writer.context, writer.t
    first = next(view for view in ctx.rungs if view.track is not None)
    below = ctx.rungs[first.index - 1].rung.title if first.previous is not None else None
    names = [segment.track.name for segment in ctx.segments if segment.track]
    first_side, last_side = (("right: {name}", "left: {name}") if ctx.right_to_left  # the drawing is mirrored
                             else ("left: {name}", "right: {name}"))
    order = ", ".join(t(first_side, name=name) if i == 0 else t(last_side, name=name)
                      if i == len(names) - 1 else t("middle: {name}", name=name) for i, name in enumerate(names))
    if below:
        return t("After {rung} the ladder forks ({order}).", rung=below, order=order)
    return t("The ladder has tracks ({order}).", order=order)


def _fork_legend(writer: SlideWriter, slide, steps) -> None:
    """Where the ladder forks, the legend of its tracks, written in the empty corner above the lowest
    steps, if it fits there at a readable size."""
    ctx = writer.context
    if not ctx.forks:
        return
    text = _fork_text(writer)
    first = next(view for view in ctx.rungs if view.track is not None)
    tracked = [step for step, view in zip(steps, ctx.rungs) if view.track is not None]
    room_top = min(step.y for step, view in zip(steps, ctx.rungs) if view.track is None) if first.previous \
        else 0
    if ctx.right_to_left:  # the empty corner is above the shared steps, at the right
        left = int(max(step.x + step.width for step in tracked) * 1.05)
        box = Box(emu(writer.content_width - left), emu(room_top * 0.9))
    else:
        left = 0
        box = Box(emu(min(step.x for step in tracked) * 0.95), emu(room_top * 0.9))
    if box.width > 0 and writer.body.fits([Para(text)], MIN_BODY_PT, box) and \
            writer.body.words_fit([Para(text)], MIN_BODY_PT, box):
        writer.text_box(slide, writer.content_left + left, writer.content_top, box.width, box.height, [Para(text)],
                        MIN_BODY_PT, name="Tracks")


def _style_step(shape, fill: str) -> None:
    """Fill the step (``LadderView.step_colours``: pale when this deck leaves its rung out)."""
    shape.shadow.inherit = False
    shape.line.fill.background()
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))


def _step_labels(writer: SlideWriter, steps) -> tuple[list[list[Para]], int]:
    """The same kind of label on every step, at one size: number and title, else number and
    short name, else the number alone, each only if it fits every step at a size a room can
    read; else none, and each step's alt text still names its rung."""
    views = writer.context.rungs
    boxes = [Box(emu(step.width), emu(step.height)) for step in steps]
    for kind in STEP_LABELS:  # the order both documents share
        labels = [[Para(lead=str(view.number))] + ([Para(lead=words)] if (words := step_label(kind, view.rung))
                                                    else []) for view in views]
        for size in range(LABEL_PT, MIN_BODY_PT - 1, -1):
            if all(writer.body.fits(paras, size, box) and writer.body.words_fit(paras, size, box)
                   for paras, box in zip(labels, boxes)):
                return labels, size
    return [[] for _ in views], MIN_BODY_PT
