"""What the deck says beyond the ladder's own text: its slide titles, the lesson of a rung's story, the
takeaways and the question the closing slide leaves the room with, each built from the ladder's facts."""

from __future__ import annotations

from guidegen.deck.notes import with_article
from guidegen.view.ladder_view import LadderView, RungView
from guidegen.view.language import Messages

SUMMARY_TITLE = "The ladder at a glance"  # the staircase as the map of the session, after the agenda
REVISIT_TITLE = "The ladder, looking back"  # the same staircase once every rung has been seen
CLOSING_TITLE = "Questions and next steps"  # the closing slide's title, and the agenda's last entry


def story_lesson(view: RungView, messages: Messages) -> str:
    """What a rung's example shows about the rung, from its data: its scope, and the competencies it grows."""
    rung = view.rung
    grown = [step.competency.name for step in view.changes.grown + view.changes.started]
    if messages.is_english:
        grown = [name.lower() for name in grown]
    parts = []
    if rung.scope:
        who = with_article(rung.short) if messages.is_english else rung.short
        parts.append(messages("how far {who} reaches ({scope})", who=who, scope=_lower_first(rung.scope, messages)))
    if grown:
        parts.append(messages("what grows at this rung: {competencies}", competencies=messages.join(grown)))
    return messages("What it shows: {parts}.", parts=messages("{first}, and {second}", first=parts[0],
                                                                  second=parts[1]) if len(parts) == 2
                    else parts[0]) if parts else ""


def _lower_first(text: str, messages: Messages) -> str:
    """A phrase that began a line, set inside a sentence ("Assists on features" -> "assists on features");
    initials stay as they are ("PMs ..."), so does a name that owns something ("Northwind's whole ..."),
    and so does every word of a language that capitalises nouns."""
    first = text.split()[0] if text.split() else ""
    possessive = first.endswith(("'s", "\u2019s"))
    if not messages.is_english or possessive or (len(first) > 1 and first[1].isupper()):
        return text
    return text[:1].lower() + text[1:]


def takeaways(context: LadderView) -> list[str]:
    """Two or three things to remember, from this ladder's own facts: how far it reaches, what grows along
    it, where it forks; for a handout, what the next rung asks."""
    t = context.messages
    points = [point for point in (_reach(context), _most_grown(context)) if point]
    if context.forks:
        tracks = [segment.track.name for segment in context.segments if segment.track]
        points.append(t("The ladder forks into {tracks}.", tracks=t.join(tracks)))
    if context.is_handout and (upcoming := _next_rung(context)):
        points.append(upcoming)
    return points[:3]


def _reach(context: LadderView) -> str | None:
    """How far the ladder goes: from its first rung's scope to its last's, or up to each track's top."""
    t, rungs = context.messages, context.rungs
    first, last = rungs[0].rung, rungs[-1].rung
    if first.scope and last.scope and len(rungs) > 1:
        return t("{count} rungs, from {first} ({first_scope}) to {last} ({last_scope}).", count=len(rungs),
                 first=first.short, first_scope=_lower_first(first.scope, t), last=last.short,
                 last_scope=_lower_first(last.scope, t))
    if context.forks:
        tops = t.join([segment.views[-1].rung.title for segment in context.segments if segment.track])
        return t("{count} rungs, from {first} up to {tops}.", count=len(rungs), first=first.title, tops=tops)
    if len(rungs) > 1:
        return t("{count} rungs, from {first} to {last}.", count=len(rungs), first=first.title, last=last.title)
    return None


def _most_grown(context: LadderView) -> str | None:
    """The competency whose expectation changes at the most rungs, where the ladder has competencies."""
    if not context.has_grid:
        return None
    grown = {c.id: len(set(c.expectations.values())) for c in context.competencies}
    most = max(context.competencies, key=lambda c: grown[c.id])
    return context.messages("{count} competencies run through the ladder; {name} changes most, at {rungs} rungs.",
                            count=len(context.competencies), name=most.name, rungs=grown[most.id])


def _next_rung(context: LadderView) -> str | None:
    """For a handout: the first rung above the ones it shows, and what it reaches."""
    t = context.messages
    above = next((up for view in context.shown for up in context.above(view) if not context.is_selected(up)), None)
    if above is None:
        return None
    if above.rung.scope:
        return t("Next: {title} ({scope}).", title=above.rung.title, scope=_lower_first(above.rung.scope, t))
    return t("Next: {title}.", title=above.rung.title)


def closing_question(context: LadderView) -> str:
    """The question the closing slide leaves the room with, in the ladder's own terms."""
    t = context.messages
    if context.has_grid:
        return t("Which competencies will you grow first, and what would show it?")
    if any(view.rung.soft_skills or view.rung.leadership for view in context.shown):
        return t("Which skill will you practice first, and with whom?")
    return t("What will you do first to reach the next rung?")
