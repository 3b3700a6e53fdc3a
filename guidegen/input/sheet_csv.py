"""A CSV file as Excel and HR systems write them, read within bounds.

The encoding: a byte-order mark says it (UTF-8, UTF-16); else UTF-8 if it decodes as UTF-8; else
charset-normalizer's guess, Windows-1252 among equals (Excel's "CSV" in Western Europe). The separator:
an Excel ``sep=;`` first line, else ``csv.Sniffer`` among , ; tab and |, checked against the lines it
splits. Records are counted as they are read, so a file of nothing but line breaks stops at the cap; a
quote that never closes is an error at the line it opens.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable

from guidegen.errors import InputFileError
from guidegen.input.sheet_table import MAX_COLUMNS, Table, cell_text, make_table

SEPARATORS = ",;\t|"
_SAMPLE_BYTES = 64_000  # what the detectors look at: enough lines for a grid's shape
_SNIFF_CHARACTERS = 8_000  # csv.Sniffer's patterns take time that grows faster than the sample
_BLANK_RECORDS = 1_000  # blank lines allowed beyond the rows a file may have (Excel adds a few)
_NAMES = {"utf_8": "UTF-8", "utf_8_sig": "UTF-8", "utf_16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16",
          "utf_32": "UTF-32", "cp932": "Shift_JIS", "shift_jis": "Shift_JIS", "euc_jp": "EUC-JP",
          "latin_1": "ISO-8859-1", "ascii": "UTF-8"}
_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tabs", "|": "'|'"}


def encoding_name(encoding: str) -> str:
    """cp1252 -> Windows-1252, utf_16 -> UTF-16: as Excel's and editors' menus name them."""
    normal = codecs.lookup(encoding).name.replace("-", "_")
    if normal.startswith("cp125"):
        return f"Windows-{normal[2:]}"
    return _NAMES.get(normal, normal.upper().replace("_", "-"))


def decode(label: str, raw: bytes) -> tuple[str, str]:
    """The file's text and its encoding's name, or ``InputFileError`` when it is not text."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                          (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return _decode_as(label, raw, encoding), encoding_name(encoding)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        # the start, and the bytes around the first that is not UTF-8, wherever it is
        around = max(exc.start - _SAMPLE_BYTES // 4, _SAMPLE_BYTES // 2)
        sample = raw[: _SAMPLE_BYTES // 2] + b"\n" + raw[around: around + _SAMPLE_BYTES // 2]
    encoding = _guess_encoding(sample)
    if encoding is None:
        raise InputFileError([f"{label}: is not text in any encoding guidegen recognises; save the sheet as "
                              f"CSV UTF-8 (or .xlsx)"])
    return _decode_as(label, raw, encoding), encoding_name(encoding)


def _guess_encoding(sample: bytes) -> str | None:
    """charset-normalizer's guess; among the guesses that read the sample equally well, Windows-1252: on short
    samples the detector cannot tell it from its neighbours (1250, 1257), and it is what Excel writes for the
    Western European languages."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(sample))
    if not matches:
        return None
    least = min(match.chaos for match in matches)
    for match in matches:
        if match.chaos <= least and "cp1252" in (match.encoding, *match.could_be_from_charset):
            return "cp1252"
    if matches[0].encoding in ("ascii", "utf_8"):  # the file is not UTF-8: the sample missed its other bytes
        return "cp1252"
    return matches[0].encoding


def _decode_as(label: str, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError([f"{label}:{line}: is not {encoding_name(encoding)} text, as the rest of the file "
                              f"reads; save the sheet as CSV UTF-8"]) from None


def separator(text: str) -> str:
    """The separator ``csv.Sniffer`` finds in the first lines, if the lines split by it have the same number of
    cells; else the candidate that splits them most evenly into several cells."""
    sample = text[:_SNIFF_CHARACTERS]
    if len(text) > _SNIFF_CHARACTERS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        sniffed = None
    scores = {candidate: _evenness(sample, candidate) for candidate in SEPARATORS}
    if sniffed in scores and scores[sniffed] >= max(scores.values()):
        return sniffed
    return max(SEPARATORS, key=lambda candidate: scores[candidate])  # ties: the earlier, so ','


def _evenness(sample: str, candidate: str) -> float:
    """How well ``candidate`` splits the sample's lines: the share of non-blank records that have the most
    common number of cells, when that number is more than one."""
    try:
        widths = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=candidate) if row]
    except csv.Error:
        return 0.0
    if not widths:
        return 0.0
    common = max(set(widths), key=widths.count)
    return widths.count(common) / len(widths) if common > 1 else 0.0


def read_csv(label: str, raw: bytes, max_rows: int, on_note: Callable[[str], None] | None = None) -> Table:
    """The cells of a CSV file. A note names the encoding and separator when they are not UTF-8 and ','."""
    text, encoding = decode(label, raw)
    first_line, _, rest = text.partition("\n")
    line_offset = 0
    if first_line.strip().lower().startswith("sep=") and len(first_line.strip()) == 5:
        delimiter, text, line_offset = first_line.strip()[4], rest, 1  # Excel's own hint, a line of its own
    else:
        delimiter = separator(text)
    if on_note is not None and (encoding != "UTF-8" or delimiter != ","):
        on_note(f"{label}: read as {encoding}, separated by {_SEPARATOR_NAMES.get(delimiter, repr(delimiter))}")
    rows, lines = _records(label, text, delimiter, max_rows, line_offset)
    table = make_table(label, rows)
    table.row_origin = lines[: table.height]  # a record's first line: cells may span lines
    return table


def _records(label: str, text: str, delimiter: str, max_rows: int,
             line_offset: int) -> tuple[list[list[str]], list[int]]:
    """The records, counted as they are read, and the line each starts on."""
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    limit = max_rows + _BLANK_RECORDS
    start = 1
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InputFileError([_csv_problem(label, exc, start + line_offset, reader.line_num + line_offset)]) \
                from None
        if len(rows) >= limit or (record and len(rows) >= max_rows and any(record)):
            raise InputFileError([f"{label}:{start + line_offset}: has more than {max_rows:,} rows; a framework "
                                  f"or people file may have at most {max_rows:,}"])
        if len(record) > MAX_COLUMNS:
            raise InputFileError([f"{label}:{start + line_offset}: has {len(record):,} cells; a row may have at "
                                  f"most {MAX_COLUMNS}"])
        rows.append([cell_text(cell) for cell in record])
        lines.append(start + line_offset)
    return rows, lines


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str):
    """The text's lines one at a time, each with its line break (as ``newline=""`` keeps them): no copy of the
    whole text, so a file of nothing but line breaks costs no more than its own size."""
    for match in _LINE.finditer(text):
        yield match[0]


def _csv_problem(label: str, exc: csv.Error, start: int, at: int) -> str:
    message = str(exc)
    if "unexpected end of data" in message or "EOF" in message:
        return (f"{label}:{start}: a quoted cell starts on this line and its closing quote never comes; "
                f"the rest of the file would be one cell")
    if "field larger than field limit" in message:
        return f"{label}:{start}: a cell is longer than a framework's cell may be ({message})"
    return f"{label}:{at}: is not CSV that can be read ({message})"
