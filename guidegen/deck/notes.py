"""Speaker notes: what a trainer says on each slide, built from the ladder's data.

Every sentence goes through the ladder's language catalogue (``view.messages``); English grammar the data
drives ("an APM") is applied only in English.
"""

from __future__ import annotations

from guidegen.view.ladder_view import LadderView, RungView
from guidegen.view.text_items import spoken
from guidegen.view.language import Messages


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


def _who(short: str, t: Messages) -> str:
    """A rung's short name as the subject of a sentence: "an APM" in English, the name as it is elsewhere."""
    return with_article(short) if t.is_english else short


def key_message(view: RungView) -> str:
    """The one thing to leave the room with about a rung, from its data: how its reach and its
    competencies grow from the rung below."""
    rung, t = view.rung, view.messages
    if view.previous is None:
        if rung.scope:
            return t("Key message: this is where the ladder starts ({scope}).", scope=rung.scope)
        return t("Key message: this is where the ladder starts.")
    parts = []
    if rung.scope and view.changes.scope_before and rung.scope != view.changes.scope_before:
        parts.append(t("the reach grows from \u201c{before}\u201d to \u201c{after}\u201d",
                       before=view.changes.scope_before, after=rung.scope))
    grown = [step.competency.name for step in view.changes.grown + view.changes.started]
    if grown:
        parts.append(t("more is asked of {competencies}", competencies=t.join(grown[:3])))
    if not parts:
        return t("Key message: {short} builds on {previous} with the lists on the slide.", short=rung.short,
                 previous=view.previous.short)
    return t("Key message: from {previous} to {short}, {changes}.", previous=view.previous.short, short=rung.short,
             changes=t.join(parts))


def _questions(questions: list[str], t: Messages) -> str:
    return "\n".join([t("Questions for the room:")] + [f"{n}. {q}" for n, q in enumerate(questions, start=1)])


ALL_SECTIONS = frozenset({"responsibilities", "expectations", "leadership", "soft_skills"})


def rung_notes(view: RungView, context: LadderView, sections: frozenset[str] = ALL_SECTIONS, first: bool = True,
               last: bool = True) -> list[str]:
    """A key message, what the slide does not say, questions for the room and a bridge to the next rung.

    A rung shown over several slides shares its script out: the key message and what changed on the
    first, questions about the ``sections`` each slide shows, the story and the bridge on the ``last``.
    """
    rung, labels, t = view.rung, context.labels, context.messages
    notes = [_opening(view, context) if first else _continued(view, context, sections)]
    points = _talking_points(view, context) if first and view.previous is not None else []
    if points:
        notes.append("\n".join([t("Talking points:")] + points))
    if rung.soft_skills and "soft_skills" in sections:
        notes.append("\n".join([t("{heading} to draw out:", heading=labels.soft_skills)]
                               + [f"- {skill.name}: {skill.description}" for skill in rung.soft_skills]))
    if rung.example is not None and last:
        notes.append(t("The next slide tells the story of {who} at work ({setting}).", who=_who(rung.short, t),
                       setting=rung.example.setting))
    questions = _rung_questions(view, context, sections, first)
    if questions:
        notes.append(_questions(questions, t))
    if last:
        notes.append(_bridge(view, context))
    return notes


def _opening(view: RungView, context: LadderView) -> str:
    """The first slide's opening: which rung this is, on which track, and its key message."""
    rung, t = view.rung, context.messages
    opening = t("{title} ({short}), rung {number} of {total}.", title=rung.title, short=rung.short,
                number=view.number, total=view.total)
    if view.track is not None:
        opening += " " + t("{track} track.", track=view.track.name)
    return opening + " " + key_message(view)


def _continued(view: RungView, context: LadderView, sections: frozenset[str]) -> str:
    """A continuation slide's opening: the sections it goes on with."""
    t = context.messages
    return t("{title}, continued: {headings}.", title=view.rung.title, headings=t.join(
        [getattr(context.labels, section) for section in ("responsibilities", "expectations", "leadership",
                                                          "soft_skills") if section in sections]))


def _talking_points(view: RungView, context: LadderView) -> list[str]:
    """What the slide does not say already: how each competency moved from the rung below, and what is new."""
    t, previous = context.messages, view.previous.short
    points = []
    grown = [t("{competency} (from {before} to {after})", competency=step.competency.name,
               before=spoken(step.before), after=spoken(step.now)) for step in view.changes.grown]
    started = [step.competency.name for step in view.changes.started]
    new = _unique_names(view.changes.leadership + view.changes.soft_skills)
    if grown:
        points.append("- " + t("What grows compared with {previous}: {items}.", previous=previous,
                               items=t.join(grown)))
    if started:
        points.append("- " + t("Starting at this rung: {items}.", items=t.join(started)))
    if new and not context.has_grid:
        points.append("- " + t("New compared with {previous}: {items}.", previous=previous,
                               items=t.join([skill.name for skill in new])))
    kept = view.changes.carried_responsibilities
    if kept:
        points.append("- " + t("Still expected from {previous}: {items}", previous=previous, items=t.join(kept)))
    return points


def _rung_questions(view: RungView, context: LadderView, sections: frozenset[str], first: bool) -> list[str]:
    """Questions for the room about the sections this slide shows (and, on the first, its expectations)."""
    rung, t = view.rung, context.messages
    questions = []
    if rung.responsibilities and "responsibilities" in sections:
        questions.append(t("Which of these responsibilities do you already carry today, and which would stretch "
                           "you?"))
    if rung.leadership and "leadership" in sections:
        questions.append(t("Where have you seen {skill} make a difference to a team? What did it look like?",
                           skill=rung.leadership[0].name))
    if rung.soft_skills and "soft_skills" in sections:
        questions.append(t("Of {skills}, which would you most like to practice in the next quarter, and how?",
                           skills=t.join([skill.name for skill in rung.soft_skills[:3]])))
    if view.expectations and len(questions) < 3 and (first or "expectations" in sections):
        questions.append(t("Which of these expectations ({competencies}) can you already show with an example from "
                           "your own work?", competencies=t.join([s.competency.name for s in view.expectations[:3]])))
    return questions


def _bridge(view: RungView, context: LadderView) -> str:
    """The lead into the rung (or rungs, where the ladder forks) above; or, at the top, what to ask instead."""
    rung, t = view.rung, context.messages
    ups = context.above(view)
    if not ups:
        top = t("This is the top of the {track} track.", track=view.track.name) if view.track \
            else t("This is the top of the ladder.")
        return top + " " + t("Ask the room what {title} looks like in our own organization, and who they would go "
                             "to for advice on the way there.", title=rung.title)
    bridges = [_bridge_to(above, context, several=len(ups) > 1) for above in ups]
    return t("Lead into the next rung: {bridges} Ask the room what {who} would need to learn to get there.",
             bridges=" ".join(bridges), who=_who(rung.short, t))


def _bridge_to(above: RungView, context: LadderView, several: bool) -> str:
    """What one rung above asks more of, and what it adds; named with its track when there are ``several``."""
    t = context.messages
    moved = above.changes.grown + above.changes.started
    grown = [f"{step.competency.name} ({spoken(step.now)})" for step in moved]
    named = {step.now.casefold() for step in moved}
    added = [skill.name for skill in above.changes.leadership if skill.name.casefold() not in named]
    said = ([t("asks more of {items}", items=t.join(grown))] if grown else []) + (
        [t("adds {items}", items=t.join(added))] if added else [])
    where = (t("{title} ({short}), on the {track} track,", title=above.rung.title, short=above.rung.short,
               track=above.track.name) if above.track is not None and several
             else f"{above.rung.title} ({above.rung.short})")
    if said:
        return t("{rung} {changes}.", rung=where, changes=t.join(said))
    return t("{rung} builds on the same foundations.", rung=where)


def title_notes(context: LadderView) -> list[str]:
    shown, t = context.shown, context.messages
    return [
        *context.ladder.introduction,
        *context.ladder.company_introduction,
        (t("Today we look at one rung, {title}: what the role is, what it asks of you and what comes next, then "
           "where it sits on the ladder as a whole.", title=shown[0].rung.title) if len(shown) == 1 else
         t("Today we walk through {count} rungs, from {first} to {last}, then look at the ladder as a whole.",
           count=len(shown), first=shown[0].rung.title, last=shown[-1].rung.title)),
        *([t("Source: {attribution}.", attribution=context.attribution)] if context.attribution else []),
    ]


def agenda_notes(context: LadderView) -> list[str]:
    labels, t = context.labels, context.messages
    rungs = [view.rung for view in context.shown]
    parts = [label for label, present in (
        (t("what the role is"), any(r.what_it_is for r in rungs)), (labels.scope, any(r.scope for r in rungs)),
        (labels.responsibilities, any(r.responsibilities for r in rungs)),
        (labels.expectations, any(view.expectations for view in context.shown)),
        (labels.leadership, any(r.leadership for r in rungs)), (labels.soft_skills, any(r.soft_skills for r in rungs)),
    ) if present]
    if t.is_english:
        parts = [part.lower() for part in parts]
    return [t("Set expectations: one slide per rung, showing {parts}. Questions are welcome throughout.",
              parts=t.join(parts)),
            t("Ask the room to keep in mind the rung they are on today and the one they are aiming for.")]


def story_notes(view: RungView, context: LadderView) -> list[str]:
    """The story to tell, and questions about it drawn from this rung's own content."""
    rung, t = view.rung, context.messages
    questions = []
    for step in (view.changes.grown + view.changes.started)[:2]:
        name = step.competency.name.lower() if t.is_english else step.competency.name
        questions.append(t("Where in this story do you see {competency} ({expectation})?", competency=name,
                           expectation=spoken(step.now)))
    if len(questions) < 2 and rung.leadership:
        questions.append(t("Where in this story do you see {skill}?", skill=rung.leadership[0].name))
    if len(questions) < 2 and rung.responsibilities:
        questions.append(t("Which of this rung's responsibilities does the story show, and which does it leave "
                           "out?"))
    questions.append(t("What would you have done first in that situation?"))
    return [t("Tell the story ({setting}): {story}", setting=rung.example.setting, story=rung.example.story),
            _questions(questions, t)]


def summary_notes(context: LadderView, looking_back: bool = False) -> list[str]:
    t = context.messages
    names = ", ".join(view.rung.title + (f" ({view.rung.scope})" if view.rung.scope else "") for view in context.rungs)
    forks = ""
    if context.forks:
        tracks = [segment.track.name for segment in context.segments if segment.track]
        forks = " " + t("Where steps stand side by side the ladder forks, left to right: {tracks}.",
                        tracks=t.join(tracks))
    link = (t("Each step is a link: click one to go back to that rung's slide.") if len(context.shown) > 1 else
            t("The highlighted step, {title}, links back to its slide; the others show where the ladder goes from "
              "here.", title=context.shown[0].rung.title))
    if looking_back:
        labels = context.labels
        pool = labels.competencies if context.has_grid else t.join([labels.leadership, labels.soft_skills], "or")
        return [t("Back to the whole ladder, now that every rung has been seen: {names}.", names=names) + forks, link,
                t("Activity (about five minutes): ask each person to place themselves on the staircase, the step "
                  "they are on today, and to name one of the {pool} they will grow to reach the next. Pair people "
                  "on neighbouring steps to compare, then take two or three answers to the room.",
                  pool=pool.lower() if t.is_english else pool)]
    return [t("The map of today's session, lowest rung at the left: {names}.", names=names) + forks, link,
            t("Ask: which step are you on today, and which one are you reaching for?")]


def thread_notes(context: LadderView, views: list[RungView], competencies: list[str]) -> list[str]:
    """How to read a competency table, and what to ask about it."""
    t = context.messages
    span = (t("from {first} to {last}", first=views[0].rung.title, last=views[-1].rung.title) if len(views) > 1
            else t("at {title}", title=views[0].rung.title))
    return [t("Each row is one competency ({competencies}); each column a rung, {span}. Read a row from left to "
              "right to see how the same competency grows; an empty cell means it is not expected yet, "
              "\u201cas before\u201d that the rung keeps the expectation to its left.",
              competencies=t.join(competencies), span=span),
            t("Ask: pick one row. Where are you on it today, and what would the next cell to the right look like in "
              "your own work?")]


def closing_notes(context: LadderView, points: list[str] | None = None) -> list[str]:
    t = context.messages
    return [*([t("Recap: {points}", points=" ".join(points))] if points else []),
            *(context.ladder.conclusion.paragraphs if context.ladder.conclusion else []),
            *context.ladder.company_closing,
            t("Close by asking each person to write down one skill from today's rungs to practice next, and to share "
              "it with their manager.")]
