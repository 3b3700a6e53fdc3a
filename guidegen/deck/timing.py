"""A session's minutes shared out over its slides: the trainer's running order in the speaker notes.

Each kind of slide has a weight in minutes for an ordinary session; the weights are scaled to the
session's length and rounded so that the whole minutes still add up to it exactly.
"""

from __future__ import annotations

# Minutes a slide of each kind takes in an unhurried session, before scaling to the session's length.
# A rung over two slides ("rung part" each) takes longer than one on a single slide.
WEIGHTS = {"title": 1.0, "agenda": 1.0, "map": 3.0, "rung": 3.5, "rung part": 2.5, "continued": 1.5,
           "story": 3.0, "revisit": 8.0, "competencies": 2.0, "closing": 5.0}


def share(weights: list[float], total: int) -> list[int]:
    """``total`` whole minutes in proportion to ``weights``, every slide at least one minute when the
    session is long enough, the parts adding up to ``total`` (largest remainders get the spare minutes)."""
    if not weights:
        return []
    floor = 1 if total >= len(weights) else 0
    spare = total - floor * len(weights)
    whole = sum(weights)
    exact = [spare * weight / whole for weight in weights]
    minutes = [int(value) for value in exact]
    left = spare - sum(minutes)
    for index in sorted(range(len(exact)), key=lambda i: exact[i] - minutes[i], reverse=True)[:left]:
        minutes[index] += 1
    return [floor + value for value in minutes]


def clock(minutes: int) -> str:
    """Minutes into the session as h:mm."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def timing_lines(kinds: list[str], total: int, messages=None) -> list[str]:
    """For each slide (by kind, in order), the line its notes open with: how long, and when."""
    from guidegen.view.language import ENGLISH

    t = messages or ENGLISH
    minutes = share([WEIGHTS[kind] for kind in kinds], total)
    lines, start = [], 0
    for value in minutes:
        lines.append(t("Timing: about {minutes} min ({start} to {end} of a {total}-minute session).", minutes=value,
                       start=clock(start), end=clock(start + value), total=total))
        start += value
    return lines
