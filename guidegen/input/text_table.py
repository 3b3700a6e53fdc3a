"""A CSV file as Excel and HR systems save it: its encoding and separator found, its records read within
bounds, every problem at its line.

Excel's "CSV" is written in the computer's Windows code page (Windows-1252 in Western Europe), with ``;``
between columns where the decimal mark is a comma; "Unicode text" is UTF-16 with tabs; HR systems write
UTF-8, often with a byte order mark. A byte order mark, then strict UTF-8, then charset-normalizer decide
the encoding; where charset-normalizer finds several equally likely (Windows-1250 and -1252 read most
Western names alike), the code page Windows uses for the ladder's language wins. ``csv.Sniffer`` finds
the separator. Records are counted as they are read, so a file of newlines stops at the cap, and a
quote left open is an error at the line it opens, not the rest of the file swallowed into one cell.

Used by ``build --people``; the spreadsheet reader (spreadsheet.py) reads competency frameworks.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from guidegen.errors import InputFileError

MAX_COLUMNS = 120
MAX_CELL = 10_000  # characters: a person's details are short; a longer cell is not a people file
SEPARATORS = ";,\t|"
SNIFF_LINES = 50
SNIFF_CHARACTERS = 65_536  # the separator is found in the first lines, not in a whole file of newlines
BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
        (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with a byte order mark"),
        (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
# The Windows code page Excel writes "CSV" in, by language (the rest of Europe and the Americas: 1252).
ANSI_CODE_PAGES = {**dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "ro", "sq"), "cp1250"),
                   **dict.fromkeys(("ru", "uk", "bg", "be", "mk", "sr"), "cp1251"), "el": "cp1253",
                   **dict.fromkeys(("tr", "az"), "cp1254"), "he": "cp1255", **dict.fromkeys(("ar", "fa", "ur"), "cp1256"),
                   **dict.fromkeys(("lt", "lv", "et"), "cp1257"), "vi": "cp1258"}
CLOSE_ENOUGH = 0.05  # charset-normalizer's "chaos": matches this close to the best are as likely


@dataclass(frozen=True)
class TextTable:
    rows: list[list[str]]  # row 1 is the file's first line (a record spanning lines counts from its first)
    lines: list[int]  # the line each row starts on
    encoding: str  # as a person names it: "UTF-8", "Windows-1252"
    separator: str

    def note(self) -> str | None:
        """How the file was read, when that is not plain UTF-8 with commas: a wrong guess shows as
        garbled names, and this says what to change."""
        if self.encoding == "UTF-8" and self.separator == ",":
            return None
        separator = {"\t": "tabs", ",": "commas", ";": "semicolons", "|": "bars"}[self.separator]
        return f"read as {self.encoding}, columns separated by {separator}"


def decode(raw: bytes, label: str, language: str = "en") -> tuple[str, str]:
    """The text of ``raw`` and its encoding's name, or ``InputFileError`` when it is not text."""
    if raw.startswith(b"PK\x03\x04"):
        raise InputFileError([f"{label}: is an Excel workbook saved under a .csv name; rename it to .xlsx"])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputFileError([f"{label}: is an old Excel workbook (.xls); save it as .xlsx or as CSV"])
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputFileError([f"{label}: starts as {name} but is not ({exc.reason}); save it again as "
                                      f"UTF-8"]) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    codec = _detected(raw, language)
    if codec is None:
        raise InputFileError([f"{label}: is not text in any encoding guidegen knows; save it as CSV (UTF-8)"])
    return raw.decode(codec), _encoding_name(codec)


def _detected(raw: bytes, language: str) -> str | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches or "\x00" in str(matches[0]):
        return None
    best = matches[0]
    preferred = ANSI_CODE_PAGES.get(language.split("-")[0].lower(), "cp1252")
    for match in matches:
        if match.chaos <= best.chaos + CLOSE_ENOUGH and preferred in (match.encoding, *match.could_be_from_charset):
            return preferred
    return best.encoding


def _encoding_name(codec: str) -> str:
    normal = codec.lower().replace("-", "_")
    if normal.startswith("cp125"):
        return f"Windows-{normal[2:]}"
    if normal.startswith("iso8859_"):
        return f"ISO-8859-{normal[8:]}"
    return {"utf_16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "latin_1": "ISO-8859-1",
            "mac_roman": "Mac Roman"}.get(normal, codec)


def separator(text: str) -> str:
    """The character between columns: csv.Sniffer's choice among ; , tab and |, when most lines agree on
    how many they hold; else the one the most lines hold equally many of (title lines above the header
    hold none); a file of one column: a comma."""
    lines = [line for line in text[:SNIFF_CHARACTERS].splitlines() if line.strip()][:SNIFF_LINES]
    agreeing = {candidate: _agreeing(lines, candidate) for candidate in SEPARATORS}
    try:
        found = csv.Sniffer().sniff("\n".join(lines), delimiters=SEPARATORS).delimiter
    except csv.Error:
        found = ""
    if found in agreeing and agreeing[found] * 2 >= len(lines):
        return found
    best = max(SEPARATORS, key=lambda candidate: agreeing[candidate])
    return best if agreeing[best] else ","


def _agreeing(lines: list[str], candidate: str) -> int:
    """How many lines hold ``candidate`` the number of times most lines that hold it do."""
    counts = Counter(line.count(candidate) for line in lines if candidate in line)
    return counts.most_common(1)[0][1] if counts else 0


def read_text_table(path: str | Path, raw: bytes, max_rows: int, language: str = "en") -> TextTable:
    """The records of the CSV file ``path`` (its bytes ``raw``), at most ``max_rows`` of them (empty lines
    count), each at most MAX_COLUMNS cells; or ``InputFileError`` at the line that goes over or is broken."""
    label = str(path)
    text, encoding = decode(raw, label, language)
    delimiter = separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows, lines = [], []
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            message = ("a quote opened here is never closed; close it, or save the file again from the "
                       "spreadsheet" if "end of data" in str(exc) or "EOF" in str(exc) else f"cannot be read ({exc})")
            raise InputFileError([f"{label}:{start}: {message}"]) from None
        if len(rows) >= max_rows:
            raise InputFileError([f"{label}:{start}: more than {max_rows:,} lines; a people file may have at most "
                                  f"{max_rows:,}"])
        if len(row) > MAX_COLUMNS or any(len(cell) > MAX_CELL for cell in row):
            raise InputFileError([f"{label}:{start}: more than {MAX_COLUMNS} columns or a cell over {MAX_CELL:,} "
                                  f"characters; is this a people file?"])
        rows.append(row)
        lines.append(start)
    return TextTable(rows, lines, encoding, delimiter)
