"""The files loading a ladder or a brand reads, for a watcher: a ladder and each ladder it ``extends:``; a
brand file and its logos and font files.

Read leniently, as the loaders would read them: a file with a mistake, or one that does not exist yet,
is listed and ends its chain there, since a watcher must see it fixed or created.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from guidegen.errors import InputFileError
from guidegen.input.framework_files import framework_sources
from guidegen.input.ladder import MAX_EXTENDS_DEPTH
from guidegen.input.spreadsheet import is_spreadsheet
from guidegen.input.yaml_document import read_document
from guidegen.resources import default_ladder_path


def _data(path: Path, kind: str) -> Any:
    """The file's YAML data, or None when it cannot be read (missing, too large, a syntax error)."""
    if not path.is_file():
        return None
    try:
        return read_document(path, kind=kind).data
    except (InputFileError, OSError, UnicodeError):
        return None


def ladder_files(path: str | Path) -> list[Path]:
    """``path`` and, following ``extends:`` as ``ladder.load_ladder`` does, each ladder it builds on."""
    files: list[Path] = []
    current: Path | None = Path(path)
    while current is not None and len(files) <= MAX_EXTENDS_DEPTH:
        if current.resolve() in {file.resolve() for file in files}:
            break  # extends itself: the loader reports it
        files.append(current)
        framework = framework_sources(current)  # a framework file, and the generic.md a role inherits from
        if framework:
            return files[:-1] + framework
        data = None if is_spreadsheet(current) else _data(current, "ladder")
        extends = data.get("extends") if isinstance(data, dict) else None
        if not isinstance(extends, str):
            break
        if extends.strip().lower() == "default":
            current = default_ladder_path()
        else:
            base = (current.parent / extends).resolve()
            current = base if base.is_relative_to(current.parent.resolve()) else None
    return files


def brand_files(path: str | Path) -> list[Path]:
    """The brand file and the logos and font files it names, inside its folder as ``brand.load_brand`` wants
    them (whether or not they exist yet)."""
    path = Path(path)
    data = _data(path, "brand")
    if not isinstance(data, dict):
        return [path]
    folder = path.parent.resolve()
    assets = {(folder / name).resolve() for name in _asset_names(data)}
    return [path, *sorted(asset for asset in assets if asset.is_relative_to(folder))]


def _asset_names(data: dict) -> Iterator[str]:
    logo = data.get("logo")
    images = logo.get("images") if isinstance(logo, dict) else None
    images = images if isinstance(images, dict) else {}
    if isinstance(logo, dict):
        for ref in images.values():
            yield from _paths(ref)
        for size in ("small", "medium", "large"):  # each a path, or the name of one of the images above
            yield from (name for name in _paths(logo.get(size)) if name not in images)
    else:
        yield from _paths(logo)
    typography = data.get("typography")
    fonts = typography.get("fonts") if isinstance(typography, dict) else None
    for font in fonts if isinstance(fonts, list) else ():
        entries = font.get("files") if isinstance(font, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            yield from _paths(entry)


def _paths(ref: Any) -> Iterator[str]:
    """The paths in a logo or font file reference: a path, ``{path: ...}``, or ``{light: ..., dark: ...}``."""
    if isinstance(ref, str):
        yield ref
    elif isinstance(ref, dict):
        if isinstance(ref.get("path"), str):
            yield ref["path"]
        for key in ("light", "dark"):
            yield from _paths(ref.get(key))
