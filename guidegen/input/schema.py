"""The career ladder as typed, validated data.

Every model forbids unknown keys so that a typo in a ladder file is reported
instead of silently dropped.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


class Skill(Strict):
    """A leadership component or soft skill: the article's name plus one line."""

    name: Text
    description: Text


class Example(Strict):
    setting: Text
    story: Text


class Rung(Strict):
    id: RungId
    title: Text
    short: Text
    what_it_is: Text
    responsibilities: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    leadership: list[Skill] = Field(min_length=1, max_length=MAX_ITEMS)
    soft_skills: list[Skill] = Field(min_length=1, max_length=MAX_ITEMS)
    example: Example


class Conclusion(Strict):
    heading: Text
    paragraphs: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)


class Ladder(Strict):
    title: Text
    subtitle: Text | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    source: Source
    labels: Labels = Labels()
    introduction: list[Text] = Field(min_length=1, max_length=MAX_ITEMS)
    conclusion: Conclusion
    rungs: list[Rung] = Field(min_length=1, max_length=MAX_RUNGS)
    # What a company adds around the ladder it adapts (see overlay.py); empty for the article's own.
    company_introduction: list[Text] = Field(default=[], max_length=MAX_ITEMS)
    company_closing: list[Text] = Field(default=[], max_length=MAX_ITEMS)


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
    return problems
