"""The training deck: python-pptx on the built-in 16:9 template or a company's own.

Every text gets an explicit size chosen by measuring it with the metrics of
the template's theme font; what does not fit at 14 pt continues on a
continuation slide. Positions are worked out from the slide size and the
template's title placeholder, so 4:3 and 16:9 templates both work.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.dml.color import RGBColor
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Pt

from guidegen.view.language import Messages, culture_name, long_date
from guidegen.view.ladder_view import LadderView, RungView
from guidegen.view.theme import Theme
from guidegen.errors import BuildError
from guidegen.resources import templates_dir
from guidegen.view.staircase import STEP_LABELS, step_label
from guidegen.view.textmetrics import register_font_faces
from guidegen.deck import notes
from guidegen.deck.notes import with_article
from guidegen.deck.plan import BODY_PREFERRED_PT, ContentArea, RungPage, RungPlanner
from guidegen.deck.options import DeckOptions
from guidegen.deck.ooxml import (THEME_HEADING_FONT, fixed_frame, inherited_title_size, logo_picture,
                                 mirror_right_to_left, rgb, set_alt_text, subtitle_placeholder, title_placeholder,
                                 write_paras)
from guidegen.deck.template import (TITLES, apply_theme, find_layout, open_template,
                                    remove_unused_placeholders, theme_fonts)
from guidegen.deck.measure import EMU_PER_PT, INSET, MIN_BODY_PT, Box, Measure, Para, emu
from guidegen.deck.timing import timing_lines
from guidegen.deck.threads import CELL_INSET_Y, ThreadTable, plan_thread_tables

TITLE_FLOOR_PT = 20
SUMMARY_TITLE = "The ladder at a glance"  # the staircase as the map of the session, after the agenda
REVISIT_TITLE = "The ladder, looking back"  # the same staircase once every rung has been seen
CLOSING_TITLE = "Questions and next steps"  # the closing slide's title, and the agenda's last entry


def story_lesson(view: RungView, messages: Messages) -> str:
    """What a rung's example shows about the rung, from its data: its scope, and the competencies it grows."""
    rung = view.rung
    grown = [step.competency.name for step in view.changes.grown + view.changes.started]
    if messages.is_english:
        grown = [name.lower() for name in grown]
    parts = []
    if rung.scope:
        who = with_article(rung.short) if messages.is_english else rung.short
        parts.append(messages("how far {who} reaches ({scope})", who=who, scope=_lower_first(rung.scope, messages)))
    if grown:
        parts.append(messages("what grows at this rung: {competencies}", competencies=messages.join(grown)))
    return messages("What it shows: {parts}.", parts=messages("{first}, and {second}", first=parts[0],
                                                                  second=parts[1]) if len(parts) == 2
                    else parts[0]) if parts else ""


def _lower_first(text: str, messages: Messages) -> str:
    """A phrase that began a line, set inside a sentence ("Assists on features" -> "assists on features");
    initials stay as they are ("PMs ..."), so does a name that owns something ("Northwind's whole ..."),
    and so does every word of a language that capitalises nouns."""
    first = text.split()[0] if text.split() else ""
    possessive = first.endswith(("'s", "\u2019s"))
    if not messages.is_english or possessive or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def takeaways(context: LadderView) -> list[str]:
    """Two or three things to remember, from this ladder's own facts: how far it reaches, what grows along
    it, where it forks; for a handout, what the next rung asks."""
    t = context.messages
    rungs = context.rungs
    points = []
    first, last = rungs[0].rung, rungs[-1].rung
    if first.scope and last.scope and len(rungs) > 1:
        points.append(t("{count} rungs, from {first} ({first_scope}) to {last} ({last_scope}).", count=len(rungs),
                        first=first.short, first_scope=_lower_first(first.scope, t), last=last.short,
                        last_scope=_lower_first(last.scope, t)))
    elif context.forks:
        tops = t.join([segment.views[-1].rung.title for segment in context.segments if segment.track])
        points.append(t("{count} rungs, from {first} up to {tops}.", count=len(rungs), first=first.title, tops=tops))
    elif len(rungs) > 1:
        points.append(t("{count} rungs, from {first} to {last}.", count=len(rungs), first=first.title,
                        last=last.title))
    if context.has_grid:
        grown = {c.id: len(set(c.expectations.values())) for c in context.competencies}
        most = max(context.competencies, key=lambda c: grown[c.id])
        points.append(t("{count} competencies run through the ladder; {name} changes most, at {rungs} rungs.",
                        count=len(context.competencies), name=most.name, rungs=grown[most.id]))
    if context.forks:
        tracks = [segment.track.name for segment in context.segments if segment.track]
        points.append(t("The ladder forks into {tracks}.", tracks=t.join(tracks)))
    if context.is_handout:
        above = next((up for view in context.shown for up in context.above(view)
                      if not context.is_selected(up)), None)
        if above is not None:
            points.append(t("Next: {title} ({scope}).", title=above.rung.title,
                            scope=_lower_first(above.rung.scope, t)) if above.rung.scope
                          else t("Next: {title}.", title=above.rung.title))
    return points[:3]


def closing_question(context: LadderView) -> str:
    """The question the closing slide leaves the room with, in the ladder's own terms."""
    t = context.messages
    if context.has_grid:
        return t("Which competencies will you grow first, and what would show it?")
    if any(view.rung.soft_skills or view.rung.leadership for view in context.shown):
        return t("Which skill will you practice first, and with whom?")
    return t("What will you do first to reach the next rung?")


def default_template() -> Path:
    return templates_dir() / "pptx" / "guidegen.pptx"


class DeckWriter:
    def __init__(self, prs, context: LadderView, template: Path, theme: Theme, options: DeckOptions = DeckOptions()):
        self.prs = prs
        self.options = options
        self.timed: list[tuple[object, str]] = []  # each slide with notes, and its kind
        self.context = context
        self.theme = theme  # the deck's colours as hex, for text and fills whose contrast must be checked
        self.labels = context.labels  # the ladder's headings, its language's where it left the defaults
        self.t = context.messages
        fonts = theme_fonts(prs)
        self.body = Measure(fonts.minor)
        self.heading = Measure(fonts.major)
        self.width, self.height = int(prs.slide_width), int(prs.slide_height)
        self.margin = int(self.width * 0.045)
        self.title_layout = find_layout(prs, "title", template)
        self.plain_layout = find_layout(prs, "title_only", template)
        title = title_placeholder(self.plain_layout)
        gap = int(self.height * 0.025)
        self.content_left = max(self.margin, int(title.left)) if title is not None else self.margin
        self.content_right = self.width - self.content_left
        self.content_top = int(title.top + title.height) + gap if title is not None else int(self.height * 0.2)
        self.content_bottom = self.height - int(self.height * 0.06)
        self.planner = RungPlanner(self.body, self.heading, self.labels, ContentArea(
            self.content_left, self.content_top, self.content_right, self.content_bottom, self.height), self.t)
        self.rung_sizes = self.planner.deck_sizes(context.shown)  # one body and one intro size for all rung slides

    # -- building blocks ------------------------------------------------------------------------

    def _mirrored(self, left: int, width: int) -> int:
        """Where a box that would stand at ``left`` goes: the same place, or, in a right-to-left deck, as far
        from the right edge of the content as it would have been from the left (first column at the right)."""
        if not self.context.right_to_left:
            return left
        return self.content_left + self.content_right - left - width

    def _slide(self, layout, title: str, keep_subtitle: bool = False):
        slide = self.prs.slides.add_slide(layout)
        keep = set()
        for placeholder in slide.placeholders:
            kind = placeholder.placeholder_format.type
            if kind in TITLES and not keep:
                self._fit_title(slide, placeholder, title)
                keep.add(placeholder.placeholder_format.idx)
        if keep_subtitle:
            subtitle = subtitle_placeholder(slide)
            if subtitle is not None:
                keep.add(subtitle.placeholder_format.idx)
        remove_unused_placeholders(slide, keep)
        return slide

    def _fit_title(self, slide, placeholder, text: str) -> None:
        frame = placeholder.text_frame
        frame.text = text
        fixed_frame(frame, box_text=False)
        box = Box(int(placeholder.width), int(placeholder.height))
        paras = [Para(lead=text)]
        preferred = inherited_title_size(slide, placeholder)
        size = self.heading.largest_fitting(paras, box, preferred, TITLE_FLOOR_PT)
        if size is None:
            size = self.heading.largest_fitting(paras, box, TITLE_FLOOR_PT - 1, MIN_BODY_PT) or MIN_BODY_PT
            if not self.heading.fits(paras, size, box):
                (head,), _ = self.heading.take(paras, size, box)
                frame.text = head.lead.rstrip(" .,;:") + "\u2026"
        for paragraph in frame.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(size)

    def _text_box(self, slide, left, top, width, height, paras: list[Para], size: float, *, name: str,
                  colour=MSO_THEME_COLOR.TEXT_1, lead_colour=MSO_THEME_COLOR.TEXT_2, heading_font: bool = False):
        shape = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
        shape.name = name
        frame = shape.text_frame
        fixed_frame(frame)
        write_paras(frame, paras, size, colour, lead_colour, font=THEME_HEADING_FONT if heading_font else None)
        return shape

    def _notes(self, slide, paragraphs: list[str], kind: str) -> None:
        """The slide's speaker notes; ``kind`` says how much of the session it takes (see timing.py)."""
        self.timed.append((slide, kind))
        slide.notes_slide.notes_text_frame.text = "\n\n".join(paragraphs)

    def add_timings(self, minutes: int) -> None:
        """Open every slide's notes with its share of the session and when it starts."""
        order = {slide.slide_id: position for position, slide in enumerate(self.prs.slides)}
        timed = sorted(self.timed, key=lambda item: order[item[0].slide_id])
        for (slide, _), line in zip(timed, timing_lines([kind for _, kind in timed], minutes, self.t)):
            frame = slide.notes_slide.notes_text_frame
            frame.text = line + "\n\n" + frame.text

    # -- slides -----------------------------------------------------------------------------------

    def title_slide(self) -> None:
        ctx = self.context
        ladder = ctx.ladder
        if ctx.is_handout:
            title = ctx.handout_title
            subtitle = self.t("Role training from \u201c{title}\u201d", title=ladder.title)
        else:
            title, subtitle = ladder.title, ladder.subtitle or self.t("Career ladder training")
        slide = self._slide(self.title_layout, title, keep_subtitle=True)
        placeholder = subtitle_placeholder(slide)
        session = [part for part in (self.options.presenter, self.options.session_date
                                     and long_date(self.options.session_date, ladder.language)) if part]
        paras = [Para(subtitle)] + ([Para(" \u00b7 ".join(session))] if session else []) + (
            [Para(ctx.credit)] if ctx.credit else [])
        if placeholder is not None:
            self._fill_placeholder(placeholder, paras, preferred=22)
        else:
            self._text_box(slide, self.content_left, self.content_top, self.content_right - self.content_left,
                           self.content_bottom - self.content_top, paras, MIN_BODY_PT, name="Subtitle")
        self._notes(slide, notes.title_notes(ctx), "title")
        return slide

    def _fill_placeholder(self, placeholder, paras: list[Para], preferred: float) -> None:
        frame = placeholder.text_frame
        fixed_frame(frame, box_text=False)
        box = Box(int(placeholder.width), int(placeholder.height))
        size = self.body.largest_fitting(paras, box, preferred)
        if size is None:  # keep what fits at the floor; the rest is in the speaker notes
            size = MIN_BODY_PT
            paras, _ = self.body.take(paras, size, box)
        frame.clear()
        write_paras(frame, paras, size, None, None)

    def agenda_slide(self) -> None:
        """The agenda: the titles of the slides that follow, in their order, and nothing they do not hold."""
        ctx = self.context
        items = [Para(self.t(SUMMARY_TITLE), bullet=True)]
        items += [Para(view.rung.title if view.rung.short == view.rung.title else f"{view.rung.title} ({view.rung.short})",
                       bullet=True) for view in ctx.shown]
        items += [Para(self.t(REVISIT_TITLE), bullet=True)]
        if ctx.has_grid:
            items.append(Para(self.labels.competencies, bullet=True))
        items.append(Para(self.t(CLOSING_TITLE), bullet=True))
        self._flow_slides(self.t("Agenda"), items, notes.agenda_notes(ctx), "agenda")

    def _flow_slides(self, title: str, paras: list[Para], slide_notes: list[str], kind: str) -> None:
        """``paras`` in one column, or two, continuing on further slides only when they must."""
        width = self.content_right - self.content_left
        height = self.content_bottom - self.content_top
        one = Box(width, height)
        size = self.body.largest_fitting(paras, one, BODY_PREFERRED_PT + 4)
        if size is not None:
            pages = [[paras]]
        else:
            gap = int(width * 0.04)
            half = Box((width - gap) // 2, height)
            pages, rest = [], paras
            while rest:
                left, rest = self.body.take(rest, MIN_BODY_PT, half)
                right, rest = self.body.take(rest, MIN_BODY_PT, half) if rest else ([], [])
                pages.append([left, right] if right else [left])
            size = MIN_BODY_PT
        for number, columns in enumerate(pages, start=1):
            slide_title = title if len(pages) == 1 else f"{title} ({number}/{len(pages)})"
            slide = self._slide(self.plain_layout, slide_title)
            column_width = width if len(columns) == 1 else (width - int(width * 0.04)) // 2
            for index, column in enumerate(columns):
                left = self._mirrored(self.content_left + index * (column_width + int(width * 0.04)), column_width)
                self._text_box(slide, left, self.content_top, column_width, height, column, size,
                               name=f"{title} {index + 1}")
            self._notes(slide, slide_notes, kind)

    def rung_slides(self, view: RungView) -> list:
        pages = self.planner.plan_rung(view, *self.rung_sizes)
        slides = []
        for number, page in enumerate(pages, start=1):
            title = view.rung.title if len(pages) == 1 else f"{view.rung.title} ({number}/{len(pages)})"
            slide = self._slide(self.plain_layout, title)
            self._write_rung_page(slide, view, page, continued=number > 1)
            shown = frozenset(page.sections[slot] for slot, _ in page.slots)
            self._notes(slide, notes.rung_notes(view, self.context, shown, first=number == 1,
                                                last=number == len(pages)),
                        "rung" if len(pages) == 1 else "continued" if page.continues else "rung part")
            slides.append(slide)
        return slides

    def story_slide(self, view: RungView) -> None:
        """The rung's real-world example on screen: where, what happened, and what it shows about the rung."""
        rung = view.rung
        if rung.example is None:
            return
        slide = self._slide(self.plain_layout, f"{self.labels.example}: {rung.short}")
        shows = story_lesson(view, self.t)
        paras = [Para(rung.example.story, lead=rung.example.setting)] + ([Para(shows)] if shows else [])
        width = self.content_right - self.content_left
        box = Box(width, self.content_bottom - self.content_top)
        size = self.body.largest_fitting(paras, box, BODY_PREFERRED_PT + 4)
        if size is None:  # a very long story: what fits, all of it in the notes
            size = MIN_BODY_PT
            paras, _ = self.body.take(paras, size, box)
        self._text_box(slide, self.content_left, self.content_top, width, box.height, paras, size,
                       name=self.labels.example)
        self._notes(slide, notes.story_notes(view, self.context), "story")

    def _write_rung_page(self, slide, view: RungView, page: RungPage, continued: bool) -> None:
        width = self.content_right - self.content_left
        top = self.content_top
        kicker = self.planner.kicker(view, continued)
        self._text_box(slide, self.content_left, top, width, self.planner.kicker_height(view), [Para(lead=kicker)],
                       MIN_BODY_PT, name="Rung number", lead_colour=rgb(self.theme.accent_text))
        top += self.planner.kicker_height(view)
        if page.intro:
            intro_height = int(self.body.height(page.intro, page.intro_size, Box(width, 0)) * EMU_PER_PT)
            self._text_box(slide, self.content_left, top, width, intro_height, page.intro, page.intro_size,
                           name=self.labels.what_it_is)
            top += intro_height + int(self.height * 0.02)
        if not page.sections:
            return
        column_width, gap = self.planner.column_geometry(page.columns)
        heading_height = self.planner.heading_height(page.continues, page.sections)
        body_height = self.content_bottom - top - heading_height
        names = self.planner.headings(False, page.sections)
        labels = self.planner.headings(page.continues, page.sections)
        for index, (section, paras) in enumerate(page.slots):
            if not paras:
                continue
            heading, label = names[section], labels[section]
            left = self._mirrored(self.content_left + index * (column_width + gap), column_width)
            if index == 0 or page.slots[index - 1][0] != section:  # a list over two columns: one heading
                self._text_box(slide, left, top, column_width, heading_height, [Para(lead=label)],
                               self.planner.heading_size, name=f"{heading} heading",
                               lead_colour=rgb(self.theme.accent_text), heading_font=True)
            self._text_box(slide, left, top + heading_height, column_width, body_height, paras, page.body_size,
                           name=heading if index == 0 or page.slots[index - 1][0] != section else f"{heading} 2")

    def summary_slide(self, rung_slides: dict[str, object], title: str = SUMMARY_TITLE, at: int | None = None) -> None:
        """The staircase; ``at`` moves the slide to that position (the map of the session, after the agenda:
        made last, once the rung slides its steps link to exist)."""
        ctx = self.context
        slide = self._slide(self.plain_layout, self.t(title))
        if at is not None:
            order = self.prs.slides._sldIdLst
            entry = order[-1]
            order.remove(entry)
            order.insert(at, entry)
        width = self.content_right - self.content_left
        height = self.content_bottom - self.content_top
        band, band_size, band_height = self._scope_band(width, height)
        steps = ctx.steps(width, height - band_height, max_gap=width * 0.007)
        labels, size = self._step_labels(steps)
        colours = ctx.step_colours(self.theme)  # (fill, label colour) of each step, worked out once
        group = slide.shapes.add_group_shape()
        group.name = "Ladder staircase"
        set_alt_text(group, ctx.staircase_alt)
        for step, view, paras in zip(steps, ctx.rungs, labels):
            target = rung_slides.get(view.rung.id)
            shape = group.shapes.add_shape(MSO_SHAPE.RECTANGLE, emu(self.content_left + step.x),
                                           emu(self.content_top + step.y), emu(step.width), emu(step.height))
            shape.name = f"Step {view.number}: {view.rung.title}"
            track = f" ({view.track.name})" if view.track else ""
            set_alt_text(shape, f"Rung {view.number}: {view.rung.title}{track}"
                                + (f". {self.labels.scope}: {view.rung.scope}" if view.rung.scope else ""))
            self._style_step(shape, colours[view.index][0])
            if target is not None:
                shape.click_action.target_slide = target
            if paras:
                ink = rgb(colours[view.index][1])
                frame = shape.text_frame
                fixed_frame(frame)
                write_paras(frame, paras, size, ink, ink, align=PP_ALIGN.LEFT)
        if band:
            top = self.content_top + height - band_height
            for step, view in zip(steps, ctx.rungs):
                if view.rung.scope:
                    self._text_box(slide, self.content_left + step.x, top, step.width, band_height,
                                   [Para(view.rung.scope)], band_size, name=f"{self.labels.scope}: {view.rung.title}")
        self._fork_legend(slide, steps)
        self._notes(slide, notes.summary_notes(ctx, looking_back=title != SUMMARY_TITLE),
                    "map" if title == SUMMARY_TITLE else "revisit")

    def _scope_band(self, width: int, height: int) -> tuple[bool, float, int]:
        """Room under the staircase for each rung's scope, measured at the largest size every scope fits
        under its own step without breaking a word; none where no size does (the notes say them)."""
        ctx = self.context
        if not any(view.rung.scope for view in ctx.rungs):
            return False, MIN_BODY_PT, 0
        for size in (16, 15, MIN_BODY_PT):
            band = 0
            for _ in range(3):  # the steps narrow a little as the band is settled; converge on it
                steps = ctx.steps(width, height - band, max_gap=width * 0.007)
                paras = [([Para(view.rung.scope)], Box(emu(step.width), 0)) for step, view in zip(steps, ctx.rungs)
                         if view.rung.scope]
                if not all(self.body.words_fit(p, size, box) for p, box in paras):
                    break
                band = int(max(self.body.height(p, size, box) for p, box in paras) * EMU_PER_PT) + 1
            else:
                if band <= height * 0.35:
                    return True, size, band
        return False, MIN_BODY_PT, 0

    def _fork_legend(self, slide, steps) -> None:
        """Where the ladder forks, which side of each split step is which track, written in the
        empty corner above the lowest steps, if it fits there at a readable size."""
        ctx = self.context
        if not ctx.forks:
            return
        first = next(view for view in ctx.rungs if view.track is not None)
        below = ctx.rungs[first.index - 1].rung.title if first.previous is not None else None
        names = [segment.track.name for segment in ctx.segments if segment.track]
        t = self.t
        first_side, last_side = (("right: {name}", "left: {name}") if ctx.right_to_left  # the drawing is mirrored
                                 else ("left: {name}", "right: {name}"))
        order = ", ".join(t(first_side, name=name) if i == 0 else t(last_side, name=name)
                          if i == len(names) - 1 else t("middle: {name}", name=name) for i, name in enumerate(names))
        text = t("After {rung} the ladder forks ({order}).", rung=below, order=order) if below else \
            t("The ladder has tracks ({order}).", order=order)
        tracked = [step for step, view in zip(steps, ctx.rungs) if view.track is not None]
        room_top = min(step.y for step, view in zip(steps, ctx.rungs) if view.track is None) if first.previous \
            else 0
        width = self.content_right - self.content_left
        if ctx.right_to_left:  # the empty corner is above the shared steps, at the right
            left = int(max(step.x + step.width for step in tracked) * 1.05)
            box = Box(emu(width - left), emu(room_top * 0.9))
        else:
            left = 0
            box = Box(emu(min(step.x for step in tracked) * 0.95), emu(room_top * 0.9))
        if box.width > 0 and self.body.fits([Para(text)], MIN_BODY_PT, box) and \
                self.body.words_fit([Para(text)], MIN_BODY_PT, box):
            self._text_box(slide, self.content_left + left, self.content_top, box.width, box.height, [Para(text)],
                           MIN_BODY_PT, name="Tracks")

    @staticmethod
    def _style_step(shape, fill: str) -> None:
        """Fill the step (``LadderView.step_colours``: pale when this deck leaves its rung out)."""
        shape.shadow.inherit = False
        shape.line.fill.background()
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))

    def _step_labels(self, steps) -> tuple[list[list[Para]], int]:
        """The same kind of label on every step, at one size: number and title, else number and
        short name, else the number alone, each only if it fits every step at a size a room can
        read; else none, and each step's alt text still names its rung."""
        views = self.context.rungs
        boxes = [Box(emu(step.width), emu(step.height)) for step in steps]
        for kind in STEP_LABELS:  # the order both documents share
            labels = [[Para(lead=str(view.number))] + ([Para(lead=words)] if (words := step_label(kind, view.rung))
                                                        else []) for view in views]
            for size in range(18, MIN_BODY_PT - 1, -1):
                if all(self.body.fits(paras, size, box) and self.body.words_fit(paras, size, box)
                       for paras, box in zip(labels, boxes)):
                    return labels, size
        return [[] for _ in views], MIN_BODY_PT

    def thread_slides(self) -> None:
        """The competency threads as editable tables: one competency per row, one rung per column."""
        width = self.content_right - self.content_left
        height = self.content_bottom - self.content_top
        tables = plan_thread_tables(self.context, self.body, width, height)
        for number, table in enumerate(tables, start=1):
            title = self.labels.competencies if len(tables) == 1 else f"{self.labels.competencies} ({number}/{len(tables)})"
            slide = self._slide(self.plain_layout, title)
            self._write_table(slide, table)
            self._notes(slide, notes.thread_notes(self.context, table.views, [row.label for row in table.rows
                                                                              if not row.group]), "competencies")

    def _write_table(self, slide, table: ThreadTable) -> None:
        rows = 1 + len(table.rows)
        columns = 1 + len(table.views)
        total_width = table.name_width + table.column_width * len(table.views)
        total_height = table.header_height + sum(row.height for row in table.rows)
        frame = slide.shapes.add_table(rows, columns, emu(self._mirrored(self.content_left, total_width)),
                                       emu(self.content_top), emu(total_width), emu(total_height))
        frame.name = self.labels.competencies
        grid = frame.table
        grid.columns[0].width = emu(table.name_width)
        for index in range(len(table.views)):
            grid.columns[index + 1].width = emu(table.column_width)
        grid.rows[0].height = emu(table.header_height)
        muted = rgb(self.theme.muted)

        def fill(cell, text: str, *, bold: bool, colour=None, italic: bool = False) -> None:
            cell.margin_left = cell.margin_right = INSET
            cell.margin_top = cell.margin_bottom = CELL_INSET_Y
            cell_frame = cell.text_frame
            cell_frame.word_wrap = True
            paragraph = cell_frame.paragraphs[0]
            paragraph.line_spacing = 1.0
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(table.size)
            run.font.bold = bold
            run.font.italic = italic
            if colour is not None:
                run.font.color.rgb = colour

        fill(grid.cell(0, 0), self.labels.competencies, bold=True)
        for index, view in enumerate(table.views, start=1):
            fill(grid.cell(0, index), view.rung.short, bold=True)
        for number, row in enumerate(table.rows, start=1):
            grid.rows[number].height = emu(row.height)
            if row.group:
                grid.cell(number, 0).merge(grid.cell(number, columns - 1))
                fill(grid.cell(number, 0), row.label, bold=True, colour=rgb(self.theme.accent_text))
                continue
            fill(grid.cell(number, 0), row.label, bold=True)
            for index, (text, carried) in enumerate(zip(row.cells, row.carried), start=1):
                if text:
                    fill(grid.cell(number, index), text, bold=False, colour=muted if carried else None, italic=carried)

    def logos(self, title_slide) -> None:
        """The brand's logo on the title slide and, small, at the foot of the master (so on every slide)."""
        brand = self.context.brand
        if brand is None:
            return
        if brand.logo_on_dark is not None:
            height = int(self.height * 0.09)
            stream, ratio = logo_picture(brand.logo_on_dark, height)
            width = min(int(height * ratio), int(self.width * 0.3))
            picture = title_slide.shapes.add_picture(stream, self.margin, int(self.height * 0.07), width,
                                                     int(width / ratio))
            picture.name = "Logo"
            set_alt_text(picture, brand.logo_on_dark.alt)
        if brand.logo_on_light is not None:
            height = int(self.height * 0.045)
            stream, ratio = logo_picture(brand.logo_on_light, height)
            width = min(int(height * ratio), int(self.width * 0.2))
            height = int(width / ratio)
            master = self.prs.slide_master
            _, rel_id = master.part.get_or_add_image_part(stream)
            ids = [int(i) for i in master.element.xpath("//p:cNvPr/@id")]
            left = self.width - self.content_left - width
            top = self.height - int(self.height * 0.05) + (int(self.height * 0.05) - height) // 2
            picture = CT_Picture.new_pic(max(ids, default=0) + 1, "Logo", brand.logo_on_light.alt, rel_id,
                                         left, top, width, height)
            master.shapes._spTree.append(picture)

    def closing_slide(self) -> None:
        ctx = self.context
        slide = self._slide(self.title_layout, self.t(CLOSING_TITLE), keep_subtitle=True)
        placeholder = subtitle_placeholder(slide)
        points = takeaways(ctx)
        paras = [Para(point, bullet=True) for point in points] + [Para(lead=closing_question(ctx))]
        if placeholder is not None:  # the question always stays: takeaways give way from the last
            box = Box(int(placeholder.width), int(placeholder.height))
            while points and self.body.largest_fitting(paras, box, 22) is None:
                points.pop()
                paras = [Para(point, bullet=True) for point in points] + [Para(lead=closing_question(ctx))]
            self._fill_placeholder(placeholder, paras, preferred=22)
        else:
            self._text_box(slide, self.content_left, self.content_top, self.content_right - self.content_left,
                           self.content_bottom - self.content_top, paras, MIN_BODY_PT, name="Takeaways")
        self._notes(slide, notes.closing_notes(ctx, takeaways(ctx)), "closing")


CORE_PROPERTY_LIMIT = 255  # characters, in python-pptx (and in Office's own dialogs)


def _core_property(text: str) -> str:
    """``text`` cut to fit a document property, at a word's end, with an ellipsis."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    cut = text[:CORE_PROPERTY_LIMIT - 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:") + "\u2026"


def _mark_language(prs, culture: str) -> None:
    """Every run of the slides and notes in the ladder's language: PowerPoint and LibreOffice pick the
    Chinese, Japanese or Korean forms of shared characters, and the spelling checker, by it."""
    from pptx.oxml.ns import qn

    for slide in prs.slides:
        parts = [slide.element] + ([slide.notes_slide.element] if slide.has_notes_slide else [])
        for element in parts:
            for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
                for properties in element.iter(qn(tag)):
                    properties.set("lang", culture)


def render(context: LadderView, target: Path, options: DeckOptions) -> None:
    company_template = options.template  # checked and cleaned when the build started
    prs = open_template(company_template or default_template())
    template = company_template.path if company_template else default_template()
    brand = context.brand
    theme = context.deck_theme
    if brand is not None:  # the brand's colours and fonts go into the deck's theme, so every shape follows
        apply_theme(prs, {"dk1": theme.text, "lt1": theme.background, "dk2": theme.primary, "lt2": theme.light,
                          "accent1": theme.accent, "accent2": theme.primary, "hlink": theme.accent_text},
                    major=brand.heading_font, minor=brand.base_font)
        register_font_faces(brand.font_faces)
    writer = DeckWriter(prs, context, template, theme, options)
    properties = prs.core_properties
    properties.title = _core_property(context.ladder.title)
    properties.author = _core_property(context.author)
    properties.language = context.ladder.language
    # As the guide's PDF describes itself; the template's own description ("generated using python-pptx"
    # in python-pptx's, whatever a company's says) is not this deck's.
    properties.comments = _core_property(context.ladder.subtitle or "")
    properties.keywords = _core_property(", ".join(["career ladder"] + [view.rung.title for view in context.rungs]))
    properties.created = properties.modified = datetime.now(timezone.utc).replace(tzinfo=None)
    properties.last_modified_by = "guidegen"
    properties.revision = 1

    title_slide = writer.title_slide()
    writer.logos(title_slide)
    writer.agenda_slide()
    first_slides = {}
    for view in context.shown:
        first_slides[view.rung.id] = writer.rung_slides(view)[0]
        writer.story_slide(view)
    writer.summary_slide(first_slides, REVISIT_TITLE)
    writer.summary_slide(first_slides, SUMMARY_TITLE, at=2)
    writer.thread_slides()
    writer.closing_slide()
    writer.add_timings(options.session_minutes)
    _mark_language(prs, culture_name(context.ladder.language))
    if context.right_to_left:
        for slide in prs.slides:
            mirror_right_to_left(slide)
    try:
        prs.save(str(target))
    except OSError as exc:
        raise BuildError(f"{target}: could not write the deck ({exc.strerror or exc})") from None
