"""What changes between two rungs of one path: the one home of that fact.

``changes_between(lower, upper)`` compares a rung with any rung further up its path: the rung just
below it (a chapter's "What changes from...", a slide's notes), or a person's target several steps
up (a personal handout's growth). Items are matched case-insensitively: responsibilities by their
text, skills by their name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guidegen.input.schema import Competency, Rung, Skill


@dataclass(frozen=True)
class ThreadStep:
    """One competency at one rung, beside what was expected at the rung it is compared with."""

    competency: Competency
    before: str | None  # the latest expectation at or below the lower rung, on its path
    now: str | None  # the latest expectation above the lower rung, up to the upper one; None if none says more

    @property
    def starts(self) -> bool:
        return self.now is not None and self.before is None

    @property
    def grows(self) -> bool:
        return self.now is not None and self.before is not None and self.now != self.before

    @property
    def shown(self) -> str | None:
        """What a person at the upper rung is expected to do: the newest expectation, else the one carried."""
        return self.now if self.now is not None else self.before


@dataclass(frozen=True)
class Changes:
    """What the upper rung adds to the lower one; ``carried_*`` are what they share."""

    responsibilities: list[str]
    leadership: list[Skill]
    soft_skills: list[Skill]
    carried_responsibilities: list[str] = field(default_factory=list)
    carried_leadership: list[Skill] = field(default_factory=list)
    carried_soft_skills: list[Skill] = field(default_factory=list)
    threads: list[ThreadStep] = field(default_factory=list)  # every competency the upper rung expects or carries
    scope_before: str | None = None

    @property
    def started(self) -> list[ThreadStep]:
        return [step for step in self.threads if step.starts]

    @property
    def grown(self) -> list[ThreadStep]:
        return [step for step in self.threads if step.grows]

    @property
    def unchanged(self) -> list[ThreadStep]:
        return [step for step in self.threads if not step.starts and not step.grows]

    @property
    def new_skills(self) -> list[Skill]:
        """The new leadership components and soft skills together, each name once, as first listed."""
        seen, skills = set(), []
        for skill in self.leadership + self.soft_skills:
            if skill_key(skill) not in seen:
                seen.add(skill_key(skill))
                skills.append(skill)
        return skills


def skill_key(skill: Skill) -> str:
    return skill.name.casefold()


def _split(current: list, previous: list, key) -> tuple[list, list]:
    """``current`` as (new, carried over from ``previous``), each in ``current``'s order."""
    before = {key(item) for item in previous}
    return ([item for item in current if key(item) not in before], [item for item in current if key(item) in before])


def _latest(competency: Competency, rungs: list[Rung]) -> str | None:
    return next((competency.expectations[r.id] for r in reversed(rungs) if r.id in competency.expectations), None)


def changes_between(path: list[Rung], lower: int, competencies: list[Competency]) -> Changes:
    """What ``path[-1]`` (the upper rung) adds to ``path[lower]``; ``lower`` -1 compares it with nothing (the
    first rung of a ladder). ``path`` runs from the bottom of the ladder up to the upper rung."""
    upper = path[-1]
    below, between = path[:lower + 1], path[lower + 1:]
    threads = []
    for competency in competencies:
        before, now = _latest(competency, below), _latest(competency, between)
        if before is not None or now is not None:
            threads.append(ThreadStep(competency, before, now))
    if lower < 0:
        return Changes(list(upper.responsibilities), list(upper.leadership), list(upper.soft_skills), threads=threads)
    base = path[lower]
    new_resp, kept_resp = _split(upper.responsibilities, base.responsibilities, str.casefold)
    new_lead, kept_lead = _split(upper.leadership, base.leadership, skill_key)
    new_soft, kept_soft = _split(upper.soft_skills, base.soft_skills, skill_key)
    return Changes(new_resp, new_lead, new_soft, kept_resp, kept_lead, kept_soft, threads=threads,
                   scope_before=base.scope)
