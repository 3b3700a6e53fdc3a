"""The output formats by name: which module makes each and what its file is called.

Plain names only, so that the command line's choices and completion need no renderer: a format's
module is imported when that format is built (see ``formats.load``).
"""

from __future__ import annotations

# name -> (module, file name); a handout's file is named after its person, so it has none here
MODULES: dict[str, tuple[str, str]] = {
    "pdf": ("guidegen.formats.guide_pdf", "career-guide.pdf"),
    "pptx": ("guidegen.formats.deck", "training-deck.pptx"),
    "html": ("guidegen.formats.guide_html", "career-guide.html"),
    "handout": ("guidegen.formats.handout", ""),
}
SELECTABLE = ("pdf", "pptx", "html")  # what --format offers; a handout is what --people makes
DEFAULT_FORMATS = ("pdf", "pptx")


def file_name(name: str) -> str:
    return MODULES[name][1]
