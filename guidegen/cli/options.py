"""Click options derived from the settings table (settings.py): one option per setting of a command,
with its type, choices, range, help and completion. Every option defaults to None, so that a flag
overrides the settings file only when it is given; the settings model checks every value, a flag's
and the file's alike."""

from __future__ import annotations

from pathlib import Path

import click

from guidegen.settings import Setting, for_command


def _help(setting: Setting) -> str:
    shown = setting.default_text or (str(setting.default).lower() if setting.default is not None else None)
    if setting.minimum is not None and setting.maximum is not None and setting.type is int:
        shown = f"{shown}; {setting.minimum} to {setting.maximum}" if shown else f"{setting.minimum} to {setting.maximum}"
    return setting.help + (f" Default: {shown}." if shown else "")


def _type(setting: Setting):
    if setting.choices:
        return click.Choice(setting.choices, case_sensitive=False)
    if setting.type is Path:
        return click.Path(path_type=Path, dir_okay=setting.name == "out", file_okay=setting.name != "out")
    if setting.type is int:
        return click.INT  # the range is the model's to check, as for the settings file
    return click.STRING


def _completion(setting: Setting):
    if setting.completion == "ladder":
        return lambda ctx, param, incomplete: complete_files(incomplete, (".yaml", ".yml", ".xlsx", ".csv"))
    if setting.completion == "rungs":
        return lambda ctx, param, incomplete: complete_rungs(ctx, incomplete)
    return None


def option_for(setting: Setting):
    if setting.type is bool:
        return click.option(setting.option, setting.name, is_flag=True, default=None, help=_help(setting))
    return click.option(setting.option, setting.name, type=_type(setting), multiple=setting.many, default=None,
                        metavar=setting.metavar, help=_help(setting), shell_complete=_completion(setting))


def settings_options(command: str):
    """Decorate a Click command with an option for each setting ``command`` takes."""
    def decorate(function):
        for setting in reversed(for_command(command)):
            function = option_for(setting)(function)
        return function
    return decorate


def verbosity(function):
    """``-q/--quiet`` and ``-v/--verbose``, on every command."""
    def set_level(ctx: click.Context, param, value) -> None:
        if value:
            from guidegen.cli.output import QUIET, VERBOSE

            ctx.ensure_object(dict)["level"] = QUIET if param.name == "quiet" else VERBOSE

    function = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=set_level,
                            help="Say more: where each setting came from, the workers, each file.")(function)
    return click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=set_level,
                        help="Print errors only.")(function)


def complete_files(incomplete: str, suffixes: tuple[str, ...]):
    from click.shell_completion import CompletionItem

    folder = Path(incomplete).parent if incomplete else Path(".")
    try:
        names = sorted(path for path in folder.iterdir() if path.is_dir() or path.suffix.lower() in suffixes)
    except OSError:
        return []
    shown = [str(path) + ("/" if path.is_dir() else "") for path in names]
    return [CompletionItem(name) for name in shown if name.startswith(incomplete)]


def complete_rungs(ctx: click.Context, incomplete: str):
    """Rung ids of the ladder on the command line (or in guidegen.toml), else of the built-in ladder."""
    from click.shell_completion import CompletionItem

    try:
        from guidegen.input.ladder import load_ladder
        from guidegen.resources import default_ladder_path
        from guidegen.settings_model import find_settings_file, read_settings_file

        ladder = ctx.params.get("ladder")
        if ladder is None:
            found = find_settings_file(Path.cwd())
            ladder = read_settings_file(found).values.get("ladder") if found else None
        rungs = load_ladder(ladder or default_ladder_path()).rungs
    except Exception:  # noqa: BLE001 (completion must never print a traceback into the user's shell)
        return []
    return [CompletionItem(rung.id, help=rung.title) for rung in rungs if rung.id.startswith(incomplete)]
