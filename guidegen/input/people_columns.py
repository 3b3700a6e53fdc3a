"""Which column of an HR export holds which of a person's details: the header words HR systems use,
and the mappings a settings file or ``--column "Source Column=field"`` gives.

Header words are compared without case, spacing or punctuation ("Hire Date", "hire_date" and "HIRE-DATE"
are one word). A column no field claims is ignored, and so never reaches a handout: salaries and employee
ids stay in the export. A notes column is read only when it says it is for the handout ("Note",
"Handout note"): an HR system's "Notes" or "Comments" may hold what the person must never see.

Kept free of pydantic and of the ladder: the settings table checks ``--column`` values with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# What a people file can give, in the order --help and messages list them.
FIELDS = ("name", "rung", "target", "manager", "start_date", "team", "note", "first_name", "last_name")
IGNORE = "ignore"  # --column "Title=ignore": a column that looks like a field but is not one

# The header words each field is known by, best first: where an export has two (Team and Department),
# the first listed is read and the other ignored. Each is written as header_key() leaves it.
KNOWN: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "employeename", "employeefullname", "preferredfullname", "displayname",
             "workername", "personname", "employee", "person"),
    "rung": ("rung", "jobtitle", "title", "position", "positiontitle", "businesstitle", "jobprofile", "role",
             "jobrole", "level", "joblevel", "careerlevel", "grade", "jobgrade"),
    "target": ("target", "targetrung", "targetlevel", "targettitle", "targetrole", "targetposition", "nextlevel",
               "nextrole"),
    "manager": ("manager", "linemanager", "reportsto", "managername", "managerfullname", "directmanager",
                "reportingmanager", "supervisor", "supervisorname"),
    "start_date": ("startdate", "hiredate", "start", "dateofhire", "datehired", "originalhiredate",
                   "employmentstartdate", "joiningdate", "joindate", "datejoined", "joined"),
    "team": ("team", "teamname", "department", "departmentname", "dept"),
    "note": ("note", "handoutnote", "welcomenote"),
    "first_name": ("firstname", "givenname", "forename", "preferredfirstname", "preferredname"),
    "last_name": ("lastname", "surname", "familyname"),
}
# A job title may sit in one column and a grade in another: the rung is read from whichever matches
# the ladder best (read_people counts), so these fields may have several candidates.
MATCHED = ("rung", "target")


def header_key(text: str) -> str:
    """A header or field word without case, spacing or punctuation: "Hire Date" -> "hiredate"."""
    return "".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", str(text)).casefold()))


_FIELD_BY_KEY = {header_key(name): name for name in FIELDS} | {IGNORE: IGNORE}


def parse_mapping(text: str) -> tuple[str, str]:
    """``"Employee Name=name"`` -> ("Employee Name", "name"); ``ValueError`` with a sentence otherwise. Used by
    the settings table to check ``--column`` and ``columns =`` values."""
    source, equals, target = str(text).rpartition("=")
    source, target = " ".join(source.split()), target.strip()
    if not equals or not source or not target:
        raise ValueError(f"{text!r}: give a column and a field as \"Source Column=field\" (fields: "
                         f"{', '.join(FIELDS)}, or {IGNORE})")
    found = _FIELD_BY_KEY.get(header_key(target))
    if found is None:
        raise ValueError(f"{text!r}: {target!r} is not a field a handout reads (fields: {', '.join(FIELDS)}, "
                         f"or {IGNORE})")
    return source, found


def check_mapping(text: str) -> str:
    """A ``--column`` value, checked, as given."""
    parse_mapping(text)
    return " ".join(str(text).split())


@dataclass
class Columns:
    """Where each field is read from: ``positions`` (field -> column index) once chosen; ``candidates``
    holds the columns each matched field could come from, best first, until read_people chooses."""

    header: list[str]
    positions: dict[str, int] = field(default_factory=dict)
    candidates: dict[str, list[int]] = field(default_factory=dict)
    given: set[int] = field(default_factory=set)  # columns a mapping named
    problems: list[str] = field(default_factory=list)

    def choose(self, name: str, index: int) -> None:
        self.positions[name] = index
        self.candidates.pop(name, None)

    def has(self, name: str) -> bool:
        return name in self.positions or name in self.candidates

    def statement(self) -> str | None:
        """The columns read under another name and the columns ignored, in one sentence; None when the
        file uses guidegen's own names and nothing else."""
        read = {index: name for name, index in self.positions.items()}
        renamed = [f"{self.header[index]!r} as {name}" for index, name in sorted(read.items())
                   if header_key(self.header[index]) != header_key(name)]
        ignored = [text for index, text in enumerate(self.header) if text.strip() and index not in read]
        parts = []
        if renamed:
            parts.append(f"columns read: {', '.join(renamed)}")
        if ignored:
            parts.append(f"columns ignored: {', '.join(ignored)} (guidegen reads {', '.join(FIELDS[:7])}; "
                         f"--column \"Column=field\" reads another)")
        return "; ".join(parts) or None


def find_columns(header: list[str], mappings: tuple[str, ...] | list[str], where: str) -> Columns:
    """Each field's column in ``header``: mappings first, then the known header words. A mapping naming a
    column the header lacks, or two columns mapped to one field, is a problem at ``where`` (the header's
    file and line)."""
    columns = Columns([" ".join(text.split()) for text in header])
    keys = [header_key(text) for text in columns.header]
    for mapping in mappings:
        source, name = parse_mapping(mapping)
        if header_key(source) not in keys:
            shown = ", ".join(text for text in columns.header if text) or "none"
            columns.problems.append(f"{where}: --column {mapping!r}: the header has no column {source!r} "
                                    f"(columns: {shown})")
            continue
        index = keys.index(header_key(source))
        columns.given.add(index)
        if name == IGNORE:
            continue
        if name in columns.positions:
            columns.problems.append(f"{where}: --column {mapping!r}: {name} is already read from "
                                    f"{columns.header[columns.positions[name]]!r}; map one column to each field")
            continue
        columns.positions[name] = index
    _recognise(columns, keys)
    return columns


def _recognise(columns: Columns, keys: list[str]) -> None:
    """The known header words, for the fields no mapping gave, from the columns no mapping named."""
    taken = set(columns.given)
    for name in FIELDS:
        if name in columns.positions:
            continue
        found = [keys.index(word) for word in KNOWN[name] if word in keys and keys.index(word) not in taken]
        if not found:
            continue
        if name in MATCHED and len(found) > 1:
            columns.candidates[name] = found
        else:
            columns.positions[name] = found[0]
        taken.update(found[:1] if name not in MATCHED else found)
