"""Output formats, registered by name.

Each renderer module exposes ``render(context, target)``, and ``OUTPUT_NAMES`` names its file;
they are imported only when that format is built, so that the CLI starts
without loading WeasyPrint or python-pptx.
"""

from __future__ import annotations

import importlib
from types import ModuleType

RENDERERS: dict[str, str] = {
    "pdf": "guidegen.guide.render",
    "pptx": "guidegen.deck.render",
    "html": "guidegen.guide.web",
}

OUTPUT_NAMES: dict[str, str] = {
    "pdf": "career-guide.pdf",
    "pptx": "training-deck.pptx",
    "html": "career-guide.html",
}


def renderer(name: str) -> ModuleType:
    return importlib.import_module(RENDERERS[name])
