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
from guidegen.input.schema import Competency, Labels, Ladder, Rung, Track
from guidegen.view.changes import Changes, ThreadStep, changes_between
from guidegen.view.grid import GridGroup, MatrixSection, Segment, grid_groups, matrix, segments
from guidegen.view.language import ENGLISH, Messages
from guidegen.view.paths import Shape
from guidegen.view.staircase import Step, staircase

if TYPE_CHECKING:
    from guidegen.input.brand import Brand


@dataclass(frozen=True)
class RungView:
    """One rung, with every fact the documents show of it, computed when the view is built."""

    rung: Rung
    number: int  # the rung's level on its path: 1 for the lowest, and the same for rungs side by side on two tracks
    total: int  # how many levels its path has
    previous: Rung | None  # the rung below it on its path
    next: Rung | None  # the rung above it on its path; after a fork, the first track's
    changes: Changes  # what it adds to the rung below it on its path
    index: int = 0  # its place in the ladder file, 0 for the first
    track: Track | None = None
    messages: Messages = ENGLISH
    # The rungs from the bottom of the ladder up to this one: one path, or where tracks rejoin, one through
    # each track (the longest first: its numbering is the rung's).
    paths: tuple[tuple[Rung, ...], ...] = ()
    joins: tuple[tuple[Rung, Changes], ...] = ()  # where tracks rejoin: what it adds to each other track's top
    path: tuple[Rung, ...] = field(init=False)
    below: tuple[Rung, ...] = field(init=False)  # the rungs one step down: one, or each track's top
    anchor: str = field(init=False)
    expectations: list[ThreadStep] = field(init=False)  # each competency expected here, its own or carried
    kicker: str = field(init=False)  # the line above its title in both documents: level, short name, track

    def __post_init__(self) -> None:
        parts = [self.messages("Rung {number} of {total}", number=self.number, total=self.total), self.rung.short]
        if self.track is not None:
            parts.append(self.track.name)
        object.__setattr__(self, "path", self.paths[0] if self.paths else ())
        object.__setattr__(self, "below", tuple(path[-2] for path in self.paths if len(path) > 1))
        object.__setattr__(self, "anchor", f"rung-{self.rung.id}")
        object.__setattr__(self, "expectations", [step for step in self.changes.threads if step.shown is not None])
        object.__setattr__(self, "kicker", " \u00b7 ".join(dict.fromkeys(parts)))


@dataclass(frozen=True)
class LadderView:
    """Everything the documents show of a ladder, computed once when it is built: plain data a format reads."""

    ladder: Ladder
    rungs: list[RungView]  # every rung of the ladder, lowest first
    matrix: list[MatrixSection]
    selected_ids: tuple[str, ...] = ()  # a handout of these rungs; empty for the whole guide
    messages: Messages = ENGLISH  # the documents' own words, in the ladder's language
    theme: Theme = field(default_factory=Theme)  # both documents' colours
    deck_theme: Theme = field(default_factory=Theme)  # the deck's: a company template's own where no brand overrides it
    brand: Brand | None = None
    title: str = field(init=False)
    right_to_left: bool = field(init=False)  # a ladder in Arabic or Hebrew: pages and staircase read from the right
    labels: Labels = field(init=False)  # section headings: the ladder's words, its language's for English defaults
    is_handout: bool = field(init=False)
    shown: list[RungView] = field(init=False)  # the rungs that get a chapter (and a slide), in ladder order
    attribution: str = field(init=False)  # “Title” by Author; empty for a ladder with no source
    credit: str = field(init=False)
    branded_credit: str = field(init=False)  # the credit after the company's name, where a brand names one
    author: str = field(init=False)  # the documents' metadata's author: the source's, else the brand's company
    handout_title: str = field(init=False)
    document_title: str = field(init=False)  # what a document's metadata (and a reader's window) shows
    staircase_alt: str = field(init=False)  # what the staircase drawing shows, for a reader who cannot see it
    highlighted_alt: str = field(init=False)  # for a handout's drawing, which of its steps stand out
    competencies: list[Competency] = field(init=False)
    has_grid: bool = field(init=False)
    grid_groups: list[GridGroup] = field(init=False)
    segments: list[Segment] = field(init=False)
    forks: bool = field(init=False)

    def __post_init__(self) -> None:
        from guidegen.view.language import is_right_to_left

        ladder, say = self.ladder, self.messages
        shown = [view for view in self.rungs if view.rung.id in self.selected_ids] if self.selected_ids else self.rungs
        source = ladder.source
        attribution = say("\u201c{title}\u201d by {author}", title=source.title, author=source.author) if source else ""
        credit = say("Based on {attribution}", attribution=attribution) if attribution else ""
        company = self.brand.name if self.brand else None
        handout_title = " & ".join(view.rung.title for view in shown)
        defaults = Labels()
        facts = dict(
            title=ladder.title, right_to_left=is_right_to_left(ladder.language),
            labels=ladder.labels.model_copy(update={name: say(getattr(ladder.labels, name))
                                                    for name in Labels.model_fields
                                                    if getattr(ladder.labels, name) == getattr(defaults, name)}),
            is_handout=bool(self.selected_ids), shown=shown, attribution=attribution, credit=credit,
            branded_credit=" \u00b7 ".join(part for part in (company, credit) if part),
            author=source.author if source else (company or ""), handout_title=handout_title,
            document_title=f"{handout_title} \u2014 {ladder.title}" if self.selected_ids else ladder.title,
            staircase_alt=say("A staircase of {count} steps, lowest rung at the left: {titles}.",
                              count=len(self.rungs), titles=", ".join(view.rung.title for view in self.rungs)),
            highlighted_alt=say("Highlighted: {titles}.", titles=handout_title) if self.selected_ids else "",
            competencies=list(ladder.competencies), has_grid=bool(ladder.competencies),
            grid_groups=grid_groups(ladder), segments=segments(ladder, self.rungs), forks=bool(ladder.tracks))
        for name, value in facts.items():
            object.__setattr__(self, name, value)

    def changes_between(self, lower: RungView, upper: RungView) -> Changes:
        """What ``upper`` adds to ``lower``, a rung below it on one of its paths (the rung just below, or
        several: a person's target); where tracks rejoin, the path through ``lower``'s track."""
        for path in upper.paths:
            ids = [rung.id for rung in path]
            if lower.rung.id in ids[:-1]:
                return changes_between(list(path), ids.index(lower.rung.id), self.competencies)
        raise ValueError(f"{lower.rung.id!r} is not below {upper.rung.id!r} on its path")

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
        return [other for other in self.rungs if any(below.id == view.rung.id for below in other.below)]

    def fork_choices(self, view: RungView) -> list[str]:
        """The rungs one step up from ``view`` at a fork, each with its track: "Staff Engineer (Individual
        contributor)"."""
        return [f"{up.rung.title} ({up.track.name})" if up.track else up.rung.title for up in self.above(view)]

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
    shape = Shape.of(ladder)
    tracks = {track.id: track for track in ladder.tracks}
    competencies = list(ladder.competencies)
    views = []
    for index, rung in enumerate(rungs):
        routes = shape.paths(rung)
        path = routes[0]
        joins = tuple((route[-2], changes_between(route, len(route) - 2, competencies)) for route in routes[1:]
                      if len(route) > 1 and route[-2].id != path[-2].id)
        views.append(RungView(
            rung=rung,
            number=len(path),
            total=shape.levels(rung),
            previous=path[-2] if len(path) > 1 else None,
            next=shape.next(rung),
            changes=changes_between(path, len(path) - 2, competencies),
            index=index,
            track=tracks.get(rung.track) if rung.track else None,
            messages=messages,
            paths=tuple(tuple(route) for route in routes),
            joins=joins,
        ))
    if theme is None:
        theme = brand_theme(brand)[0] if brand else Theme()
    deck_theme = template_theme(template_colours) if template_colours is not None and brand is None else theme
    return LadderView(ladder=ladder, rungs=views, matrix=matrix(ladder), selected_ids=tuple(dict.fromkeys(selected_ids)),
                      messages=messages, theme=theme, deck_theme=deck_theme, brand=brand)
