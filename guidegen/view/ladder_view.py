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
from guidegen.input.schema import Competency, Labels, Ladder, Rung, Skill, Track
from guidegen.view.language import ENGLISH, Messages
from guidegen.view.staircase import Step, staircase

if TYPE_CHECKING:
    from guidegen.input.brand import Brand


@dataclass(frozen=True)
class ThreadStep:
    """One competency at one rung, beside what the rung below it on its path expected."""

    competency: Competency
    before: str | None  # the latest expectation below this rung on its path
    now: str | None  # this rung's own

    @property
    def starts(self) -> bool:
        return self.now is not None and self.before is None

    @property
    def grows(self) -> bool:
        return self.now is not None and self.before is not None and self.now != self.before

    @property
    def shown(self) -> str | None:
        """What a person at this rung is expected to do: its own expectation, else the one it carries."""
        return self.now if self.now is not None else self.before


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
    threads: list[ThreadStep] = field(default_factory=list)  # every competency this rung expects or carries
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


@dataclass(frozen=True)
class RungView:
    rung: Rung
    number: int  # the rung's level on its path: 1 for the lowest, and the same for rungs side by side on two tracks
    total: int  # how many levels its path has
    previous: Rung | None  # the rung below it on its path
    next: Rung | None  # the rung above it on its path; after a fork, the first track's
    changes: Changes
    index: int = 0  # its place in the ladder file, 0 for the first
    track: Track | None = None
    messages: Messages = ENGLISH

    @property
    def anchor(self) -> str:
        return f"rung-{self.rung.id}"

    @property
    def expectations(self) -> list[ThreadStep]:
        """The competencies expected at this rung, with what each expects (carried from below where it
        says nothing new), in the ladder's order."""
        return [step for step in self.changes.threads if step.shown is not None]

    @property
    def kicker(self) -> str:
        """The line above a rung's title in both documents: its level, short name and track."""
        parts = [self.messages("Rung {number} of {total}", number=self.number, total=self.total), self.rung.short]
        if self.track is not None:
            parts.append(self.track.name)
        return " \u00b7 ".join(dict.fromkeys(parts))


@dataclass(frozen=True)
class GridColumn:
    view: RungView
    cells: list[str | None]  # one per grid row: the rung's own expectation for that competency


@dataclass(frozen=True)
class GridGroup:
    """A run of grid rows under one heading (a competency group, or none)."""

    label: str | None
    competencies: list[Competency]


@dataclass(frozen=True)
class Segment:
    """Columns of the grid that belong together: the shared rungs, or one track's."""

    track: Track | None
    views: list[RungView]


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
    messages: Messages = ENGLISH  # the documents' own words, in the ladder's language
    theme: Theme = field(default_factory=Theme)  # both documents' colours
    deck_theme: Theme = field(default_factory=Theme)  # the deck's: a company template's own where no brand overrides it
    brand: Brand | None = None

    @property
    def title(self) -> str:
        return self.ladder.title

    @property
    def right_to_left(self) -> bool:
        """A ladder in Arabic or Hebrew: its pages and its staircase read from the right."""
        from guidegen.view.language import is_right_to_left

        return is_right_to_left(self.ladder.language)

    @property
    def labels(self) -> Labels:
        """The section headings: the ladder's own words, and its language's for those left at the English
        defaults."""
        labels = self.ladder.labels
        defaults = Labels()
        return labels.model_copy(update={name: self.messages(getattr(labels, name))
                                         for name in Labels.model_fields
                                         if getattr(labels, name) == getattr(defaults, name)})

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
        """The source as both documents credit it: “Title” by Author; empty for a ladder with no source."""
        source = self.ladder.source
        return self.messages("\u201c{title}\u201d by {author}", title=source.title, author=source.author) if source else ""

    @property
    def credit(self) -> str:
        return self.messages("Based on {attribution}", attribution=self.attribution) if self.attribution else ""

    @property
    def branded_credit(self) -> str:
        """The credit after the company's name, where a brand names one."""
        name = self.brand.name if self.brand else None
        return " \u00b7 ".join(part for part in (name, self.credit) if part)

    @property
    def author(self) -> str:
        """Who the documents' metadata names as author: the source's, else the brand's company."""
        if self.ladder.source:
            return self.ladder.source.author
        return (self.brand.name if self.brand else None) or ""

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
        return self.messages("A staircase of {count} steps, lowest rung at the left: {titles}.",
                             count=len(self.rungs), titles=titles)

    @property
    def highlighted_alt(self) -> str:
        """For a handout's drawing, which of its steps stand out."""
        return self.messages("Highlighted: {titles}.", titles=", ".join(view.rung.title for view in self.shown)) \
            if self.is_handout else ""

    def is_selected(self, view: RungView) -> bool:
        return not self.selected_ids or view.rung.id in self.selected_ids

    def step_colours(self, theme: Theme | None = None) -> list[tuple[str, str]]:
        """(fill, label colour) of each step, in ``rungs`` order. The steps a document covers share one
        label colour, readable (WCAG AA) on each: the theme's background or text colour, whichever reads
        on all; else the background, on steps darkened until it reads."""
        from guidegen.view.colours import AA_NORMAL, contrast, darken_until

        theme = theme or self.theme
        fills = []
        for view in self.rungs:
            if not self.is_selected(view):
                fills.append(theme.light)
            elif self.is_handout:
                fills.append(theme.primary)
            else:
                fills.append(theme.step_fill(view.number, view.total))
        covered = [fill for fill, view in zip(fills, self.rungs) if self.is_selected(view)]
        ink = next((colour for colour in (theme.background, theme.text)
                    if all(contrast(colour, fill) >= AA_NORMAL for fill in covered)), None)
        if ink is None:
            ink = theme.background
            fills = [darken_until(fill, ink, AA_NORMAL) if self.is_selected(view) else fill
                     for fill, view in zip(fills, self.rungs)]
        return [(fill, ink if self.is_selected(view) else theme.on_fill(fill))
                for fill, view in zip(fills, self.rungs)]

    def above(self, view: RungView) -> list[RungView]:
        """The rungs one step up from ``view``: one, or at a fork the first rung of every track."""
        return [other for other in self.rungs if other.previous is not None and other.previous.id == view.rung.id]

    def fork_choices(self, view: RungView) -> list[str]:
        """The rungs one step up from ``view`` at a fork, each with its track: "Staff Engineer (Individual
        contributor)"."""
        return [f"{up.rung.title} ({up.track.name})" if up.track else up.rung.title for up in self.above(view)]

    # Competencies ----------------------------------------------------------------------------------
    @property
    def competencies(self) -> list[Competency]:
        return list(self.ladder.competencies)

    @property
    def has_grid(self) -> bool:
        return bool(self.ladder.competencies)

    @property
    def grid_groups(self) -> list[GridGroup]:
        """The grid's rows in groups, each group where its first competency stands in the file."""
        groups: dict[str | None, list[Competency]] = {}
        for competency in self.ladder.competencies:
            groups.setdefault(competency.group, []).append(competency)
        return [GridGroup(label, members) for label, members in groups.items()]

    @property
    def segments(self) -> list[Segment]:
        """The grid's columns: shared rungs first, then each track's, side by side after the fork."""
        shared = [view for view in self.rungs if view.track is None]
        segments = [Segment(None, shared)] if shared else []
        for track in self.ladder.tracks:
            segments.append(Segment(track, [view for view in self.rungs if view.track and view.track.id == track.id]))
        return segments

    @property
    def forks(self) -> bool:
        return bool(self.ladder.tracks)

    def steps(self, width: float, height: float, max_gap: float) -> list[Step]:
        """The staircase both documents draw, one step per rung in ``rungs`` order: a column per level,
        and after a fork that column shared side by side by the tracks' rungs of that level."""
        levels = max(view.total for view in self.rungs)
        columns = staircase(levels, width, height, max_gap=max_gap)
        at_level: dict[int, list[RungView]] = {}
        for view in self.rungs:
            at_level.setdefault(view.number, []).append(view)
        steps: dict[int, Step] = {}
        if self.right_to_left:  # the staircase rises to the left, the way the language reads
            columns = [Step(column.index, width - column.x - column.width, column.y, column.width, column.height)
                       for column in columns]
            at_level = {level: list(reversed(views)) for level, views in at_level.items()}
        for level, views in at_level.items():
            column = columns[level - 1]
            inner_gap = min(max_gap, column.width * 0.06) if len(views) > 1 else 0
            part = (column.width - inner_gap * (len(views) - 1)) / len(views)
            for position, view in enumerate(views):
                steps[view.index] = Step(view.index, column.x + position * (part + inner_gap), column.y, part,
                                         column.height)
        return [steps[view.index] for view in self.rungs]


def even_runs(items: list, limit: int) -> list[list]:
    """``items`` in as few runs of at most ``limit`` as can hold them, as even as can be (7 by 6: 4 and 3)."""
    if not items:
        return []
    count = -(-len(items) // limit)
    size = -(-len(items) // count)
    return [items[start:start + size] for start in range(0, len(items), size)]


def _split(current: list, previous: list, key) -> tuple[list, list]:
    """``current`` as (new, carried over from ``previous``), each in ``current``'s order."""
    before = {key(item) for item in previous}
    return ([item for item in current if key(item) not in before], [item for item in current if key(item) in before])


def _skill_key(skill: Skill) -> str:
    return skill.name.casefold()


def _threads(competencies: list[Competency], path: list[Rung]) -> list[ThreadStep]:
    """Each competency at the last rung of ``path`` (lowest first), beside the latest expectation below it."""
    rung, below = path[-1], path[:-1]
    steps = []
    for competency in competencies:
        before = next((competency.expectations[r.id] for r in reversed(below) if r.id in competency.expectations),
                      None)
        now = competency.expectations.get(rung.id)
        if before is not None or now is not None:
            steps.append(ThreadStep(competency, before, now))
    return steps


def _changes(path: list[Rung], competencies: list[Competency]) -> Changes:
    rung = path[-1]
    previous = path[-2] if len(path) > 1 else None
    threads = _threads(competencies, path)
    if previous is None:
        return Changes(list(rung.responsibilities), list(rung.leadership), list(rung.soft_skills), threads=threads)
    new_resp, kept_resp = _split(rung.responsibilities, previous.responsibilities, str.casefold)
    new_lead, kept_lead = _split(rung.leadership, previous.leadership, _skill_key)
    new_soft, kept_soft = _split(rung.soft_skills, previous.soft_skills, _skill_key)
    return Changes(new_resp, new_lead, new_soft, kept_resp, kept_lead, kept_soft, threads=threads,
                   scope_before=previous.scope)


def _paths(ladder: Ladder) -> list[list[Rung]]:
    """For each rung, in file order, the rungs from the bottom of the ladder up to it: the shared rungs,
    then, for a rung on a track, that track's rungs below it."""
    paths, shared = [], []
    for rung in ladder.rungs:
        if rung.track is None:
            shared.append(rung)
            paths.append(list(shared))
        else:
            own = [r for r in ladder.rungs if r.track == rung.track]
            paths.append(shared + own[:own.index(rung) + 1])
    return paths


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


PLACEHOLDERS = ("{rung_count}", "{first_rung}", "{last_rung}")


def fill_placeholders(ladder: Ladder) -> Ladder:
    """The ladder with ``{rung_count}``, ``{first_rung}`` and ``{last_rung}`` in its opening and closing
    paragraphs replaced by the facts of this ladder, so that text an overlay inherits stays true when
    it adds, drops or renames rungs. Nothing else in braces is touched."""
    values = {"{rung_count}": str(len(ladder.rungs)), "{first_rung}": ladder.rungs[0].title,
              "{last_rung}": ladder.rungs[-1].title}

    def fill(text: str) -> str:
        for key, value in values.items():
            text = text.replace(key, value)
        return text

    update = {key: [fill(p) for p in getattr(ladder, key)] for key in
              ("introduction", "company_introduction", "company_closing")}
    if ladder.conclusion is not None:
        update["conclusion"] = ladder.conclusion.model_copy(
            update={"heading": fill(ladder.conclusion.heading),
                    "paragraphs": [fill(p) for p in ladder.conclusion.paragraphs]})
    return ladder.model_copy(update=update)


def build_view(ladder: Ladder, *, theme: Theme | None = None, selected_ids: tuple[str, ...] = (),
               template_colours: dict[str, str] | None = None, brand: Brand | None = None,
               messages: Messages | None = None) -> LadderView:
    """Everything both documents show, computed once. ``template_colours`` are a company slide
    template's theme colours: the deck's, where no brand overrides them."""
    ladder = fill_placeholders(ladder)
    if messages is None:
        from guidegen.view.language import messages_for

        messages = messages_for(ladder.language)[0]
    rungs = ladder.rungs
    known = [rung.id for rung in rungs]
    unknown = [rung_id for rung_id in selected_ids if rung_id not in known]
    if unknown:
        from guidegen.errors import did_you_mean

        hints = "".join(did_you_mean(rung_id, known) for rung_id in unknown[:1])
        raise InputError(f"unknown rung id {', '.join(map(repr, unknown))}{hints} (valid ids: {', '.join(known)})")
    paths = _paths(ladder)
    tracks = {track.id: track for track in ladder.tracks}
    shared_count = sum(1 for rung in rungs if rung.track is None)
    track_length = {track_id: sum(1 for rung in rungs if rung.track == track_id) for track_id in tracks}
    views = []
    for index, (rung, path) in enumerate(zip(rungs, paths)):
        if rung.track is None:  # a shared rung's path goes on up the longest track
            total = shared_count + max(track_length.values(), default=0)
            above = [r for r in rungs[index + 1:] if r.track is None][:1] or [
                next(r for r in rungs if r.track == track.id) for track in ladder.tracks if track_length[track.id]]
        else:
            total = shared_count + track_length[rung.track]
            own = [r for r in rungs if r.track == rung.track]
            above = own[own.index(rung) + 1:][:1]
        views.append(RungView(
            rung=rung,
            number=len(path),
            total=total,
            previous=path[-2] if len(path) > 1 else None,
            next=above[0] if above else None,
            changes=_changes(path, list(ladder.competencies)),
            index=index,
            track=tracks.get(rung.track) if rung.track else None,
            messages=messages,
        ))
    if theme is None:
        theme = brand_theme(brand)[0] if brand else Theme()
    deck_theme = template_theme(template_colours) if template_colours is not None and brand is None else theme
    return LadderView(ladder=ladder, rungs=views, matrix=_matrix(ladder), selected_ids=tuple(dict.fromkeys(selected_ids)),
                      messages=messages, theme=theme, deck_theme=deck_theme, brand=brand)
