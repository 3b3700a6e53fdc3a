"""The one derived view of a ladder that every renderer reads.

Anything both documents show and that is computed rather than written in the
ladder file (rung numbering, neighbours, what a rung adds to the one below
it, the skills matrix, colours) is worked out here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from guidegen.view.theme import Theme, brand_theme, template_theme
from guidegen.errors import InputError
from guidegen.input.schema import Ladder, Rung, Skill

if TYPE_CHECKING:
    from guidegen.input.brand import Brand


@dataclass(frozen=True)
class Changes:
    """What a rung adds compared with the rung below it, computed from the data.

    Items are matched case-insensitively: responsibilities by their text,
    skills by their name. ``carried_*`` are those the rung shares with the
    one below.
    """

    responsibilities: list[str]
    leadership: list[Skill]
    soft_skills: list[Skill]
    carried_responsibilities: list[str] = field(default_factory=list)
    carried_leadership: list[Skill] = field(default_factory=list)
    carried_soft_skills: list[Skill] = field(default_factory=list)


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
    name: str
    present: list[bool]  # one per rung, lowest first


@dataclass(frozen=True)
class MatrixSection:
    label: str  # the ladder's heading for the section, such as "Soft Skills"
    rows: list[MatrixRow]


@dataclass(frozen=True)
class LadderView:
    ladder: Ladder
    rungs: list[RungView]  # every rung of the ladder, lowest first
    matrix: list[MatrixSection]
    selected_ids: tuple[str, ...] = ()  # a handout of these rungs; empty for the whole guide
    theme: Theme = field(default_factory=Theme)  # both documents' colours
    deck_theme: Theme = field(default_factory=Theme)  # the deck's: a company template's own where no brand overrides it
    brand: Brand | None = None

    @property
    def title(self) -> str:
        return self.ladder.title

    @property
    def is_handout(self) -> bool:
        return bool(self.selected_ids)

    @property
    def shown(self) -> list[RungView]:
        """The rungs that get a chapter (and a slide), in ladder order."""
        if not self.selected_ids:
            return self.rungs
        return [view for view in self.rungs if view.rung.id in self.selected_ids]

    # Wording both documents share, so that the guide and the deck never disagree.
    @property
    def attribution(self) -> str:
        """The source as both documents credit it: “Title” by Author."""
        return f"\u201c{self.ladder.source.title}\u201d by {self.ladder.source.author}"

    @property
    def credit(self) -> str:
        return f"Based on {self.attribution}"

    @property
    def branded_credit(self) -> str:
        """The credit after the company's name, where a brand names one."""
        return f"{self.brand.name} \u00b7 {self.credit}" if self.brand and self.brand.name else self.credit

    @property
    def handout_title(self) -> str:
        return " & ".join(view.rung.title for view in self.shown)

    @property
    def document_title(self) -> str:
        """The title a document's metadata (and a reader's window) shows."""
        return f"{self.handout_title} \u2014 {self.title}" if self.is_handout else self.title

    @property
    def staircase_alt(self) -> str:
        """What the staircase drawing shows, for a reader who cannot see it."""
        titles = ", ".join(view.rung.title for view in self.rungs)
        return f"A staircase of {len(self.rungs)} steps, lowest rung at the left: {titles}."

    @property
    def highlighted_alt(self) -> str:
        """For a handout's drawing, which of its steps stand out."""
        return "Highlighted: " + ", ".join(view.rung.title for view in self.shown) + "." if self.is_handout else ""

    def is_selected(self, view: RungView) -> bool:
        return not self.selected_ids or view.rung.id in self.selected_ids

    def step_fill(self, view: RungView, theme: Theme | None = None) -> str:
        """The colour of a rung's step in the staircase drawings of both documents: a handout's own rungs
        in the primary colour, the rungs it leaves out pale, and a whole ladder rising from light to dark."""
        theme = theme or self.theme
        if not self.is_selected(view):
            return theme.light
        if self.is_handout:
            return theme.primary
        return theme.step_fill(view.number, view.total)

    def after(self, view: RungView) -> RungView | None:
        """The rung above ``view``, whose changes say what moving up from ``view`` brings."""
        return self.rungs[view.number] if view.number < len(self.rungs) else None


def _split(current: list, previous: list, key) -> tuple[list, list]:
    """``current`` as (new, carried over from ``previous``), each in ``current``'s order."""
    before = {key(item) for item in previous}
    return ([item for item in current if key(item) not in before], [item for item in current if key(item) in before])


def _skill_key(skill: Skill) -> str:
    return skill.name.casefold()


def _changes(rung: Rung, previous: Rung | None) -> Changes:
    if previous is None:
        return Changes(list(rung.responsibilities), list(rung.leadership), list(rung.soft_skills))
    new_resp, kept_resp = _split(rung.responsibilities, previous.responsibilities, str.casefold)
    new_lead, kept_lead = _split(rung.leadership, previous.leadership, _skill_key)
    new_soft, kept_soft = _split(rung.soft_skills, previous.soft_skills, _skill_key)
    return Changes(new_resp, new_lead, new_soft, kept_resp, kept_lead, kept_soft)


def _matrix(ladder: Ladder) -> list[MatrixSection]:
    sections = []
    for field_name, label in (("leadership", ladder.labels.leadership), ("soft_skills", ladder.labels.soft_skills)):
        names: dict[str, str] = {}  # first spelling seen, keyed case-insensitively, in ladder order
        for rung in ladder.rungs:
            for skill in getattr(rung, field_name):
                names.setdefault(_skill_key(skill), skill.name)
        held = [{_skill_key(skill) for skill in getattr(rung, field_name)} for rung in ladder.rungs]
        rows = [MatrixRow(name, [key in keys for keys in held]) for key, name in names.items()]
        sections.append(MatrixSection(label, rows))
    return sections


def build_view(ladder: Ladder, *, theme: Theme | None = None, selected_ids: tuple[str, ...] = (),
               template_colours: dict[str, str] | None = None, brand: Brand | None = None) -> LadderView:
    """Everything both documents show, computed once. ``template_colours`` are a company slide
    template's theme colours: the deck's, where no brand overrides them."""
    rungs = ladder.rungs
    known = [rung.id for rung in rungs]
    unknown = [rung_id for rung_id in selected_ids if rung_id not in known]
    if unknown:
        from guidegen.errors import did_you_mean

        hints = "".join(did_you_mean(rung_id, known) for rung_id in unknown[:1])
        raise InputError(f"unknown rung id {', '.join(map(repr, unknown))}{hints} (valid ids: {', '.join(known)})")
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
    if theme is None:
        theme = brand_theme(brand)[0] if brand else Theme()
    deck_theme = template_theme(template_colours) if template_colours is not None and brand is None else theme
    return LadderView(ladder=ladder, rungs=views, matrix=_matrix(ladder), selected_ids=tuple(dict.fromkeys(selected_ids)),
                     theme=theme, deck_theme=deck_theme, brand=brand)
