"""Command line: each command parses its options, calls the library, reports."""

from __future__ import annotations

from pathlib import Path

import click

from guidegen._version import __version__

FORMAT_CHOICES = ("pdf", "pptx")
PAGE_SIZE_CHOICES = {"a4": "A4", "letter": "letter"}
# WeasyPrint's PDF variants, listed here so that `--help` need not import WeasyPrint
# (a test checks that WeasyPrint still offers each of them).
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-2u", "pdf/a-3b", "pdf/a-3u", "pdf/a-4u")


class _Commands(click.Group):
    """Turns an unexpected exception into a one-line error (exit 1) unless --debug asks for the traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader of our output went away: the work is done all the same
            _quiet_stdout()
            return None
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            from guidegen.errors import BuildError

            raise BuildError(f"internal error: {type(exc).__name__}: {exc} (run with --debug to see where)") from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guidegen")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a career ladder written in YAML into a printable PDF guide and a PPTX training deck.

    Exit codes: 0 success, 1 a build that failed, 2 bad usage or bad input.
    """
    ctx.obj = {"debug": debug}


@main.command()
@click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Ladder YAML file, or a competency framework as .xlsx or .csv. Default: the built-in "
                   "product-management ladder.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write the documents into.")
@click.option("--format", "formats", type=click.Choice(FORMAT_CHOICES), multiple=True,
              help="Document to build; repeat for both. Default: pdf and pptx.")
@click.option("--page-size", type=click.Choice(tuple(PAGE_SIZE_CHOICES), case_sensitive=False), default="a4",
              show_default=True, help="Paper size of the PDF guide.")
@click.option("--rung", "rung_ids", multiple=True, metavar="ID",
              help="Build a handout of just this rung (by its id); repeat for several.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS, case_sensitive=False),
              help="Write the PDF as this archival or accessibility variant. Default: a tagged PDF.")
@click.option("--pptx-template", type=click.Path(dir_okay=False, path_type=Path),
              help="Company slide template (.pptx or .potx) whose master, layouts, fonts and colours the deck uses.")
@click.option("--brand", "brand_paths", type=click.Path(dir_okay=False, path_type=Path), multiple=True,
              help="Brand file (brand.yml format): colours, fonts, logo and name for both documents. "
                   "Repeat it to build for several brands, each into a folder of its own under --out.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes to build with. Default: the number of cores.")
@click.option("--presenter", metavar="NAME", callback=lambda ctx, param, value: _presenter(value),
              help="Who gives the session: on the deck's title slide.")
@click.option("--date", "session_date", metavar="YYYY-MM-DD|today", callback=lambda ctx, param, value: _date(value),
              help="The session's date: on the deck's title slide, written in the ladder's language.")
@click.option("--session-minutes", type=click.IntRange(10, 600), default=60, show_default=True,
              help="The training session's length: the speaker notes share it out over the slides.")
def build(ladder_path: Path | None, out_dir: Path, formats: tuple[str, ...], page_size: str,
          rung_ids: tuple[str, ...], pdf_variant: str | None, pptx_template: Path | None,
          brand_paths: tuple[Path, ...], jobs: int | None, presenter: str | None, session_date,
          session_minutes: int) -> None:
    """Build the PDF career guide and the PPTX training deck.

    With --rung, build an onboarding handout of just those rungs: where they
    sit on the ladder, their chapters, and what changes into and out of them.
    """
    import os

    from guidegen.pipeline import Options
    from guidegen.pipeline import build as run_build

    warn = lambda message: click.echo(f"Warning: {message}", err=True)  # noqa: E731
    variant = pdf_variant.lower() if pdf_variant else None
    jobs = jobs or os.cpu_count() or 1
    if len(brand_paths) <= 1:
        written = run_build(ladder_path, out_dir, formats or FORMAT_CHOICES, PAGE_SIZE_CHOICES[page_size.lower()],
                            rung_ids=rung_ids, pdf_variant=variant, pptx_template=pptx_template,
                            brand_path=brand_paths[0] if brand_paths else None, on_warning=warn, parallel=jobs > 1,
                            presenter=presenter, session_date=session_date, session_minutes=session_minutes)
        for path in written:
            _say(str(path))
        if (click.get_current_context().obj or {}).get("debug") and "pdf" in (formats or FORMAT_CHOICES):
            _report_shortcuts()
        return

    from guidegen.batch import build_many
    from guidegen.errors import BuildError

    options = Options(ladder_path, tuple(formats or FORMAT_CHOICES), PAGE_SIZE_CHOICES[page_size.lower()],
                      tuple(rung_ids), variant, pptx_template, presenter, session_date, session_minutes)
    results = _build_batch(build_many, list(brand_paths), options, out_dir, jobs, warn)
    failed = [result for result in results if result.error]
    for result in failed:
        click.echo(f"{result.brand}: {result.error}", err=True)
    if failed:
        raise BuildError(f"{len(failed)} of {len(results)} brands failed")


def _presenter(value: str | None) -> str | None:
    """``--presenter``: a name a slide can hold (no control characters, at most 200 characters)."""
    if value is None:
        return None
    name = " ".join(value.split())
    if not name or len(name) > 200 or any(ord(c) < 32 or 0x202A <= ord(c) <= 0x202E for c in name):
        raise click.BadParameter("give a name of at most 200 characters, without control characters")
    return name


def _date(value: str | None):
    """``--date``: an ISO date, or ``today``."""
    import datetime

    if value is None:
        return None
    if value.strip().lower() == "today":
        return datetime.date.today()
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: give it as YYYY-MM-DD (2026-03-14), or 'today'") from None


def _report_shortcuts() -> None:
    """With --debug: which of the shortcuts through library internals are in effect (see weasyprint_tuning)."""
    from guidegen.guide import pdf_writer  # noqa: F401  (imports WeasyPrint the way a build does)
    from guidegen.guide._weasyprint_tuning import active_shortcuts

    for name, active in active_shortcuts().items():
        click.echo(f"debug: {name}: {'on' if active else 'OFF (the library is not as expected; slower)'}", err=True)


def _say(line: str) -> None:
    """Print a line of results; a reader that has gone away (``guidegen build | head -1``) is no error."""
    try:
        click.echo(line)
    except BrokenPipeError:
        _quiet_stdout()
    except (OSError, ValueError, AttributeError):  # stdout closed (>&-): the files are written all the same
        pass


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush of a closed pipe says nothing."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    finally:
        os.close(devnull)


def _build_batch(build_many, brand_paths, options, out_dir, jobs, warn):
    """A progress bar on a terminal, one plain line per brand otherwise (logs, CI)."""
    import sys

    if sys.stdout.isatty():
        with click.progressbar(length=len(brand_paths), label="Building brands", file=sys.stderr) as bar:
            return build_many(brand_paths, options, out_dir, jobs, warn, lambda result, done, total: bar.update(1))

    def report(result, done, total):
        status = "failed" if result.error else ", ".join(str(path) for path in result.written)
        _say(f"[{done}/{total}] {result.brand}: {status}")

    return build_many(brand_paths, options, out_dir, jobs, warn, report)


@main.command()
@click.argument("ladder_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--brand", "brand_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check this brand file too, with its logos and fonts.")
def validate(ladder_file: Path, brand_file: Path | None) -> None:
    """Check a ladder file (and a brand file) and list every problem with its line and column."""
    from guidegen.input.ladder import load_ladder

    ladder = load_ladder(ladder_file, on_warning=lambda warning: click.echo(f"Warning: {warning}", err=True))
    from guidegen.view.language import messages_for

    language_warning = messages_for(ladder.language)[1]
    if language_warning:
        click.echo(f"Warning: {ladder_file}: {language_warning}", err=True)
    click.echo(f"{ladder_file}: OK, {len(ladder.rungs)} rungs ({', '.join(r.id for r in ladder.rungs)})")
    if brand_file is not None:
        from guidegen.pipeline import load_brand_with_warnings

        brand = load_brand_with_warnings(brand_file, lambda warning: click.echo(f"Warning: {warning}", err=True))
        click.echo(f"{brand_file}: OK, {brand.name or 'unnamed brand'}")


@main.command("import")
@click.argument("framework", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Ladder YAML file to write. Default: standard output.")
@click.option("--sheet", help="The workbook's sheet to read. Default: the first.")
def import_command(framework: Path, output: Path | None, sheet: str | None) -> None:
    """Turn a competency framework kept as a spreadsheet (.xlsx or .csv) into a ladder YAML.

    The sheet's header row says Competency (then, optionally, Description and Group) and then one
    rung title per column, lowest rung first; each row below is a competency, each cell what that
    rung expects. A row of track names just above the header marks rungs that fork.
    """
    from guidegen.frameworks import import_framework

    text = import_framework(framework, sheet, str(output) if output else "ladder.yaml")
    if output is None:
        click.echo(text, nl=False)
        return
    _write_text_atomically(output, text)
    click.echo(f"{output}: written from {framework}", err=True)


@main.command("export")
@click.argument("ladder_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Spreadsheet to write: .xlsx, or .csv.")
def export_command(ladder_file: Path, output: Path) -> None:
    """Write a ladder's competency grid as a spreadsheet that `guidegen import` reads back."""
    from guidegen.frameworks import export_framework
    from guidegen.input.ladder import load_ladder

    export_framework(load_ladder(ladder_file), output)
    click.echo(str(output))


def _write_text_atomically(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` whole or not at all: a temporary file beside it, then a rename."""
    import os
    import tempfile

    from guidegen.errors import BuildError

    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                             prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise BuildError(f"{target}: cannot write here ({exc.strerror})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run() -> None:
    """The ``guidegen`` console script: the commands above, then a quick exit.

    Once a command has finished, its files are closed and in place; tearing the interpreter down
    would only free, one by one, the objects WeasyPrint made, which took 0.2 s of a 1.6 s build.
    So the exit code is taken from Click and the process ends at once, output flushed.
    """
    import gc
    import os
    import sys

    # A run is short and ends with os._exit: the cyclic garbage collector would only keep
    # rescanning what imports and rendering make (a batch's worker processes turn it back on).
    gc.disable()
    # guidegen's models are its own business: pydantic plugins installed for other programs (some
    # observability tools register one) have no use here, and looking for them means reading every
    # installed package's entry points at start-up. A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A closed stdout or stderr (`guidegen --help >&-`) leaves None where a stream should be.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 (lives as long as the process)
    # SIGTERM ends a build as Ctrl-C does: through the same cleanup (temporary files removed, the guide's
    # process stopped), then exit 128 + 15 as a process killed by the signal would.
    import signal

    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        main()  # Click ends with SystemExit, even on success
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            click.echo(exc.code, err=True)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(code)
