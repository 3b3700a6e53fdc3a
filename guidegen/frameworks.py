"""Competency frameworks to and from spreadsheets: ``guidegen import`` and ``guidegen export``.

Import turns a spreadsheet (read by ``input/spreadsheet.py``) into an editable ladder YAML that
``validate`` accepts and ``build`` renders as it is; export writes a ladder's grid back in the same
shape, so that ``import`` of the exported file gives the same competencies and expectations.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from guidegen.errors import InputError
from guidegen.files import check_output, write_bytes_atomically, write_text_atomically
from guidegen.input.framework_files import framework_sources, read_framework_file
from guidegen.input.ladder import validate_ladder
from guidegen.input.schema import Ladder
from guidegen.input.spreadsheet import read_framework

_GUIDE_TO_EDITING = """\
# A career ladder imported by guidegen from {source}.
# It builds as it is:  guidegen build --ladder {target}
#
# Each rung may add, beside its id and title:
#   short:        a short name where space is tight (the staircase, the grid's column heads)
#   scope:        what the person owns or leads, in one short phrase; also leads: and presents_to:
#   what_it_is:   a paragraph on the role
#   responsibilities: a list of sentences
#   leadership:, soft_skills:  lists of {{name: ..., description: ...}}
#   example:      {{setting: ..., story: ...}}
# A ladder that forks (individual contributors and managers, say) declares its tracks,
#   tracks: [{{id: ic, name: Individual contributor}}, {{id: manager, name: People manager}}]
# and each forked rung says track: ic (or manager); shared rungs come first. In the spreadsheet,
# a row of track names just above the header row does the same.
# Each competency may have description: and group: (the grid groups its rows by group).
# introduction:, conclusion: and source: (title, author) make the guide's opening, closing and credit;
# language: (ja, de-DE, ...) is the language the text is written in, for hyphenation and fonts.
"""


def import_framework(path: Path, sheet: str | None, target: str, *, levels: str | None = None,
                     on_warning=None) -> str:
    """The framework at ``path`` as ladder YAML text, checked as ``build`` would check it.

    ``levels`` ("columns" or "rows") says how a sheet keeps its levels where it cannot tell; ``on_warning``
    hears what was skipped (a Notes column, a footnote) and what was found (an encoding, tracks)."""
    framework = read_framework_file(path, sheet)  # a published framework file; None for a spreadsheet
    if framework is not None:
        validate_ladder(framework)
        head = _GUIDE_TO_EDITING.format(source=framework.source_label, target=target)
        return head + framework.comment() + "\n" + framework.ladder_yaml()
    document = read_framework(path, sheet, levels=levels, on_warning=on_warning)
    validate_ladder(document)
    source = path.name + (f" (sheet {document.sheet})" if document.sheet else "")
    body = yaml.dump(document.data, Dumper=_LadderDumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return _GUIDE_TO_EDITING.format(source=source, target=target) + "\n" + body


class _LadderDumper(yaml.SafeDumper):
    """Safe YAML in which a text of several lines (a list typed in one cell) is a block, one item a line."""


def _text_block(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_LadderDumper.add_representer(str, _text_block)

IMPORT_TO_STANDARD_OUTPUT = "without -o, import writes the ladder to standard output"


def import_to_file(path: Path, sheet: str | None, output: Path, *, levels: str | None = None,
                   on_warning=None) -> None:
    """``guidegen import PATH -o OUTPUT``: the output is checked first, so a refusal costs no import."""
    check_output(output, (path,), instead=IMPORT_TO_STANDARD_OUTPUT)
    text = import_framework(path, sheet, str(output), levels=levels, on_warning=on_warning)
    write_text_atomically(output, text, inputs=(path,), instead=IMPORT_TO_STANDARD_OUTPUT)


def _grid(ladder: Ladder) -> tuple[list[list[str]], list[tuple[str, int, int]], int]:
    """The spreadsheet's rows, the track headings as (name, first column, last column) (1-based), and
    the number of leading columns (competency, then description and group where any competency has them)."""
    if not ladder.competencies:
        raise InputError("this ladder has no competencies to export: give it a competencies: list (see "
                         "the README's 'Competency frameworks'), or import a framework to start from")
    titles = [rung.title.casefold() for rung in ladder.rungs]
    repeated = sorted({rung.title for rung in ladder.rungs if titles.count(rung.title.casefold()) > 1})
    if repeated:
        raise InputError(f"rungs share the title {repeated[0]!r}: a spreadsheet tells rungs apart by their titles, "
                         f"so give each its own")
    shared = [rung for rung in ladder.rungs if rung.track is None]
    ordered = shared + [rung for track in ladder.tracks for rung in ladder.rungs if rung.track == track.id]
    extras = [key for key in ("description", "group") if any(getattr(c, key) for c in ladder.competencies)]
    lead = 1 + len(extras)
    header = ["Competency", *(key.capitalize() for key in extras), *(rung.title for rung in ordered)]
    rows = [header]
    for competency in ladder.competencies:
        rows.append([competency.name, *(getattr(competency, key) or "" for key in extras),
                     *(competency.expectations.get(rung.id, "") for rung in ordered)])
    tracks = []
    column = lead + len(shared) + 1
    for track in ladder.tracks:
        count = sum(1 for rung in ladder.rungs if rung.track == track.id)
        tracks.append((track.name, column, column + count - 1))
        column += count
    return rows, tracks, lead


def export_framework(ladder: Ladder, target: Path, ladder_file: str | Path | None = None) -> None:
    """Write ``ladder``'s competency grid to ``target`` (.xlsx or .csv), replacing it whole or not at all.

    ``ladder_file`` is the file ``ladder`` was loaded from: neither it nor any file it extends may be
    the target."""
    target = Path(target)
    inputs = ladder_sources(ladder_file) if ladder_file is not None else ()
    instead = "export writes a spreadsheet: name a file ending in .xlsx or .csv"
    check_output(target, inputs, instead=instead)
    rows, tracks, lead = _grid(ladder)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputError(f"{target}: export writes .xlsx or .csv; name the file with one of these")
    if suffix == ".csv":
        data = _csv_bytes(rows, tracks)
    else:
        data = _xlsx_bytes(ladder, rows, tracks, lead)
    write_bytes_atomically(target, data, inputs=inputs, instead=instead)


def ladder_sources(path: str | Path) -> list[Path]:
    """``path`` and every file it extends, in order: the files a ladder was read from (none for stdin).

    Follows ``extends:`` as ``load_ladder`` does; call it on a ladder that loaded, so the chain is sound."""
    from guidegen.input.ladder import MAX_EXTENDS_DEPTH
    from guidegen.input.safe_read import is_standard_input
    from guidegen.input.spreadsheet import is_spreadsheet
    from guidegen.input.yaml_document import read_document
    from guidegen.resources import default_ladder_path

    sources: list[Path] = []
    current: Path | None = None if is_standard_input(path) else Path(path)
    while current is not None and current not in sources and len(sources) <= MAX_EXTENDS_DEPTH + 1:
        sources.append(current)
        framework = framework_sources(current)  # a framework file, and the generic.md a role inherits from
        if framework or is_spreadsheet(current):
            sources[-1:] = framework or [current]
            break
        data = read_document(current).data
        extends = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(extends, str):
            break
        current = (default_ladder_path() if extends.strip().lower() == "default"
                   else (current.parent / extends).resolve())
    return sources


def _csv_bytes(rows: list[list[str]], tracks: list[tuple[str, int, int]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if tracks:  # CSV cannot merge cells: the track's name stands over each of its columns
        above = [""] * len(rows[0])
        for name, first, last in tracks:
            for column in range(first, last + 1):
                above[column - 1] = name
        writer.writerow(above)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read it as UTF-8


def _xlsx_bytes(ladder: Ladder, rows: list[list[str]], tracks: list[tuple[str, int, int]], lead: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_name(ladder.title)
    workbook.properties.title = ladder.title
    workbook.properties.creator = "guidegen"
    top = 1
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="E8EEF4")
    rule = Border(bottom=Side(style="thin", color="5B6675"))
    if tracks:
        for name, first, last in tracks:
            cell = sheet.cell(row=1, column=first, value=name)
            cell.font, cell.alignment = bold, Alignment(horizontal="center", vertical="center")
            if last > first:
                sheet.merge_cells(start_row=1, start_column=first, end_row=1, end_column=last)
        top = 2
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=top + offset, column=column, value=value or None)
            cell.alignment = wrap
            if offset == 0:
                cell.font, cell.fill, cell.border = bold, header_fill, rule
            elif column == 1:
                cell.font = bold
    sheet.freeze_panes = sheet.cell(row=top + 1, column=lead + 1)  # names and headers stay in view
    widths = {1: 28}
    if lead > 1:
        for column in range(2, lead + 1):
            widths[column] = 36 if rows[0][column - 1] == "Description" else 16
    for column in range(lead + 1, len(rows[0]) + 1):
        longest = max(len(row[column - 1]) for row in rows)
        widths[column] = 18 if longest <= 24 else 32
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(title: str) -> str:
    """``title`` as Excel allows a sheet's name: 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title).strip(" '")
    return cleaned[:31].rstrip() or "Framework"
