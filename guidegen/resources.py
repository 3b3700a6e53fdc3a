"""Where the packaged templates and default ladder live.

In a wheel they sit inside the package (mapped there by the build backend);
in a source checkout they sit at the top level of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"guidegen is installed without its {name}/ folder")


def templates_dir() -> Path:
    return _shipped("templates")


def html_templates_dir() -> Path:
    """The guide's Jinja2 templates and stylesheet; also the base URL of its HTML."""
    return templates_dir() / "html"


def data_dir() -> Path:
    return _shipped("data")


def default_ladder_path() -> Path:
    return data_dir() / "ladder.yaml"


def schema_path(name: str) -> Path:
    """The shipped JSON Schema of the ``ladder`` or ``brand`` file (see input/json_schema.py)."""
    return data_dir() / "schema" / f"{name}.schema.json"
