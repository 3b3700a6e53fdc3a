"""A settings file (guidegen.toml, or a table of pyproject.toml) read within bounds.

Interim reader: the bounded one (FIFOs, devices, nesting and table counts) replaces it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError

MAX_BYTES = 1_000_000


def _text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputFileError([f"{path}: too large for a settings file ({path.stat().st_size} bytes)"])
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError([f"{path}: cannot be read ({exc})"]) from None


def pyproject_has_table(path: Path, table: str) -> bool:
    if not path.is_file():
        return False
    return bool(re.search(rf"(?m)^\s*\[{re.escape(table)}\]", _text(path)))


def _line_of(text: str, key: str, table: str | None) -> int:
    inside = table is None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = table is None or stripped.strip("[] ") == table
            continue
        if inside and re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return 1


def read_settings_table(path: Path, table: str | None = None) -> tuple[dict[str, Any], dict[str, int]]:
    import tomllib

    text = _text(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputFileError([f"{path}:{where.group(1)}:{where.group(2) if where else 1}: {message}"
                              if where else f"{path}:1:1: {message}"]) from None
    if table:
        for part in table.split("."):
            data = data.get(part, {}) if isinstance(data, dict) else data
        if not isinstance(data, dict):
            raise InputFileError([f"{path}: [{table}] must be a table"])
    return data, {key: _line_of(text, key, table) for key in data}
