"""Render each example company's cover and summary slide to PNG for the README's gallery.

    python scripts/gallery.py            # writes docs/gallery/<company>-cover.png and -summary.png

Needs guidegen installed, pdftoppm (poppler-utils) and LibreOffice (soffice).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pptx import Presentation

from guidegen.api import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GALLERY = ROOT / "docs" / "gallery"


def page_png(pdf: Path, page: int, target: Path, dpi: int = 45) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)


def main() -> int:
    for tool in ("pdftoppm", "soffice"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed: run scripts/install-system-deps.sh --test", file=sys.stderr)
            return 1
    GALLERY.mkdir(parents=True, exist_ok=True)
    for company in sorted(path for path in EXAMPLES.iterdir() if (path / "brand.yml").is_file()):
        ladder = company / "ladder.yaml"
        with tempfile.TemporaryDirectory() as work:
            out = Path(work)
            pdf, deck = build(ladder=ladder if ladder.is_file() else None, out=out, brand=[company / "brand.yml"])
            page_png(pdf, 1, GALLERY / f"{company.name}-cover.png")
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out / "deck"), str(deck)],
                           check=True, capture_output=True)
            titles = [slide.shapes.title.text if slide.shapes.title else "" for slide in Presentation(str(deck)).slides]
            summary = titles.index("The ladder at a glance") + 1
            page_png(out / "deck" / "training-deck.pdf", summary, GALLERY / f"{company.name}-summary.png")
        print(f"{company.name}: cover and summary slide written to {GALLERY.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
