"""The career ladder as typed, validated data.

Every model forbids unknown keys so that a typo in a ladder file is reported
instead of silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Text that must say something: surrounding whitespace is dropped first. Control characters
# are refused: no document format can show them, and XML (the deck) cannot even hold them. So are
# bidirectional embeddings and overrides (U+202A to U+202E), which make text read otherwise than
# it is written ("Admin\u202eevil" shows as "Adminlive"); isolates (U+2066 to U+2069) are harmless.
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=5000,
                      pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\ufffe\uffff]*$"),
]
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e")

# Far above any real ladder (the largest published frameworks have a dozen levels), low enough that a
# hostile file cannot make a build take minutes and gigabytes.
MAX_RUNGS = 100
MAX_ITEMS = 50
RungId = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40),
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where the ladder's facts come from, credited in both documents."""

    title: Text
    author: Text
    url: Text | None = None


class Labels(Strict):
    """Section headings: data, so that a company can use its own words."""

    what_it_is: Text = "What It Is"
    responsibilities: Text = "Key Responsibilities"
    leadership: Text = "Leadership Components"
    soft_skills: Text = "Soft Skills"
    example: Text = "Real-World Example"
    company_introduction: Text = "At our company"
    company_closing: Text = "Your next steps"
    competencies: Text = "Competencies"
    expectations: Text = "Expectations"
    scope: Text = "Scope"
    leads: Text = "Leads"
    presents_to: Text = "Presents to"


class Skill(Strict):
    """A leadership component or soft skill: the article's name plus one line."""

    name: Text
    description: Text


class Example(Strict):
    setting: Text
    story: Text


class Rung(Strict):
    """One level of the ladder. Only its id and title are required: a framework kept as a grid of
    expectations has nothing else, and the article's ladders fill every section."""

    id: RungId
    title: Text
    short: Text  # the title where the file gives no short name (see _short_defaults_to_title)
    track: RungId | None = None  # after a fork, the track this rung belongs to; shared rungs have none
    scope: Text | None = None  # what the person owns or leads, in one short phrase
    leads: Text | None = None
    presents_to: Text | None = None
    what_it_is: Text | None = None
    responsibilities: list[Text] = Field(default=[], max_length=MAX_ITEMS)
    leadership: list[Skill] = Field(default=[], max_length=MAX_ITEMS)
    soft_skills: list[Skill] = Field(default=[], max_length=MAX_ITEMS)
    example: Example | None = None
    # Other titles the rung goes by in an HR system ("Sr. Product Manager", "Product Manager II"): a people
    # file's job titles match them as they match the title (see title_key). No document shows them.
    aliases: list[Text] = Field(default=[], max_length=MAX_ITEMS)

    @model_validator(mode="before")
    @classmethod
    def _short_defaults_to_title(cls, data):
        if isinstance(data, dict) and data.get("short") is None and isinstance(data.get("title"), str):
            return {**data, "short": data["title"]}
        return data


class Competency(Strict):
    """A thread that runs through the ladder: the same competency, expected differently at each rung."""

    id: RungId
    name: Text
    description: Text | None = None
    group: Text | None = None  # such as "Craft" or "Leadership": the grid groups its rows by it
    # What a person at each rung does, keyed by rung id; a rung without one is not expected to show it yet.
    expectations: dict[RungId, Text] = Field(default={}, max_length=MAX_RUNGS)


class Track(Strict):
    """One branch of a ladder that forks, such as individual contributors and people managers."""

    id: RungId
    name: Text
    description: Text | None = None


class Conclusion(Strict):
    heading: Text
    paragraphs: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Ladder(Strict):
    title: Text
    subtitle: Text | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    source: Source | None = None  # a company's own framework has none to credit
    labels: Labels = Labels()
    introduction: list[Text] = Field(default=[], max_length=MAX_ITEMS)
    conclusion: Conclusion | None = None
    rungs: list[Rung] = Field(min_length=1, max_length=MAX_RUNGS)
    competencies: list[Competency] = Field(default=[], max_length=MAX_ITEMS)
    tracks: list[Track] = Field(default=[], max_length=MAX_ITEMS)
    # What a company adds around the ladder it adapts (see overlay.py); empty for the article's own.
    company_introduction: list[Text] = Field(default=[], max_length=MAX_ITEMS)
    company_closing: list[Text] = Field(default=[], max_length=MAX_ITEMS)


# Abbreviations and numerals job titles write either way: "Sr. PM II" is "Senior PM 2".
_TITLE_WORDS = {"sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior",
                "i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}


def title_key(text: str) -> str:
    """A rung's name as a job title is compared: without case, spacing or punctuation, abbreviations and
    numerals written out ("Sr. Product Manager II" and "senior product manager 2" are one title)."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold())
    return "".join(_TITLE_WORDS.get(word, word) for word in words)


def consistency_problems(ladder: Ladder) -> list[tuple[tuple[str | int, ...], str]]:
    """Rules that span several fields, each with the path of the offending value.

    Kept out of pydantic validators so that each problem points at the exact
    line of the repeated value rather than at the enclosing mapping.
    """
    problems: list[tuple[tuple[str | int, ...], str]] = []
    first_use: dict[str, int] = {}
    for index, rung in enumerate(ladder.rungs):
        if rung.id in first_use:
            problems.append(
                (("rungs", index, "id"),
                 f"rung id {rung.id!r} is already used by rungs[{first_use[rung.id]}]; each rung needs its own id")
            )
        first_use.setdefault(rung.id, index)
        for section in ("leadership", "soft_skills"):
            seen: set[str] = set()
            for position, skill in enumerate(getattr(rung, section)):
                key = skill.name.casefold()
                if key in seen:
                    problems.append(
                        (("rungs", index, section, position, "name"), f"{skill.name!r} is listed twice in this section")
                    )
                seen.add(key)
    problems += _alias_problems(ladder)
    problems += _track_problems(ladder)
    problems += _competency_problems(ladder, list(first_use))
    return problems


def _alias_problems(ladder: Ladder) -> list[tuple[tuple[str | int, ...], str]]:
    """An alias that is also another rung's id, title, short name or alias would match two rungs."""
    owners: dict[str, tuple[str, str]] = {}  # title key -> (rung id, what it is there)
    for rung in ladder.rungs:
        for what, name in (("id", rung.id), ("title", rung.title), ("short name", rung.short)):
            owners.setdefault(title_key(name), (rung.id, what))
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for index, rung in enumerate(ladder.rungs):
        for position, alias in enumerate(rung.aliases):
            owner = owners.setdefault(title_key(alias), (rung.id, "alias"))
            if owner[0] != rung.id:
                problems.append((("rungs", index, "aliases", position),
                                 f"alias {alias!r} of rung {rung.id!r} is also the {owner[1]} of rung "
                                 f"{owner[0]!r}: a job title would match both; give each rung its own"))
    return problems


def _track_problems(ladder: Ladder) -> list[tuple[tuple[str | int, ...], str]]:
    """Tracks are declared once and each has rungs; shared rungs come before the fork, or after every track's
    rungs, where the tracks rejoin (a director reached from the individual contributors and the managers)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    track_ids = [track.id for track in ladder.tracks]
    for index, track in enumerate(ladder.tracks):
        if track_ids.index(track.id) != index:
            problems.append((("tracks", index, "id"), f"track id {track.id!r} is declared twice"))
        elif not any(rung.track == track.id for rung in ladder.rungs):
            problems.append((("tracks", index, "id"), f"no rung belongs to track {track.id!r}; give its rungs "
                                                      f"track: {track.id}"))
    forked = joined = False
    for index, rung in enumerate(ladder.rungs):
        if rung.track is not None and rung.track not in track_ids:
            known = f" (tracks: {', '.join(track_ids)})" if track_ids else "; declare it under tracks:"
            problems.append((("rungs", index, "track"), f"unknown track {rung.track!r}{known}"))
        if rung.track is None:
            joined = joined or forked
        elif joined:
            problems.append((("rungs", index, "track"), f"{rung.id!r} belongs to track {rung.track!r} but follows "
                                                        f"the rungs where the tracks rejoin; list the shared rungs "
                                                        f"first, then each track's rungs, then the rungs they rejoin at"))
        else:
            forked = True
    return problems


def _competency_problems(ladder: Ladder, rung_ids: list[str]) -> list[tuple[tuple[str | int, ...], str]]:
    problems: list[tuple[tuple[str | int, ...], str]] = []
    seen: dict[str, int] = {}
    for index, competency in enumerate(ladder.competencies):
        if competency.id in seen:
            problems.append((("competencies", index, "id"), f"competency id {competency.id!r} is already used by "
                                                            f"competencies[{seen[competency.id]}]"))
        seen.setdefault(competency.id, index)
        for rung_id in competency.expectations:
            if rung_id not in rung_ids:
                problems.append((("competencies", index, "expectations", rung_id),
                                 f"no rung has the id {rung_id!r} (rung ids: {', '.join(rung_ids)})"))
    return problems
