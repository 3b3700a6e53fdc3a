"""Balance a chapter's sections between the guide's two columns, before WeasyPrint lays them out.

The figures are the stylesheet's own: page and column widths from view/page.py, sizes, line
heights, indents and gaps from view/type_scale.py, both rendered into guide.css.j2. Estimates run a
little high, which only matters for deciding whether two columns fit on one page.
"""

from __future__ import annotations

from guidegen.view import type_scale
from guidegen.view.page import PT_PER_MM, page_geometry
from guidegen.view.textmetrics import FontMetrics, font_metrics, wrap

SCOPE_LINES = 2  # a rung's scope, leads and audience are taken to fill two lines
FITS_WITHIN = 1.05  # two columns while the taller is at most this much of the page's room: estimates run ~8% high


def _head_height(view, page_size: str, regular: FontMetrics) -> float:
    """Points taken above the columns: rung number, title, scope, "what it is" and the changes box."""
    t = type_scale.GUIDE
    full = page_geometry(page_size).content_width_mm * PT_PER_MM
    heading = t.heading.height_pt()
    height = t.kicker.height_pt() + t.title.height_pt()
    rung = view.rung
    if rung.scope or rung.leads or rung.presents_to:
        height += t.scope.height_pt(SCOPE_LINES)
    if rung.what_it_is:
        width = full - t.lead_rule_pt - t.lead_indent_mm * PT_PER_MM
        height += heading + t.lead.height_pt(len(wrap(rung.what_it_is, regular, t.lead.size_pt, width)))
    height += _changes_height(view, view.changes, view.previous is not None, full, regular)
    for _, changes in view.joins:  # where tracks rejoin, what changes from each other track's top
        height += _changes_height(view, changes, True, full, regular)
    return height


def _changes_height(view, changes, from_below: bool, full: float, regular: FontMetrics) -> float:
    """The change list (changes.html.j2: the scope's shift, new skills) and the competencies table."""
    t = type_scale.GUIDE
    rung, heading, height = view.rung, t.heading.height_pt(), 0.0
    row_width = full - (t.changes_label_mm + t.changes_gap_mm) * PT_PER_MM
    if from_below:
        rows = 1 if rung.scope and changes.scope_before and rung.scope != changes.scope_before else 0
        if not changes.threads:  # a ladder with competencies shows them in the table below instead
            rows += 1 + sum(len(wrap("Adds " + ", ".join(skill.name for skill in skills) + ".", regular,
                                     t.changes.size_pt, row_width))
                            for skills in (changes.leadership, changes.soft_skills))
        height += heading + t.changes.height_pt(rows) + 2 * t.changes_padding_mm * PT_PER_MM
    if changes.threads:
        height += heading + _threads_height(changes, from_below, full, regular)
    return height


def _threads_height(changes, from_below: bool, full: float, regular: FontMetrics) -> float:
    """The competencies table: its header row, then each row as tall as its longest cell."""
    t = type_scale.GUIDE
    table, (top, right, bottom, left) = t.threads, t.cell_padding_mm
    columns = 2 if from_below else 1  # what the rung below expected, beside this rung's
    cell = (full - t.threads_name_mm * PT_PER_MM) / columns - (left + right) * PT_PER_MM
    return table.height_pt() + sum(
        max(len(wrap(text or "", regular, table.size_pt, cell)) for text in (step.before, step.shown)) * table.line_pt
        + (top + bottom) * PT_PER_MM for step in changes.threads)


def _units(rung, width: float, regular: FontMetrics, bold: FontMetrics) -> list[tuple[str, int, float]]:
    """The rung's items as (section, index, points tall), each heading aside, in the order they are set."""
    t = type_scale.GUIDE
    line = t.body.line_pt

    def lines(text, font=regular, indent_mm=0.0):
        return len(wrap(text, font, t.body.size_pt, width - indent_mm * PT_PER_MM))

    units = []
    item_indent = t.list_indent_mm + t.item_indent_mm
    for index, item in enumerate(rung.responsibilities):
        units.append(("responsibilities", index, lines(item, indent_mm=item_indent) * line + t.item_gap_mm * PT_PER_MM))
    for section in ("leadership", "soft_skills"):
        for index, skill in enumerate(getattr(rung, section)):
            height = (lines(skill.name, bold) + lines(skill.description)) * line + t.skill_gap_mm * PT_PER_MM
            units.append((section, index, height))
    if rung.example is not None:
        (above, side), example = t.example_padding_mm, rung.example
        story = lines(example.story, indent_mm=2 * side) + lines(example.setting, bold, indent_mm=2 * side)
        units.append(("example", 0, story * line + (2 * above + t.setting_gap_mm) * PT_PER_MM))
    return units


def column_split(view, page_size: str, family: str | None) -> list[list[dict]]:
    """A chapter's sections in two columns of about equal height.

    CSS columns balance themselves, but WeasyPrint does it by laying the
    content out again and again, which made long ladders take minutes. So the
    split is worked out here, from the text's own font metrics, item by item:
    a section may run on from the bottom of the left column to the top of the
    right one, and its heading always stays with its first item.
    """
    family = type_scale.measured_family(family)
    regular = font_metrics(family)
    units = _units(view.rung, page_geometry(page_size).column_width_mm * PT_PER_MM, regular,
                   font_metrics(family, bold=True))
    if not units:  # a rung of a framework that holds only expectations: nothing to set in columns
        return []
    heading = type_scale.GUIDE.heading.height_pt()
    heights = [height + (heading if index == 0 else 0) for _, index, height in units]

    total = sum(heights)
    best, split, left = total, len(units), 0.0
    continued_heading = heading  # a list broken between the columns repeats its heading at the top of the second
    room = page_geometry(page_size).content_height_mm * PT_PER_MM - _head_height(view, page_size, regular)
    for cut in range(1, len(units)):
        left += heights[cut - 1]
        if units[cut][1] == 1:
            continue  # a heading and one item alone at the foot of the left column: not a good place to cut
        right = total - left + (continued_heading if units[cut][1] > 0 else 0)
        taller = max(left, right)
        if taller < best:
            best, split = taller, cut

    # Two columns only when they fit on the chapter's first page: WeasyPrint moves a line of inline
    # blocks that does not fit to the next page whole, so a longer chapter flows in one column instead.
    parts = (units[:split], units[split:]) if best <= room * FITS_WITHIN else (units,)
    columns = []
    for part in parts:
        groups: list[dict] = []
        for section, index, _ in part:
            if groups and groups[-1]["section"] == section:
                groups[-1]["items"].append(index)
            else:
                groups.append({"section": section, "items": [index], "heading": index == 0})
        columns.append(groups)
    return columns
