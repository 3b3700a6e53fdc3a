"""A job family in the shape of Financial-Times/engineering-progression (``data/job-families/*.yml``), as a ladder.

The file lists ``levels`` (id, name), ``themes`` (id, name, summary) and ``competencies``, each with the
``level`` and ``theme`` it belongs to, a ``summary``, a ``proficiency`` and ``examples``; several may share a
theme and a level. The mapping:

- each level is a rung: its id kept (made a valid ladder id where it is not), its name the title, the name
  without a closing parenthesis the short name (``Senior Engineer 2 (People Manager)``: ``Senior Engineer 2``);
- levels whose id ends in ``-ic`` or ``-pm`` (or whose name says so in a parenthesis) make two tracks,
  shared levels first (see ``framework_document.arrange``);
- each theme is a competency, a row of the grid: the theme is the thread that runs through the levels, as a
  guidegen competency is, while FT's competencies each belong to one level; its summary is the description;
- the competencies of a theme at a level are that rung's expectation, one line each (after a bullet when
  there are several), each line the summary, then ``Proficiency: ...``, ``For example: ...`` and
  ``See: ...`` (its supporting links), so that nothing the file says is lost;
- the job family's name is the title, its summary the introduction, and the format's publisher the source.
"""

from __future__ import annotations

from typing import Any

from guidegen.input.framework_document import (FrameworkDocument, Level, Place, arrange, cell, heading,
                                                ladder_id, level_track, one_line, sentence, short_name, words)
from guidegen.input.yaml_document import YamlDocument

KIND = "a Financial-Times/engineering-progression job family"
SOURCE = {"author": "Financial Times", "url": "https://github.com/Financial-Times/engineering-progression"}


def is_job_family(data: Any) -> bool:
    """Whether ``data`` is a job family: levels and competencies, and themes (a guidegen ladder has rungs)."""
    if not isinstance(data, dict) or "rungs" in data or "levels" not in data or "competencies" not in data:
        return False
    competencies = data["competencies"] if isinstance(data["competencies"], list) else []
    return "themes" in data or any(isinstance(item, dict) and "theme" in item for item in competencies)


def job_family_ladder(source: YamlDocument) -> FrameworkDocument:
    """The job family read into ``source`` as ladder data with the place of each value, or the problems found."""
    document = FrameworkDocument(source.path, KIND)
    for (line, column), _, message in source.problems:  # duplicate keys
        document.add_at(Place(source.label, line, column), message)
    levels = _levels(document, source)
    themes = _themes(document, source)
    cells = _cells(document, source, levels, themes)
    document.fail_if_problems()
    order, tracks, notes = arrange(list(levels.values()))
    name = heading(source.data.get("name")) or words(source.path.stem)
    data: dict[str, Any] = {"title": name, "source": {"title": f"{name} job family", **SOURCE}}
    document.place(("title",), source.label, source.positions.of(("name",)))
    summary = one_line(source.data.get("summary"))
    if summary:
        data["introduction"] = [summary]
        document.place(("introduction",), source.label, source.positions.of(("summary",)), "the summary")
    if tracks:
        data["tracks"] = tracks
    data["rungs"] = [level.rung for level in order]
    document.place(("rungs",), source.label, source.positions.of(("levels",)), "levels")
    document.place(("competencies",), source.label, source.positions.of(("themes",)), "themes")
    for index, level in enumerate(order):
        document.place(("rungs", index), source.label, source.positions.of(("levels", level.index)),
                       f"level {level.rung['title']!r}")
    for index, track in enumerate(tracks):
        first = next(level for level in order if level.rung.get("track") == track["id"])
        document.place(("tracks", index), source.label, source.positions.of(("levels", first.index)))
    data["competencies"] = _competencies(document, source, themes, levels, order, cells)
    document.data = data
    document.notes = _notes(bool(tracks)) + notes
    return document


def _entries(document: FrameworkDocument, source: YamlDocument, key: str, fields: str) -> list[tuple[int, dict]]:
    """The mappings listed under ``key``, with their index; a problem for anything else."""
    value = source.data.get(key)
    where = Place(source.label, *source.positions.of((key,)))
    if not isinstance(value, list) or not value:
        document.add_at(where, f"{key}: must be a list of {fields}")
        return []
    entries = []
    for index, entry in enumerate(value):
        if isinstance(entry, dict):
            entries.append((index, entry))
        else:
            document.add_at(Place(source.label, *source.positions.of((key, index))),
                            f"{key}[{index}]: must be a mapping with {fields}")
    return entries


def _text_field(document: FrameworkDocument, source: YamlDocument, loc: tuple, entry: dict, key: str) -> str:
    """``entry[key]`` as one line of text, or "" with a problem when it is missing or not text."""
    value = entry.get(key)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and one_line(value):
        return one_line(value)
    where = Place(source.label, *source.positions.of((*loc, key) if key in entry else loc))
    document.add_at(where, f"{'.'.join(str(part) for part in loc[:1])}[{loc[1]}].{key}: "
                           f"{'must be text' if key in entry else 'is missing'}")
    return ""


def _levels(document: FrameworkDocument, source: YamlDocument) -> dict[str, Level]:
    """Each level as a rung, by the file's level id."""
    levels: dict[str, Level] = {}
    taken: set[str] = set()
    for index, entry in _entries(document, source, "levels", "id: and name:"):
        level_id = _text_field(document, source, ("levels", index), entry, "id")
        title = heading(_text_field(document, source, ("levels", index), entry, "name"))
        if not level_id or not title:
            continue
        if level_id in levels:
            document.add_at(Place(source.label, *source.positions.of(("levels", index, "id"))),
                            f"levels[{index}].id: {level_id!r} is already the id of another level")
            continue
        rung = {"id": ladder_id(level_id, taken, f"level-{index + 1}"), "title": title}
        if short_name(title) != title:
            rung["short"] = short_name(title)
        levels[level_id] = Level(rung, index, level_track(level_id, title))
    return levels


def _themes(document: FrameworkDocument, source: YamlDocument) -> dict[str, tuple[int, dict]]:
    """Each theme (its index and mapping) by its id."""
    themes: dict[str, tuple[int, dict]] = {}
    for index, entry in _entries(document, source, "themes", "id:, name: and summary:"):
        theme_id = _text_field(document, source, ("themes", index), entry, "id")
        if theme_id in themes:
            document.add_at(Place(source.label, *source.positions.of(("themes", index, "id"))),
                            f"themes[{index}].id: {theme_id!r} is already the id of another theme")
        elif theme_id:
            themes[theme_id] = (index, entry)
    return themes


def _cells(document: FrameworkDocument, source: YamlDocument, levels: dict[str, Level],
           themes: dict[str, tuple[int, dict]]) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """The competencies as lines of text by (theme id, level id), each with its index in the file."""
    cells: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for index, entry in _entries(document, source, "competencies", "level:, theme: and summary:"):
        loc = ("competencies", index)
        keys = {key: _text_field(document, source, loc, entry, key) for key in ("level", "theme", "summary")}
        for key, known in (("level", levels), ("theme", themes)):
            if keys[key] and keys[key] not in known:
                document.add_at(Place(source.label, *source.positions.of((*loc, key))),
                                f"competencies[{index}].{key}: {keys[key]!r} is not one of the {key}s listed "
                                f"above ({', '.join(known) or 'none'})")
                keys[key] = ""
        line = _line(document, source, loc, entry, keys["summary"])
        if all(keys.values()) and line:
            cells.setdefault((keys["theme"], keys["level"]), []).append((index, line))
    return cells


def _line(document: FrameworkDocument, source: YamlDocument, loc: tuple, entry: dict, summary: str) -> str:
    """A competency as one line: its summary, proficiency, examples and supporting links."""
    parts = [sentence(summary)] if summary else []
    proficiency = one_line(entry.get("proficiency"))
    if proficiency:
        parts.append(f"Proficiency: {sentence(proficiency)}")
    examples = _texts(document, source, (*loc, "examples"), entry.get("examples"))
    if examples:
        parts.append("For example: " + sentence("; ".join(examples)))
    links = _texts(document, source, (*loc, "supportingUrls"), entry.get("supportingUrls"))
    if links:
        parts.append("See: " + sentence("; ".join(links)))
    return " ".join(parts)


def _texts(document: FrameworkDocument, source: YamlDocument, loc: tuple, value: Any) -> list[str]:
    """A list of examples (text) or supporting links (``{label, url}``) as lines; a problem for anything else."""
    if value is None:
        return []
    where = Place(source.label, *source.positions.of(loc))
    if not isinstance(value, list):
        document.add_at(where, f"{loc[0]}[{loc[1]}].{loc[2]}: must be a list")
        return []
    lines = []
    for item in value:
        if isinstance(item, dict):
            label, url = one_line(item.get("label")), one_line(item.get("url"))
            lines.append(f"{label} ({url})" if label and url else label or url)
        else:
            lines.append(one_line(item))
    return [line for line in lines if line]


def _competencies(document: FrameworkDocument, source: YamlDocument, themes: dict[str, tuple[int, dict]],
                  levels: dict[str, Level], order: list[Level], cells: dict[tuple[str, str], list[tuple[int, str]]]) -> list[dict]:
    """Each theme as a competency, its expectations in the ladder's order of rungs."""
    level_ids = {id(level): level_id for level_id, level in levels.items()}
    competencies = []
    taken: set[str] = set()
    for position, (theme_id, (index, entry)) in enumerate(themes.items()):
        name = heading(entry.get("name")) or words(theme_id)
        competency: dict[str, Any] = {"id": ladder_id(theme_id, taken, f"theme-{index + 1}"), "name": name}
        description = one_line(entry.get("summary"))
        if description:
            competency["description"] = description
        document.place(("competencies", position), source.label, source.positions.of(("themes", index)),
                       f"theme {theme_id!r}")
        expectations = {}
        for level in order:
            lines = cells.get((theme_id, level_ids[id(level)]), [])
            if lines:
                expectations[level.rung["id"]] = cell([line for _, line in lines])
                document.place(("competencies", position, "expectations", level.rung["id"]), source.label,
                               source.positions.of(("competencies", lines[0][0])),
                               f"the competencies of theme {theme_id!r} at level {level_ids[id(level)]!r}")
        competency["expectations"] = expectations
        competencies.append(competency)
    return competencies


def _notes(forked: bool) -> list[str]:
    notes = ["From the job family: each theme is a competency (a row of the grid), its summary the description. "
             "A theme's competencies at a level make that rung's expectation, one per line (after a bullet when "
             "there are several), each with its proficiency, examples and links."]
    if forked:
        notes.append("Levels whose id ends in -ic or -pm (or whose name says so) make the two tracks.")
    notes.append("source: credits the Financial Times, who publish this format; change it if the framework is "
                 "your own.")
    return notes
