"""One build: load the ladder and brand, build the view once, hand it to each renderer, put the files in place."""

from __future__ import annotations

import gc
import os
import signal
import threading
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from guidegen.choices import DEFAULT_FORMATS
from guidegen.errors import BuildError, InputError
from guidegen.formats import OUTPUT_NAMES, renderer
from guidegen.resources import default_ladder_path

# The ladder's model (pydantic) is imported where it is used, so that a build can start its worker
# (parallel.py) before that import and let it import WeasyPrint meanwhile.
if TYPE_CHECKING:
    from guidegen.input.brand import Brand
    from guidegen.view.ladder_view import LadderView
    from guidegen.parallel import Pool
    from guidegen.input.schema import Ladder

FORMATS = DEFAULT_FORMATS  # what a build writes unless told otherwise


def prepare_output_dir(out_dir: Path) -> None:
    """Fail before any rendering when the folder cannot take the output."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise InputError(f"{out_dir}: the output folder is not writable")


def _temporary_beside(target: Path, record: dict[str, Path], name: str) -> None:
    """An empty hidden file next to ``target``, to render into and then rename into place, recorded in
    ``record`` before it exists: an interrupt at any moment leaves nothing that cleanup does not know of."""
    for _ in range(100):
        temporary = target.parent / f".{target.name}.{secrets.token_hex(4)}.part"
        record[name] = temporary
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # the umask applies
            return
        except FileExistsError:  # another build's, by a one-in-four-billion chance
            continue
    raise BuildError(f"{target}: could not make a temporary file beside it")


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then arrive as usual.

    Making a temporary file and recording it, or removing every one of them, must not be cut in
    half: an interrupt in between would leave a hidden ``.part`` file behind.
    """
    held = {signal.SIGINT, signal.SIGTERM}
    can_hold = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held) if can_hold else None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Rendering without Python's cyclic garbage collector.

    WeasyPrint makes millions of small objects while it lays a guide out, and the collector
    keeps scanning them all again, for nothing: reference counting frees them as usual, and
    the few cycles left wait for the collector's next run, after rendering. A 100-rung guide
    took 13.8 s instead of 16.4 s, with 6% more memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True)
class Options:
    """Everything a build needs besides the brand: the same for every brand of a batch."""

    ladder_path: Path | None = None
    formats: tuple[str, ...] = FORMATS
    page_size: str = "A4"
    rung_ids: tuple[str, ...] = ()
    pdf_variant: str | None = None
    pptx_template: Path | None = None
    presenter: str | None = None
    session_date: date | None = None
    session_minutes: int = 60
    language: str | None = None  # the documents' language, instead of the ladder's own


@dataclass(frozen=True)
class Job:
    """One set of documents to write: the view both documents read, and each format's own options."""

    view: LadderView
    options: dict[str, object]  # format name -> GuideOptions or DeckOptions


def prepare(options: Options, ladder: Ladder, brand: Brand | None, on_warning=None) -> Job:
    """Check what only one document uses (a slide template), then build the view once."""
    from guidegen.deck.options import DeckOptions
    from guidegen.guide.options import GuideOptions
    from guidegen.view.ladder_view import build_view

    template = None
    if options.pptx_template is not None and "pptx" in options.formats:
        from guidegen.input.slide_template import check_template

        template = check_template(options.pptx_template)
        for warning in template.warnings:
            (on_warning or (lambda message: None))(warning)
    from guidegen.view.language import messages_for

    if options.language:
        ladder = ladder.model_copy(update={"language": options.language})
    messages, language_warning = messages_for(ladder.language)
    if language_warning:
        (on_warning or (lambda message: None))(language_warning)
    view = build_view(ladder, selected_ids=options.rung_ids, brand=brand, messages=messages,
                      template_colours=template.colours if template else None)
    return Job(view, {"pdf": GuideOptions(options.page_size, options.pdf_variant),
                      "html": GuideOptions(options.page_size),
                      "pptx": DeckOptions(template, options.presenter, options.session_date,
                                          options.session_minutes)})


MAX_SUFFIX = 60  # file names stay far below the 255 bytes file systems allow


def handout_suffix(rung_ids: list[str]) -> str:
    """``-pm-senior-pm`` for a handout of those rungs; a long list is cut and made unique with a digest."""
    suffix = "".join(f"-{rung_id}" for rung_id in rung_ids)
    if len(suffix) <= MAX_SUFFIX:
        return suffix
    import hashlib

    digest = hashlib.sha256(suffix.encode()).hexdigest()[:10]
    return f"-{rung_ids[0][:30]}-and-{len(rung_ids) - 1}-more-{digest}"


def _target(context: LadderView, out_dir: Path, name: str) -> Path:
    suffix = handout_suffix([view.rung.id for view in context.shown]) if context.is_handout else ""
    stem, extension = OUTPUT_NAMES[name].rsplit(".", 1)
    return out_dir / f"{stem}{suffix}.{extension}"


def write_documents(job: Job, out_dir: Path, formats: Iterable[str], pool: Pool | None = None) -> list[Path]:
    """Render each format, and put them all in place only once every one is complete.

    Each document is rendered into a hidden temporary file beside its target; the renames come last,
    so that a failure, Ctrl-C, SIGTERM or a full disk leaves the earlier documents as they were (never
    a new deck beside an old guide), and no temporary file behind. With a ``pool``, the guide
    is laid out there while this process draws the deck: the two take different cores.
    """
    names = list(dict.fromkeys(formats))  # keeps order, drops repeats
    view = job.view
    targets = {name: _target(view, out_dir, name) for name in names}
    temporaries: dict[str, Path] = {}
    elsewhere = pool is not None and "pdf" in names
    laid_out = None
    current = names[0]
    try:
        for name in names:
            _temporary_beside(targets[name], temporaries, name)
        if elsewhere:
            from guidegen.guide.html import allowed_folders, render_html

            from guidegen.parallel import write_pdf

            guide = job.options["pdf"]
            laid_out = pool.submit(write_pdf, render_html(view, guide), allowed_folders(view), temporaries["pdf"],
                                   guide.pdf_variant)
        for name in names:
            if name == "pdf" and elsewhere:
                continue
            current = name
            with _collector_paused():
                renderer(name).render(view, temporaries[name], job.options.get(name))
        if elsewhere:
            current = "pdf"
            pool.result(laid_out)
        for name in names:
            current = name
            os.replace(temporaries[name], targets[name])
    except BaseException as exc:
        with _interrupts_held():  # a second Ctrl-C (or SIGTERM) waits until nothing is left behind
            if elsewhere:
                pool.abort()  # before its file goes: it must not be written again after
            for temporary in temporaries.values():
                temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, (InputError, BuildError)):
            raise BuildError(f"{targets[current]}: could not be written ({exc.strerror or exc})") from None
        raise
    return [targets[name] for name in names]


@contextmanager
def _pool(wanted: bool) -> Iterator[Pool | None]:
    """A pool of one worker for the guide, started now (before the ladder is read) if ``wanted``."""
    if not wanted:
        yield None
        return
    from guidegen.parallel import Pool

    with Pool(1) as pool:
        yield pool


def load_brand_with_warnings(brand_path: str | Path, on_warning=None) -> Brand:
    """The brand, its file's warnings and those about its colours' contrast told to ``on_warning``."""
    from guidegen.input.brand import load_brand

    brand = load_brand(brand_path)
    warn_about_brand(brand, on_warning)
    return brand


def warn_about_brand(brand: Brand, on_warning=None) -> None:
    """Tell ``on_warning`` the brand file's warnings and those about its colours' contrast."""
    from guidegen.view.theme import brand_theme

    for warning in [*brand.warnings, *brand_theme(brand)[1]]:
        (on_warning or (lambda message: None))(warning)


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
    parallel: bool = False,
    presenter: str | None = None,
    session_date: date | None = None,
    session_minutes: int = 60,
    language: str | None = None,
) -> list[Path]:
    """Build the requested documents and return the paths written, in format order.

    With ``rung_ids`` the documents cover just those rungs (a handout) and
    their names end with the ids, so that they sit beside the full guide.
    """
    options = Options(Path(ladder_path) if ladder_path else None, tuple(formats), page_size, tuple(rung_ids),
                      pdf_variant, Path(pptx_template) if pptx_template else None, presenter, session_date,
                      session_minutes, language)
    with _pool(parallel and "pdf" in options.formats) as pool:
        from guidegen.input.ladder import load_ladder

        ladder = load_ladder(options.ladder_path or default_ladder_path(), on_warning=on_warning)
        brand = load_brand_with_warnings(brand_path, on_warning) if brand_path is not None else None
        job = prepare(options, ladder, brand, on_warning)
        out_dir = Path(out_dir)
        prepare_output_dir(out_dir)
        return write_documents(job, out_dir, options.formats, pool)
