"""Ladder data made from a published framework file, with the place in that file of every value.

A framework file (``ft_job_family.py``, ``monzo_role.py``) is not a ladder: its values are rearranged
(a theme and a level make one expectation; IC and manager levels make tracks). So each value of the
ladder data records where it came from, as a file, line and column and a few words on what it is there
("theme 'technical' at level 'junior'"), and a problem found when the data is validated as a ladder is
reported at that place, in the source file, not in a ladder the user has not seen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from guidegen.errors import InputFileError
from guidegen.input.messages import validate_into

Path_ = tuple[str | int, ...]
BULLET = "\u2022 "  # every document shows an expectation's lines that start with it as a list


@dataclass(frozen=True)
class Place:
    """Where a value of the ladder came from, and what it is there."""

    file: str
    line: int
    column: int
    what: str = ""


@dataclass
class FrameworkDocument:
    """Ladder data read from a framework file (``kind`` names its format), the place of its values, its
    problems, and notes for the comment above the imported ladder (where examples went, tracks, inheritance)."""

    path: Path
    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    places: dict[Path_, Place] = field(default_factory=dict)
    problems: list[tuple[Place, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.path)

    @property
    def source_label(self) -> str:
        """The file's name and format, for the comment above the imported ladder."""
        return f"{self.path.name} ({self.kind})"

    def place(self, loc: Path_, file: str, position: tuple[int, int], what: str = "") -> None:
        self.places[loc] = Place(file, position[0], position[1], what)

    def add_at(self, place: Place, message: str) -> None:
        self.problems.append((place, message))

    def add(self, loc: Path_, message: str, *, key: bool = False) -> None:
        """A problem with the ladder value at ``loc``, reported where its nearest recorded part came from."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.places:
                self.add_at(self.places[loc[:end]], message)
                return
        self.add_at(Place(self.label, 1, 1), message)

    def fail_if_problems(self) -> None:
        if self.problems:
            ordered = sorted(self.problems, key=lambda problem: (problem[0].file != self.label, problem[0].file,
                                                                  problem[0].line, problem[0].column))
            raise InputFileError([f"{place.file}:{place.line}:{place.column}: "
                                  f"{place.what + ': ' if place.what else ''}{message}"
                                  for place, message in ordered])

    def validate(self, model: type[BaseModel], data: Any = None, at: Path_ = ()):
        """``data`` (the whole ladder by default) as ``model``, or None with the problems recorded at their places."""
        return validate_into(self, model, self.data if data is None else data, at)

    def ladder_yaml(self) -> str:
        """The ladder data as YAML a person edits: keys in the ladder's order, multi-line text as blocks."""
        return yaml.dump(self.data, Dumper=_LadderDumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False)

    def comment(self) -> str:
        """The notes as comment lines, to follow the comment block every imported ladder opens with."""
        import textwrap

        return "#\n" + "".join(textwrap.fill(note, width=100, initial_indent="# ", subsequent_indent="# ") + "\n"
                               for note in self.notes)


class _LadderDumper(yaml.SafeDumper):
    """Writes an expectation of several lines as a literal block, one item per line, as it will be edited."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None  # PyYAML falls back to quotes where a block cannot hold the text
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_LadderDumper.add_representer(str, _represent_text)


# Text ----------------------------------------------------------------------------------------------

def one_line(value: Any) -> str:
    """A value of the file as text on one line: the item of a list that every document shows as a list."""
    if value is None or isinstance(value, bool):
        return ""
    return " ".join(str(value).split())


def sentence(text: str) -> str:
    """``text`` ending as a sentence does, so that what is added after it reads on."""
    return text if not text or text[-1] in ".!?:;\u2026" else text + "."


def cell(items: list[str]) -> str:
    """A ladder's expectation from its items: one item as it is, several one per line, each after a bullet."""
    items = [item for item in items if item]
    return items[0] if len(items) == 1 else "\n".join(BULLET + item for item in items)


# Letters, digits and punctuation stay; emoji and pictographs (and what joins or varies them) are dropped
# from the ends of a heading: they decorate a web page, and the guide's fonts have no glyphs for them.
_DECORATION = {"So", "Sk", "Cf", "Mn", "Me", "Co", "Cs", "Zs"}


def heading(value: Any) -> str:
    """A title without the emoji that decorate it on the web (``"🛠️ Mastery"`` is ``"Mastery"``)."""
    text = one_line(value)
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in _DECORATION:
        start += 1
    while end > start and unicodedata.category(text[end - 1]) in _DECORATION:
        end -= 1
    return text[start:end]


def words(name: str) -> str:
    """An id such as ``problem-solving`` as words: ``Problem solving``."""
    text = re.sub(r"[-_\s]+", " ", name).strip()
    return text[:1].upper() + text[1:]


_RUNG_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")


def ladder_id(value: Any, taken: set[str], fallback: str) -> str:
    """The file's own id where it is a valid ladder id, else one made from it; unique among ``taken``."""
    from guidegen.input.spreadsheet import make_id

    text = one_line(value)
    if _RUNG_ID.fullmatch(text) and text not in taken:
        taken.add(text)
        return text
    return make_id(text, taken, fallback)


# Tracks --------------------------------------------------------------------------------------------

TRACK_NAMES = {"ic": "Individual contributor", "manager": "People manager"}
_ID_SUFFIXES = {"ic": "ic", "pm": "manager", "em": "manager", "mgr": "manager", "manager": "manager"}
_NAME_WORDS = (("ic", re.compile(r"\b(individual contributor|ic)\b", re.I)),
               ("manager", re.compile(r"\b(people manager|manager|management|em)\b", re.I)))
_PARENTHESIS = re.compile(r"\s*[(\[]([^()\[\]]+)[)\]]\s*$")


def level_track(level_id: str, name: str) -> tuple[str, str] | None:
    """The track a level belongs to, as (track id, the track's name as the file words it), or None for a
    shared level: from an id ending in ``-ic`` or ``-pm`` (FT's ``senior-2-ic``), or a name ending in a
    parenthesis that says so (``Principal Engineer (Individual Contributor)``)."""
    parenthesis = _PARENTHESIS.search(name)
    said = parenthesis.group(1).strip() if parenthesis else ""
    suffix = level_id.rsplit("-", 1)[-1].lower() if "-" in level_id else ""
    track = _ID_SUFFIXES.get(suffix)
    if track is None and said:
        track = next((kind for kind, pattern in _NAME_WORDS if pattern.search(said)), None)
    if track is None:
        return None
    named = said if said and any(kind == track and pattern.search(said) for kind, pattern in _NAME_WORDS) else ""
    return track, named or TRACK_NAMES[track]


def short_name(title: str) -> str:
    """The title without a parenthesis at its end (``Senior Engineer 2 (People Manager)``): the track says it."""
    return _PARENTHESIS.sub("", title).strip() or title


@dataclass
class Level:
    """A level of the file as a rung, with its place among the file's levels and its track, if any."""

    rung: dict[str, Any]
    index: int
    track: tuple[str, str] | None  # (id, name) from ``level_track``


def arrange(levels: list[Level]) -> tuple[list[Level], list[dict[str, str]], list[str]]:
    """The levels in a ladder's order, its tracks, and notes on what was moved.

    Shared levels come first, then each track's levels in the file's order, the tracks in the order they
    first appear. A shared level listed after forked ones (a director reached from both tracks) follows
    them all: the tracks rejoin there."""
    kinds = list(dict.fromkeys(level.track[0] for level in levels if level.track))
    if len(kinds) < 2:  # one kind of level marked, or none: a single climb
        return levels, [], []
    names = {kind: next(level.track[1] for level in levels if level.track and level.track[0] == kind)
             for kind in kinds}
    fork = next(position for position, level in enumerate(levels) if level.track)
    before = [level for level in levels[:fork] if not level.track]
    after = [level for level in levels[fork:] if not level.track]
    notes = [f"The tracks rejoin at {level.rung['title']}, reached from the top of each." for level in after[:1]]
    for level in levels:
        if level.track:
            level.rung["track"] = level.track[0]
    order = before + [level for kind in kinds for level in levels if level.track and level.track[0] == kind] + after
    return order, [{"id": kind, "name": names[kind]} for kind in kinds], notes
