"""The slides around the ladder: the title slide, the agenda, and the closing slide's takeaways."""

from __future__ import annotations

from guidegen.deck import notes
from guidegen.deck.measure import MIN_BODY_PT, Box, Para
from guidegen.deck.ooxml import subtitle_placeholder
from guidegen.deck.plan import BODY_PREFERRED_PT
from guidegen.deck.words import CLOSING_TITLE, REVISIT_TITLE, SUMMARY_TITLE, closing_question, takeaways
from guidegen.deck.writer import SlideWriter
from guidegen.view.language import long_date

PLACEHOLDER_PT = 22  # the largest text a title or closing slide's subtitle placeholder is filled at


def title_slide(writer: SlideWriter):
    """The ladder's title (a handout's, for a handout) over its subtitle, the session and the credit line."""
    ctx, t, options = writer.context, writer.t, writer.options
    ladder = ctx.ladder
    if ctx.is_handout:
        title = ctx.handout_title
        subtitle = t("Role training from \u201c{title}\u201d", title=ladder.title)
    else:
        title, subtitle = ladder.title, ladder.subtitle or t("Career ladder training")
    slide = writer.slide(writer.title_layout, title, keep_subtitle=True)
    placeholder = subtitle_placeholder(slide)
    session = [part for part in (options.presenter, options.session_date
                                 and long_date(options.session_date, ladder.language)) if part]
    paras = [Para(subtitle)] + ([Para(" \u00b7 ".join(session))] if session else []) + (
        [Para(ctx.credit)] if ctx.credit else [])
    if placeholder is not None:
        writer.fill_placeholder(placeholder, paras, preferred=PLACEHOLDER_PT)
    else:
        writer.content_box(slide, paras, MIN_BODY_PT, name="Subtitle")
    writer.notes(slide, notes.title_notes(ctx), "title")
    return slide


def agenda_slide(writer: SlideWriter) -> None:
    """The agenda: the titles of the slides that follow, in their order, and nothing they do not hold."""
    ctx, t = writer.context, writer.t
    items = [Para(t(SUMMARY_TITLE), bullet=True)]
    items += [Para(view.rung.title if view.rung.short == view.rung.title else f"{view.rung.title} ({view.rung.short})",
                   bullet=True) for view in ctx.shown]
    items += [Para(t(REVISIT_TITLE), bullet=True)]
    if ctx.has_grid:
        items.append(Para(writer.labels.competencies, bullet=True))
    items.append(Para(t(CLOSING_TITLE), bullet=True))
    _flow_slides(writer, t("Agenda"), items, notes.agenda_notes(ctx), "agenda")


def _flow_slides(writer: SlideWriter, title: str, paras: list[Para], slide_notes: list[str], kind: str) -> None:
    """``paras`` in one column, or two, continuing on further slides only when they must."""
    width, height = writer.content_width, writer.content_height
    size, pages = _flow_pages(writer, paras)
    for number, columns in enumerate(pages, start=1):
        slide_title = title if len(pages) == 1 else f"{title} ({number}/{len(pages)})"
        slide = writer.slide(writer.plain_layout, slide_title)
        column_width = width if len(columns) == 1 else (width - int(width * 0.04)) // 2
        for index, column in enumerate(columns):
            left = writer.mirrored(writer.content_left + index * (column_width + int(width * 0.04)), column_width)
            writer.text_box(slide, left, writer.content_top, column_width, height, column, size,
                            name=f"{title} {index + 1}")
        writer.notes(slide, slide_notes, kind)


def _flow_pages(writer: SlideWriter, paras: list[Para]) -> tuple[float, list[list[list[Para]]]]:
    """The text size, and each slide's columns: one column at the largest size that fits, else two columns
    a slide at the floor, on as many slides as they take."""
    width, height = writer.content_width, writer.content_height
    size = writer.body.largest_fitting(paras, Box(width, height), BODY_PREFERRED_PT + 4)
    if size is not None:
        return size, [[paras]]
    half = Box((width - int(width * 0.04)) // 2, height)
    pages, rest = [], paras
    while rest:
        left, rest = writer.body.take(rest, MIN_BODY_PT, half)
        right, rest = writer.body.take(rest, MIN_BODY_PT, half) if rest else ([], [])
        pages.append([left, right] if right else [left])
    return MIN_BODY_PT, pages


def closing_slide(writer: SlideWriter) -> None:
    """The closing slide: the takeaways that fit (the question always stays: they give way from the last)."""
    ctx = writer.context
    slide = writer.slide(writer.title_layout, writer.t(CLOSING_TITLE), keep_subtitle=True)
    placeholder = subtitle_placeholder(slide)
    points = takeaways(ctx)
    question = Para(lead=closing_question(ctx))
    paras = [Para(point, bullet=True) for point in points] + [question]
    if placeholder is not None:
        box = Box(int(placeholder.width), int(placeholder.height))
        while points and writer.body.largest_fitting(paras, box, PLACEHOLDER_PT) is None:
            points.pop()
            paras = [Para(point, bullet=True) for point in points] + [question]
        writer.fill_placeholder(placeholder, paras, preferred=PLACEHOLDER_PT)
    else:
        writer.content_box(slide, paras, MIN_BODY_PT, name="Takeaways")
    writer.notes(slide, notes.closing_notes(ctx, takeaways(ctx)), "closing")
