"""Published framework files, told apart by what they hold, read as ladder data.

``guidegen import`` reads spreadsheets (``spreadsheet.py``) and, here, the files companies publish their
frameworks in: a job family of Financial-Times/engineering-progression (YAML with ``levels``, ``themes``
and ``competencies``: ``ft_job_family.py``) and a role of monzo/progression-framework (Markdown whose front
matter holds ``topics``: ``monzo_role.py``). The format is found from the content, whatever the file's
suffix; a ladder in guidegen's own YAML is not a framework file and is left to the ladder loader.
"""

from __future__ import annotations

import re
from pathlib import Path

from guidegen.errors import InputFileError
from guidegen.input.framework_document import FrameworkDocument
from guidegen.input.ft_job_family import is_job_family, job_family_ladder
from guidegen.input.monzo_role import front_matter, generic_path, is_role, role_ladder
from guidegen.input.safe_read import is_standard_input
from guidegen.input.spreadsheet import is_spreadsheet
from guidegen.input.yaml_document import YamlDocument, parse_text, read_text

_KIND = "framework"
_BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # a zip (.xlsx) or an OLE file (.xls): a workbook
IMPORTED = "a spreadsheet (.xlsx, .csv), an engineering-progression job family (.yml) or a progression-framework " \
           "role (.md)"


def read_framework_file(path: str | Path, sheet: str | None = None) -> FrameworkDocument | None:
    """The framework file at ``path`` as ladder data, not yet validated as a ladder; None for a spreadsheet
    (by its suffix or its bytes) or standard input, which the spreadsheet reader takes.

    Anything else that is neither format is refused, naming what ``import`` reads: guidegen's own ladder
    needs no import."""
    if is_standard_input(path) or is_spreadsheet(path) or _is_workbook(Path(path)):
        return None
    path = Path(path)
    if sheet is not None:
        raise InputFileError([f"{path}: --sheet is for workbooks; this is a framework file, with no sheets"])
    document = _parsed(path, read_text(path, _KIND))
    if is_job_family(document.data):
        return job_family_ladder(document)
    if is_role(document.data):
        return role_ladder(document)
    if "rungs" in document.data or "extends" in document.data:
        raise InputFileError([f"{path}:1:1: this is a guidegen ladder already; it needs no import: build it with "
                              f"guidegen build --ladder {path}"])
    raise InputFileError([f"{path}:1:1: neither a spreadsheet nor a framework file guidegen reads; import takes "
                          f"{IMPORTED}"])


def _key(name: str) -> re.Pattern:
    return re.compile(rf"^[\"']?{name}[\"']?[ \t]*:", re.M)


# Top-level keys, on lines of their own, that no ladder has (a ladder refuses unknown keys): what tells a
# framework file from a ladder before it is parsed.
_JOB_FAMILY_KEYS, _ROLE_KEY = (_key("levels"), _key("competencies")), _key("topics")


def _looks_like_framework(text: str) -> bool:
    return (front_matter(text) is not None or _ROLE_KEY.search(text) is not None
            or all(key.search(text) for key in _JOB_FAMILY_KEYS))


def ladder_framework_file(path: str | Path) -> FrameworkDocument | None:
    """For ``--ladder``: the framework file at ``path`` as ladder data, or None for anything else (a ladder,
    a spreadsheet, standard input, a file that cannot be read), which the ladder loader reads as it always has.

    A ladder is read twice this way, but parsed once: only a file that opens with front matter, or has a
    role's or a job family's top-level keys, is parsed here."""
    path = Path(path)
    if is_standard_input(path) or is_spreadsheet(path) or not path.is_file() or _is_workbook(path):
        return None
    try:
        text = read_text(path, _KIND)
    except InputFileError:
        return None  # the ladder loader says why, as a ladder's problem
    if _looks_like_framework(text):
        document = _parsed(path, text)
        if is_job_family(document.data):
            return job_family_ladder(document)
        if is_role(document.data):
            return role_ladder(document)
    return None


def _parsed(path: Path, text: str) -> YamlDocument:
    """The file's YAML: a Markdown file's front matter (its lines in place), or the whole file."""
    matter = front_matter(text)
    return parse_text(path, text if matter is None else matter, _KIND)


def framework_sources(path: str | Path) -> list[Path]:
    """The files a framework file is read from (a role and the ``generic.md`` it inherits from), or [] for
    anything else; for a watcher and for ``export``'s check that it overwrites no input. Never raises."""
    path = Path(path)
    if is_standard_input(path) or is_spreadsheet(path) or not path.is_file() or _is_workbook(path):
        return []
    try:
        text = read_text(path, _KIND)
    except (InputFileError, OSError):
        return []
    if not _looks_like_framework(text):
        return []
    generic = generic_path(path) if not all(key.search(text) for key in _JOB_FAMILY_KEYS) else None
    return [path] + ([generic] if generic is not None else [])


def _is_workbook(path: Path) -> bool:
    """Whether the file starts as a workbook does, whatever its name (a regular file only: nothing is waited on)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as file:
            start = file.read(4)
    except OSError:
        return False
    return start in _BINARY_MAGIC
