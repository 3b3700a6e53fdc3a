"""One build: load the ladder, derive the context once, hand it to each renderer."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .context import build_context
from .errors import BuildError, InputError
from .loader import load_ladder
from .renderers import OUTPUT_NAMES, renderer
from .resources import default_ladder_path

FORMATS = tuple(OUTPUT_NAMES)


def _prepare_output_dir(out_dir: Path) -> None:
    """Fail before any rendering when the folder cannot take the output."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise InputError(f"{out_dir}: the output folder is not writable")


def _write_atomically(render, context, target: Path) -> None:
    """Render to a temporary file beside ``target``, then rename it into place.

    A failed or interrupted build so leaves any earlier output untouched.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; output should be like any new file
    try:
        render(context, Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build(
    ladder_path: str | Path | None = None,
    out_dir: str | Path = "output",
    formats: Iterable[str] = FORMATS,
    page_size: str = "A4",
    rung_ids: Iterable[str] = (),
    pdf_variant: str | None = None,
    pptx_template: str | Path | None = None,
    brand_path: str | Path | None = None,
    on_warning=None,
) -> list[Path]:
    """Build the requested documents and return the paths written, in format order.

    With ``rung_ids`` the documents cover just those rungs (a handout) and
    their names end with the ids, so that they sit beside the full guide.
    """
    ladder = load_ladder(ladder_path or default_ladder_path())
    brand = None
    if brand_path is not None:
        from .brand import load_brand

        brand = load_brand(brand_path)
        for warning in brand.warnings:
            (on_warning or (lambda message: None))(warning)
    template = Path(pptx_template) if pptx_template else None
    if template is not None and not template.is_file():
        raise InputError(f"{template}: no such slide template")
    context = build_context(ladder, page_size=page_size, selected_ids=tuple(rung_ids), pdf_variant=pdf_variant,
                            pptx_template=template, brand=brand)
    out_dir = Path(out_dir)
    _prepare_output_dir(out_dir)
    suffix = "".join(f"-{view.rung.id}" for view in context.shown) if context.is_handout else ""
    written = []
    for name in dict.fromkeys(formats):  # keeps order, drops repeats
        stem, extension = OUTPUT_NAMES[name].rsplit(".", 1)
        target = out_dir / f"{stem}{suffix}.{extension}"
        try:
            _write_atomically(renderer(name).render, context, target)
        except (InputError, BuildError):
            raise
        except OSError as exc:
            raise BuildError(f"{target}: could not be written ({exc.strerror or exc})") from None
        written.append(target)
    return written
