"""The competency threads as editable tables, as ``threads.py`` plans them: one competency per row, one rung
per column, a group's name across its row, and an expectation carried from the left in muted italics."""

from __future__ import annotations

from pptx.util import Pt

from guidegen.deck import notes
from guidegen.deck.measure import INSET, emu
from guidegen.deck.ooxml import rgb
from guidegen.deck.threads import CELL_INSET_Y, ThreadTable, plan_thread_tables
from guidegen.deck.writer import SlideWriter


def thread_slides(writer: SlideWriter) -> None:
    """One slide per table, numbered when the threads take more than one."""
    labels = writer.labels
    tables = plan_thread_tables(writer.context, writer.body, writer.content_width, writer.content_height)
    for number, table in enumerate(tables, start=1):
        title = labels.competencies if len(tables) == 1 else f"{labels.competencies} ({number}/{len(tables)})"
        slide = writer.slide(writer.plain_layout, title)
        _write_table(writer, slide, table)
        writer.notes(slide, notes.thread_notes(writer.context, table.views, [row.label for row in table.rows
                                                                             if not row.group]), "competencies")


def _write_table(writer: SlideWriter, slide, table: ThreadTable) -> None:
    columns = 1 + len(table.views)
    total_width = table.name_width + table.column_width * len(table.views)
    total_height = table.header_height + sum(row.height for row in table.rows)
    frame = slide.shapes.add_table(1 + len(table.rows), columns,
                                   emu(writer.mirrored(writer.content_left, total_width)),
                                   emu(writer.content_top), emu(total_width), emu(total_height))
    frame.name = writer.labels.competencies
    grid = frame.table
    grid.columns[0].width = emu(table.name_width)
    for index in range(len(table.views)):
        grid.columns[index + 1].width = emu(table.column_width)
    grid.rows[0].height = emu(table.header_height)
    muted = rgb(writer.theme.muted)
    _fill(grid.cell(0, 0), writer.labels.competencies, table.size, bold=True)
    for index, view in enumerate(table.views, start=1):
        _fill(grid.cell(0, index), view.rung.short, table.size, bold=True)
    for number, row in enumerate(table.rows, start=1):
        grid.rows[number].height = emu(row.height)
        if row.group:
            grid.cell(number, 0).merge(grid.cell(number, columns - 1))
            _fill(grid.cell(number, 0), row.label, table.size, bold=True, colour=rgb(writer.theme.accent_text))
            continue
        _fill(grid.cell(number, 0), row.label, table.size, bold=True)
        for index, (text, carried) in enumerate(zip(row.cells, row.carried), start=1):
            if text:
                _fill(grid.cell(number, index), text, table.size, bold=False, colour=muted if carried else None,
                      italic=carried)


def _fill(cell, text: str, size: float, *, bold: bool, colour=None, italic: bool = False) -> None:
    """One cell's text, with the insets the table was measured with."""
    cell.margin_left = cell.margin_right = INSET
    cell.margin_top = cell.margin_bottom = CELL_INSET_Y
    cell_frame = cell.text_frame
    cell_frame.word_wrap = True
    paragraph = cell_frame.paragraphs[0]
    paragraph.line_spacing = 1.0
    for index, line in enumerate(text.split("\n")):  # a list: one item to a line, as it was measured
        if index:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.italic = italic
        if colour is not None:
            run.font.color.rgb = colour
