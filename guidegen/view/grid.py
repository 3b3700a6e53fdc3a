"""The competency grid's rows and columns, and the skills matrix of a ladder without competencies."""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.input.schema import Competency, Ladder, Track
from guidegen.view.changes import skill_key


@dataclass(frozen=True)
class GridColumn:
    view: object  # the RungView of its rung
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
    views: list  # the RungViews of its rungs


@dataclass(frozen=True)
class MatrixRow:
    name: str
    present: list[bool]  # one per rung, lowest first


@dataclass(frozen=True)
class MatrixSection:
    label: str  # the ladder's heading for the section, such as "Soft Skills"
    rows: list[MatrixRow]


def grid_groups(ladder: Ladder) -> list[GridGroup]:
    """The grid's rows in groups, each group where its first competency stands in the file."""
    groups: dict[str | None, list[Competency]] = {}
    for competency in ladder.competencies:
        groups.setdefault(competency.group, []).append(competency)
    return [GridGroup(label, members) for label, members in groups.items()]


def segments(ladder: Ladder, rungs: list) -> list[Segment]:
    """The grid's columns: shared rungs first, then each track's, side by side after the fork, then the shared
    rungs where the tracks rejoin."""
    forked = next((index for index, view in enumerate(rungs) if view.track is not None), len(rungs))
    before = [view for view in rungs[:forked] if view.track is None]
    after = [view for view in rungs[forked:] if view.track is None]
    found = [Segment(None, before)] if before else []
    for track in ladder.tracks:
        found.append(Segment(track, [view for view in rungs if view.track and view.track.id == track.id]))
    return found + ([Segment(None, after)] if after else [])


def matrix(ladder: Ladder) -> list[MatrixSection]:
    sections = []
    for field_name, label in (("leadership", ladder.labels.leadership), ("soft_skills", ladder.labels.soft_skills)):
        names: dict[str, str] = {}  # first spelling seen, keyed case-insensitively, in ladder order
        for rung in ladder.rungs:
            for skill in getattr(rung, field_name):
                names.setdefault(skill_key(skill), skill.name)
        held = [{skill_key(skill) for skill in getattr(rung, field_name)} for rung in ladder.rungs]
        rows = [MatrixRow(name, [key in keys for keys in held]) for key, name in names.items()]
        sections.append(MatrixSection(label, rows))
    return sections
