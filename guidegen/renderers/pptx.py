"""The training deck: python-pptx on the built-in 16:9 template.

Every text box gets explicit font sizes chosen by measuring its text with the
font's own metrics, because PowerPoint applies "shrink on overflow" only once
someone edits the text: a deck must fit as it is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..context import GuideContext, RungView
from ..errors import BuildError
from ..resources import templates_dir
from ..staircase import staircase
from ..textmetrics import font_metrics, wrap

SUFFIX = ".pptx"

BODY_FONT = "Calibri"  # the template's theme font; fontconfig maps it to metric-compatible Carlito
MIN_BODY_PT = 14  # the smallest text a room can read when projected
LINE_SPACING = 1.2  # PowerPoint's single spacing is about 1.2 em for Calibri
PARAGRAPH_GAP_PT = 6
BULLET_INDENT = Inches(0.22)
TEXT_INSET = Inches(0.1)  # the same inset as the template placeholders, so text lines up
MARGIN = Inches(0.6)


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box: an optional bold lead-in on a line of its own, then plain text."""

    text: str
    lead: str = ""
    bullet: bool = False


def _template_path() -> Path:
    return templates_dir() / "pptx" / "guidegen.pptx"


def _measure(lines: list[Line], size: float, width_emu: int) -> float:
    """Height in points that ``lines`` take at ``size`` in a box ``width_emu`` wide."""
    regular = font_metrics(BODY_FONT)
    bold = font_metrics(BODY_FONT, bold=True)
    usable_pt = (width_emu - 2 * TEXT_INSET) / 12700
    total = 0.0
    for line in lines:
        width = usable_pt - (BULLET_INDENT / 12700 if line.bullet else 0)
        count = len(wrap(line.lead, bold, size, width)) if line.lead else 0
        count += len(wrap(line.text, regular, size, width)) if line.text else 0
        total += count * size * LINE_SPACING
    return total + PARAGRAPH_GAP_PT * max(len(lines) - 1, 0) + 2 * TEXT_INSET / 12700


def _fitting_size(lines: list[Line], width: int, height: int, preferred: float) -> float:
    """The largest size from ``preferred`` down to the floor at which the text fits."""
    size = preferred
    while size > MIN_BODY_PT and _measure(lines, size, width) > height / 12700:
        size -= 1
    return size


def _set_bullet(paragraph, on: bool) -> None:
    pPr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buNone", "a:buChar", "a:buFont", "a:buClr"):
        for element in pPr.findall(qn(tag)):
            pPr.remove(element)
    if on:
        pPr.set("marL", str(int(BULLET_INDENT)))
        pPr.set("indent", str(-int(BULLET_INDENT)))
        colour = pPr.makeelement(qn("a:buClr"), {})
        colour.append(colour.makeelement(qn("a:schemeClr"), {"val": "accent1"}))
        pPr.append(colour)
        pPr.append(pPr.makeelement(qn("a:buChar"), {"char": "\u2022"}))
    else:
        pPr.set("marL", "0")
        pPr.set("indent", "0")
        pPr.append(pPr.makeelement(qn("a:buNone"), {}))


def _text_box(slide, left, top, width, height, lines: list[Line], size: float, *,
              colour=MSO_THEME_COLOR.TEXT_1, lead_colour=MSO_THEME_COLOR.TEXT_2, name: str = ""):
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = TEXT_INSET
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        _set_bullet(paragraph, line.bullet)
        paragraph.line_spacing = 1.0
        if index:
            paragraph.space_before = Pt(PARAGRAPH_GAP_PT)
        if line.lead:
            run = paragraph.add_run()
            run.text = line.lead
            run.font.bold = True
            run.font.size = Pt(size)
            run.font.color.theme_color = lead_colour
            if line.text:
                paragraph.add_line_break()
        if line.text:
            run = paragraph.add_run()
            run.text = line.text
            run.font.size = Pt(size)
            run.font.color.theme_color = colour
    return box


def _layout(prs, name: str):
    layout = prs.slide_layouts.get_by_name(name)
    if layout is None:
        raise BuildError(f"the slide template has no layout named {name!r}")
    return layout


def _set_title(slide, text: str) -> None:
    slide.shapes.title.text = text


def _notes(slide, paragraphs: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = "\n\n".join(paragraphs)


def _rung_notes(view: RungView, labels) -> list[str]:
    rung = view.rung
    notes = [f"{rung.title} ({rung.short}), rung {view.number} of {view.total}.", f"{labels.what_it_is}: {rung.what_it_is}"]
    points = ["Talking points:"]
    points += [f"- {item}" for item in rung.responsibilities]
    points += [f"- {skill.name}: {skill.description}" for skill in rung.leadership]
    notes.append("\n".join(points))
    notes.append("\n".join([f"{labels.soft_skills} to develop:"]
                           + [f"- {skill.name}: {skill.description}" for skill in rung.soft_skills]))
    if view.previous is not None:
        new_names = [skill.name for skill in view.changes.leadership + view.changes.soft_skills]
        if new_names:
            notes.append(f"New compared with {view.previous.short}: {', '.join(new_names)}.")
    notes.append(f"{labels.example} ({rung.example.setting}): {rung.example.story}")
    if view.next is not None:
        notes.append(f"Next: {view.next.title} ({view.next.short}).")
    return notes


def _add_title_slide(prs, context: GuideContext) -> None:
    ladder = context.ladder
    slide = prs.slides.add_slide(_layout(prs, "Title Slide"))
    _set_title(slide, ladder.title)
    subtitle = next(p for p in slide.placeholders if p.placeholder_format.idx == 1)
    subtitle.text = ladder.subtitle or "Career ladder training"
    _text_box(slide, Inches(0.9), prs.slide_height - Inches(1.1), prs.slide_width - Inches(1.8), Inches(0.5),
              [Line(f"Based on \u201c{ladder.source.title}\u201d by {ladder.source.author}")], MIN_BODY_PT,
              colour=MSO_THEME_COLOR.BACKGROUND_2, name="Source credit")
    _notes(slide, [*ladder.introduction,
                   f"Today we walk the {len(context.rungs)} rungs from {context.rungs[0].rung.title} "
                   f"to {context.rungs[-1].rung.title}, then look at the whole ladder at once."])


def _add_rung_slide(prs, view: RungView, labels):
    rung = view.rung
    slide = prs.slides.add_slide(_layout(prs, "Title Only"))
    _set_title(slide, rung.title)
    content_width = prs.slide_width - 2 * MARGIN
    _text_box(slide, MARGIN, Inches(0.22), content_width, Inches(0.4),
              [Line(f"RUNG {view.number} OF {view.total} \u00b7 {rung.short}".upper())], MIN_BODY_PT,
              colour=MSO_THEME_COLOR.ACCENT_1, name="Rung number")
    what = [Line(rung.what_it_is)]
    what_height = Inches(0.85)
    _text_box(slide, MARGIN, Inches(1.6), content_width, what_height, what,
              _fitting_size(what, content_width, what_height, 20), name=labels.what_it_is)

    columns = [
        (labels.responsibilities, [Line(item, bullet=True) for item in rung.responsibilities]),
        (labels.leadership, [Line(skill.description, lead=skill.name) for skill in rung.leadership]),
        (labels.soft_skills, [Line("", lead=skill.name, bullet=True) for skill in rung.soft_skills]),
    ]
    gap = Inches(0.35)
    column_width = Emu(int((content_width - gap * 2) / 3))
    top, bottom = Inches(2.6), prs.slide_height - Inches(0.45)
    heading_height = Inches(0.45)
    body_height = Emu(int(bottom - top - heading_height))
    # One size for all three columns, so the slide reads as one piece.
    size = min(_fitting_size(lines, column_width, body_height, 20) for _, lines in columns)
    for index, (heading, lines) in enumerate(columns):
        left = Emu(int(MARGIN + index * (column_width + gap)))
        _text_box(slide, left, top, column_width, heading_height, [Line("", lead=heading)], 18,
                  lead_colour=MSO_THEME_COLOR.ACCENT_1, name=f"{heading} heading")
        _text_box(slide, left, Emu(top + heading_height), column_width, body_height, lines, size, name=heading)
    _notes(slide, _rung_notes(view, labels))
    return slide


def _add_summary_slide(prs, context: GuideContext, rung_slides) -> None:
    slide = prs.slides.add_slide(_layout(prs, "Title Only"))
    _set_title(slide, "The ladder at a glance")
    area_top = Inches(1.75)
    area_width = prs.slide_width - 2 * MARGIN
    area_height = prs.slide_height - area_top - Inches(0.45)
    steps = staircase(len(context.rungs), area_width, area_height, gap=Inches(0.08))
    for step, view in zip(steps, context.rungs):
        target = rung_slides.get(view.rung.id)
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(int(MARGIN + step.x)), Emu(int(area_top + step.y)),
                                       Emu(int(step.width)), Emu(int(step.height)))
        shape.name = f"Step {view.number}: {view.rung.title}"
        shape.shadow.inherit = False
        shape.fill.solid()
        top_step = view.number == view.total
        ink = MSO_THEME_COLOR.BACKGROUND_1
        if target is None:  # a rung this deck leaves out: shown for context, pale and not linked
            shape.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
            ink = MSO_THEME_COLOR.TEXT_2
        elif top_step:
            shape.fill.fore_color.theme_color = MSO_THEME_COLOR.TEXT_2
        else:  # darker as the ladder rises, which also keeps the white labels readable
            shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
            shape.fill.fore_color.brightness = -round(0.2 + 0.3 * (view.number - 1) / max(view.total - 1, 1), 2)
        shape.line.fill.background()
        if target is not None:
            shape.click_action.target_slide = target
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = frame.margin_top = Inches(0.1)
        number = frame.paragraphs[0]
        number.alignment = PP_ALIGN.LEFT
        run = number.add_run()
        run.text = str(view.number)
        run.font.size, run.font.bold = Pt(24), True
        run.font.color.theme_color = ink
        title = frame.add_paragraph()
        title.alignment = PP_ALIGN.LEFT
        run = title.add_run()
        run.text = view.rung.title
        run.font.size, run.font.bold = Pt(MIN_BODY_PT), True
        run.font.color.theme_color = ink
    names = ", ".join(view.rung.title for view in context.rungs)
    _notes(slide, [f"The whole ladder, lowest rung at the left: {names}.",
                   "Click a step to jump back to that rung's slide.",
                   *context.ladder.conclusion.paragraphs])


def render(context: GuideContext, target: Path) -> None:
    prs = Presentation(str(_template_path()))
    labels = context.ladder.labels
    prs.core_properties.title = context.ladder.title
    prs.core_properties.author = context.ladder.source.author
    prs.core_properties.language = context.ladder.language
    now = datetime.now(timezone.utc).replace(tzinfo=None)  # the template's own dates are when it was made
    prs.core_properties.created = prs.core_properties.modified = now
    prs.core_properties.last_modified_by = "guidegen"
    _add_title_slide(prs, context)
    rung_slides = {view.rung.id: _add_rung_slide(prs, view, labels) for view in context.shown}
    _add_summary_slide(prs, context, rung_slides)
    prs.save(str(target))
