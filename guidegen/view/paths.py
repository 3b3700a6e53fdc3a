"""The ways up a ladder: the shared rungs before a fork, each track's rungs, and the shared rungs after
every track, where the tracks rejoin (a director reached from the individual contributors and from the
managers). A rung is compared only with the rung below it on its own path; where tracks rejoin, it has
one path through each track."""

from __future__ import annotations

from dataclasses import dataclass, field

from guidegen.input.schema import Ladder, Rung


@dataclass(frozen=True)
class Shape:
    before: list[Rung] = field(default_factory=list)  # shared rungs below the fork (all of them, without tracks)
    tracks: dict[str, list[Rung]] = field(default_factory=dict)  # each track's rungs, lowest first
    after: list[Rung] = field(default_factory=list)  # shared rungs above the tracks, where they rejoin

    @classmethod
    def of(cls, ladder: Ladder) -> Shape:
        shape = cls(tracks={track.id: [] for track in ladder.tracks})  # in the order the tracks are declared
        for rung in ladder.rungs:
            if rung.track is not None:
                shape.tracks.setdefault(rung.track, []).append(rung)
            else:
                (shape.after if any(shape.tracks.values()) else shape.before).append(rung)
        for empty in [track for track, rungs in shape.tracks.items() if not rungs]:
            del shape.tracks[empty]  # a declared track without rungs is the schema's to report
        return shape

    @property
    def routes(self) -> list[list[Rung]]:
        """Each track's rungs, the longest first (the file's order among equals)."""
        return sorted(self.tracks.values(), key=len, reverse=True) or [[]]

    def paths(self, rung: Rung) -> list[list[Rung]]:
        """The rung's paths from the bottom of the ladder; the longest first."""
        if rung.track is not None:
            own = self.tracks[rung.track]
            return [self.before + own[:_index(own, rung) + 1]]
        if _index(self.after, rung) is not None:
            return [self.before + route + self.after[:_index(self.after, rung) + 1] for route in self.routes]
        return [self.before[:_index(self.before, rung) + 1]]

    def levels(self, rung: Rung) -> int:
        """How many levels the ladder has for a person at the rung: its longest way to the top."""
        track = len(self.tracks[rung.track]) if rung.track is not None else len(self.routes[0])
        return len(self.before) + track + len(self.after)

    def next(self, rung: Rung) -> Rung | None:
        """The rung one step up on its path; at a fork, the first track's first rung."""
        if rung.track is not None:
            own = self.tracks[rung.track]
            later = own[_index(own, rung) + 1:]
            return later[0] if later else (self.after[0] if self.after else None)
        for rungs in (self.before, self.after):
            at = _index(rungs, rung)
            if at is not None and at + 1 < len(rungs):
                return rungs[at + 1]
        if _index(self.before, rung) is not None and self.tracks:
            return next(iter(self.tracks.values()))[0]
        return None


def _index(rungs: list[Rung], rung: Rung) -> int | None:
    return next((index for index, each in enumerate(rungs) if each.id == rung.id), None)
