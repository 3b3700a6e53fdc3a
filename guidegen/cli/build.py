"""``guidegen build``: settings from flags over guidegen.toml over the defaults, then one run."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from guidegen.cli.options import settings_options, verbosity
from guidegen.cli.output import note, say, tell, warn


def resolve_here(command: str, given: dict):
    """The settings of this run: the flags given, over the settings file of the current folder."""
    from guidegen.settings_model import resolve

    return resolve(command, given, _settings_file())


def _settings_file():
    from guidegen.settings_model import find_settings_file, read_settings_file

    found = find_settings_file(Path.cwd())
    return read_settings_file(found) if found else None


@click.command()
@settings_options("build")
@click.option("--watch", is_flag=True,
              help="Build, then build again on every save to the ladder, brand, template or settings, until Ctrl-C.")
@click.option("--print-config", is_flag=True,
              help="Show the settings this build would use and where each came from (a flag, guidegen.toml "
                   "or pyproject.toml's [tool.guidegen], or the default), then stop.")
@verbosity
@click.pass_context
def build(ctx: click.Context, watch: bool, print_config: bool, **given) -> None:
    """Build the PDF career guide and the PPTX training deck.

    With --rung, build an onboarding handout of just those rungs: where they
    sit on the ladder, their chapters, and what changes into and out of them.
    With --people, build a personal handout for each person of an HR export.

    Settings not given as flags come from guidegen.toml in the current folder
    (or [tool.guidegen] in its pyproject.toml), then from the defaults.
    """
    if print_config:
        _print_config(resolve_here("build", given))
        return
    if not watch:
        _build_with_early_workers(ctx, given)
        return
    from guidegen.preview import Sources, watch_builds

    sources = Sources(lambda: resolve_here("build", given))  # read again at every rebuild
    watch_builds(lambda: _build_once(ctx, sources.settings()), sources, say)


def _print_config(resolved) -> None:
    from guidegen.settings import for_command
    from guidegen.settings_model import formats_of, shown, unused

    idle = set(unused(resolved, "build", formats_of(resolved)))
    settings = for_command("build")
    width = max(len(setting.name) for setting in settings)
    for setting in settings:
        origin = resolved.origins[setting.name] + ("; not used by this build" if setting.name in idle else "")
        say(f"{setting.name:<{width}} = {shown(setting, getattr(resolved, setting.name)):<28} ({origin})")


def _build_with_early_workers(ctx: click.Context, given: dict) -> None:
    """The workers start first, from the settings as given, and import the renderers while the settings are
    checked and the input read (see run/early.py)."""
    from guidegen.run.early import early_pool
    from guidegen.settings_model import resolve

    file = _settings_file()
    raw = {**(file.values if file else {}), **{key: value for key, value in given.items() if value not in (None, ())}}
    with early_pool(raw) as pool:
        _build_once(ctx, resolve("build", given, file), pool)


def _build_once(ctx: click.Context, resolved, pool=None) -> None:
    from guidegen.api import run
    from guidegen.errors import BuildError
    from guidegen.settings_model import kind_of_build

    kind = kind_of_build(resolved)
    with _progress(kind) as progress:
        plan, outcomes = run(resolved, "build", warn, progress, pool=pool)
    if kind != "single":
        note(f"{len(outcomes)} sets of documents, {plan.workers} worker process{'es' if plan.workers != 1 else ''}")
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if kind == "single":
        note("documents: " + ", ".join(plan.formats))
        for path in outcomes[0].written:
            say(str(path))
        if (ctx.obj or {}).get("debug") and "pdf" in plan.formats:
            _report_shortcuts()
        return
    _report_failures(ctx, failed, kind)
    if kind == "people":
        _people_summary(outcomes)
    if failed:
        noun = "handout" if kind == "people" else "brand"
        raise BuildError(f"{len(failed)} of {len(outcomes)} {noun}{'s' if len(outcomes) != 1 else ''} failed")


def _report_shortcuts() -> None:
    """With --debug: which of the shortcuts through library internals are in effect (see _weasyprint_tuning)."""
    from guidegen.guide import pdf_writer  # noqa: F401  (imports WeasyPrint the way a build does)
    from guidegen.guide._weasyprint_tuning import active_shortcuts

    for name, active in active_shortcuts().items():
        tell(f"debug: {name}: {'on' if active else 'OFF (the library is not as expected; slower)'}")


def _report_failures(ctx, failed, kind: str) -> None:
    from guidegen.cli.output import report

    for outcome in failed:
        tell(f"{outcome.group.subject}: {outcome.error.message}")
        if (ctx.obj or {}).get("debug") and hasattr(outcome.error, "traceback"):
            report(outcome.error, True)


def _people_summary(outcomes) -> None:
    by_folder: dict[Path, list] = {}
    for outcome in outcomes:
        by_folder.setdefault(outcome.group.folder, []).append(outcome.status)
    for folder, statuses in by_folder.items():
        say(f"{folder}: {len(statuses)} handouts, {statuses.count('written')} written, "
            f"{statuses.count('up to date')} up to date, {statuses.count('failed')} failed")


class _progress:
    """A progress bar with the time left on a terminal; a plain line per group otherwise (logs, CI). Lines
    name rows and brand files, never people."""

    def __init__(self, kind: str):
        self.kind, self.bar = kind, None

    def __enter__(self):
        if self.kind == "single":
            return None
        from guidegen.cli.output import NORMAL, level

        if sys.stderr.isatty() and level() >= NORMAL:
            label = "Personal handouts" if self.kind == "people" else "Building brands"
            self.bar = click.progressbar(length=1, label=label, file=sys.stderr, show_eta=True, show_pos=True)
            self.bar.__enter__()
        return self.tell

    def tell(self, outcome, done: int, total: int, seconds: float) -> None:
        if self.bar is not None:
            self.bar.length = total
            self.bar.update(done - self.bar.pos)
            return
        detail = outcome.status
        if outcome.status == "written" and self.kind == "batch":
            detail = ", ".join(str(path) for path in outcome.written)
        elif outcome.error is not None:
            detail += f": {outcome.error.message}"
        say(f"[{done}/{total}] {outcome.group.subject}: {detail}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
