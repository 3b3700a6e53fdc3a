"""Build settings kept in a file: ``guidegen.toml`` in the working folder, or ``[tool.guidegen]`` in its
``pyproject.toml``, so that a company's folder builds with a bare ``guidegen build``.

Flags given on the command line win over the file, and the file over the defaults. Paths in the
file are relative to the file's folder. Every problem names the file and the line of the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidegen.choices import FORMAT_CHOICES, PAGE_SIZES, PDF_VARIANTS
from guidegen.errors import InputFileError, did_you_mean
from guidegen.input.settings_file import MAX_SETTINGS_BYTES, read_settings_table, read_settings_text

CONFIG_NAME = "guidegen.toml"
MAX_CONFIG_BYTES = MAX_SETTINGS_BYTES  # the file is read by input/settings_file.py, within its bounds


@dataclass(frozen=True)
class Setting:
    """One key a config file may set: what it holds and how it is checked."""

    kind: str  # "path", "paths", "text", "texts", "int"
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None


def _settings() -> dict[str, Setting]:

    return {
        "ladder": Setting("path", "the ladder file (YAML, .xlsx or .csv)"),
        "brand": Setting("paths", "a brand file, or a list of them"),
        "out": Setting("path", "the folder the documents are written into"),
        "formats": Setting("texts", "the documents to build", FORMAT_CHOICES),
        "page_size": Setting("text", "the guide's paper size", PAGE_SIZES),
        "pdf_variant": Setting("text", "an archival or accessibility variant of the PDF", PDF_VARIANTS),
        "pptx_template": Setting("path", "the company's slide template"),
        "rungs": Setting("texts", "rung ids for a handout of just those rungs"),
        "jobs": Setting("int", "processes to build with", minimum=1),
        "language": Setting("text", "the documents' language, instead of the ladder's own"),
        "presenter": Setting("text", "who gives the session"),
        "date": Setting("text", "the session's date (YYYY-MM-DD or today)"),
        "session_minutes": Setting("int", "the training session's length", minimum=10),
    }


@dataclass
class Config:
    """The settings a file gave, each with the file it came from (for --print-config)."""

    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)  # the line that set each key

    def where(self, key: str) -> str:
        """``guidegen.toml:4``: where a setting came from, for messages and --print-config."""
        import os

        return f"{os.path.relpath(self.source) if self.source else '?'}:{self.lines.get(key, 1)}"


def find_config(folder: Path) -> Path | None:
    """``guidegen.toml`` in ``folder``, else its ``pyproject.toml`` when that has a [tool.guidegen] table.

    A ``guidegen.toml`` that is there but is no regular file (a FIFO, a link to a device, a folder, a
    broken link) is returned all the same, so that reading it says what is wrong instead of ignoring it."""
    own = folder / CONFIG_NAME
    if own.exists() or own.is_symlink():
        return own
    project = folder / "pyproject.toml"
    if project.exists() and re.search(r"(?m)^\s*\[tool\.guidegen\]", read_settings_text(project)):
        return project
    return None


def load_config(path: Path) -> Config:
    """The settings in ``path``, checked: unknown keys and values of the wrong kind are errors."""
    table = read_settings_table(path, "tool.guidegen" if path.name == "pyproject.toml" else None)
    settings = _settings()
    problems, values, lines = [], {}, {}
    for key, value in table.values.items():
        line = lines[key] = table.line(key)
        setting = settings.get(key)
        if setting is None:
            problems.append(f"{path}:{line}: unknown setting {key!r}{did_you_mean(key, settings)} "
                            f"(settings: {', '.join(settings)})")
            continue
        checked = _check(value, setting, path.parent)
        if isinstance(checked, str) and checked.startswith("!"):
            problems.append(f"{path}:{line}: {key}: {checked[1:]}")
        else:
            values[key] = checked
    if problems:
        raise InputFileError(problems)
    return Config(values, path, lines)


def _check(value: Any, setting: Setting, folder: Path) -> Any:
    """``value`` as the setting holds it, or a problem as "!message"."""
    if setting.kind in ("path", "text"):
        if not isinstance(value, str) or not value.strip():
            return f"!give {setting.help} as a quoted string"
        if setting.choices and value.lower() not in setting.choices:
            return f"!{value!r} is not one of {', '.join(setting.choices)}"
        return (folder / value) if setting.kind == "path" else value
    if setting.kind in ("paths", "texts"):
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(item, str) and item.strip()
                                                              for item in items):
            return f"!give {setting.help} as a string or a list of strings"
        wrong = [item for item in items if setting.choices and item.lower() not in setting.choices]
        if wrong:
            return f"!{wrong[0]!r} is not one of {', '.join(setting.choices)}"
        return tuple(folder / item for item in items) if setting.kind == "paths" else tuple(items)
    if not isinstance(value, int) or isinstance(value, bool) or (setting.minimum is not None
                                                                 and value < setting.minimum):
        return f"!give {setting.help} as a whole number" + (f" of at least {setting.minimum}"
                                                             if setting.minimum is not None else "")
    return value
