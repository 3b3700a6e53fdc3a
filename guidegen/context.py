"""The one derived view of a ladder that every renderer reads.

Anything both documents show and that is computed rather than written in the
ladder file (rung numbering, neighbours, what a rung adds to the one below
it, the skills matrix, colours) is worked out here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Ladder, Rung, Skill


@dataclass(frozen=True)
class Theme:
    """Colours as hex strings, shared by the PDF and the deck."""

    primary: str = "#1F3A5F"  # deep navy: titles, the cover, the top step
    accent: str = "#2A9D8F"  # teal: section headings, markers
    light: str = "#E8F1F2"  # pale tint: boxes and alternate rows
    text: str = "#1D2430"
    muted: str = "#5B6675"
    on_primary: str = "#FFFFFF"


@dataclass(frozen=True)
class Changes:
    """What a rung adds compared with the rung below it, computed from the data."""

    responsibilities: list[str]
    leadership: list[Skill]
    soft_skills: list[Skill]

    @property
    def empty(self) -> bool:
        return not (self.responsibilities or self.leadership or self.soft_skills)


@dataclass(frozen=True)
class RungView:
    rung: Rung
    number: int  # 1 for the lowest rung
    total: int
    previous: Rung | None
    next: Rung | None
    changes: Changes

    @property
    def anchor(self) -> str:
        return f"rung-{self.rung.id}"


@dataclass(frozen=True)
class MatrixRow:
    section: str  # the label of the section the skill comes from
    name: str
    present: list[bool]  # one per rung, lowest first


@dataclass(frozen=True)
class GuideContext:
    ladder: Ladder
    rungs: list[RungView]
    matrix: list[MatrixRow]
    theme: Theme = field(default_factory=Theme)
    page_size: str = "A4"

    @property
    def title(self) -> str:
        return self.ladder.title


def _new_items(current: list, previous: list, key) -> list:
    before = {key(item) for item in previous}
    return [item for item in current if key(item) not in before]


def _changes(rung: Rung, previous: Rung | None) -> Changes:
    if previous is None:
        return Changes(list(rung.responsibilities), list(rung.leadership), list(rung.soft_skills))
    by_name = lambda skill: skill.name.casefold()  # noqa: E731
    return Changes(
        responsibilities=_new_items(rung.responsibilities, previous.responsibilities, str.casefold),
        leadership=_new_items(rung.leadership, previous.leadership, by_name),
        soft_skills=_new_items(rung.soft_skills, previous.soft_skills, by_name),
    )


def _matrix(ladder: Ladder) -> list[MatrixRow]:
    rows: list[MatrixRow] = []
    for section, label in (("leadership", ladder.labels.leadership), ("soft_skills", ladder.labels.soft_skills)):
        names: dict[str, str] = {}  # first spelling seen, keyed case-insensitively, in ladder order
        for rung in ladder.rungs:
            for skill in getattr(rung, section):
                names.setdefault(skill.name.casefold(), skill.name)
        for key, name in names.items():
            present = [any(s.name.casefold() == key for s in getattr(rung, section)) for rung in ladder.rungs]
            rows.append(MatrixRow(label, name, present))
    return rows


def build_context(ladder: Ladder, *, page_size: str = "A4", theme: Theme | None = None) -> GuideContext:
    rungs = ladder.rungs
    views = [
        RungView(
            rung=rung,
            number=index + 1,
            total=len(rungs),
            previous=rungs[index - 1] if index else None,
            next=rungs[index + 1] if index + 1 < len(rungs) else None,
            changes=_changes(rung, rungs[index - 1] if index else None),
        )
        for index, rung in enumerate(rungs)
    ]
    return GuideContext(ladder=ladder, rungs=views, matrix=_matrix(ladder), theme=theme or Theme(), page_size=page_size)
