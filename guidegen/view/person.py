"""What a personal handout shows of its person, from the view: the band, the welcome, the growth
toward the target."""

from __future__ import annotations

from datetime import date

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
    """What the personal parts of the handout show, from the view: the band, the welcome, the growth
    toward the target."""
    from types import SimpleNamespace

    from guidegen.view.ladder_view import ThreadStep
    from guidegen.view.language import long_date

    views = {view.rung.id: view for view in context.rungs}
    current = views[person.rung]
    target = views.get(person.target) if person.target else None
    growth = None
    if target is not None:
        now_steps = {step.competency.id: step for step in current.expectations}
        threads = []
        for step in target.expectations:
            mine = now_steps.get(step.competency.id)
            before = mine.shown if mine is not None else None
            threads.append(ThreadStep(step.competency, before, step.shown if step.shown != before else None))
        own = {item.casefold() for item in current.rung.responsibilities}
        # A skill the target lists twice (the article's Senior PM has Mentorship as leadership and as a soft
        # skill) is named once, as it is first listed.
        known = {skill.name.casefold() for skill in current.rung.leadership + current.rung.soft_skills}
        new_skills = []
        for skill in target.rung.leadership + target.rung.soft_skills:
            if skill.name.casefold() not in known:
                known.add(skill.name.casefold())
                new_skills.append(skill)
        growth = SimpleNamespace(
            changes=SimpleNamespace(threads=[step for step in threads if step.before or step.now]),
            responsibilities=[item for item in target.rung.responsibilities if item.casefold() not in own],
            skills=new_skills,
        )
    return {
        "name": person.name, "rung": current, "target": target, "manager": person.manager, "team": person.team,
        "note": person.note, "growth": growth,
        "start": long_date(person.start_date, context.ladder.language) if person.start_date else None,
        "welcome": person.start_date is not None and person.start_date > today,
    }
