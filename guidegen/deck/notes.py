"""Speaker notes: what a trainer says on each slide, built from the ladder's data."""

from __future__ import annotations

from guidegen.view.ladder_view import LadderView, RungView


def _names(skills) -> str:
    names = [skill.name for skill in skills]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def rung_notes(view: RungView, context: LadderView) -> list[str]:
    """Talking points, the example as a story, questions for the room and a bridge to the next rung."""
    rung, labels = view.rung, context.ladder.labels
    notes = [f"{rung.title} ({rung.short}), rung {view.number} of {view.total}. {rung.what_it_is}"]

    points = ["Talking points:"]
    points += [f"- {item}" for item in rung.responsibilities]
    points += [f"- {skill.name}: {skill.description}" for skill in rung.leadership]
    if view.previous is not None:
        new = view.changes.leadership + view.changes.soft_skills
        if new:
            points.append(f"- New compared with {view.previous.short}: {_names(new)}.")
    notes.append("\n".join(points))

    notes.append("\n".join([f"{labels.soft_skills} to draw out:"]
                           + [f"- {skill.name}: {skill.description}" for skill in rung.soft_skills]))

    notes.append(f"Tell the story ({rung.example.setting}): {rung.example.story} "
                 f"Pause here: what would you have done first in that situation?")

    first_lead = rung.leadership[0].name
    skills = rung.soft_skills[:3]
    questions = [
        "Questions for the room:",
        f"1. Which of these {labels.responsibilities.lower()} do you already carry today, and which would stretch you?",
        f"2. Where have you seen {first_lead} make a difference to a team? What did it look like?",
        f"3. Of {_names(skills)}, which would you most like to practice in the next quarter, and how?",
    ]
    notes.append("\n".join(questions))

    above = context.after(view)
    if above is not None:
        added = above.changes.leadership
        bridge = f"Lead into the next rung: {above.rung.title} ({above.rung.short})"
        bridge += f" adds {_names(added)}." if added else " builds on the same foundations."
        bridge += f" Ask the room what a {rung.short} would need to learn to get there."
    else:
        bridge = (f"This is the top of the ladder. Ask the room what {rung.title} looks like in our own "
                  f"organization, and who they would go to for advice on the way there.")
    notes.append(bridge)
    return notes


def title_notes(context: LadderView) -> list[str]:
    shown = context.shown
    return [
        *context.ladder.introduction,
        *context.ladder.company_introduction,
        f"Today we walk through {len(shown)} rung{'s' if len(shown) != 1 else ''}, from {shown[0].rung.title} "
        f"to {shown[-1].rung.title}, then look at the ladder as a whole.",
        f"Source: {context.attribution}.",
    ]


def agenda_notes(context: LadderView) -> list[str]:
    return ["Set expectations: one slide per rung, each with what the role is, its responsibilities, "
            "its leadership components and its soft skills. Questions are welcome throughout.",
            "Ask the room to keep in mind the rung they are on today and the one they are aiming for."]


def summary_notes(context: LadderView) -> list[str]:
    names = ", ".join(view.rung.title for view in context.rungs)
    return [f"The whole ladder, lowest rung at the left: {names}.",
            "Each step is a link: click one to go back to that rung's slide.",
            "Ask: which step are you on today, and which one are you reaching for?"]


def closing_notes(context: LadderView) -> list[str]:
    return [*context.ladder.conclusion.paragraphs,
            *context.ladder.company_closing,
            "Close by asking each person to write down one skill from today's rungs to practice next, "
            "and to share it with their manager."]
