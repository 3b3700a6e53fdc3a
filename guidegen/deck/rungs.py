"""Each rung's slides: its kicker, intro and columns as planned by ``plan.py``, and the slide that tells its
real-world example."""

from __future__ import annotations

from guidegen.deck import notes
from guidegen.deck.measure import EMU_PER_PT, MIN_BODY_PT, Box, Para
from guidegen.deck.ooxml import rgb
from guidegen.deck.plan import BODY_PREFERRED_PT, ContentArea, RungPage, RungPlanner
from guidegen.deck.words import story_lesson
from guidegen.deck.writer import SlideWriter
from guidegen.view.ladder_view import RungView


class RungSlides:
    """Writes rung slides at one body size and one intro size for the whole deck, chosen for its fullest rung."""

    def __init__(self, writer: SlideWriter):
        self.writer = writer
        self.planner = RungPlanner(writer.body, writer.heading, writer.labels, ContentArea(
            writer.content_left, writer.content_top, writer.content_right, writer.content_bottom, writer.height),
            writer.t)
        self.sizes = self.planner.deck_sizes(writer.context.shown)

    def add(self, view: RungView) -> list:
        """The rung's slides, continuing over as many as its text needs; each with its share of the script."""
        writer = self.writer
        pages = self.planner.plan_rung(view, *self.sizes)
        slides = []
        for number, page in enumerate(pages, start=1):
            title = view.rung.title if len(pages) == 1 else f"{view.rung.title} ({number}/{len(pages)})"
            slide = writer.slide(writer.plain_layout, title)
            self._write_page(slide, view, page, continued=number > 1)
            shown = frozenset(page.sections[slot] for slot, _ in page.slots)
            writer.notes(slide, notes.rung_notes(view, writer.context, shown, first=number == 1,
                                                 last=number == len(pages)),
                         "rung" if len(pages) == 1 else "continued" if page.continues else "rung part")
            slides.append(slide)
        return slides

    def _write_page(self, slide, view: RungView, page: RungPage, continued: bool) -> None:
        writer, planner = self.writer, self.planner
        width = writer.content_width
        top = writer.content_top
        writer.text_box(slide, writer.content_left, top, width, planner.kicker_height(view),
                        [Para(lead=planner.kicker(view, continued))], MIN_BODY_PT, name="Rung number",
                        lead_colour=rgb(writer.theme.accent_text))
        top += planner.kicker_height(view)
        if page.intro:
            intro_height = int(writer.body.height(page.intro, page.intro_size, Box(width, 0)) * EMU_PER_PT)
            writer.text_box(slide, writer.content_left, top, width, intro_height, page.intro, page.intro_size,
                            name=writer.labels.what_it_is)
            top += intro_height + int(writer.height * 0.02)
        if page.sections:
            self._write_columns(slide, page, top)

    def _write_columns(self, slide, page: RungPage, top: int) -> None:
        """The page's column slots under their headings; a list flowing over two columns has one heading."""
        writer, planner = self.writer, self.planner
        column_width, gap = planner.column_geometry(page.columns)
        heading_height = planner.heading_height(page.continues, page.sections)
        body_height = writer.content_bottom - top - heading_height
        names = planner.headings(False, page.sections)
        labels = planner.headings(page.continues, page.sections)
        for index, (section, paras) in enumerate(page.slots):
            if not paras:
                continue
            heading, label = names[section], labels[section]
            left = writer.mirrored(writer.content_left + index * (column_width + gap), column_width)
            starts = index == 0 or page.slots[index - 1][0] != section
            if starts:
                writer.text_box(slide, left, top, column_width, heading_height, [Para(lead=label)],
                                planner.heading_size, name=f"{heading} heading",
                                lead_colour=rgb(writer.theme.accent_text), heading_font=True)
            writer.text_box(slide, left, top + heading_height, column_width, body_height, paras, page.body_size,
                            name=heading if starts else f"{heading} 2")


def story_slide(writer: SlideWriter, view: RungView) -> None:
    """The rung's real-world example on screen: where, what happened, and what it shows about the rung."""
    rung = view.rung
    if rung.example is None:
        return
    slide = writer.slide(writer.plain_layout, f"{writer.labels.example}: {rung.short}")
    shows = story_lesson(view, writer.t)
    paras = [Para(rung.example.story, lead=rung.example.setting)] + ([Para(shows)] if shows else [])
    box = Box(writer.content_width, writer.content_height)
    size = writer.body.largest_fitting(paras, box, BODY_PREFERRED_PT + 4)
    if size is None:  # a very long story: what fits, all of it in the notes
        size = MIN_BODY_PT
        paras, _ = writer.body.take(paras, size, box)
    writer.content_box(slide, paras, size, name=writer.labels.example)
    writer.notes(slide, notes.story_notes(view, writer.context), "story")
