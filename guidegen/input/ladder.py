"""Load a ladder file: read it, apply it to the ladder it extends if it is an overlay, validate it.

The only module that follows ``extends:``: it loads the base ladder itself, then hands the already
loaded base and the overlay document to ``overlay.merge``, which knows nothing of files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError
from guidegen.input.framework_document import FrameworkDocument
from guidegen.input.framework_files import ladder_framework_file
from guidegen.input.schema import Ladder, consistency_problems
from guidegen.input.spreadsheet import SheetDocument, is_spreadsheet, read_framework
from guidegen.input.typography import typographic
from guidegen.input.workbook_sheets import WorkbookDocument
from guidegen.input.yaml_document import YamlDocument, read_document
from guidegen.resources import default_ladder_path

MAX_EXTENDS_DEPTH = 4  # an overlay of an overlay of ... : deeper than this is surely a loop
_BRAND_KEYS = {"meta", "logo", "color", "typography", "defaults"}


def load_ladder(path: str | Path, on_warning=None, typeset: bool = True) -> Ladder:
    """Load and validate a ladder file, or raise ``InputFileError`` listing every problem.

    ``on_warning`` hears what is allowed but probably wrong (inherited text that names a renamed rung).
    With ``typeset``, quotes and apostrophes come out typographic in the language of the ladder as a
    whole, overlays applied (an English base extended in German takes German quotes); a check that
    writes no document leaves them as typed, and saves importing docutils.
    """
    ladder = _load(path, (), on_warning)
    return typographic(ladder, ladder.language) if typeset else ladder


def _load(path: str | Path, _extending: tuple[Path, ...], on_warning) -> Ladder:
    """``load_ladder`` before typography; ``_extending`` is the chain of overlays that led here, to catch loops."""
    if is_spreadsheet(path):  # a competency framework kept as a grid (see spreadsheet.py)
        from guidegen.input.workbook import is_guidegen_file, read_guidegen_file

        if is_guidegen_file(path):  # what guidegen export wrote: the whole ladder (see workbook.py)
            return validate_ladder(read_guidegen_file(path))
        return validate_ladder(read_framework(path, on_warning=on_warning))
    framework = ladder_framework_file(path)  # a published framework file (see framework_files.py), or None
    if framework is not None:
        return validate_ladder(framework)
    document = read_document(path)
    if "extends" not in document.data:
        return validate_ladder(document)
    # Only an overlay needs the overlay's models: building them is 16 ms of a plain ladder's `validate`.
    from guidegen.input.overlay import Overlay, merge, stale_names

    overlay = document.validate(Overlay)
    document.fail_if_problems()
    chain = (*_extending, Path(path).resolve())
    base = _load(_base_path(document, overlay.extends, chain), chain, on_warning)
    merged = merge(document, overlay, base)
    ladder = validate_ladder(document, merged)
    for warning in stale_names(document, overlay, base, merged):
        (on_warning or (lambda message: None))(warning)
    return ladder


def _base_path(document: YamlDocument, extends: str, chain: tuple[Path, ...]) -> Path:
    """The file ``extends:`` names: 'default', or a ladder in this file's folder, not already in the chain."""
    if extends.strip().lower() == "default":
        return default_ladder_path()
    base = (document.path.parent / extends).resolve()
    if not base.is_relative_to(document.path.parent.resolve()):
        document.add(("extends",), f"{extends!r} is outside this file's folder; a ladder may extend "
                                   f"'default' or a ladder beside it")
    elif len(chain) > MAX_EXTENDS_DEPTH or base in chain:
        document.add(("extends",), "extends itself, directly or through other files")
    elif not base.is_file():
        document.add(("extends",), f"the ladder to extend, {base}, does not exist")
    document.fail_if_problems()
    return base


def validate_ladder(document: YamlDocument | SheetDocument | FrameworkDocument | WorkbookDocument,
                    data: Any = None) -> Ladder:
    """``data`` (the document's own by default) as a ``Ladder``, or ``InputFileError`` with every problem."""
    if data is None and "rungs" not in document.data and _BRAND_KEYS & set(document.data):
        raise InputFileError([f"{document.label}:1:1: this looks like a brand file (it has "
                              f"{', '.join(sorted(_BRAND_KEYS & set(document.data)))} and no rungs), not a ladder; "
                              f"give it with --brand"])
    ladder = document.validate(Ladder, data)
    if ladder is not None:
        for loc, message in consistency_problems(ladder):
            document.add(loc, message)
    document.fail_if_problems()
    return ladder
