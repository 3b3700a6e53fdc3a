"""Read a settings file (TOML) within bounds, with the line of every key.

Only a regular file is read (a FIFO, a device such as ``/dev/zero`` behind a link, a folder or a socket
is refused before a byte is read), and no more than ``MAX_SETTINGS_BYTES``. Then, before ``tomllib``
parses the text, a pre-scan that knows TOML's strings and comments bounds what makes tomllib slow or
crash: it recurses once per nested array or inline table (5,000 ``[`` end in RecursionError), its time
grows with the square of a dotted key's or table header's parts (a 400 KB ``[a.a.a...]`` takes a
minute), and a megabyte of tiny values takes it a second. Every file under the size cap is read or
refused in well under a second. Every refusal names the file and the line.

This module knows nothing of any program's own settings: it returns a table of keys and values, and
the line that set each key, for the caller to check.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError

MAX_SETTINGS_BYTES = 1_000_000
MAX_LINES = 10_000  # tomllib takes a third of a second for a megabyte of comment lines
MAX_NESTING = 20  # arrays and inline tables inside one another
MAX_KEY_PARTS = 20  # the parts of one dotted key or table header: a.b.c is 3
MAX_TABLES = 300  # table headers, [name] and [[name]]
MAX_KEYS = 3_000  # keys in all, inline tables' included
MAX_PIECES = 50_000  # strings, escapes, brackets, commas and '=': what parsing spends its time on
MAX_BARE_WORD = 100  # characters of a number or bare key (Python refuses integers over 4,300 digits)

_BARE = r"[\w+\-:]"  # what numbers, dates and bare keys are made of (a dot aside)
_TOKEN = re.compile(
    # Skipped over in one step: what is neither a token nor a bare word too long (the regex engine's loop
    # is far faster than trying every token at every position).
    rf"(?:[^\n#\"'\[\]{{}},=\w+\-:]++|{_BARE}{{1,{MAX_BARE_WORD}}}+(?!{_BARE}))*+"
    r"(?:(?P<eol>(?:#[^\n]*+)?\n(?:[ \t\r\n]++|#[^\n]*+)*+)"  # a line's end, with the blank and comment lines after it
    r"|(?P<comment>#[^\n]*+)"  # a comment on the last line
    r'|(?P<string>"""(?:[^"\\]++|\\.|"(?!""))*+"{3,5}'  # strings, each whole: what is inside is no token
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\[^\n])*+"'
    r"|'[^'\n]*+')"
    r"|(?P<open>[\[{])|(?P<close>[\]}])|(?P<comma>,)|(?P<equals>=)"
    rf"|(?P<long>{_BARE}++)"
    r"|(?P<quote>[\"']))",  # a string that does not end: tomllib says so
    re.DOTALL)
_HEADER = re.compile(r"""\[(\[?)((?:[^\]\n"'\[]++|"(?:[^"\\\n]++|\\[^\n])*+"|'[^'\n]*+')*+)\](\]?)""")
_KEY_PART = re.compile(r"""[ \t]*+(?:"((?:[^"\\\n]++|\\[^\n])*+)"|'([^'\n]*+)'|([A-Za-z0-9_-]++))[ \t]*+""")
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


@dataclass(frozen=True)
class SettingsTable:
    """The keys and values of a settings file's table, and the line that set each key."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


def read_settings_table(path: str | Path, table: str | None = None) -> SettingsTable:
    """The settings in ``path`` (the dotted ``table`` of it, such as ``tool.guidegen``; all by default).

    A missing table is an empty one. Raises ``InputFileError`` (exit 2) naming the file and the line
    for a file that is not a regular file, too large, not UTF-8, not TOML, or over a bound.
    """
    path = Path(path)
    text = read_settings_text(path)
    data, found = parse_settings(text, str(path))
    names = tuple(table.split(".")) if table else ()
    value: Any = data
    for name in names:
        value = value.get(name, {}) if isinstance(value, dict) else value
    if not isinstance(value, dict):
        line = next((line for key, line in found if key[:len(names)] == names), 1)
        raise InputFileError([f"{path}:{line}: [{table}] must be a table"])
    lines: dict[str, int] = {}
    for key, line in found:
        if len(key) > len(names) and key[:len(names)] == names:
            lines.setdefault(key[len(names)], line)
    return SettingsTable(path, value, lines)


def read_settings_text(path: str | Path) -> str:
    """The text of the regular file ``path``, read no further than the size cap."""
    path = Path(path)
    data = _read_regular_file(path)
    if len(data) > MAX_SETTINGS_BYTES:
        raise InputFileError([f"{path}: is over {MAX_SETTINGS_BYTES:,} bytes, too large for a settings file"])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputFileError([f"{path}:{line}: is not UTF-8 text; save it as UTF-8"]) from None


def parse_settings(text: str, label: str) -> tuple[dict[str, Any], list[tuple[tuple[str, ...], int]]]:
    """``text`` parsed by tomllib once the pre-scan allows it, and (dotted name, line) of each table and key."""
    if text.count("\n") > MAX_LINES:
        raise InputFileError([f"{label}: has more than {MAX_LINES:,} lines, more than a settings file needs"])
    scan = _Scan(text, label)
    stopped = scan.run()
    if stopped is not None:
        # Where the pre-scan stopped, the text is not TOML; tomllib, which reads from the start and stops
        # at its first error, is given the rest of that line at most (for its message), never more.
        line_end = text.find("\n", stopped)
        stopped = min(len(text) if line_end < 0 else line_end + 1, stopped + 100)
    try:
        data = tomllib.loads(text if stopped is None else text[:stopped])
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        position = (f"{where.group(1)}:{where.group(2)}" if where
                    else str(scan.line_at(stopped - 1)) if stopped is not None else "1")
        raise InputFileError([f"{label}:{position}: {message}"]) from None
    except (ValueError, RecursionError) as exc:  # tomllib's own limits; the pre-scan should come first
        raise InputFileError([f"{label}: cannot be read as TOML ({type(exc).__name__}: {exc})"]) from None
    if stopped is not None:
        scan.refuse(stopped - 1, "is not TOML here")
    return data, scan.found


class _Scan:
    """One pass over the text's tokens, keeping what a TOML parser keeps: open brackets, whether a key
    or a value comes next, the current table. It stops (returns a position) where the text is surely not
    TOML, and refuses (raises) where a bound is passed."""

    def __init__(self, text: str, label: str) -> None:
        self.text, self.label = text, label
        self.line, self.counted = 1, 0
        self.stack: list[str] = []  # the open '[' and '{'
        self.key_next, self.key_start = True, 0  # a key comes next (a line's start; after '{' or ',' in one)
        self.value_done = False  # a line's value is complete: only the line's end may follow
        self.table: tuple[str, ...] = ()
        self.keys = self.tables = self.pieces = 0
        self.found: list[tuple[tuple[str, ...], int]] = []

    def line_at(self, position: int) -> int:
        """The line of ``position``; positions are asked for in increasing order, so counting is linear."""
        if position > self.counted:
            self.line += self.text.count("\n", self.counted, position)
            self.counted = position
        return self.line

    def refuse(self, position: int, message: str) -> None:
        raise InputFileError([f"{self.label}:{self.line_at(position)}: {message}"])

    def run(self) -> int | None:
        """Scan everything: None, or the position just past the token where the text stopped being TOML."""
        position = 0
        while (match := _TOKEN.match(self.text, position)) is not None:
            kind, end = match.lastgroup, match.end()
            start = match.start(kind)
            if kind not in ("eol", "comment"):
                # tomllib reads a backslash escape in about a microsecond: each counts as a piece too
                self.pieces += 1 + (self.text.count("\\", start, end) if self.text[start] == '"' else 0)
                if self.pieces > MAX_PIECES:
                    self.refuse(start, f"has more than {MAX_PIECES:,} strings, escapes, brackets, commas and "
                                       f"'=', more than a settings file needs")
            position = getattr(self, "_" + kind)(start, end)
            if position < 0:
                return end
        return None

    def _eol(self, start: int, end: int) -> int:
        if not self.stack:
            if self.key_next and self.text[self.key_start:start].strip():
                return -1  # a line that is neither a key = value nor a [table]
            self.key_next, self.value_done, self.key_start = True, False, end
        elif self.stack[-1] == "{":
            return -1  # an inline table stays on one line
        return end

    def _comment(self, start: int, end: int) -> int:
        return end

    def _string(self, start: int, end: int) -> int:
        if not self.key_next and not self.stack:
            if self.value_done:
                return -1
            self.value_done = True
        return end

    def _open(self, start: int, end: int) -> int:
        bracket = self.text[start]
        if self.key_next:
            if self.stack or bracket == "{" or self.text[self.key_start:start].strip():
                return -1
            return self._header(start)
        if not self.stack:
            if self.value_done:
                return -1
            self.value_done = True
        self.stack.append(bracket)
        if len(self.stack) > MAX_NESTING:
            self.refuse(start, f"arrays or inline tables nested more than {MAX_NESTING} deep")
        if bracket == "{":
            self.key_next, self.key_start = True, end
        return end

    def _close(self, start: int, end: int) -> int:
        opening = "[" if self.text[start] == "]" else "{"
        if not self.stack or self.stack[-1] != opening:
            return -1
        if self.key_next and (opening == "[" or self.text[self.key_start:start].strip()):
            return -1
        self.stack.pop()
        self.key_next = False
        return end

    def _comma(self, start: int, end: int) -> int:
        if not self.stack or self.key_next:
            return -1
        if self.stack[-1] == "{":
            self.key_next, self.key_start = True, end
        return end

    def _equals(self, start: int, end: int) -> int:
        if not self.key_next:
            return -1
        raw = self.text[self.key_start:start]
        parts = self._key(raw, self.key_start)
        if parts is None:
            return -1
        self.keys += 1
        if self.keys > MAX_KEYS:
            self.refuse(start, f"has more than {MAX_KEYS:,} keys, more than a settings file needs")
        if not self.stack:
            key_line = self.line_at(self.key_start + len(raw) - len(raw.lstrip()))
            self.found.append(((*self.table, *parts), key_line))
        self.key_next, self.value_done = False, False
        return end

    def _long(self, start: int, end: int) -> int:
        self.refuse(start, f"a number or bare key of more than {MAX_BARE_WORD} characters")
        return -1

    def _quote(self, start: int, end: int) -> int:
        return -1

    def _header(self, start: int) -> int:
        """A ``[table]`` or ``[[array.of.tables]]`` line: its name, bounded; the position after it."""
        match = _HEADER.match(self.text, start)
        if match is None or bool(match.group(1)) != bool(match.group(3)):
            return -1
        parts = self._key(match.group(2), start)
        if parts is None:
            return -1
        self.tables += 1
        if self.tables > MAX_TABLES:
            self.refuse(start, f"has more than {MAX_TABLES} tables, more than a settings file needs")
        self.table = tuple(parts)
        self.found.append((self.table, self.line_at(start)))
        self.key_next, self.value_done = False, True
        return match.end()

    def _key(self, raw: str, start: int) -> list[str] | None:
        """The parts of a dotted key, or None where it is not a key; refuses one of too many parts."""
        parts, position = [], 0
        while True:
            match = _KEY_PART.match(raw, position)
            if match is None:
                return None
            basic, literal, bare = match.groups()
            parts.append(bare if bare is not None else literal if literal is not None else _unescaped(basic))
            if len(parts) > MAX_KEY_PARTS:
                self.refuse(start, f"a key or table name of more than {MAX_KEY_PARTS} dotted parts")
            position = match.end()
            if position == len(raw):
                return parts
            if raw[position] != ".":
                return None
            position += 1


def _unescaped(body: str) -> str:
    """A quoted key's text, its escapes read as TOML reads them (an invalid one is left for tomllib)."""
    try:
        return tomllib.loads(f'k = "{body}"')["k"]
    except tomllib.TOMLDecodeError:
        return body


def _read_regular_file(path: Path) -> bytes:
    """At most the cap plus one byte of ``path``; anything but a regular file is refused unread."""
    try:
        # Non-blocking, so that opening a FIFO with no writer returns at once instead of waiting forever.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        link = f" (a link to {os.readlink(path)}, which does not exist)" if path.is_symlink() else ""
        raise InputFileError([f"{path}: no such file{link}"]) from None
    except OSError as exc:  # a socket cannot be opened at all: say what it is
        try:
            _refuse_unless_regular(path, os.stat(path).st_mode)
        except OSError:
            pass
        raise InputFileError([f"{path}: cannot be read ({exc.strerror})"]) from None
    try:
        _refuse_unless_regular(path, os.fstat(descriptor).st_mode)
        os.set_blocking(descriptor, True)
        chunks, remaining = [], MAX_SETTINGS_BYTES + 1
        while remaining > 0 and (chunk := os.read(descriptor, min(remaining, 1 << 20))):
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError([f"{path}: cannot be read ({exc.strerror})"]) from None
    finally:
        os.close(descriptor)


def _refuse_unless_regular(path: Path, mode: int) -> None:
    for is_kind, kind in _KINDS:
        if is_kind(mode):
            link = f" (a link to {os.readlink(path)})" if path.is_symlink() else ""
            raise InputFileError([f"{path}: is {kind}{link}, not a settings file; a settings file must be "
                                  f"a regular file: replace it with one, or remove it"])
