"""Balance a chapter's sections between the guide's two columns, before WeasyPrint lays them out.

The figures mirror the stylesheet (guide.css.j2): page and column widths, the
body's 10 pt on 1.45 lines, heading and item spacing. Estimates run a little
high, which only matters for deciding whether two columns fit on one page.
"""

from __future__ import annotations

from guidegen.view.page import PT_PER_MM, page_geometry
from guidegen.view.textmetrics import FontMetrics, font_metrics, wrap

# Text metrics of the guide's body, for balancing a chapter's two columns (see guide.css.j2).
BODY_PT, LINE = 10, 1.45


def _head_height(view, page_size: str, regular: FontMetrics) -> float:
    """Points taken above the columns: rung number, title, scope, "what it is" and the changes box."""
    full = page_geometry(page_size).content_width_mm * PT_PER_MM
    heading = 12 * 1.2 + 7 * PT_PER_MM
    height = 9 * 1.2 + 2 * PT_PER_MM + 24 * 1.2 + 4 * PT_PER_MM  # kicker, title
    rung = view.rung
    if rung.scope or rung.leads or rung.presents_to:
        height += 9.5 * 1.45 * 2 + 3 * PT_PER_MM
    if rung.what_it_is:
        height += heading + len(wrap(rung.what_it_is, regular, 11.5, full - 7 * PT_PER_MM)) * 11.5 * 1.45
    changes, row_width = view.changes, full - 46 * PT_PER_MM
    if view.previous is not None:  # the change list (changes.html.j2): the scope's shift, and new skills
        rows = 1 if rung.scope and changes.scope_before and rung.scope != changes.scope_before else 0
        if not changes.threads:  # a ladder with competencies shows them in the table below instead
            rows += 1 + sum(len(wrap("Adds " + ", ".join(skill.name for skill in skills) + ".", regular, 9.5,
                                     row_width)) for skills in (changes.leadership, changes.soft_skills))
        height += heading + rows * 9.5 * 1.45 + 4 * PT_PER_MM
    if changes.threads:  # the competencies table: each row as tall as its longest cell, at 9 pt
        cell = (full - 40 * PT_PER_MM) / (2 if view.previous is not None else 1) - 4 * PT_PER_MM
        height += heading + 9 * 1.35 + sum(
            max(len(wrap(text or "", regular, 9, cell)) for text in (step.before, step.shown)) * 9 * 1.35
            + 2 * PT_PER_MM for step in changes.threads)
    return height
def column_split(view, page_size: str, family: str | None) -> list[list[dict]]:
    """A chapter's sections in two columns of about equal height.

    CSS columns balance themselves, but WeasyPrint does it by laying the
    content out again and again, which made long ladders take minutes. So the
    split is worked out here, from the text's own font metrics, item by item:
    a section may run on from the bottom of the left column to the top of the
    right one, and its heading always stays with its first item.
    """
    width = page_geometry(page_size).column_width_mm * PT_PER_MM
    regular, bold = font_metrics(family or "Inter"), font_metrics(family or "Inter", bold=True)
    line = BODY_PT * LINE
    heading = 12 * 1.2 + 7 * PT_PER_MM

    def lines(text, font=regular, size=BODY_PT, indent=0.0):
        return len(wrap(text, font, size, width - indent))

    rung = view.rung
    units = []  # (section, item index, height)
    for index, item in enumerate(rung.responsibilities):
        units.append(("responsibilities", index, lines(item, indent=6 * PT_PER_MM) * line + 1 * PT_PER_MM))
    for section in ("leadership", "soft_skills"):
        for index, skill in enumerate(getattr(rung, section)):
            height = (lines(skill.name, bold) + lines(skill.description)) * line + 2 * PT_PER_MM
            units.append((section, index, height))
    if rung.example is not None:
        story = lines(rung.example.story, indent=10 * PT_PER_MM) + lines(rung.example.setting, bold, indent=10 * PT_PER_MM)
        units.append(("example", 0, story * line + 12 * PT_PER_MM))
    if not units:  # a rung of a framework that holds only expectations: nothing to set in columns
        return []
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
    parts = (units[:split], units[split:]) if best <= room * 1.05 else (units,)  # estimates run ~8% high
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
