"""What the command line prints, at the level asked for: ``-q`` errors only, ``-v`` more detail.

Results (paths written) go to standard output; warnings, progress and details to standard error.
A reader that goes away (``guidegen build | head -1``) or a closed standard output is no error.
"""

from __future__ import annotations

import os
import sys

import click

QUIET, NORMAL, VERBOSE = 0, 1, 2


def level() -> int:
    context = click.get_current_context(silent=True)
    return (context.obj or {}).get("level", NORMAL) if context is not None else NORMAL


def say(line: str) -> None:
    """A result, on standard output (not with ``-q``)."""
    if level() >= NORMAL:
        _echo(line, err=False)


def warn(message: str) -> None:
    """A warning, on standard error (not with ``-q``)."""
    if level() >= NORMAL:
        _echo(f"Warning: {message}", err=True)


def note(line: str) -> None:
    """A detail, on standard error, with ``-v`` only."""
    if level() >= VERBOSE:
        _echo(line, err=True)


def tell(line: str) -> None:
    """Progress and hints, on standard error (not with ``-q``)."""
    if level() >= NORMAL:
        _echo(line, err=True)


def _echo(line: str, err: bool) -> None:
    try:
        click.echo(line, err=err)
    except BrokenPipeError:
        quiet_stdout()
    except (OSError, ValueError, AttributeError):  # stdout closed (>&-): the files are written all the same
        pass


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the final flush of a closed pipe says nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (lives as long as the process)
    finally:
        os.close(devnull)


def report(error, debug: bool) -> int:
    """Print ``error`` (a ``GuidegenError``) as the command line shows it; its exit code."""
    from guidegen.errors import Bug

    if debug and isinstance(error, Bug):
        click.echo(error.traceback.rstrip(), err=True)
    for line in error.lines():
        click.echo(line, err=True)
    return error.exit_code
