"""Speaker notes: what a trainer says on each slide, built from the ladder's data."""

from __future__ import annotations

from guidegen.view.ladder_view import LadderView, RungView


def _names(skills) -> str:
    names = [skill.name for skill in skills]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# Initials read letter by letter whose first letter's name starts with a vowel sound: "an MBA", "an SRE".
_VOWEL_SOUNDING_LETTERS = set("AEFHILMNORSX")


def with_article(phrase: str) -> str:
    """``phrase`` after "a" or "an" as it is spoken: "an APM", "a PM", "an engineer", "a user", "an SRE"."""
    word = phrase.split()[0] if phrase.split() else phrase
    letters = word.strip("\"'(")
    if len(letters) > 1 and letters.isupper():  # initials: by the sound of the first letter's name
        vowel = letters[0] in _VOWEL_SOUNDING_LETTERS
    else:
        lower = letters.lower()
        vowel = lower[:1] in "aeiou" and not lower.startswith(("uni", "use", "usu", "eu", "one", "once")) \
            or lower.startswith(("hour", "honest", "honou", "heir"))
    return f"{'an' if vowel else 'a'} {phrase}"


def _unique_names(skills) -> list:
    """``skills`` once each by name, whatever the section they come from."""
    seen: set[str] = set()
    unique = []
    for skill in skills:
        if skill.name.casefold() not in seen:
            seen.add(skill.name.casefold())
            unique.append(skill)
    return unique


def _said(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def key_message(view: RungView) -> str:
    """The one thing to leave the room with about a rung, from its data: how its reach and its
    competencies grow from the rung below."""
    rung = view.rung
    if view.previous is None:
        reach = f" {rung.scope}" if rung.scope else ""
        return (f"Key message: this is where the ladder starts, with the {rung.short}, who "
                f"{reach.strip()[:1].lower() + reach.strip()[1:]}." if reach and reach.split()[0].endswith("s")
                else "Key message: this is where the ladder starts" + (f" ({reach.strip()})." if reach else "."))
    parts = []
    if rung.scope and view.changes.scope_before and rung.scope != view.changes.scope_before:
        parts.append(f"the reach grows from \u201c{view.changes.scope_before}\u201d to \u201c{rung.scope}\u201d")
    grown = [step.competency.name for step in view.changes.grown + view.changes.started]
    if grown:
        parts.append(f"more is asked of {_said(grown[:3])}")
    if not parts:
        return f"Key message: {rung.short} builds on {view.previous.short} with the lists on the slide."
    return f"Key message: from {view.previous.short} to {rung.short}, " + " and ".join(parts) + "."


def rung_notes(view: RungView, context: LadderView) -> list[str]:
    """Talking points, the example as a story, questions for the room and a bridge to the next rung."""
    rung, labels = view.rung, context.ladder.labels
    opening = f"{rung.title} ({rung.short}), rung {view.number} of {view.total}."
    if view.track is not None:
        opening += f" {view.track.name} track."
    notes = [opening + " " + key_message(view)]

    # What the slide does not say already: how each competency moved, what is new, and where to linger.
    points = ["Talking points:"]
    if view.previous is not None:
        grown = [f"{step.competency.name} (from {step.before} to {step.now})" for step in view.changes.grown]
        started = [step.competency.name for step in view.changes.started]
        new = _unique_names(view.changes.leadership + view.changes.soft_skills)
        if grown:
            points.append(f"- What grows compared with {view.previous.short}: {_said(grown)}.")
        if started:
            points.append(f"- Starting at this rung: {_said(started)}.")
        if new and not context.has_grid:
            points.append(f"- New compared with {view.previous.short}: {_names(new)}.")
        kept = view.changes.carried_responsibilities
        if kept:
            points.append(f"- Still expected from {view.previous.short}: {_said(kept)}")
    if len(points) > 1:
        notes.append("\n".join(points))

    if rung.soft_skills:
        notes.append("\n".join([f"{labels.soft_skills} to draw out:"]
                               + [f"- {skill.name}: {skill.description}" for skill in rung.soft_skills]))

    if rung.example is not None:
        notes.append(f"The next slide tells the story of {with_article(rung.short)} at work "
                     f"({rung.example.setting}).")

    questions = ["Questions for the room:"]
    if rung.responsibilities:
        questions.append(f"Which of these {labels.responsibilities.lower()} do you already carry today, "
                         f"and which would stretch you?")
    if rung.leadership:
        questions.append(f"Where have you seen {rung.leadership[0].name} make a difference to a team? "
                         f"What did it look like?")
    if rung.soft_skills:
        questions.append(f"Of {_names(rung.soft_skills[:3])}, which would you most like to practice in the next "
                         f"quarter, and how?")
    if view.expectations and len(questions) < 4:
        questions.append(f"Which of these expectations ({_said([s.competency.name for s in view.expectations[:3]])}"
                         f"{', ...' if len(view.expectations) > 3 else ''}) can you already show with an example "
                         f"from your own work?")
    notes.append("\n".join([questions[0]] + [f"{n}. {q}" for n, q in enumerate(questions[1:], start=1)]))

    ups = context.above(view)
    if ups:
        bridges = []
        for above in ups:
            moved = above.changes.grown + above.changes.started
            grown = [f"{step.competency.name} ({step.now})" for step in moved]
            named = {step.now.casefold() for step in moved}
            added = [skill for skill in above.changes.leadership if skill.name.casefold() not in named]
            bridge = f"{above.rung.title} ({above.rung.short})"
            if above.track is not None and len(ups) > 1:
                bridge += f", on the {above.track.name} track,"
            said = ([f"asks more of {_said(grown)}"] if grown else []) + ([f"adds {_names(added)}"] if added else [])
            bridge += f" {' and '.join(said)}." if said else " builds on the same foundations."
            bridges.append(bridge)
        notes.append("Lead into the next rung: " + " ".join(bridges)
                     + f" Ask the room what {with_article(rung.short)} would need to learn to get there.")
    else:
        notes.append(f"This is the top of {'the ' + view.track.name + ' track' if view.track else 'the ladder'}. "
                     f"Ask the room what {rung.title} looks like in our own organization, and who they would go to "
                     f"for advice on the way there.")
    return notes


def title_notes(context: LadderView) -> list[str]:
    shown = context.shown
    return [
        *context.ladder.introduction,
        *context.ladder.company_introduction,
        (f"Today we look at one rung, {shown[0].rung.title}: what the role is, what it asks of you and what "
         f"comes next, then where it sits on the ladder as a whole." if len(shown) == 1 else
         f"Today we walk through {len(shown)} rungs, from {shown[0].rung.title} to {shown[-1].rung.title}, "
         f"then look at the ladder as a whole."),
        *([f"Source: {context.attribution}."] if context.attribution else []),
    ]


def agenda_notes(context: LadderView) -> list[str]:
    labels = context.ladder.labels
    rungs = [view.rung for view in context.shown]
    parts = [label.lower() for label, present in (
        ("what the role is", any(r.what_it_is for r in rungs)), (labels.scope, any(r.scope for r in rungs)),
        (labels.responsibilities, any(r.responsibilities for r in rungs)),
        (labels.expectations, any(view.expectations for view in context.shown)),
        (labels.leadership, any(r.leadership for r in rungs)), (labels.soft_skills, any(r.soft_skills for r in rungs)),
    ) if present]
    return [f"Set expectations: one slide per rung, showing {_said(parts)}. Questions are welcome throughout.",
            "Ask the room to keep in mind the rung they are on today and the one they are aiming for."]


def story_notes(view: RungView, context: LadderView) -> list[str]:
    """The story to tell, and questions about it drawn from this rung's own content."""
    rung = view.rung
    questions = []
    for step in (view.changes.grown + view.changes.started)[:2]:
        questions.append(f"Where in this story do you see {step.competency.name.lower()} ({step.now})?")
    if len(questions) < 2 and rung.leadership:
        questions.append(f"Where in this story do you see {rung.leadership[0].name}?")
    if len(questions) < 2 and rung.responsibilities:
        questions.append(f"Which of this rung's {context.ladder.labels.responsibilities.lower()} does the story "
                         f"show, and which does it leave out?")
    questions.append("What would you have done first in that situation?")
    return [f"Tell the story ({rung.example.setting}): {rung.example.story}",
            "Questions for the room:\n" + "\n".join(f"{n}. {q}" for n, q in enumerate(questions, start=1))]


def summary_notes(context: LadderView, looking_back: bool = False) -> list[str]:
    names = ", ".join(view.rung.title + (f" ({view.rung.scope})" if view.rung.scope else "") for view in context.rungs)
    forks = ""
    if context.forks:
        tracks = [segment.track.name for segment in context.segments if segment.track]
        forks = f" Where steps stand side by side the ladder forks, left to right: {_said(tracks)}."
    linked = len(context.shown)
    link = ("Each step is a link: click one to go back to that rung's slide." if linked > 1 else
            f"The highlighted step, {context.shown[0].rung.title}, links back to its slide; the others show "
            f"where the ladder goes from here.")
    if looking_back:
        labels = context.ladder.labels
        pool = labels.competencies if context.has_grid else f"{labels.leadership} or {labels.soft_skills}"
        return [f"Back to the whole ladder, now that every rung has been seen: {names}.{forks}", link,
                f"Activity (about five minutes): ask each person to place themselves on the staircase, the step "
                f"they are on today, and to name one of the {pool.lower()} they will grow to reach the next. "
                f"Pair people on neighbouring steps to compare, then take two or three answers to the room."]
    return [f"The map of today's session, lowest rung at the left: {names}.{forks}", link,
            "Ask: which step are you on today, and which one are you reaching for?"]


def thread_notes(context: LadderView, views: list[RungView], competencies: list[str]) -> list[str]:
    """How to read a competency table, and what to ask about it."""
    span = f"from {views[0].rung.title} to {views[-1].rung.title}" if len(views) > 1 else f"at {views[0].rung.title}"
    return [f"Each row is one competency ({_said(competencies)}); each column a rung, {span}. Read a row from "
            f"left to right to see how the same competency grows; an empty cell means it is not expected yet, "
            f"\u201cas before\u201d that the rung keeps the expectation to its left.",
            "Ask: pick one row. Where are you on it today, and what would the next cell to the right look like "
            "in your own work?"]


def closing_notes(context: LadderView, points: list[str] | None = None) -> list[str]:
    return [*(["Recap: " + " ".join(points)] if points else []),
            *(context.ladder.conclusion.paragraphs if context.ladder.conclusion else []),
            *context.ladder.company_closing,
            "Close by asking each person to write down one skill from today's rungs to practice next, "
            "and to share it with their manager."]
