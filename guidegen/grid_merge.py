"""``guidegen import edited.xlsx --into ladder.yaml``: a competency grid edited in a spreadsheet, merged back
into the ladder it came from.

What the grid shows is merged: each competency's name, description and group, and its expectation at each
rung; everything else of the ladder file stays as it is, comments included (``yaml_edit.py`` changes only
the text of the values that change). A ladder that extends another gets the change in its own
``competencies:`` (an expectation set, or dropped with null), never a copy of its base. Rows are matched to
competencies by their id (a grid that guidegen exported has them), else by name; columns to rungs by id,
else by title. A row the ladder does not know becomes a new competency; a competency or rung missing from
the grid is left as it is, and said so. The result is loaded again and must equal the ladder with exactly
the listed changes, or nothing is written.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidegen.errors import BuildError, InputError, InputFileError
from guidegen.input.schema import Competency, Ladder

NAME_AND_EXTRAS = ("name", "description", "group")


@dataclass
class Row:
    """One competency row of the edited grid: what it says, and the cell of each value."""

    id: str | None  # the id the row gives; None where the grid has no id (matched by name)
    made_id: str  # the id a new competency takes
    values: dict[str, str | None]  # name, description, group: those the grid has columns for
    expectations: dict[str, str | None]  # by the ladder's rung id: each rung column the ladder knows
    cells: dict[str, str] = field(default_factory=dict)  # "name", "group", a rung id, ... -> its cell


@dataclass
class Change:
    competency: str
    what: str  # a rung's title, or name, description, group
    old: str | None
    new: str | None

    def line(self) -> str:
        return f"{self.competency} · {self.what}: {_shown(self.old)} → {_shown(self.new)}"


def _shown(text: str | None) -> str:
    return "(empty)" if text is None else json.dumps(text, ensure_ascii=False)


@dataclass
class Merge:
    """What merging a grid into a ladder comes to: the changes, the notes, and the ladder's new text."""

    changes: list[Change]
    notes: list[str]
    text: str


def merge_grid(grid_file: Path, sheet: str | None, ladder_file: Path) -> Merge:
    """The ladder file's text with the edited grid merged in (``InputError`` for a grid it cannot take)."""
    from guidegen.input.ladder import load_ladder
    from guidegen.input.safe_read import MAX_YAML_BYTES, read_capped

    ladder = load_ladder(ladder_file, typeset=False)
    rows, notes = _read_rows(grid_file, sheet, ladder)
    changes, updated = _changes(rows, ladder, notes)
    raw = read_capped(ladder_file, MAX_YAML_BYTES, "ladder file")
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""  # kept, as every other byte the merge need not touch
    text = raw.decode("utf-8-sig")
    if not changes:
        return Merge([], notes, bom + text)
    expected = ladder.model_copy(update={"competencies": updated})
    from guidegen.ladder_edit import edit_ladder

    new_text = edit_ladder(text, ladder_file, ladder, updated)
    _check(ladder_file, new_text, expected)
    return Merge(changes, notes, bom + new_text)


def _read_rows(grid_file: Path, sheet: str | None, ladder: Ladder) -> tuple[list[Row], list[str]]:
    """The grid's rows, its rung columns matched to the ladder's rungs; a column no rung has is an error."""
    from guidegen.input.workbook import is_guidegen_file

    if is_guidegen_file(grid_file):
        return _guidegen_rows(grid_file, ladder)
    return _sheet_rows(grid_file, sheet, ladder)


def _match_rung(ladder: Ladder, rung_id: str | None, title: str) -> str | None:
    if rung_id is not None:
        return rung_id if any(rung.id == rung_id for rung in ladder.rungs) else None
    key = title.casefold()
    return next((rung.id for rung in ladder.rungs if key in (rung.title.casefold(), rung.short.casefold())), None)


def _unknown_rung(where: str, title: str, ladder: Ladder) -> str:
    titles = ", ".join(rung.title for rung in ladder.rungs)
    return (f"{where}: the ladder has no rung {title!r} (rungs: {titles}); add a rung in the ladder file, "
            f"then merge the grid")


def _guidegen_rows(grid_file: Path, ladder: Ladder) -> tuple[list[Row], list[str]]:
    from guidegen.input.workbook import read_grid

    grid = read_grid(grid_file)
    where = grid.document.where
    problems, notes, columns = [], [], {}
    titles = {rung.id: rung.title for rung in ladder.rungs}
    for rung in grid.rungs:
        matched = _match_rung(ladder, rung["id"], rung["title"])
        if matched is None:
            problems.append(_unknown_rung(where(rung["cell"]), f"{rung['title']} ({rung['id']})", ladder))
        else:
            columns[matched] = rung
            if rung["title"] != titles[matched]:
                notes.append(f"{where(rung['cell'])}: the grid calls rung {matched!r} {rung['title']!r}; the "
                             f"ladder keeps its title {titles[matched]!r} (rename rungs in the ladder file)")
    if problems:
        raise InputFileError(problems)
    rows = []
    for index, data in enumerate(grid.competencies):
        cells = {key: where(grid.document.cells[("competencies", index, key)])
                 for key in ("name", *grid.extras) if ("competencies", index, key) in grid.document.cells}
        cells.update((rung_id, where(grid.document.cells[("competencies", index, "expectations", rung_id)]))
                     for rung_id in columns)
        rows.append(Row(data["id"] if grid.ids_given[index] else None, data["id"],
                        {key: data.get(key) for key in ("name", *grid.extras)},
                        {rung_id: data["expectations"].get(rung_id) for rung_id in columns}, cells))
    return rows, notes


def _sheet_rows(grid_file: Path, sheet: str | None, ladder: Ladder) -> tuple[list[Row], list[str]]:
    """A grid kept without ids (HR's own sheet): read by the spreadsheet reader, matched by titles and names.
    Its empty cells are not told apart from missing ones, so a description or group is only ever set."""
    from guidegen.input.spreadsheet import read_framework

    document = read_framework(grid_file, sheet)
    cells = document.cells

    def where(loc) -> str:
        return document.where(*cells[loc]) if loc in cells else document.label

    columns, problems = {}, []
    for index, rung in enumerate(document.data.get("rungs", [])):
        matched = _match_rung(ladder, None, rung["title"])
        if matched is None:
            problems.append(_unknown_rung(where(("rungs", index)), rung["title"], ladder))
        else:
            columns[matched] = rung["id"]
    if problems:
        raise InputFileError(problems)
    rows = []
    for index, data in enumerate(document.data.get("competencies", [])):
        at = ("competencies", index)
        values = {key: data[key] for key in NAME_AND_EXTRAS if data.get(key)}
        row_cells = {key: where((*at, key)) for key in values}
        row_cells.update((mine, where((*at, "expectations", theirs))) for mine, theirs in columns.items())
        rows.append(Row(None, data["id"], values,
                        {mine: data["expectations"].get(theirs) for mine, theirs in columns.items()}, row_cells))
    return rows, []


def _changes(rows: list[Row], ladder: Ladder, notes: list[str]) -> tuple[list[Change], list[Competency]]:
    """Every changed cell, and the ladder's competencies as the grid leaves them (new ones last)."""
    by_id = {competency.id: competency for competency in ladder.competencies}
    by_name = {competency.name.casefold(): competency for competency in ladder.competencies}
    titles = {rung.id: rung.title for rung in ladder.rungs}
    updated = {competency.id: competency for competency in ladder.competencies}
    seen: set[str] = set()
    added: list[Competency] = []
    changes: list[Change] = []
    problems: list[str] = []
    taken = set(by_id)
    for row in rows:
        current = by_id.get(row.id) if row.id else by_name.get((row.values.get("name") or "").casefold())
        if current is not None and current.id in seen:
            problems.append(f"{row.cells.get('name', '')}: {current.name!r} has a row above already; give each "
                            f"competency one row")
            continue
        old = current.model_dump() if current is not None else {"id": _new_id(row, taken), "expectations": {}}
        new = {**old, "expectations": dict(old["expectations"])}
        for key, value in row.values.items():
            new[key] = value
        for rung_id, text in row.expectations.items():
            if text is None:
                new["expectations"].pop(rung_id, None)
            else:
                new["expectations"][rung_id] = text
        competency = _valid(new, row, problems)
        if competency is None or competency == current:
            seen.add(old["id"])
            continue
        name = current.name if current is not None else competency.name
        changes += _listed(name, old, competency.model_dump(), titles)
        seen.add(competency.id)
        if current is None:
            added.append(competency)
        else:
            updated[competency.id] = competency
    if problems:
        raise InputFileError(problems)
    missing = [competency.name for competency in ladder.competencies if competency.id not in seen]
    if missing:
        notes.append(f"not in the grid, so left as they are: {', '.join(missing)}")
    return changes, [*updated.values(), *added]


def _new_id(row: Row, taken: set[str]) -> str:
    """The id a competency added in the grid takes: its own, or one made from its name, unused either way."""
    from guidegen.input.spreadsheet import make_id

    wanted = row.id or row.made_id
    if wanted not in taken:
        taken.add(wanted)
        return wanted
    return make_id(wanted, taken, "competency")


def _valid(data: dict[str, Any], row: Row, problems: list[str]) -> Competency | None:
    from pydantic import ValidationError

    from guidegen.input.messages import plain_message

    try:
        return Competency.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            key = str(loc[-1]) if loc[:1] == ("expectations",) else str(loc[0]) if loc else "name"
            problems.append(f"{row.cells.get(key, row.cells.get('name', ''))}: {plain_message(error, Competency)}")
        return None


def _listed(name: str, old: dict[str, Any], new: dict[str, Any], titles: dict[str, str]) -> list[Change]:
    """One change for each field and each rung whose text differs."""
    from guidegen.input.workbook_layout import extra_header

    found = [Change(name, extra_header(key), old.get(key), new.get(key)) for key in NAME_AND_EXTRAS
             if old.get(key) != new.get(key)]
    for rung_id, title in titles.items():
        before, after = old["expectations"].get(rung_id), new["expectations"].get(rung_id)
        if before != after:
            found.append(Change(name, title, before, after))
    return found


def _check(ladder_file: Path, text: str, expected: Ladder) -> None:
    """Load the new text as the ladder file (beside it, so that ``extends:`` finds its base): it must give
    the ladder with exactly the merged changes. A difference is guidegen's mistake: nothing is written."""
    from guidegen.input.ladder import load_ladder

    folder = ladder_file.parent if str(ladder_file.parent) else Path(".")
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{ladder_file.name}.", suffix=".merge", dir=folder)
    except OSError as exc:
        raise InputError(f"{ladder_file}: cannot be written there ({exc.strerror}); choose a folder you can "
                         f"write to") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            merged = load_ladder(name, typeset=False)
        except InputError as exc:
            merged = exc
    finally:
        os.unlink(name)
    if merged != expected:
        detail = "; ".join(merged.lines()) if isinstance(merged, InputError) else "another value changed too"
        raise BuildError(f"{ladder_file}: merging the grid would change more than the grid's cells ({detail}); "
                         f"nothing was written. Please report this with the two files")


def merge_into(grid_file: Path, sheet: str | None, ladder_file: Path, output: Path | None = None) -> Merge:
    """``guidegen import GRID --into LADDER [-o OUTPUT]``: the merge written whole or not at all, over the
    ladder file itself unless ``output`` names another; never over the grid or a ladder the file extends."""
    from guidegen.files import check_output, write_text_atomically
    from guidegen.frameworks import ladder_sources
    from guidegen.input.ladder import load_ladder

    from guidegen.input.safe_read import is_standard_input
    from guidegen.input.spreadsheet import is_spreadsheet

    if is_standard_input(ladder_file) or is_spreadsheet(ladder_file):
        raise InputError(f"{ladder_file}: --into names the ladder YAML file the grid came from, which it rewrites")
    target = output if output is not None else ladder_file
    instead = "--into rewrites the ladder file itself; -o names another file to write the merged ladder to"
    check_output(target, (grid_file,), instead=instead)
    load_ladder(ladder_file, typeset=False)  # a ladder that does not load is reported as itself, first
    inputs = [grid_file, *ladder_sources(ladder_file)[1:]]
    merge = merge_grid(grid_file, sheet, ladder_file)
    if merge.changes or target != ladder_file:
        write_text_atomically(target, merge.text, inputs=inputs, instead=instead)
    return merge
