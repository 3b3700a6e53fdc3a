"""Reading a deck back as a user would: all the words on its slides, table cells included."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation


def deck_text(deck: Path) -> str:
    """Every text of every slide (text boxes, placeholders and table cells), spaces collapsed."""
    texts = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            elif getattr(shape, "has_table", False) and shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
    return " ".join(" ".join(texts).replace("\u00ad", "").split())
