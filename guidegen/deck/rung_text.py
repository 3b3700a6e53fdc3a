"""What a rung slide says, as paragraphs to measure: its intro (what the rung is, its facts, and short
expectations on one line) and the items of each of its sections."""

from __future__ import annotations

from guidegen.deck.measure import Para
from guidegen.input.schema import Labels
from guidegen.view.ladder_view import RungView
from guidegen.view.text_items import lines

SHORT_EXPECTATION = 40  # characters


def expectations_inline(view: RungView) -> bool:
    """Short expectations beside other sections read as one line of the intro, "Competency: expectation"
    after another; long ones (a framework's sentences), or a rung with nothing else, get a column."""
    rung = view.rung
    others = rung.responsibilities or rung.leadership or rung.soft_skills
    return bool(others) and all(len(step.shown) <= SHORT_EXPECTATION and "\n" not in step.shown
                                for step in view.expectations)


def section_paras(view: RungView) -> dict[str, list[Para]]:
    """Each section's items; expectations are left to the intro where they read as one line."""
    rung = view.rung
    inline = expectations_inline(view)
    return {
        "responsibilities": [Para(item, bullet=True) for item in rung.responsibilities],
        "expectations": [] if inline else [Para(lines(step.shown), lead=step.competency.name)
                                           for step in view.expectations],
        "leadership": [Para(skill.description, lead=skill.name) for skill in rung.leadership],
        "soft_skills": [Para(lead=skill.name, bullet=True) for skill in rung.soft_skills],
    }


def intro_paras(view: RungView, labels: Labels, inline_expectations: bool = True) -> list[Para]:
    """What the rung is, its scope, who it leads and presents to, and (``inline_expectations``) its short
    expectations on one line."""
    rung = view.rung
    intro = [Para(rung.what_it_is)] if rung.what_it_is else []
    facts = [f"{label}: {value}" for label, value in ((labels.scope, rung.scope), (labels.leads, rung.leads),
                                                      (labels.presents_to, rung.presents_to)) if value]
    intro += [Para(" \u00b7 ".join(facts))] if facts else []
    # The line gives what this rung itself expects: carried expectations were on the slides before, and
    # one that only names a skill listed on the same slide would say it twice.
    listed = {skill.name.casefold() for skill in rung.leadership + rung.soft_skills}
    steps = [step for step in view.expectations
             if step.now is not None and step.now.casefold() not in listed]
    if inline_expectations and steps and expectations_inline(view):
        intro.append(Para(" \u00b7 ".join(f"{step.competency.name}: {step.shown}" for step in steps),
                          lead=labels.expectations))
    return intro
