"""The command line: Click commands, each a thin shell over the library; problems and bugs mapped to exit codes.

Exit codes: 0 success, 1 a build that failed (or a bug), 2 bad usage, bad input or an unusable location.
"""

from __future__ import annotations

import click

from guidegen._version import __version__


class _Commands(click.Group):
    """Every command's problems printed in one way, with one set of exit codes; a bug names the command and
    what it was doing, and shows its traceback (from whatever process) with --debug."""

    def invoke(self, ctx: click.Context):
        from guidegen.cli.output import report
        from guidegen.errors import GuidegenError, bug_from

        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader of our output went away: the work is done all the same
            from guidegen.cli.output import quiet_stdout

            quiet_stdout()
            return None
        except GuidegenError as error:
            raise click.exceptions.Exit(report(error, (ctx.obj or {}).get("debug", False))) from None
        except Exception as exc:
            command = ctx.invoked_subcommand or ""
            error = bug_from(exc, f"in guidegen {command}".rstrip())
            raise click.exceptions.Exit(report(error, (ctx.obj or {}).get("debug", False))) from None


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guidegen")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a career ladder written in YAML into a printable PDF guide and a PPTX training deck.

    Exit codes: 0 success, 1 a build that failed, 2 bad usage, bad input or an unusable location.
    """
    ctx.ensure_object(dict)["debug"] = debug


from guidegen.cli import build as _build  # noqa: E402  (each module adds its commands to main)
from guidegen.cli import commands as _commands  # noqa: E402
from guidegen.cli import preview as _preview  # noqa: E402

main.add_command(_build.build)
main.add_command(_preview.preview_command)
for _command in _commands.COMMANDS:
    main.add_command(_command)


def run() -> None:
    """The ``guidegen`` console script: the commands above, in a process guidegen owns, then a quick exit.

    Once a command has finished, its files are closed and in place; tearing the interpreter down
    would only free, one by one, the objects WeasyPrint made, which took 0.2 s of a 1.6 s build.
    So the exit code is taken from Click and the process ends at once, output flushed. These speed
    tricks are the console script's alone: ``guidegen.build`` leaves a host program's process as it was.
    """
    import gc
    import os
    import signal
    import sys

    import guidegen.process as process

    process.own()
    # A run is short and ends with os._exit: the cyclic garbage collector would only keep
    # rescanning what imports and rendering make (workers collect between their pieces of work).
    gc.disable()
    # guidegen's models are its own business: pydantic plugins installed for other programs (some
    # observability tools register one) have no use here, and looking for them means reading every
    # installed package's entry points at start-up. A user's own setting wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A closed stdout or stderr (`guidegen --help >&-`) leaves None where a stream should be.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w"))  # noqa: SIM115 (lives as long as the process)
    # SIGTERM ends a build as Ctrl-C does: through the same cleanup (temporary files removed, the workers
    # stopped), then exit 128 + 15 as a process killed by the signal would.
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
