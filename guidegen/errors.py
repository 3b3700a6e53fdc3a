"""Errors a user can act on, each mapped to a documented exit code.

Subclassing ``click.ClickException`` lets Click print the message and exit
with the code, with no traceback.

Exit codes: 0 success, 1 a build that failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import click

EXIT_BUILD_FAILED = 1
EXIT_BAD_INPUT = 2


class InputError(click.ClickException):
    """Bad input (a ladder file, an option value): the user must fix it."""

    exit_code = EXIT_BAD_INPUT


class BuildError(click.ClickException):
    """The input was fine but a document could not be written."""

    exit_code = EXIT_BUILD_FAILED


class InputFileError(InputError):
    """Every problem found in one input file (a ladder or a brand), reported together."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = len(problems)
        self.summary = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n".join([*problems, self.summary]))

    def __reduce__(self):  # rebuilt from its problems when it comes back from a worker process
        return type(self), (self.problems,)

    def show(self, file=None) -> None:
        """One problem per line, each starting with ``file:line:col`` so editors can jump to it."""
        for problem in self.problems:
            click.echo(problem, file=file, err=file is None)
        click.echo(f"Error: {self.summary}", file=file, err=file is None)


LadderError = InputFileError  # the name the ladder loader has always raised


def did_you_mean(given: str, choices) -> str:
    """"; did you mean 'senior-pm'?" for a near miss (``senior_pm``, ``senior-pmm``), else ""."""
    import difflib

    choices = list(choices)
    folded = {choice.replace("_", "-").casefold(): choice for choice in choices}
    key = given.replace("_", "-").casefold()
    if key in folded and folded[key] != given:
        return f"; did you mean {folded[key]!r}?"
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    return f"; did you mean {folded[match[0]]!r}?" if match else ""
