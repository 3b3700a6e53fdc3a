"""The competency-thread slides planned: which rungs and which competencies each table slide holds,
and how tall each row is, by measuring every cell at a size a room can read. No python-pptx.

One thread per row, one rung per column. A wide ladder's rungs are cut into runs of as many
columns as stay readable (each track's rungs together, as in the guide's grid); the rows continue
on further slides where they do not all fit.
"""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.deck.measure import EMU_PER_INCH, EMU_PER_PT, INSET, MIN_BODY_PT, Box, Measure, Para
from guidegen.view.ladder_view import LadderView, RungView, even_runs
from guidegen.view.text_items import lines

NAME_COLUMN_SHARE = 0.2  # of the table's width, for the competency names
MIN_COLUMN = int(1.45 * EMU_PER_INCH)  # a rung column narrower than this breaks ordinary words
CARRIED = "as before"  # a cell where the rung keeps the expectation to its left
CELL_INSET_Y = int(0.05 * EMU_PER_INCH)  # a table cell's top and bottom margins, as PowerPoint's own tables
_INSET_SAVED = 2 * (INSET - CELL_INSET_Y)  # Measure counts a text box's 0.1 in above and below


@dataclass(frozen=True)
class Row:
    label: str  # a competency's name, or a group's heading
    cells: tuple[str, ...]  # one per rung column; empty where nothing is expected yet
    carried: tuple[bool, ...]  # cells that only say the expectation to their left still holds
    height: int  # EMU, as measured
    group: bool = False


@dataclass(frozen=True)
class ThreadTable:
    views: list[RungView]
    header_height: int
    rows: list[Row]
    name_width: int
    column_width: int
    size: float


def _cell(view: RungView, competency_id: str) -> tuple[str, bool]:
    step = next((s for s in view.changes.threads if s.competency.id == competency_id), None)
    if step is None:
        return "", False
    return (lines(step.now), False) if step.now is not None else (view.messages(CARRIED), True)


def _clipped(body: Measure, text: str, size: float, box: Box) -> str:
    """``text`` as much of it as fits ``box``, ending in an ellipsis where cut (the guide has it whole)."""
    if not text or body.fits([Para(text)], size, box):
        return text
    words = text.split()
    while words and not body.fits([Para(" ".join(words) + "\u2026")], size, box):
        words.pop()
    return " ".join(words) + "\u2026"


def _runs(context: LadderView, per_table: int) -> list[list[RungView]]:
    """The rungs in tables of at most ``per_table``: each segment cut into runs, short runs packed together."""
    tables: list[list[RungView]] = []
    for segment in context.segments:
        for run in even_runs(segment.views, per_table):
            start = segment.views.index(run[0])
            if tables and len(tables[-1]) + len(run) <= per_table and start == 0 and segment.track is not None \
                    and all(view.track is not None for view in tables[-1]):
                tables[-1].extend(run)
            else:
                tables.append(list(run))
    return tables


def plan_thread_tables(context: LadderView, body: Measure, width: int, height: int) -> list[ThreadTable]:
    """Tables that together show every competency at every rung, each fitting ``width`` x ``height``."""
    if not context.has_grid:
        return []
    size = MIN_BODY_PT
    name_width = int(width * NAME_COLUMN_SHARE)
    per_table = max(1, min(len(context.rungs), (width - name_width) // MIN_COLUMN))
    tables = []
    for views in _runs(context, per_table):
        column_width = (width - name_width) // len(views)
        header = max(int(body.height([Para(lead=view.rung.short)], size, Box(column_width, 0)) * EMU_PER_PT)
                     - _INSET_SAVED + 1 for view in views)
        room = height - header
        rows: list[Row] = []
        for group in context.grid_groups:
            members = []
            for competency in group.competencies:
                cells = [_cell(view, competency.id) for view in views]
                if not any(text and not carried for text, carried in cells):
                    continue
                texts = tuple(_clipped(body, text, size, Box(column_width, room)) for text, _ in cells)
                tall = max([body.height([Para(lead=competency.name)], size, Box(name_width, 0))]
                           + [body.height([Para(text)], size, Box(column_width, 0)) for text in texts if text])
                members.append(Row(competency.name, texts, tuple(c for _, c in cells),
                                   int(tall * EMU_PER_PT) - _INSET_SAVED + 1))
            if members and group.label:
                tall = body.height([Para(lead=group.label)], size, Box(width, 0))
                rows.append(Row(group.label, (), (), int(tall * EMU_PER_PT) - _INSET_SAVED + 1, group=True))
            rows += members
        pages = _pages(rows, room)
        if len(pages) > 1:  # as many slides, more evenly filled: no slide left with a row or two
            tallest = max(row.height for row in rows)
            even = _pages(rows, min(room, sum(row.height for row in rows) // len(pages) + tallest))
            pages = even if len(even) == len(pages) else pages
        tables += [ThreadTable(views, header, page, name_width, column_width, size) for page in pages]
    return tables


def _pages(rows: list[Row], room: int) -> list[list[Row]]:
    """``rows`` cut into runs no taller than ``room``; a group heading never ends a run."""
    pages: list[list[Row]] = []
    page: list[Row] = []
    used = 0
    for row in rows:
        if page and used + row.height > room:
            moved = [page.pop()] if page[-1].group and len(page) > 1 else []
            pages.append(page)
            page, used = moved, sum(r.height for r in moved)
        page.append(row)
        used += row.height
    if page:
        pages.append(page)
    return pages
