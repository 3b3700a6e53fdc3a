"""Every setting of a build and of the preview, defined once.

Each entry says what a setting holds, its range or choices, its default and its help. The rest is
derived from this table: the command line's options (cli/options.py), the keys of ``guidegen.toml``
and ``[tool.guidegen]``, ``--print-config``, shell completion, the Python API's keywords, the
pydantic model that checks every value whatever gave it, and the JSON Schema of the settings file
(settings_model.py). Adding a setting is one entry here.

The table is plain data, not the pydantic model itself, so that ``guidegen --help`` and completion
start without importing pydantic (a tenth of a second); the model is made from it when values are
checked.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from guidegen.formats.registry import DEFAULT_FORMATS, SELECTABLE
from guidegen.guide.options import PAGE_SIZES

PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-2u", "pdf/a-3b", "pdf/a-3u", "pdf/a-4u")
LANGUAGE_TAG = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"  # BCP 47, as the ladder's own language: field checks it
MAX_JOBS = 256  # a worker count beyond any machine's: the build also caps it to the cores it may use
BUILD, PREVIEW = "build", "preview"


def _presenter(value: str) -> str:
    """A name a slide can hold: no control characters, at most 200 characters."""
    name = " ".join(str(value).split())
    if not name or len(name) > 200 or any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E for c in name):
        raise ValueError("give a name of at most 200 characters, without control characters")
    return name


def _date(value: Any) -> datetime.date:
    """An ISO date, or ``today``."""
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if text.lower() == "today":
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{value!r} is not a date: give it as YYYY-MM-DD (2026-03-14), or 'today'") from None


def _column(value: str) -> str:
    """A people file's column and the field it holds: "Employee Name=name"."""
    from guidegen.input.people_columns import check_mapping

    return check_mapping(value)


def _date_format(value: str) -> str:
    """The order of a people file's dates: DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD."""
    from guidegen.input.people_dates import check_date_format

    return check_date_format(value)


def _language(value: str) -> str:
    if not re.match(LANGUAGE_TAG, str(value)):
        raise ValueError(f"{value!r} is not a language tag such as de, fr-CA or ja")
    return str(value)


@dataclass(frozen=True)
class Setting:
    """One setting: what it holds and who uses it."""

    name: str  # the key in guidegen.toml and the keyword of guidegen.build()
    type: type  # str, int, bool, Path or datetime.date
    help: str
    default: Any = None
    many: bool = False  # a list in the file, a repeated flag
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    check: Callable[[Any], Any] | None = None  # value -> value, or ValueError with a sentence
    commands: tuple[str, ...] = (BUILD,)
    used_by: str = ""  # which documents read it ("pdf", "pptx", "people"...); "" for every build
    flag: str = ""  # the option's name when it is not --name-with-dashes
    metavar: str | None = None
    default_text: str | None = None  # the default in words, for --help and --print-config
    completion: str = ""  # "ladder" (ladder files), "rungs" (rung ids), "files"

    @property
    def option(self) -> str:
        return self.flag or "--" + self.name.replace("_", "-")

    @property
    def empty(self) -> Any:
        return () if self.many else self.default


SETTINGS: tuple[Setting, ...] = (
    Setting("ladder", Path, "Ladder YAML file, or a competency framework as .xlsx or .csv, an "
            "engineering-progression job family (.yml) or a progression-framework role (.md).",
            commands=(BUILD, PREVIEW), default_text="the built-in ladder", completion="ladder", metavar="FILE"),
    Setting("brand", Path, "Brand file (brand.yml format): colours, fonts, logo and name for the documents. "
            "Repeat it to build for several brands, each into a folder of its own under --out.", many=True,
            commands=(BUILD, PREVIEW), completion="files", metavar="FILE", default_text="none"),
    Setting("out", Path, "Folder to write the documents into.", default=Path("output"), metavar="FOLDER"),
    Setting("formats", str, "Document to build; repeat for several.", many=True, choices=SELECTABLE,
            flag="--format", default_text=", ".join(DEFAULT_FORMATS)),
    Setting("page_size", str, "Paper size of the PDF guide.", default="a4", choices=tuple(PAGE_SIZES),
            commands=(BUILD, PREVIEW), used_by="pdf html people"),
    Setting("pdf_variant", str, "Write the PDF as this archival or accessibility variant.", choices=PDF_VARIANTS,
            used_by="pdf people", default_text="tagged PDF"),
    Setting("pptx_template", Path, "Company slide template (.pptx or .potx) whose master, layouts, fonts and "
            "colours the deck uses.", commands=(BUILD, PREVIEW), used_by="pptx", completion="files",
            metavar="FILE"),
    Setting("rungs", str, "Build a handout of just this rung (by its id); repeat for several.", many=True,
            flag="--rung", metavar="ID", commands=(BUILD, PREVIEW), completion="rungs",
            default_text="the whole ladder"),
    Setting("jobs", int, "Processes to build with (at most the cores this machine lets guidegen use).",
            minimum=1, maximum=MAX_JOBS, default_text="one per core"),
    Setting("language", str, "The documents' language (de, fr, ja...), instead of the ladder's own: headings, "
            "page numbers, speaker notes, dates.", check=_language, metavar="TAG", commands=(BUILD, PREVIEW),
            default_text="the ladder's own"),
    Setting("presenter", str, "Who gives the session: on the deck's title slide.", check=_presenter,
            metavar="NAME", commands=(BUILD, PREVIEW), used_by="pptx"),
    Setting("date", datetime.date, "The session's date: on the deck's title slide, written in the documents' "
            "language.", check=_date, metavar="YYYY-MM-DD|today", commands=(BUILD, PREVIEW), used_by="pptx"),
    Setting("session_minutes", int, "The training session's length: the speaker notes share it out over the "
            "slides.", default=60, minimum=10, maximum=600, commands=(BUILD, PREVIEW), used_by="pptx"),
    Setting("people", Path, "An HR export (.csv or .xlsx) with a row per person: name and rung (a job title "
            "matches a rung's title, short name, id or aliases), and optionally target, manager, start_date, team "
            "and note, under these or the HR system's own column names. Writes one personal handout per person "
            "into OUT/people/.",
            completion="files", metavar="FILE"),
    Setting("columns", str, "With --people: read the people file's column SOURCE as FIELD (name, rung, target, "
            "manager, start_date, team, note, first_name, last_name; or ignore), for column names guidegen does "
            "not know; repeat for several. Known without it: Full Name, Employee Name, Job Title, Position, Level, "
            "Grade, Line Manager, Reports To, Hire Date, Start Date, Department, Team and more.", many=True,
            check=_column, flag="--column", metavar="SOURCE=FIELD", used_by="people",
            default_text="the names guidegen knows"),
    Setting("date_format", str, "With --people: the order of the people file's dates (DD/MM/YYYY, MM/DD/YYYY or "
            "YYYY-MM-DD). ISO dates, Excel date cells and dates with a month's name are read without it.",
            check=_date_format, metavar="DD/MM/YYYY", used_by="people",
            default_text="the order the ladder's language writes dates in"),
    Setting("force", bool, "With --people: write every handout again, even those up to date.", default=False,
            used_by="people"),
    Setting("port", int, "Port on 127.0.0.1 to serve the preview on; 0 picks a free one.", default=8000,
            minimum=0, maximum=65535, commands=(PREVIEW,)),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def for_command(command: str) -> list[Setting]:
    return [setting for setting in SETTINGS if command in setting.commands]
