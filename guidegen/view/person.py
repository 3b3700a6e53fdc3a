"""What a personal handout shows of its person, from the view: the band, the welcome, the growth
toward the target."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from guidegen.view.changes import skill_key
from guidegen.view.ladder_view import LadderView, RungView


def further_up(context: LadderView, view: RungView) -> list[RungView]:
    """Every rung further up ``view``'s ladder, on any track after a fork."""
    found: dict[str, RungView] = {}
    frontier = list(context.above(view))
    while frontier:
        up = frontier.pop()
        if up.rung.id not in found:
            found[up.rung.id] = up
            frontier.extend(context.above(up))
    return list(found.values())


def reachable_rungs(context: LadderView) -> dict[str, set[str]]:
    """For each rung id, the ids of every rung further up its ladder: where a person may aim."""
    return {view.rung.id: {above.rung.id for above in further_up(context, view)} for view in context.rungs}


def person_context(person, context: LadderView, today: date) -> dict:
    """What the personal parts of the handout show: the band, the welcome, and the growth toward the target
    (``LadderView.changes_between``, as a chapter compares a rung with the one below it)."""
    from guidegen.view.language import long_date

    views = {view.rung.id: view for view in context.rungs}
    current = views[person.rung]
    target = views.get(person.target) if person.target else None
    growth = None
    if target is not None:
        changes = context.changes_between(current, target)
        # A skill the person's rung names in either list is not new, whichever list the target puts it in.
        known = {skill_key(skill) for skill in current.rung.leadership + current.rung.soft_skills}
        growth = SimpleNamespace(changes=changes, responsibilities=changes.responsibilities,
                                 skills=[skill for skill in changes.new_skills if skill_key(skill) not in known])
    return {
        "name": person.name, "rung": current, "target": target, "manager": person.manager, "team": person.team,
        "note": person.note, "growth": growth,
        "start": long_date(person.start_date, context.ladder.language) if person.start_date else None,
        "welcome": person.start_date is not None and person.start_date > today,
    }
