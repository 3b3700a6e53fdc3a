"""Company ladders that adapt another ladder without copying it.

An overlay file says ``extends: default`` (or a path) and then, rung by rung
(matched by id), renames, replaces or adds items, inserts new rungs
``after:`` or ``before:`` an existing one, or drops a rung. Competencies are
changed the same way: renamed, regrouped, given new expectations (or an
expectation dropped with ``null``), added, moved or dropped. A dropped rung
takes its expectations with it. The merge is done on plain data and the
result validated as an ordinary ladder.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, create_model

from guidegen.input.yaml_document import YamlDocument
from guidegen.errors import did_you_mean
from guidegen.input.schema import (Competency, Conclusion, Labels, Ladder, Rung, RungId, Skill, Source, Strict, Text,
                                   Track)


class Additions(Strict):
    responsibilities: list[Text] = []
    leadership: list[Skill] = []
    soft_skills: list[Skill] = []
    aliases: list[Text] = []


# Any section heading the ladder has may be renamed: the same fields as Labels, each optional.
LabelChanges = create_model("LabelChanges", __base__=Strict,
                            **{name: (Text | None, None) for name in Labels.model_fields})


class RungChange(Strict):
    """Changes to one rung (matched by id), or a new rung placed after or before another."""

    id: RungId
    drop: bool = False
    after: RungId | None = None
    before: RungId | None = None
    title: Text | None = None
    short: Text | None = None
    track: RungId | None = None
    scope: Text | None = None
    leads: Text | None = None
    presents_to: Text | None = None
    what_it_is: Text | None = None
    responsibilities: list[Text] | None = None
    leadership: list[Skill] | None = None
    soft_skills: list[Skill] | None = None
    example: Any = None  # validated as an Example by the merged ladder
    aliases: list[Text] | None = None  # replaces the rung's; add: aliases: [...] adds to them
    add: Additions = Additions()


class CompetencyChange(Strict):
    """Changes to one competency (matched by id), or a new one placed after or before another."""

    id: RungId
    drop: bool = False
    after: RungId | None = None
    before: RungId | None = None
    name: Text | None = None
    description: Text | None = None
    group: Text | None = None
    # Merged into the competency's expectations by rung id; null drops the expectation at that rung.
    expectations: dict[RungId, Text | None] = Field(default_factory=dict)


class Overlay(Strict):
    extends: Text
    title: Text | None = None
    subtitle: Text | None = None
    language: str | None = None
    source: Source | None = None
    labels: LabelChanges = LabelChanges()
    introduction: list[Text] | None = None
    conclusion: Conclusion | None = None
    company_introduction: list[Text] | None = None
    company_closing: list[Text] | None = None
    rungs: list[RungChange] = Field(default_factory=list)
    tracks: list[Track] | None = None  # replace the base's tracks
    competencies: list[CompetencyChange] = Field(default_factory=list)


_PLACEMENT = {"id", "drop", "after", "before", "add"}


def merge(document: YamlDocument, overlay: Overlay, base: Ladder) -> dict:
    """The base ladder with the overlay's changes applied, as plain data for validation.

    A pure merge: the base is already loaded, and problems (an unknown rung id, say) are recorded
    in ``document`` with their lines.
    """
    merged = base.model_dump()

    for key in ("title", "subtitle", "language", "introduction", "company_introduction", "company_closing"):
        value = getattr(overlay, key)
        if value is not None:
            merged[key] = value
    for key in ("source", "conclusion"):
        value = getattr(overlay, key)
        if value is not None:
            merged[key] = value.model_dump()
    merged["labels"].update(overlay.labels.model_dump(exclude_none=True))

    if overlay.tracks is not None:
        merged["tracks"] = [track.model_dump() for track in overlay.tracks]

    rungs: list[dict] = merged["rungs"]
    raw_changes = document.data.get("rungs") or []
    for index, (change, raw) in enumerate(zip(overlay.rungs, raw_changes)):
        _apply(document, rungs, change, raw, index)
    # A rung that could not be placed would make every expectation the overlay gives it a second,
    # misleading problem: the rung problems are reported on their own.
    document.fail_if_problems()
    kept = set(_id_list(rungs))
    for competency in merged["competencies"]:  # a dropped rung takes its expectations with it
        competency["expectations"] = {key: value for key, value in competency["expectations"].items() if key in kept}
    raw_competencies = document.data.get("competencies") or []
    for index, (change, raw) in enumerate(zip(overlay.competencies, raw_competencies)):
        _apply_competency(document, merged["competencies"], change, raw, index)
    return merged


def _apply_competency(document: YamlDocument, competencies: list[dict], change: CompetencyChange, raw: dict,
                      index: int) -> None:
    at = ("competencies", index)
    ids = [item["id"] for item in competencies]
    known = f" (ids: {', '.join(ids)})" if ids else ""
    position = ids.index(change.id) if change.id in ids else None
    if change.after and change.before:
        document.add((*at, "before"), "give either after: or before:, not both")
        return
    if change.drop:
        if position is None:
            document.add((*at, "id"), f"cannot drop {change.id!r}: the ladder has no such competency{known}")
        else:
            del competencies[position]
        return
    anchor_key = "after" if change.after else "before" if change.before else None
    if position is None:
        expectations = {key: value for key, value in change.expectations.items() if value is not None}
        fields = {key: value for key, value in raw.items() if key not in {"drop", "after", "before"}}
        competency = document.validate(Competency, {**fields, "expectations": expectations}, at)
        if competency is None:
            return
        new = competency.model_dump()
        if anchor_key is None:
            competencies.append(new)  # a new competency goes last unless placed
            return
    else:
        new = competencies.pop(position)
        for key in ("name", "description", "group"):
            if getattr(change, key) is not None:
                new[key] = getattr(change, key)
        for rung_id, text in change.expectations.items():
            if text is None:
                new["expectations"].pop(rung_id, None)
            else:
                new["expectations"][rung_id] = text
        if anchor_key is None:
            competencies.insert(position, new)
            return
    anchor = getattr(change, anchor_key)
    ids = [item["id"] for item in competencies]
    if anchor not in ids:
        document.add((*at, anchor_key), f"the ladder has no competency {anchor!r}{did_you_mean(anchor, ids)} to place "
                                        f"{change.id!r} {anchor_key}{known}")
        competencies.insert(position if position is not None else len(competencies), new)
        return
    target = ids.index(anchor)
    competencies.insert(target + 1 if anchor_key == "after" else target, new)


def _inherited_texts(overlay: Overlay, merged: dict, base_ids: set[str]) -> list[tuple[str, str]]:
    """(where, text) of every text the merged ladder takes unchanged from its base."""
    texts: list[tuple[str, str]] = []
    if overlay.introduction is None:
        texts += [(f"introduction[{i}]", text) for i, text in enumerate(merged["introduction"])]
    if overlay.conclusion is None and merged.get("conclusion"):
        conclusion = merged["conclusion"]
        texts += [("conclusion.heading", conclusion["heading"])]
        texts += [(f"conclusion.paragraphs[{i}]", text) for i, text in enumerate(conclusion["paragraphs"])]
    changed = {change.id: change for change in overlay.rungs}
    for rung in merged["rungs"]:
        change = changed.get(rung["id"])
        if rung["id"] not in base_ids:
            continue  # a rung the overlay wrote itself
        given = set(change.model_dump(exclude_none=True)) if change is not None else set()
        where = f"rung {rung['id']!r}"
        for key in ("what_it_is", "scope"):
            if rung.get(key) and key not in given:
                texts.append((f"{where} {key}", rung[key]))
        if "responsibilities" not in given:
            texts += [(f"{where} responsibilities", text) for text in rung.get("responsibilities") or []]
        for section in ("leadership", "soft_skills"):
            if section not in given:
                texts += [(f"{where} {section}", skill["description"]) for skill in rung.get(section) or []]
        if rung.get("example") and "example" not in given:
            texts += [(f"{where} example", rung["example"]["setting"]), (f"{where} example", rung["example"]["story"])]
    return texts


def stale_names(document: YamlDocument, overlay: Overlay, base: Ladder, merged: dict) -> list[str]:
    """Warnings for text inherited from the base that still names a rung the overlay renamed or dropped
    ("The Director of Product Management shapes..." under a rung now called "Director of Product")."""
    current = {name for rung in merged["rungs"] for name in (rung["title"], rung.get("short") or rung["title"])}
    base_rungs = {rung.id: rung for rung in base.rungs}
    gone: list[tuple[str, tuple, str]] = []  # (old name, where in this file, what happened)
    for index, change in enumerate(overlay.rungs):
        old = base_rungs.get(change.id)
        if old is None:
            continue
        for key in ("title", "short"):
            name = getattr(old, key)
            renamed = getattr(change, key)
            if change.drop:
                gone.append((name, ("rungs", index, "drop"), f"rung {change.id!r} is dropped"))
            elif renamed is not None and renamed != name:
                gone.append((name, ("rungs", index, key), f"rung {change.id!r} is now {renamed!r}"))
    texts = _inherited_texts(overlay, merged, set(base_rungs))
    warnings = []
    seen: set[str] = set()
    for name, loc, what in gone:
        if name in current or name in seen or len(name) < 3 or any(name in other for other in current):
            continue
        seen.add(name)
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        places = list(dict.fromkeys(where for where, text in texts if pattern.search(text)))
        if places:
            line, _ = document.positions.of(loc)
            shown = "; ".join(places[:4]) + (f"; and {len(places) - 4} more" if len(places) > 4 else "")
            warnings.append(f"{document.label}:{line}: {what}, but text this ladder inherits still says "
                            f"{name!r} ({shown}); give that text here in its new words")
    return warnings


def _id_list(rungs) -> list[str]:
    return [rung["id"] for rung in rungs]


def _ids(rungs: list[dict]) -> str:
    return ", ".join(rung["id"] for rung in rungs)


def _apply(document: YamlDocument, rungs: list[dict], change: RungChange, raw: dict, index: int) -> None:
    at = ("rungs", index)
    position = next((i for i, rung in enumerate(rungs) if rung["id"] == change.id), None)
    if change.after and change.before:
        document.add((*at, "before"), "give either after: or before:, not both")
        return

    if change.drop:
        if position is None:
            document.add((*at, "id"), f"cannot drop {change.id!r}: the ladder has no such rung (ids: {_ids(rungs)})")
        else:
            del rungs[position]
        return

    anchor_key = "after" if change.after else "before" if change.before else None
    if position is None:
        if anchor_key is None:
            document.add((*at, "id"), f"the ladder has no rung {change.id!r}{did_you_mean(change.id, _id_list(rungs))} "
                                      f"(ids: {_ids(rungs)}); to add a new rung, say where with after: or before:")
            return
        fields = {key: value for key, value in raw.items() if key not in _PLACEMENT - {"id"}}
        for section, extra in change.add.model_dump().items():
            fields[section] = list(fields.get(section) or []) + extra
        rung = document.validate(Rung, fields, at)
        if rung is None:
            return
        new = rung.model_dump()
    else:
        new = rungs.pop(position)
        for key, value in change.model_dump(exclude_none=True, exclude=_PLACEMENT).items():
            new[key] = value
        for section, extra in change.add.model_dump().items():
            new[section] = list(new[section]) + extra

    if anchor_key is None:
        rungs.insert(position, new)
        return
    anchor = getattr(change, anchor_key)
    target = next((i for i, rung in enumerate(rungs) if rung["id"] == anchor), None)
    if target is None:
        document.add((*at, anchor_key), f"the ladder has no rung {anchor!r}{did_you_mean(anchor, _id_list(rungs))} to "
                                        f"place {change.id!r} {anchor_key} (ids: {_ids(rungs)})")
        if position is not None:
            rungs.insert(position, new)
        return
    rungs.insert(target + 1 if anchor_key == "after" else target, new)
