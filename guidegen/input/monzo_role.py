"""A role in the shape of monzo/progression-framework (``frameworks/**/*.md``), as a ladder.

The role is a Markdown file whose YAML front matter gives ``levels: N`` and ``topics``, each with a
``name``, a ``title`` and ``content``: per level, ``criteria`` (a list) and ``exampleCriteria`` (criteria
with their ``examples``). A level a topic does not mention is left out of it. The mapping:

- levels 1 to N are the rungs ``level-1`` ... titled ``Level 1`` ..., short ``L1`` ...;
- each topic is a competency, its ``name`` the id, its title (without the emoji that decorate it on the
  web) the name; the criteria at a level are that rung's expectation, one line each (after a bullet when
  there are several), criteria with examples ending ``For example: ...``;
- a topic whose name is also a topic of ``generic.md`` inherits from it as Monzo's site does: the generic
  title and description, and the generic criteria of each level after the role's own. ``generic.md`` is
  looked for beside the role, then one folder up (where Monzo's repository keeps it);
- the role's title is the ladder's title, and the format's publisher the source.

The Markdown after the front matter (prose about the framework) is not imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError
from guidegen.input.framework_document import (FrameworkDocument, Place, cell, heading, ladder_id, one_line,
                                                sentence, words)
from guidegen.input.schema import MAX_RUNGS
from guidegen.input.yaml_document import YamlDocument, parse_text, read_text

KIND = "a monzo/progression-framework role"
SOURCE = {"author": "Monzo", "url": "https://github.com/monzo/progression-framework"}
GENERIC = "generic.md"
_FENCES = ("---", "...")


def front_matter(text: str) -> str | None:
    """The YAML front matter of ``text`` with the lines after it cut, so that its lines keep their numbers
    (its opening ``---`` is YAML's own document marker); None when ``text`` opens with no front matter."""
    if not text.startswith("---"):  # most files: no need to look further
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None
    closing = next((number for number, line in enumerate(lines[1:], start=1) if line.strip() in _FENCES), None)
    return None if closing is None else "\n".join(lines[:closing]) + "\n"


def is_role(data: Any) -> bool:
    """Whether ``data`` (front matter, or a YAML file holding just that) is a role: topics, and no rungs."""
    return isinstance(data, dict) and "topics" in data and "rungs" not in data


def role_ladder(matter: YamlDocument) -> FrameworkDocument:
    """The role whose front matter is ``matter`` as ladder data with the place of each value, or the problems."""
    path = matter.path
    document = FrameworkDocument(path, KIND)
    topics = _topics(document, matter)
    generic = _generic(path)
    generic_topics = _topics(document, generic) if generic is not None else {}
    if set(generic_topics) == set(topics):  # the generic framework itself, as Monzo's site tells it
        generic_topics = {}
    count = _level_count(document, matter, topics)
    document.fail_if_problems()
    title = heading(matter.data.get("title")) or heading(matter.data.get("sidebarTitle")) or words(path.stem)
    document.place(("title",), matter.label, matter.positions.of(("title",)))
    rungs = [{"id": f"level-{level}", "title": f"Level {level}", "short": f"L{level}"}
             for level in range(1, count + 1)]
    competencies = []
    taken: set[str] = set()
    for name, (index, topic) in topics.items():
        inherited = generic_topics.get(name)
        competencies.append(_competency(document, matter, (index, topic), generic, inherited, count, taken,
                                        len(competencies)))
    document.data = {"title": title, "source": {"title": title, **SOURCE}, "rungs": rungs,
                     "competencies": competencies}
    document.place(("rungs",), matter.label, matter.positions.of(("levels",)), "levels")
    document.place(("competencies",), matter.label, matter.positions.of(("topics",)), "topics")
    document.notes = _notes(generic if generic_topics else None, path)
    return document


def _read_matter(path: Path, text: str) -> YamlDocument:
    matter = front_matter(text)
    if matter is None:
        raise InputFileError([f"{path}:1:1: the generic framework opens with YAML front matter between two lines "
                              f"'---', holding its topics; this file has none, or it is never closed"])
    return parse_text(path, matter, "framework")


def generic_path(path: Path) -> Path | None:
    """The ``generic.md`` the role at ``path`` inherits from: beside it, else one folder up; None when there is
    none, or when the role is that file."""
    if path.name.lower() == GENERIC:
        return None
    for folder in (path.parent, path.parent.parent):
        candidate = folder / GENERIC
        if candidate.is_file():
            return candidate
    return None


def _generic(path: Path) -> YamlDocument | None:
    """The role's ``generic.md`` read as a role; None when there is none."""
    candidate = generic_path(path)
    return None if candidate is None else _read_matter(candidate, read_text(candidate, "framework"))


def _topics(document: FrameworkDocument, matter: YamlDocument) -> dict[str, tuple[int, dict]]:
    """The file's topics by name, with their index; a problem for each that is not a mapping with a name."""
    for (line, column), _, message in matter.problems:  # duplicate keys
        document.add_at(Place(matter.label, line, column), message)
    value = matter.data.get("topics")
    if not isinstance(value, list) or not value:
        document.add_at(Place(matter.label, *matter.positions.of(("topics",))),
                        "topics: must be a list of topics, each with name:, title: and content:")
        return {}
    topics: dict[str, tuple[int, dict]] = {}
    for index, topic in enumerate(value):
        name = one_line(topic.get("name")) if isinstance(topic, dict) else ""
        where = Place(matter.label, *matter.positions.of(("topics", index, "name")))
        if not name:
            document.add_at(where, f"topics[{index}]: must be a mapping with name:, title: and content:")
        elif name in topics:
            document.add_at(where, f"topics[{index}].name: {name!r} is already the name of another topic")
        else:
            topics[name] = (index, topic)
    return topics


def _level(value: Any) -> int | None:
    """A level as a whole number (``3`` or ``"3"``), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _level_count(document: FrameworkDocument, matter: YamlDocument, topics: dict[str, tuple[int, dict]]) -> int:
    """``levels:``, or the highest level the topics name when it is not given; a problem for a level out of range."""
    given = matter.data.get("levels")
    highest = max((_level(entry.get("level")) or 0 for _, topic in topics.values()
                   for entry in _content(topic) if isinstance(entry, dict)), default=1)
    count = _level(given) if given is not None else highest
    if count is None or not 1 <= count <= MAX_RUNGS:
        document.add_at(Place(matter.label, *matter.positions.of(("levels",))),
                        f"levels: must be a whole number from 1 to {MAX_RUNGS}, not {given!r}")
        return 1
    for _, (index, topic) in topics.items():
        if not isinstance(topic.get("content"), (list, type(None))):
            document.add_at(Place(matter.label, *matter.positions.of(("topics", index, "content"))),
                            f"topics[{index}].content: must be a list of levels, each with level: and criteria:")
        for position, entry in enumerate(_content(topic)):
            level = _level(entry.get("level")) if isinstance(entry, dict) else None
            if level is None or not 1 <= level <= count:
                document.add_at(Place(matter.label, *matter.positions.of(("topics", index, "content", position))),
                                f"topics[{index}].content[{position}]: must have a level from 1 to {count} "
                                f"(levels: {count}), not {entry.get('level') if isinstance(entry, dict) else entry!r}")
    return count


def _content(topic: dict) -> list:
    content = topic.get("content")
    return content if isinstance(content, list) else []


def _lines(entry: dict, with_examples: bool) -> list[str]:
    """A level's criteria as lines: the criteria, then the criteria with examples."""
    criteria = entry.get("criteria")
    lines = [one_line(item) for item in criteria] if isinstance(criteria, list) else [one_line(criteria)]
    examples = entry.get("exampleCriteria") if with_examples else None
    for item in examples if isinstance(examples, list) else ():
        if not isinstance(item, dict):
            lines.append(one_line(item))
            continue
        said = item.get("examples")
        said = [one_line(example) for example in said] if isinstance(said, list) else [one_line(said)]
        said = [example for example in said if example]
        text = one_line(item.get("criteria"))
        examples = f"For example: {sentence('; '.join(said))}" if said else ""
        lines.append(f"{sentence(text)} {examples}".strip() if text else examples)
    return [line for line in lines if line]


def _by_level(matter: YamlDocument, index: int, topic: dict, with_examples: bool) -> dict[int, tuple[Place, list]]:
    """A topic's lines by level, each level with the place of its first entry."""
    levels: dict[int, tuple[Place, list]] = {}
    for position, entry in enumerate(_content(topic)):
        level = _level(entry.get("level")) if isinstance(entry, dict) else None
        if level is None:
            continue
        place = Place(matter.label, *matter.positions.of(("topics", index, "content", position)))
        levels.setdefault(level, (place, []))[1].extend(_lines(entry, with_examples))
    return levels


def _competency(document: FrameworkDocument, matter: YamlDocument, numbered: tuple[int, dict],
                generic: YamlDocument | None, inherited: tuple[int, dict] | None, count: int, taken: set[str],
                position: int) -> dict[str, Any]:
    """A topic as a competency, with what it inherits from the generic topic of its name."""
    index, topic = numbered
    name = one_line(topic.get("name"))
    # Monzo's site shows the generic topic's title and description where there is one, else the role's own.
    title = heading(inherited[1].get("title")) if inherited else ""
    description = one_line(inherited[1].get("description")) if inherited else ""
    competency: dict[str, Any] = {"id": ladder_id(name, taken, f"topic-{index + 1}"),
                                  "name": title or heading(topic.get("title")) or words(name)}
    description = description or one_line(topic.get("description"))
    if description:
        competency["description"] = description
    document.place(("competencies", position), matter.label, matter.positions.of(("topics", index)),
                   f"topic {name!r}")
    own = _by_level(matter, index, topic, with_examples=True)
    extra = _by_level(generic, inherited[0], inherited[1], with_examples=False) if inherited and generic else {}
    expectations = {}
    for level in range(1, count + 1):  # generic levels above the role's are not the role's, as on the site
        lines = own.get(level, (None, []))[1] + extra.get(level, (None, []))[1]
        if lines:
            rung_id = f"level-{level}"
            expectations[rung_id] = cell(lines)
            place = (own.get(level) or extra[level])[0]
            document.places[("competencies", position, "expectations", rung_id)] = Place(
                place.file, place.line, place.column, f"topic {name!r} at level {level}")
    competency["expectations"] = expectations
    return competency


def _notes(generic: YamlDocument | None, path: Path) -> list[str]:
    notes = ["From the role: each topic is a competency; its criteria at a level make that rung's expectation, "
             "one per line (after a bullet when there are several), criteria with examples ending \"For example: "
             "...\". A level a topic does not mention is left out of it, as in the file."]
    if generic is not None:
        shown = generic.path.name if generic.path.parent == path.parent else f"../{generic.path.name}"
        notes.append(f"Topics also in {shown} take its title and description, and its criteria follow the "
                     f"role's own at each level, as Monzo's site shows them.")
    notes.append("source: credits Monzo, who publish this format; change it if the framework is your own.")
    return notes
