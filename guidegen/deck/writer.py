"""The slide writer's core: where content goes on the template's slides, and the building blocks every
kind of slide uses (a slide with its title fitted, a text box, a placeholder filled, speaker notes).

Positions are worked out from the slide size and the template's title placeholder, so 4:3 and 16:9
templates both work; every text gets an explicit size measured with the theme fonts' metrics.
"""

from __future__ import annotations

from pathlib import Path

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Pt

from guidegen.deck.measure import MIN_BODY_PT, Box, Measure, Para, emu
from guidegen.deck.ooxml import (THEME_HEADING_FONT, fixed_frame, inherited_title_size, subtitle_placeholder,
                                 title_placeholder, write_paras)
from guidegen.deck.options import DeckOptions
from guidegen.deck.template import TITLES, find_layout, remove_unused_placeholders, theme_fonts
from guidegen.deck.timing import timing_lines
from guidegen.view.ladder_view import LadderView
from guidegen.view.theme import Theme

TITLE_FLOOR_PT = 20


class SlideWriter:
    """One deck being written: its template's layouts and content area, its fonts' metrics, and the slides
    that carry speaker notes (so that each one's share of the session can be added at the end)."""

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

    @property
    def content_width(self) -> int:
        return self.content_right - self.content_left

    @property
    def content_height(self) -> int:
        return self.content_bottom - self.content_top

    def mirrored(self, left: int, width: int) -> int:
        """Where a box that would stand at ``left`` goes: the same place, or, in a right-to-left deck, as far
        from the right edge of the content as it would have been from the left (first column at the right)."""
        if not self.context.right_to_left:
            return left
        return self.content_left + self.content_right - left - width

    def slide(self, layout, title: str, keep_subtitle: bool = False):
        """A new slide of ``layout`` with ``title`` fitted, and no placeholder left empty."""
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
        """The title at the template's size where it fits, else smaller; cut with an ellipsis at the floor."""
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

    def text_box(self, slide, left, top, width, height, paras: list[Para], size: float, *, name: str,
                 colour=MSO_THEME_COLOR.TEXT_1, lead_colour=MSO_THEME_COLOR.TEXT_2, heading_font: bool = False):
        shape = slide.shapes.add_textbox(emu(left), emu(top), emu(width), emu(height))
        shape.name = name
        frame = shape.text_frame
        fixed_frame(frame)
        write_paras(frame, paras, size, colour, lead_colour, font=THEME_HEADING_FONT if heading_font else None)
        return shape

    def content_box(self, slide, paras: list[Para], size: float, *, name: str):
        """A text box filling the content area: a slide's text where its template has no placeholder for it."""
        return self.text_box(slide, self.content_left, self.content_top, self.content_width, self.content_height,
                             paras, size, name=name)

    def fill_placeholder(self, placeholder, paras: list[Para], preferred: float) -> None:
        """``paras`` in a template's placeholder, at the largest size up to ``preferred`` that fits."""
        frame = placeholder.text_frame
        fixed_frame(frame, box_text=False)
        box = Box(int(placeholder.width), int(placeholder.height))
        size = self.body.largest_fitting(paras, box, preferred)
        if size is None:  # keep what fits at the floor; the rest is in the speaker notes
            size = MIN_BODY_PT
            paras, _ = self.body.take(paras, size, box)
        frame.clear()
        write_paras(frame, paras, size, None, None)

    def notes(self, slide, paragraphs: list[str], kind: str) -> None:
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
