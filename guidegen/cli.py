"""Command line: each command parses its options, calls the library, reports."""

from __future__ import annotations

from pathlib import Path

import click

from guidegen._version import __version__

from guidegen.choices import DEFAULT_FORMATS, FORMAT_CHOICES, LANGUAGE_TAG, PAGE_SIZE_CHOICES, PDF_VARIANTS


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
              shell_complete=lambda ctx, param, incomplete: _complete_files(incomplete, (".yaml", ".yml", ".xlsx",
                                                                                         ".csv")),
              help="Ladder YAML file, or a competency framework as .xlsx or .csv. Default: the built-in "
                   "product-management ladder.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder to write the documents into.")
@click.option("--format", "formats", type=click.Choice(FORMAT_CHOICES), multiple=True,
              help="Document to build; repeat for several. Default: pdf and pptx.")
@click.option("--page-size", type=click.Choice(tuple(PAGE_SIZE_CHOICES), case_sensitive=False), default="a4",
              show_default=True, help="Paper size of the PDF guide.")
@click.option("--rung", "rung_ids", multiple=True, metavar="ID", shell_complete=lambda ctx, param, incomplete:
              _complete_rungs(ctx, incomplete),
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
@click.option("--language", metavar="TAG", help="The documents' language (de, fr, ja...), instead of the "
                                                "ladder's own: headings, page numbers, speaker notes, dates.")
@click.option("--presenter", metavar="NAME", help="Who gives the session: on the deck's title slide.")
@click.option("--date", "session_date", metavar="YYYY-MM-DD|today",
              help="The session's date: on the deck's title slide, written in the ladder's language.")
@click.option("--session-minutes", type=click.IntRange(10, 600), default=60, show_default=True,
              help="The training session's length: the speaker notes share it out over the slides.")
@click.option("--people", "people_path", type=click.Path(dir_okay=False, path_type=Path),
              help="An HR export (.csv or .xlsx) with a row per person: name and rung, and optionally target, "
                   "manager, start_date, team and note. Writes one personal handout per person into OUT/people/.")
@click.option("--force", is_flag=True, help="With --people: write every handout again, even those up to date.")
@click.option("--watch", is_flag=True,
              help="Build, then build again on every save to the ladder, brand or template, until Ctrl-C.")
@click.option("--print-config", is_flag=True,
              help="Show the settings this build would use and where each came from (a flag, guidegen.toml "
                   "or pyproject.toml's [tool.guidegen], or the default), then stop.")
@click.pass_context
def build(ctx: click.Context, print_config: bool, watch: bool, people_path: Path | None, force: bool,
          **_flags) -> None:
    """Build the PDF career guide and the PPTX training deck.

    With --rung, build an onboarding handout of just those rungs: where they
    sit on the ladder, their chapters, and what changes into and out of them.

    Settings not given as flags come from guidegen.toml in the current folder
    (or [tool.guidegen] in its pyproject.toml), then from the defaults.
    """
    settings = _settings(ctx)
    if print_config:
        width = max(len(key) for key in settings)
        for key, (value, origin) in settings.items():
            _say(f"{key:<{width}} = {_shown(key, value):<28} ({origin})")
        return
    values = {key: value for key, (value, _) in settings.items()}
    if people_path is not None:
        _build_people(people_path, force, **values)
        return
    if not watch:
        _build(**values)
        return
    from guidegen.preview import Sources, watch_builds

    sources = Sources(values["ladder"], pptx_template=values["pptx_template"], brands=tuple(values["brand"] or ()))
    watch_builds(lambda: _build(**values), sources, _say)


# Each build option's config key (guidegen.toml) and its parameter name.
SETTINGS = {"ladder": "ladder_path", "brand": "brand_paths", "out": "out_dir", "formats": "formats",
            "page_size": "page_size", "pdf_variant": "pdf_variant", "pptx_template": "pptx_template",
            "rungs": "rung_ids", "jobs": "jobs", "language": "language", "presenter": "presenter",
            "date": "session_date", "session_minutes": "session_minutes"}


def _settings(ctx: click.Context) -> dict[str, tuple[object, str]]:
    """Every build setting with where it came from: a flag, the config file, or the default."""
    from click.core import ParameterSource

    from guidegen.config import Config, find_config, load_config
    from guidegen.errors import InputError

    path = find_config(Path.cwd())
    config = load_config(path) if path else Config()
    resolved = {}
    for key, parameter in SETTINGS.items():
        value, origin = ctx.params[parameter], "default"
        if ctx.get_parameter_source(parameter) not in (ParameterSource.DEFAULT, ParameterSource.DEFAULT_MAP):
            origin = "command line"
        elif key in config.values:
            value, origin = config.values[key], config.where(key)
        try:
            resolved[key] = (_checked(key, value), origin)
        except click.BadParameter as exc:
            raise InputError(f"{origin if origin != 'command line' else '--' + key.replace('_', '-')}: "
                             f"{key}: {exc.message}") from None
    return resolved


def _checked(key: str, value):
    """A setting's value in the form the build takes, checked the same way whether a flag or the file gave it."""
    import re

    if key == "presenter":
        return _presenter(value)
    if key == "date":
        return _date(value)
    if key == "page_size":
        return value.lower()
    if key == "pdf_variant":
        return value.lower() if value else None
    if key == "language" and value is not None and not re.match(LANGUAGE_TAG, value):
        raise click.BadParameter(f"{value!r} is not a language tag such as de, fr-CA or ja")
    if key in ("brand", "formats", "rungs"):
        return tuple(value or ())
    return value


DEFAULT_SHOWN = {"ladder": "the built-in ladder", "formats": ", ".join(DEFAULT_FORMATS), "jobs": "one per core",
                 "pdf_variant": "tagged PDF", "language": "the ladder's own", "rungs": "the whole ladder"}


def _shown(key: str, value) -> str:
    """A setting as --print-config shows it: paths relative to the current folder, defaults in words."""
    import os

    if value is None or value == ():
        return DEFAULT_SHOWN.get(key, "-")
    items = value if isinstance(value, tuple) else (value,)
    shown = [os.path.relpath(item) if isinstance(item, Path) and item.is_absolute() else str(item) for item in items]
    return ", ".join(shown)


def _build(ladder, brand, out, formats, page_size, pdf_variant, pptx_template, rungs, jobs, language, presenter,
           date, session_minutes) -> None:
    import os

    from guidegen.pipeline import Options
    from guidegen.pipeline import build as run_build

    warn = lambda message: click.echo(f"Warning: {message}", err=True)  # noqa: E731
    jobs = jobs or os.cpu_count() or 1
    formats = formats or DEFAULT_FORMATS
    if len(brand) <= 1:
        written = run_build(ladder, out, formats, PAGE_SIZE_CHOICES[page_size], rung_ids=rungs,
                            pdf_variant=pdf_variant, pptx_template=pptx_template,
                            brand_path=brand[0] if brand else None, on_warning=warn, parallel=jobs > 1,
                            presenter=presenter, session_date=date, session_minutes=session_minutes,
                            language=language)
        for path in written:
            _say(str(path))
        if (click.get_current_context().obj or {}).get("debug") and "pdf" in formats:
            _report_shortcuts()
        return

    from guidegen.batch import build_many
    from guidegen.errors import BuildError

    options = Options(ladder, tuple(formats), PAGE_SIZE_CHOICES[page_size], tuple(rungs), pdf_variant,
                      pptx_template, presenter, date, session_minutes, language)
    results = _build_batch(build_many, list(brand), options, out, jobs, warn)
    failed = [result for result in results if result.error]
    for result in failed:
        click.echo(f"{result.brand}: {result.error}", err=True)
    if failed:
        raise BuildError(f"{len(failed)} of {len(results)} brands failed")


def _build_people(people_path: Path, force: bool, ladder, brand, out, formats, page_size, pdf_variant,
                  pptx_template, rungs, jobs, language, presenter, date, session_minutes) -> None:
    """Personal handouts: a progress bar with the time left on a terminal, a plain line per person otherwise;
    lines name rows, never people. Exit 1 when any handout failed."""
    import os
    import sys

    from guidegen.batch import folder_names
    from guidegen.errors import BuildError
    from guidegen.input.ladder import load_ladder
    from guidegen.people import build_people
    from guidegen.pipeline import Options, load_brand_with_warnings, prepare
    from guidegen.resources import default_ladder_path

    warn = lambda message: click.echo(f"Warning: {message}", err=True)  # noqa: E731
    loaded = load_ladder(ladder or default_ladder_path(), on_warning=warn)
    brands = [load_brand_with_warnings(path, warn) for path in brand] or [None]
    folders = [out] if len(brands) == 1 else [out / name for name in folder_names([b.slug for b in brands])]
    failed = 0
    for each_brand, folder in zip(brands, folders):
        def job_for(rung_id: str, each_brand=each_brand):
            options = Options(ladder, ("pdf",), PAGE_SIZE_CHOICES[page_size], (rung_id,), pdf_variant,
                              language=language)
            return prepare(options, loaded, each_brand, None)

        bar = None
        if sys.stderr.isatty():
            bar = click.progressbar(length=1, label="Personal handouts", file=sys.stderr, show_eta=True,
                                    show_pos=True)
            bar.__enter__()

        def report(result, done, total, seconds):
            if bar is not None:
                bar.length = total
                bar.update(done - bar.pos)
            else:
                line = f"[{done}/{total}] row {result.line}: {result.status}"
                _say(line + (f": {result.error}" if result.error else ""))

        try:
            results = build_people(people_path, loaded, job_for, folder, jobs or os.cpu_count() or 1, force,
                                   warn, report)
        finally:
            if bar is not None:
                bar.__exit__(None, None, None)
        counts = {status: sum(result.status == status for result in results)
                  for status in ("written", "up to date", "failed")}
        for result in results:
            if result.status == "failed" and bar is not None:
                click.echo(f"row {result.line}: {result.error}", err=True)
        failed += counts["failed"]
        _say(f"{folder / 'people'}: {len(results)} handouts, {counts['written']} written, "
             f"{counts['up to date']} up to date, {counts['failed']} failed")
    if failed:
        raise BuildError(f"{failed} handout{'s' if failed != 1 else ''} could not be written")


def _complete_files(incomplete: str, suffixes: tuple[str, ...]):
    from click.shell_completion import CompletionItem

    folder = Path(incomplete).parent if incomplete else Path(".")
    try:
        names = sorted(path for path in folder.iterdir() if path.is_dir() or path.suffix.lower() in suffixes)
    except OSError:
        return []
    shown = [str(path) + ("/" if path.is_dir() else "") for path in names]
    return [CompletionItem(name) for name in shown if name.startswith(incomplete)]


def _complete_rungs(ctx: click.Context, incomplete: str):
    """Rung ids of the ladder on the command line (or in guidegen.toml), else of the built-in ladder."""
    from click.shell_completion import CompletionItem

    from guidegen.resources import default_ladder_path

    ladder = ctx.params.get("ladder_path")
    try:
        if ladder is None:
            from guidegen.config import find_config, load_config

            found = find_config(Path.cwd())
            ladder = load_config(found).values.get("ladder") if found else None
        from guidegen.input.ladder import load_ladder

        rungs = load_ladder(ladder or default_ladder_path()).rungs
    except Exception:  # completion must never print a traceback into the user's shell
        return []
    return [CompletionItem(rung.id, help=rung.title) for rung in rungs if rung.id.startswith(incomplete)]


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

    ladder = load_ladder(ladder_file, on_warning=lambda warning: click.echo(f"Warning: {warning}", err=True),
                         typeset=False)
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
    from guidegen.files import write_text_atomically

    write_text_atomically(output, text)
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


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--company", metavar="NAME", help="The company's name. Default: from the folder's name.")
@click.option("--from", "source", metavar="default|FILE",
              help="Copy a whole ladder (the built-in one, or a file) instead of extending the built-in one.")
@click.option("--force", is_flag=True, help="Replace files that exist already.")
def init_command(folder: Path, company: str | None, source: str | None, force: bool) -> None:
    """Start a company's folder that builds as it is: ladder, brand, logo, settings and a README.

    The ladder extends the built-in one, with every kind of change shown in its comments; the YAML
    files name their JSON Schema on their first line, so editors complete and check keys.
    """
    from guidegen.scaffold import init_folder

    written = init_folder(folder, company, source, force)
    for path in written:
        _say(str(path))
    hint = f"cd {folder} && " if str(folder) not in (".", "") else ""
    click.echo(f"Next: {hint}guidegen preview (or guidegen build)", err=True)


@main.command("preview")
@click.option("--ladder", "ladder_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Ladder file. Default: guidegen.toml's, else the built-in ladder.")
@click.option("--brand", "brand_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Brand file. Default: guidegen.toml's (its first), else none.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 to serve on; 0 picks a free one.")
def preview_command(ladder_path: Path | None, brand_path: Path | None, port: int) -> None:
    """Show the guide and the deck's slides in a browser, rebuilt and reloaded on every save.

    Serves on 127.0.0.1 only. A mistake in a file shows its line in the page until it is fixed.
    """
    from guidegen.config import find_config, load_config
    from guidegen.preview import Sources, serve

    found = find_config(Path.cwd())
    config = load_config(found).values if found else {}
    brands = config.get("brand") or ()
    sources = Sources(ladder=ladder_path or config.get("ladder"), brand=brand_path or (brands[0] if brands else None),
                      pptx_template=config.get("pptx_template"),
                      page_size=PAGE_SIZE_CHOICES[config.get("page_size", "a4").lower()],
                      rung_ids=tuple(config.get("rungs", ())), language=config.get("language"))
    serve(sources, port, _say, on_warning=lambda message: click.echo(f"Warning: {message}", err=True))


@main.command("schema")
@click.argument("kind", type=click.Choice(("ladder", "brand")))
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a ladder or brand file, for editors to complete and check keys.

    The same schemas ship with guidegen (data/schema/) and `guidegen init` puts a copy beside the
    files it writes, each of which names its schema on its first line.
    """
    from guidegen.input.json_schema import schema_text

    _say(schema_text(kind).rstrip("\n"))


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
