"""Write changed competencies into a ladder file's text: into the ladder itself, or into an overlay's own
``competencies:`` (for ``import --into``).

A plain ladder has each competency in full, in the model's order: a changed value is replaced, a cleared
one removed. An overlay says only what differs from its base: a change to a competency of the base is
written in the overlay's entry for it (made if it has none); an expectation cleared where the base gives
one becomes ``null``; a value the overlay itself gave is removed from it. New competencies go last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidegen.errors import InputError
from guidegen.input.schema import Competency, Ladder
from guidegen.yaml_edit import YamlEditor

FIELD_ORDER = ("id", "drop", "after", "before", "name", "description", "group", "expectations")
TEXT_FIELDS = ("name", "description", "group")


def edit_ladder(text: str, ladder_file: Path, ladder: Ladder, updated: list[Competency]) -> str:
    """``text`` (the file ``ladder`` was loaded from) with ``updated`` as its competencies."""
    editor = YamlEditor(text, str(ladder_file))
    order = [rung.id for rung in ladder.rungs]
    before = {competency.id: competency for competency in ladder.competencies}
    base = _base(ladder_file) if isinstance(editor.data, dict) and "extends" in editor.data else None
    entries = (editor.data.get("competencies") or []) if isinstance(editor.data, dict) else []
    for index, competency in enumerate(updated):
        old = before.get(competency.id)
        if old == competency:
            continue
        if old is None:
            editor.append(("competencies",), _entry(competency, order))
        elif base is None:
            sets, deletes = _plain_changes(old, competency)
            _apply(editor, ("competencies", index), sets, deletes, order)
        else:
            sets, deletes = _overlay_changes(ladder_file, old, competency, base)
            position = next((i for i, entry in enumerate(entries) if isinstance(entry, dict)
                             and entry.get("id") == competency.id and not entry.get("drop")), None)
            if position is None:
                editor.append(("competencies",), {"id": competency.id, **sets})
            elif _left_with_id_only(editor, ("competencies", position), sets, deletes):
                editor.remove_item(("competencies", position))  # the entry no longer changes anything
            else:
                _apply(editor, ("competencies", position), sets, deletes, order)
    return editor.result()


def _left_with_id_only(editor: YamlEditor, at: tuple, sets: dict[str, Any], deletes: list[str]) -> bool:
    """Whether the overlay's entry at ``at``, changed, would say nothing but its id."""
    dropped = [key.split(".", 1)[1] for key in deletes if key.startswith("expectations.")]
    expectations = [key for key in editor.keys((*at, "expectations")) if key not in dropped]
    kept = [key for key in editor.keys(at) if key not in deletes and key not in ("id", "expectations")]
    return not sets and not kept and not expectations


def _base(ladder_file: Path) -> Ladder:
    from guidegen.frameworks import ladder_sources
    from guidegen.input.ladder import load_ladder

    return load_ladder(ladder_sources(ladder_file)[1], typeset=False)


def _entry(competency: Competency, order: list[str]) -> dict[str, Any]:
    """A new competency as a list item: its fields in the model's order, expectations in the rungs' order."""
    data = competency.model_dump(exclude_defaults=True)
    if competency.expectations:
        data["expectations"] = _ordered(competency.expectations, order)
    return data


def _ordered(mapping: dict[str, Any], order: list[str]) -> dict[str, Any]:
    return {key: mapping[key] for key in sorted(mapping, key=lambda key: order.index(key) if key in order else 1 << 20)}


Changes = tuple[dict[str, Any], list[str]]  # values to set (expectations as a mapping), keys to remove


def _plain_changes(old: Competency, new: Competency) -> Changes:
    sets: dict[str, Any] = {}
    deletes: list[str] = []
    for key in TEXT_FIELDS:
        if getattr(old, key) != getattr(new, key):
            if getattr(new, key) is None:
                deletes.append(key)
            else:
                sets[key] = getattr(new, key)
    expectations = {key: new.expectations[key] for key in new.expectations
                    if old.expectations.get(key) != new.expectations[key]}
    dropped = [f"expectations.{key}" for key in old.expectations if key not in new.expectations]
    if expectations:
        sets["expectations"] = expectations
    return sets, deletes + dropped


def _overlay_changes(ladder_file: Path, old: Competency, new: Competency, base: Ladder) -> Changes:
    """What the overlay's entry for ``new`` must say so that its base, merged with it, gives ``new``."""
    inherited = next((competency for competency in base.competencies if competency.id == new.id), None)
    sets: dict[str, Any] = {}
    deletes: list[str] = []
    for key in TEXT_FIELDS:
        if getattr(old, key) == getattr(new, key):
            continue
        if getattr(new, key) is not None:
            sets[key] = getattr(new, key)
        elif inherited is not None and getattr(inherited, key) is not None:
            raise InputError(f"{ladder_file}: {old.name!r} has its {key} from the ladder it extends, and an overlay "
                             f"cannot take a {key} away: give a new one in the grid, or remove it in that ladder")
        else:
            deletes.append(key)
    expectations: dict[str, str | None] = {}
    for key in dict.fromkeys([*old.expectations, *new.expectations]):
        if old.expectations.get(key) == new.expectations.get(key):
            continue
        if key in new.expectations:
            expectations[key] = new.expectations[key]
        elif inherited is not None and key in inherited.expectations:
            expectations[key] = None  # null: the overlay drops the base's expectation at this rung
        else:
            deletes.append(f"expectations.{key}")
    if expectations:
        sets["expectations"] = expectations
    return sets, deletes


def _following(editor: YamlEditor, path: tuple, key: str, order: list[str] | tuple[str, ...],
               leaving: set[str]) -> str | None:
    """The first key of the mapping at ``path`` that comes after ``key`` in ``order``: a new key goes before it."""
    if key not in order:
        return None
    later = set(order[order.index(key) + 1:])
    return next((other for other in editor.keys(path) if other in later and other not in leaving), None)


def _apply(editor: YamlEditor, at: tuple, sets: dict[str, Any], deletes: list[str], order: list[str]) -> None:
    """Set and remove the values of the competency entry at ``at``."""
    leaving = {key for key in deletes if "." not in key}
    for key, value in sets.items():
        if key != "expectations":
            editor.set((*at, key), value, before=_following(editor, at, key, FIELD_ORDER, leaving))
    for key in leaving:
        editor.delete((*at, key))
    _apply_expectations(editor, (*at, "expectations"), sets.get("expectations", {}),
                        [key.split(".", 1)[1] for key in deletes if key.startswith("expectations.")], order)


def _apply_expectations(editor: YamlEditor, path: tuple, sets: dict[str, Any], deletes: list[str],
                        order: list[str]) -> None:
    if not sets and not deletes:
        return
    if not editor.has(path):
        editor.set(path, _ordered(sets, order), before=None)
        return
    present = editor.keys(path)
    remaining = [key for key in present if key not in deletes] + [key for key in sets if key not in present]
    if not remaining:
        editor.delete(path)
    elif editor.is_flow(path):
        kept = {key: value for key, value in (editor.value(path) or {}).items() if key not in deletes}
        editor.set(path, _ordered({**kept, **sets}, order))
    else:
        for key in deletes:
            editor.delete((*path, key))
        for key, value in sets.items():
            editor.set((*path, key), value, before=_following(editor, path, key, order, set(deletes)))
