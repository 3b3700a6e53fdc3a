"""An HR export's rows, read and checked: one ``Person`` per row (``guidegen build --people``).

The export is taken as an HR system writes it: its own header words ("Full Name", "Job Title", "Hire
Date": people_columns.py), a title row above the header, any encoding and separator Excel or an HR system
uses (text_table.py), dates in its country's order (people_dates.py), job titles that match a rung's
title, short name, id or one of its aliases without regard to case, spacing or punctuation. Columns no
field reads are dropped here, so salaries and employee ids never reach a handout.

Every row is checked before anything is written: an unknown or ambiguous rung, a target below the
person's rung, a date that is not one or could be two, an empty name, each reported with its line and
column. A person's file name comes from their name, transliterated, safe on every system and unique.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from guidegen.errors import InputFileError, did_you_mean
from guidegen.input.people_columns import FIELDS, MATCHED, Columns, find_columns
from guidegen.input.schema import BIDI_CONTROLS, Ladder, title_key

COLUMNS = FIELDS[:7]  # what a Person holds
MAX_PEOPLE = 50_000
MAX_PEOPLE_BYTES = 20_000_000
MAX_FIELD = {"name": 120, "manager": 120, "team": 120, "note": 300}
HEADER_SEARCH_ROWS = 10  # an export's title or "generated on" lines may stand above its header
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


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


class RungNames:
    """Every name a rung goes by (id, title, short name, aliases), as a job title finds it: first as
    written (case and spacing aside), then as ``title_key`` compares titles."""

    def __init__(self, ladder: Ladder):
        self.ids = [rung.id for rung in ladder.rungs]
        self.exact: dict[str, list[str]] = {}
        self.folded: dict[str, list[str]] = {}
        for rung in ladder.rungs:
            for name in (rung.id, rung.title, rung.short, *rung.aliases):
                for table, key in ((self.exact, _spaced(name)), (self.folded, title_key(name))):
                    if rung.id not in table.setdefault(key, []):
                        table[key].append(rung.id)

    def find(self, value: str) -> tuple[str | None, str]:
        """The rung id ``value`` names, or None and why not."""
        for table, key in ((self.exact, _spaced(value)), (self.folded, title_key(value))):
            found = table.get(key)
            if found and len(found) == 1:
                return found[0], ""
            if found:
                return None, (f"{value!r} could be rung {' or '.join(map(repr, found))}; give the rung's id, or an "
                              f"alias on one rung only")
        return None, (f"unknown rung {value!r}{did_you_mean(value, self.exact)} (rungs: {', '.join(self.ids)}); "
                      f"to match a job title of your own, list it under its rung's aliases:")


def _spaced(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_people(path: Path, ladder: Ladder, reachable: dict[str, set[str]], on_warning=None,
                columns: tuple[str, ...] = (), date_format: str | None = None,
                today: date | None = None) -> list[Person]:
    """Every person of ``path`` (.csv or other text, or an .xlsx's first sheet), checked against the ladder;
    or ``InputFileError`` listing every problem at ``file:line`` and its column. ``reachable`` holds, for each
    rung id, the ids of the rungs further up its ladder (a person's target must be one of them). ``columns``
    maps the export's own column names to fields ("Employee Name=name"); ``date_format`` gives the order of
    its dates ("DD/MM/YYYY"). How the file was read and which columns were ignored go to ``on_warning``."""
    path, today = Path(path), today or date.today()
    rows, lines, note = _rows(path, ladder.language)
    header_index, found = _header(path, rows, lines, tuple(columns))
    body = [(lines[index], row) for index, row in enumerate(rows) if index > header_index
            and any(cell.strip() for cell in row)]
    names = RungNames(ladder)
    _choose_matched(found, body, names)
    where = f"{path}:{lines[header_index]}"
    for message in (note, found.statement()):
        if message and on_warning:
            on_warning(f"{where}: {message}")
    labels = {field: found.header[index] for field, index in found.positions.items()}
    records = [(line, {field: row[index] if index < len(row) else "" for field, index in found.positions.items()})
               for line, row in body]
    starts, problems = _start_dates(path, records, labels, date_format, ladder.language, today)
    people = []
    for line, cells in records:
        person = _person(f"{path}:{line}", line, cells, labels, names, reachable, starts.get(line), problems)
        if person is not None:
            people.append(person)
    if problems:
        raise InputFileError(sorted(problems, key=lambda problem: int(re.match(r"\d+", problem[len(str(path)) + 1:])[0])))
    if not people:
        raise InputFileError([f"{where}: has a header but no people"])
    return people


def _rows(path: Path, language: str) -> tuple[list[list[str]], list[int], str | None]:
    """The file's rows as text, the line each starts on, and how a text file was read."""
    from guidegen.input.safe_read import read_capped

    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from guidegen.input.spreadsheet import read_table

        rows = read_table(path, MAX_PEOPLE + 20)
        return rows, list(range(1, len(rows) + 1)), None
    from guidegen.input.text_table import read_text_table

    table = read_text_table(path, read_capped(path, MAX_PEOPLE_BYTES, "people file"), MAX_PEOPLE + 20, language)
    return table.rows, table.lines, table.note()


def _header(path: Path, rows: list[list[str]], lines: list[int], mappings: tuple[str, ...]) -> tuple[int, Columns]:
    """The header row (the first of the first rows that names a person and a rung) and its columns; or
    ``InputFileError`` saying what the header needs."""
    filled = [index for index, row in enumerate(rows) if any(cell.strip() for cell in row)]
    if not filled:
        raise InputFileError([f"{path}: is empty; give a header row (name, rung, ...) and a row per person"])
    for index in filled[:HEADER_SEARCH_ROWS]:
        found = find_columns(rows[index], mappings, f"{path}:{lines[index]}")
        if not found.problems and _names_someone(found) and found.has("rung"):
            return index, found
    index = filled[0]
    found = find_columns(rows[index], mappings, f"{path}:{lines[index]}")
    if found.problems:
        raise InputFileError(found.problems)
    missing = [word for word, present in (("name", _names_someone(found)), ("rung", found.has("rung")))
               if not present]
    raise InputFileError([f"{path}:{lines[index]}: no {' or '.join(missing)} column; the header needs the person's "
                          f"name (Name, Full Name, Employee Name, or First Name and Last Name) and their rung (Rung, "
                          f"Job Title, Title, Position, Level or Grade), or give --column \"Your Column=rung\""])


def _names_someone(found: Columns) -> bool:
    if "name" in found.positions:
        for part in ("first_name", "last_name"):
            found.positions.pop(part, None)  # the full name is read; the parts are ignored
        return True
    return "first_name" in found.positions or "last_name" in found.positions


def _choose_matched(found: Columns, body: list[tuple[int, list[str]]], names: RungNames) -> None:
    """Of several columns that could hold the rung (Job Title and Grade), the one whose values name the
    ladder's rungs most often; the first when none does better."""
    for field in MATCHED:
        candidates = found.candidates.get(field)
        if not candidates:
            continue

        def matches(index: int) -> int:
            values = (row[index] for _, row in body if index < len(row) and row[index].strip())
            return sum(1 for value in values if names.find(value)[0] is not None)

        found.choose(field, max(candidates, key=lambda index: (matches(index), -candidates.index(index))))


def _start_dates(path: Path, records, labels: dict[str, str], date_format: str | None, language: str,
                 today: date) -> tuple[dict[int, date], list[str]]:
    """Each row's start date by line, read in one order for the whole file, and the problems."""
    from guidegen.input.people_dates import finish, read_date, settle_order

    texts = {line: cells["start_date"] for line, cells in records if cells.get("start_date", "").strip()}
    readings = {line: read_date(text, language, today) for line, text in texts.items()}
    order = settle_order(list(readings.values()), date_format, language)
    starts, problems = {}, []
    for line, reading in readings.items():
        done = finish(reading, order, today)
        if done.value is not None:
            starts[line] = done.value
            continue
        text = " ".join(texts[line].split())
        advice = "; write it as YYYY-MM-DD (2026-09-01), or give --date-format" if done.problem == "is not a date" else ""
        problems.append(f"{path}:{line}: {labels['start_date']}: {text!r} {done.problem}{advice}")
    return starts, problems


def _clean(value: str, column: str, problems: list[str], where: str, limit: int = 200) -> str | None:
    value = " ".join(value.split())
    if not value:
        return None
    if any(ord(c) < 32 or c in BIDI_CONTROLS for c in value):
        problems.append(f"{where}: {column}: has control characters; give plain text")
    elif len(value) > limit:
        problems.append(f"{where}: {column}: longer than {limit} characters")
    return value


def _person(where: str, line: int, cells: dict[str, str], labels: dict[str, str], names: RungNames,
            reachable: dict[str, set[str]], start: date | None, problems: list[str]) -> Person | None:
    """The person of one row, or None with its problems added."""
    before = len(problems)
    text = cells.get("name") or " ".join(cells.get(part, "") for part in ("first_name", "last_name"))
    name = _clean(text, labels.get("name", "name"), problems, where, MAX_FIELD["name"])
    if name is None:
        problems.append(f"{where}: {labels.get('name', 'name')}: is empty; every row needs the person's name")
    rung = _rung(cells["rung"], labels["rung"], names, problems, where)
    target = _rung(cells.get("target", ""), labels.get("target", "target"), names, problems, where, required=False)
    if rung and target and target not in reachable.get(rung, set()):
        problems.append(f"{where}: {labels['target']}: {cells['target'].strip()!r} is not above "
                        f"{cells['rung'].strip()!r}; a target is a rung further up the person's ladder")
    extra = {key: _clean(cells.get(key, ""), labels.get(key, key), problems, where, MAX_FIELD[key])
             for key in ("manager", "team", "note")}
    if len(problems) != before or start is None and cells.get("start_date", "").strip():
        return None
    return Person(line, name, rung, target, start_date=start, **extra)


def _rung(value: str, column: str, names: RungNames, problems: list[str], where: str,
          required: bool = True) -> str | None:
    value = " ".join(value.split())
    if not value:
        if required:
            problems.append(f"{where}: {column}: is empty; give the rung's id or title")
        return None
    found, problem = names.find(value)
    if found is None:
        problems.append(f"{where}: {column}: {problem}")
    return found


# File names ---------------------------------------------------------------------------------------------

# Names Windows refuses for a file, whatever its extension ("CON.pdf" is the console).
RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))})


def _slug(name: str) -> str:
    """"Søren Ødegård" -> "soren-odegard". A name in a script without Latin letters (CJK, Arabic, Hebrew,
    Thai...) has no one romanization a person would recognise: it gets a stable name from the name itself."""
    slug = ""
    if not any(unicodedata.category(char) == "Lo" for char in name):
        from anyascii import anyascii

        slug = re.sub(r"[^a-z0-9]+", "-", anyascii(name).casefold()).strip("-")[:60].strip("-")
    if len(slug) < 2:
        slug = "person-" + hashlib.sha256(name.encode()).hexdigest()[:10]
    return f"person-{slug}" if slug in RESERVED else slug


def file_names(people: list[Person]) -> list[str]:
    """A safe, unique, stable file name per person: "Zoë O'Brien" -> "zoe-o-brien.pdf". Unique over the
    whole file: the second of two people named Ann gets "ann-2.pdf" unless someone's own name makes that
    ("Ann 2"), and then the next number free ("Ann", "Ann", "Ann 2" -> ann, ann-3, ann-2)."""
    slugs = [_slug(person.name) for person in people]
    own = set(slugs)
    names: list[str] = []
    used: set[str] = set()
    for slug in slugs:
        name, counter = slug, 1
        while name in used or (name != slug and name in own):
            counter += 1
            name = f"{slug}-{counter}"
        used.add(name)
        names.append(f"{name}.pdf")
    return names
