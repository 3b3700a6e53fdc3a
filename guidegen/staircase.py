"""Geometry of the ladder drawn as a staircase, shared by the PDF and the deck.

Step ``i`` (0 for the lowest rung) stands at the left of step ``i + 1`` and
is one riser lower, so the drawing reads from the lowest rung at the bottom
left to the highest at the top right.
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


def staircase(count: int, width: float, height: float, *, gap: float = 0.0, top_space: float = 0.0) -> list[Step]:
    """``count`` columns filling ``width`` x ``height``, rising to the right.

    ``top_space`` is left free above the highest step (for its label); each
    column reaches one riser higher than the one before it.
    """
    if count < 1:
        return []
    step_width = (width - gap * (count - 1)) / count
    riser = (height - top_space) / count
    steps = []
    for index in range(count):
        column_height = riser * (index + 1)
        steps.append(Step(index, index * (step_width + gap), height - column_height, step_width, column_height))
    return steps
