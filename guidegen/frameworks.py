"""Competency frameworks to and from spreadsheets: ``guidegen import`` and ``guidegen export``.

Import turns a spreadsheet (read by ``input/spreadsheet.py``) into an editable ladder YAML that
``validate`` accepts and ``build`` renders as it is. Export (``workbook.py``) writes a workbook that carries
the whole ladder, or a CSV of its grid with the ids, and import gives that ladder back (``input/workbook.py``
reads what export wrote). ``import --into`` is ``grid_merge.py``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

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
    from guidegen.input.workbook import is_guidegen_file

    if is_guidegen_file(path):  # written by guidegen export: the whole ladder, read with its own reader
        from guidegen.workbook import imported_yaml

        return imported_yaml(path, sheet, target)
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


def export_framework(ladder: Ladder, target: Path, ladder_file: str | Path | None = None) -> None:
    """Write ``ladder`` to ``target``, replacing it whole or not at all: as .xlsx, the grid and the rest of the
    ladder (``import`` gives it back equal); as .csv, the grid with its ids. Give ``ladder`` as typed
    (``load_ladder(..., typeset=False)``), so that its quotes come back as typed.

    ``ladder_file`` is the file ``ladder`` was loaded from: neither it nor any file it extends may be
    the target."""
    from guidegen.workbook import export_bytes, target_suffix

    target = Path(target)
    inputs = ladder_sources(ladder_file) if ladder_file is not None else ()
    instead = "export writes a spreadsheet: name a file ending in .xlsx or .csv"
    check_output(target, inputs, instead=instead)
    data = export_bytes(ladder, target_suffix(target))
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
