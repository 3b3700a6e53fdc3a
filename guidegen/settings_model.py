"""The settings table (settings.py) as a pydantic model, and the values of one run resolved from it.

Values come from three places, each overriding the one before: the defaults, the settings file
(``guidegen.toml``, or ``[tool.guidegen]`` in ``pyproject.toml``; paths relative to the file), and
what was given for this run (flags, or the Python API's keywords). Every value is checked by the
same model whatever gave it, and a problem names where the value came from: ``guidegen.toml:4``
or ``--session-minutes``.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from guidegen.errors import InputError, InputFileError, did_you_mean
from guidegen.settings import BY_NAME, SETTINGS, Setting, for_command

COMMAND_LINE = "command line"
DEFAULT = "default"


def _field_type(setting: Setting):
    from typing import Annotated

    from pydantic import BeforeValidator, Field

    base: Any = Literal[setting.choices] if setting.choices else setting.type  # type: ignore[valid-type]
    checks = []
    if setting.choices:
        checks.append(BeforeValidator(lambda value: value.lower() if isinstance(value, str) else value))
    if setting.check:
        checks.append(BeforeValidator(setting.check))
    bounds = {key: value for key, value in (("ge", setting.minimum), ("le", setting.maximum)) if value is not None}
    if setting.type in (int, bool):
        bounds["strict"] = True  # a settings file's "2" or 2.0 is not a count; flags arrive as int already
    item = Annotated[base, *checks, Field(**bounds)] if checks or bounds else base
    if setting.many:
        listed = BeforeValidator(lambda value: [value] if isinstance(value, (str, Path)) else value)
        return Annotated[tuple[item, ...], listed]  # type: ignore[valid-type]
    return item | None if setting.default is None else item


@lru_cache(maxsize=1)
def model():
    """The pydantic model of every setting: types, ranges, choices, defaults and help, from settings.py."""
    from pydantic import ConfigDict, Field, create_model

    fields = {setting.name: (_field_type(setting), Field(setting.empty, description=setting.help))
              for setting in SETTINGS}
    return create_model("Settings", __config__=ConfigDict(extra="forbid", frozen=True,
                                                          arbitrary_types_allowed=True), **fields)


def json_schema() -> dict:
    """The JSON Schema of ``guidegen.toml`` (editors that read TOML with a schema complete and check it)."""
    schema = model().model_json_schema()
    schema["title"] = "guidegen.toml"
    schema["description"] = "guidegen's settings: every key is also a flag of guidegen build or preview."
    return schema


@dataclass(frozen=True)
class Resolved:
    """One run's settings, checked, each with where it came from."""

    values: Any  # the model's instance
    origins: dict[str, str] = field(default_factory=dict)

    def __getattr__(self, name: str):
        if name in BY_NAME:
            return getattr(self.values, name)
        raise AttributeError(name)

    def given(self, name: str) -> bool:
        return self.origins.get(name, DEFAULT) != DEFAULT

    def on_command_line(self, name: str) -> bool:
        return self.origins.get(name) == COMMAND_LINE

    def replace(self, **values) -> Resolved:
        return Resolved(self.values.model_copy(update=values), {**self.origins, **dict.fromkeys(values, COMMAND_LINE)})


# -- the settings file --------------------------------------------------------------------------------------

CONFIG_NAME = "guidegen.toml"


@dataclass(frozen=True)
class SettingsFile:
    path: Path
    values: dict[str, Any]
    lines: dict[str, int]

    def where(self, key: str) -> str:
        return f"{os.path.relpath(self.path)}:{self.lines.get(key, 1)}"


def find_settings_file(folder: Path) -> Path | None:
    """``guidegen.toml`` in ``folder`` (whatever kind of file it is: a FIFO, a link to a device, a folder or a
    broken link is named and refused when read, not skipped), else its ``pyproject.toml`` when that has a
    [tool.guidegen] table."""
    import re

    from guidegen.input.settings_file import read_settings_text

    own = folder / CONFIG_NAME
    if os.path.lexists(own):
        return own
    project = folder / "pyproject.toml"
    if project.exists() and re.search(r"(?m)^\s*\[tool\.guidegen\]", read_settings_text(project)):
        return project
    return None


def read_settings_file(path: Path) -> SettingsFile:
    """The keys of ``path``: unknown ones are problems at their line; paths are taken relative to the file."""
    from guidegen.input.settings_file import read_settings_table

    table = read_settings_table(path, "tool.guidegen" if path.name == "pyproject.toml" else None)
    values, lines = table.values, table.lines
    problems = []
    for key in values:
        if key not in BY_NAME:
            problems.append(f"{path}:{lines.get(key, 1)}: unknown setting {key!r}{did_you_mean(key, BY_NAME)} "
                            f"(settings: {', '.join(BY_NAME)})")
    if problems:
        raise InputFileError(problems)
    return SettingsFile(path, {key: _relative_to(path.parent, BY_NAME[key], value) for key, value in values.items()},
                        lines)


def _relative_to(folder: Path, setting: Setting, value: Any) -> Any:
    """A path the file gives, taken relative to the file's folder; anything else as it is (checked later)."""
    if setting.type is not Path:
        return value
    if isinstance(value, str) and value.strip():
        return folder / value
    if setting.many and isinstance(value, list):
        return [folder / item if isinstance(item, str) and item.strip() else item for item in value]
    return value


# -- resolving ----------------------------------------------------------------------------------------------

def resolve(command: str, given: dict[str, Any], settings_file: SettingsFile | None = None,
            given_origin: str = COMMAND_LINE) -> Resolved:
    """The settings of one run of ``command``: defaults, then the file's, then ``given`` (None and () mean "not
    given"). Every value is checked by the model; every problem is reported at once, at its origin."""
    from pydantic import ValidationError

    values, origins = {}, {}
    for setting in SETTINGS:
        name = setting.name
        if given.get(name) not in (None, ()):
            values[name], origins[name] = given[name], given_origin
        elif settings_file is not None and name in settings_file.values:
            values[name], origins[name] = settings_file.values[name], settings_file.where(name)
        else:
            origins[name] = DEFAULT
    unknown = sorted(set(given) - set(BY_NAME))
    if unknown:
        raise InputError(f"unknown setting {unknown[0]!r}{did_you_mean(unknown[0], BY_NAME)}")
    try:
        checked = model().model_validate(values)
    except ValidationError as exc:
        raise InputFileError([_problem(error, origins) for error in exc.errors()]) from None
    return Resolved(checked, origins)


def _problem(error: dict, origins: dict[str, str]) -> str:
    name = str(error["loc"][0])
    setting = BY_NAME[name]
    origin = origins.get(name, DEFAULT)
    place = setting.option if origin in (COMMAND_LINE, DEFAULT) else origin
    return f"{place}: {name}: {_in_words(error, setting)}"


def _in_words(error: dict, setting: Setting) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "literal_error":
        return f"{value!r} is not one of {', '.join(setting.choices)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{value!r} is out of range: give a whole number from {setting.minimum} to {setting.maximum}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"give a whole number, not {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"give true or false, not {value!r}"
    if kind in ("tuple_type", "list_type"):
        return f"give a list of values, not {value!r}"
    if kind in ("string_type", "path_type", "date_type"):
        return f"give a quoted string, not {value!r}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message[:1].lower() + message[1:]


# -- what a run of each kind uses ---------------------------------------------------------------------------

def kind_of_build(resolved: Resolved) -> str:
    """"people" (a handout per person), "batch" (several brands) or "single"."""
    if resolved.people is not None:
        return "people"
    return "batch" if len(resolved.brand) > 1 else "single"


def formats_of(resolved: Resolved) -> tuple[str, ...]:
    from guidegen.formats.registry import DEFAULT_FORMATS

    if kind_of_build(resolved) == "people":
        return ("handout",)
    return tuple(dict.fromkeys(resolved.formats)) or DEFAULT_FORMATS


def unused(resolved: Resolved, command: str, formats: tuple[str, ...]) -> list[str]:
    """The settings given for this run that nothing it makes reads."""
    reading = set(formats) | ({"people"} if "handout" in formats else set())
    found = []
    for setting in for_command(command):
        users = set(setting.used_by.split())
        if resolved.given(setting.name) and users and not users & reading:
            found.append(setting.name)
    return found


def check_combinations(resolved: Resolved, command: str, formats: tuple[str, ...]) -> None:
    """Refuse what this run cannot honour, given for it on the command line (or through the API): a setting
    only documents it does not make would read, a handout of some rungs beside a handout per person. A
    settings file serves several commands, so what it sets and this run does not use is only noted
    (``--print-config``)."""
    problems = []
    people = resolved.people is not None
    if people and resolved.rungs:
        problems.append(f"{_named(resolved, 'rungs')} and {_named(resolved, 'people')} ask for two kinds of "
                        f"handout: --people makes one per person at their own rung; give one or the other")
    if people and resolved.on_command_line("formats") and set(resolved.formats) - {"pdf"}:
        problems.append(f"--format {', '.join(sorted(set(resolved.formats) - {'pdf'}))}: a people build writes "
                        f"PDF handouts only")
    for name in unused(resolved, command, formats):
        if resolved.on_command_line(name):
            problems.append(f"{BY_NAME[name].option} is not used by this build ({_what(formats)}); "
                            f"leave it out or ask for a document that uses it")
    if command == "preview" and len(resolved.brand) > 1:
        problems.append("--brand: the preview shows one brand at a time; give one --brand")
    if problems:
        raise InputFileError(problems)


def _named(resolved: Resolved, name: str) -> str:
    origin = resolved.origins.get(name)
    return BY_NAME[name].option if origin == COMMAND_LINE else f"{name} ({origin})"


def _what(formats: tuple[str, ...]) -> str:
    if formats == ("handout",):
        return "personal handouts"
    return "it makes " + ", ".join(formats)


def shown(setting: Setting, value: Any) -> str:
    """A value as ``--print-config`` shows it: paths relative to the current folder, defaults in words."""
    if value is None or value == ():
        return setting.default_text or "-"
    items = value if isinstance(value, tuple) else (value,)
    texts = []
    for item in items:
        if isinstance(item, Path) and item.is_absolute():
            texts.append(os.path.relpath(item))
        elif isinstance(item, datetime.date):
            texts.append(item.isoformat())
        else:
            texts.append(str(item).lower() if isinstance(item, bool) else str(item))
    return ", ".join(texts)
