"""The digest record kept beside a people build's handouts: which inputs made each file.

A rerun leaves alone every document whose digest has not changed and whose file is still there. The
record holds digests and file names, never a person's details.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from guidegen._version import __version__

PACKAGE = Path(__file__).resolve().parent.parent


def digest(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def renderer_digest() -> str:
    """guidegen's own code, templates and catalogues as they are now: a change to any of them (a new
    release, or a build from source with the same version number) makes every document stale."""
    from guidegen.resources import templates_dir

    hashed = hashlib.sha256(__version__.encode())
    for folder, suffixes in ((templates_dir(), (".j2", ".po")), (PACKAGE, (".py",))):
        for path in sorted(folder.rglob("*")):
            if path.suffix in suffixes:
                hashed.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def brand_digest(brand) -> str:
    """The brand as resolved, and the bytes of its file, logos and fonts: any change to them makes the
    documents in its colours stale."""
    if brand is None:
        return "no brand"
    hashed = hashlib.sha256(repr(brand).encode())
    files = [brand.source, *(image.path for image in (brand.logo_on_light, brand.logo_on_dark) if image),
             *(face.path for face in brand.font_faces)]
    for path in dict.fromkeys(files):
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def read_record(path: Path) -> dict[str, str]:
    """File name -> digest; an unreadable record means every document is made again."""
    try:
        record = json.loads(path.read_text()) if path.is_file() else {}
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def save_record(path: Path, record: dict[str, str]) -> None:
    """The record of what was built; a run that cannot keep it still wrote its documents."""
    from guidegen.errors import GuidegenError
    from guidegen.files import write_text_atomically

    try:
        write_text_atomically(path, json.dumps(record, indent=0, sort_keys=True))
    except (OSError, GuidegenError):
        pass
