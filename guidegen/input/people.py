"""An HR export's rows, read and checked: one ``Person`` per row (``guidegen build --people``).

Every row is checked before anything is written: an unknown rung, a target below the person's rung,
a date that is not one, an empty name, each reported with its line and column. A person's file name
comes from their name, safe and unique.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guidegen.errors import InputFileError, did_you_mean
from guidegen.input.schema import BIDI_CONTROLS, Ladder

COLUMNS = ("name", "rung", "target", "manager", "start_date", "team", "note")
MAX_PEOPLE = 50_000
MAX_FIELD = {"name": 120, "manager": 120, "team": 120, "note": 300}


@dataclass(frozen=True)
class Person:
    """One row of the people file, checked: rung and target are rung ids."""

    line: int
    name: str
    rung: str
    target: str | None = None
    manager: str | None = None
    start_date: date | None = None
    team: str | None = None
    note: str | None = None


def _header_key(text: str) -> str:
    return re.sub(r"[\s\-]+", "_", text.strip().casefold())


def _clean(value: str, column: str, problems: list[str], where: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if any(ord(c) < 32 or c in BIDI_CONTROLS for c in value):
        problems.append(f"{where}: {column}: has control characters; give plain text")
    elif len(value) > MAX_FIELD.get(column, 200):
        problems.append(f"{where}: {column}: longer than {MAX_FIELD.get(column, 200)} characters")
    return value


def read_people(path: Path, ladder: Ladder, reachable: dict[str, set[str]], on_warning=None) -> list[Person]:
    """Every person of ``path`` (.csv, or .xlsx's first sheet), checked against the ladder; or
    ``InputFileError`` listing every problem at ``file:line`` and its column. ``reachable`` holds, for each
    rung id, the ids of the rungs further up its ladder (a person's target must be one of them)."""
    from guidegen.input.spreadsheet import read_table

    rows = read_table(path, MAX_PEOPLE + 20)
    header_index = next((index for index, row in enumerate(rows) if any(cell.strip() for cell in row)), None)
    if header_index is None:
        raise InputFileError([f"{path}: is empty; give a header row (name, rung, ...) and a row per person"])
    header = [_header_key(cell) for cell in rows[header_index]]
    positions = {key: header.index(key) for key in COLUMNS if key in header}
    missing = [key for key in ("name", "rung") if key not in positions]
    if missing:
        raise InputFileError([f"{path}:{header_index + 1}: no {' or '.join(missing)} column; the header needs "
                              f"name and rung (and may have {', '.join(COLUMNS[2:])})"])
    ignored = [rows[header_index][index].strip() for index, key in enumerate(header)
               if key and key not in COLUMNS]
    if ignored and on_warning:
        on_warning(f"{path}:{header_index + 1}: columns ignored: {', '.join(ignored)} "
                   f"(guidegen reads {', '.join(COLUMNS)})")

    by_name = _rung_names(ladder)
    people, problems = [], []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        if not any(cell.strip() for cell in row):
            continue
        line = index + 1
        where = f"{path}:{line}"
        cell = {key: (row[position] if position < len(row) else "") for key, position in positions.items()}
        before = len(problems)
        name = _clean(cell["name"], "name", problems, where)
        if name is None:
            problems.append(f"{where}: name: is empty; every row needs the person's name")
        rung = _rung(cell["rung"], "rung", by_name, problems, where)
        target = _rung(cell.get("target", ""), "target", by_name, problems, where, required=False)
        if rung and target and target not in reachable.get(rung, set()):
            problems.append(f"{where}: target: {cell['target'].strip()!r} is not above {cell['rung'].strip()!r}; "
                            f"a target is a rung further up the person's ladder")
        start = None
        if cell.get("start_date", "").strip():
            text = cell["start_date"].strip()[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]00:00", cell["start_date"]
                                                                .strip()) else cell["start_date"].strip()
            try:
                start = date.fromisoformat(text)
            except ValueError:
                problems.append(f"{where}: start_date: {cell['start_date'].strip()!r} is not a date; write it as "
                                f"YYYY-MM-DD (2026-09-01)")
        extra = {key: _clean(cell.get(key, ""), key, problems, where) for key in ("manager", "team", "note")}
        if len(problems) == before:
            people.append(Person(line, name, rung, target, start_date=start, **extra))
    if problems:
        raise InputFileError(problems)
    if not people:
        raise InputFileError([f"{path}: has a header but no people"])
    return people


def _rung_names(ladder: Ladder) -> dict[str, str]:
    """A rung's id, title and short name (folded) -> its id."""
    names: dict[str, str] = {}
    for rung in ladder.rungs:
        for name in (rung.short, rung.title, rung.id):
            names[name.casefold()] = rung.id
    return names


def _rung(value: str, column: str, by_name: dict[str, str], problems: list[str], where: str,
          required: bool = True) -> str | None:
    value = " ".join(value.split())
    if not value:
        if required:
            problems.append(f"{where}: {column}: is empty; give the rung's id or title")
        return None
    found = by_name.get(value.casefold())
    if found is None:
        ids = sorted(set(by_name.values()), key=list(by_name.values()).index)
        problems.append(f"{where}: {column}: unknown rung {value!r}{did_you_mean(value, by_name)} "
                        f"(rungs: {', '.join(ids)})")
    return found


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-")[:60].strip("-")
    if len(slug) < 2:  # a name in a script without Latin letters: a stable name from the name itself
        slug = "person-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return slug


def file_names(people: list[Person]) -> list[str]:
    """A safe, unique, stable file name per person: "Zoë O'Brien" -> "zoe-o-brien.pdf"; the second of
    two people with the same name gets "-2" (by their order in the file)."""
    names, seen = [], {}
    for person in people:
        slug = _slug(person.name)
        count = seen.get(slug, 0) + 1
        seen[slug] = count
        names.append(f"{slug}.pdf" if count == 1 else f"{slug}-{count}.pdf")
    return names
