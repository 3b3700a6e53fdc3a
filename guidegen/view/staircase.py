"""Geometry of the ladder drawn as a staircase, shared by the PDF and the deck.

Step ``i`` (0 for the lowest rung) stands at the left of step ``i + 1`` and
is one riser lower, so the drawing reads from the lowest rung at the bottom
left to the highest at the top right (``LadderView.steps`` mirrors it for a
language read from the right).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    index: int
    x: float
    y: float  # top edge, measured down from the top of the drawing
    width: float
    height: float


def staircase(count: int, width: float, height: float, *, max_gap: float = 0.0, base: float = 0.3) -> list[Step]:
    """``count`` columns filling ``width`` x ``height``, rising to the right.

    The lowest column is ``base`` (a fraction of ``height``) tall, so that
    even it has room for a label; each column is one riser taller than the
    one before it, and the highest fills the height. Columns stand ``max_gap``
    apart, closer on a long ladder, whose drawing would otherwise be mostly gaps.
    """
    if count < 1:
        return []
    gap = min(max_gap, width / count * 0.12)
    step_width = (width - gap * (count - 1)) / count
    lowest = height * base if count > 1 else height
    riser = (height - lowest) / max(count - 1, 1)
    steps = []
    for index in range(count):
        column_height = lowest + riser * index
        steps.append(Step(index, index * (step_width + gap), height - column_height, step_width, column_height))
    return steps


# How the steps are labelled, best first, in both documents: each renderer takes the first kind that
# fits every step at a size it can show, else no label at all (the alt text still names every rung).
STEP_LABELS = ("title", "short", "number")


def step_label(kind: str, rung) -> str | None:
    """The words a step of ``kind`` shows beside its number (none for "number")."""
    return {"title": rung.title, "short": rung.short}.get(kind)
