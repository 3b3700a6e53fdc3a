"""Errors a user can act on, free of any user interface.

A problem is (file, line, column, message); a ``GuidegenError`` carries one message or several
problems and the exit code the command line maps it to. The command line (cli/) prints them; a
host program that calls ``guidegen.build`` catches them like any exception.

Exit codes: 0 success, 1 a build that failed (or a bug), 2 bad usage, bad input or an unusable location.
"""

from __future__ import annotations

import re

EXIT_BUILD_FAILED = 1
EXIT_BAD_INPUT = 2


class Problem(str):
    """One problem, as printed (``file:line:col message``), with its parts kept for machines.

    A ``str`` so that the many places that build, compare and print problems as text keep doing so;
    ``file``, ``line``, ``column`` and ``message`` are read back from the text where it was not built
    from its parts.
    """

    file: str | None
    line: int | None
    column: int | None
    message: str

    @classmethod
    def at(cls, file: str | None, line: int | None, column: int | None, message: str) -> Problem:
        place = ":".join(str(part) for part in (file, line, column) if part is not None)
        problem = cls(f"{place}: {message}" if place else message)
        problem.file, problem.line, problem.column, problem.message = file, line, column, message
        return problem

    @classmethod
    def of(cls, text: str) -> Problem:
        if isinstance(text, Problem):
            return text
        problem = cls(text)
        problem.file, problem.line, problem.column, problem.message = _parts(text)
        return problem

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "column": self.column, "message": self.message}

    def __reduce__(self):  # pickled (from a worker process) with its parts
        return _problem, (str(self), self.file, self.line, self.column, self.message)


def _problem(text, file, line, column, message) -> Problem:
    problem = Problem(text)
    problem.file, problem.line, problem.column, problem.message = file, line, column, message
    return problem


# "file:12:3 field: message", "file:12: message", "file.xlsx:Sheet!D7: message", "file: message"
_LINE = re.compile(r"(?P<file>.*?):(?P<line>\d+)(?::(?P<column>\d+))?(?::\s*|\s+)(?P<message>.*)", re.S)
_CELL = re.compile(r"(?P<file>.*?):(?P<sheet>'[^']*'|[^:!\s]+)!(?P<letters>[A-Z]{1,3})(?P<row>\d+):\s*(?P<message>.*)",
                   re.S)
_FILE = re.compile(r"(?P<file>[^\s:][^:\n]*?):\s+(?P<message>.*)", re.S)


def _parts(text: str) -> tuple[str | None, int | None, int | None, str]:
    """The place and message of a problem printed the way guidegen prints them."""
    cell = _CELL.fullmatch(text)
    if cell:
        column = 0
        for letter in cell["letters"]:
            column = column * 26 + ord(letter) - ord("A") + 1
        return f"{cell['file']}:{cell['sheet']}", int(cell["row"]), column, cell["message"]
    line = _LINE.fullmatch(text)
    if line and line["file"]:
        column = int(line["column"]) if line["column"] else None
        return line["file"], int(line["line"]), column, line["message"]
    named = _FILE.fullmatch(text)
    if named:
        return named["file"], None, None, named["message"]
    return None, None, None, text


class GuidegenError(Exception):
    """A failure the user can act on; ``exit_code`` says which kind."""

    exit_code = EXIT_BUILD_FAILED

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def format_message(self) -> str:
        return self.message

    @property
    def problems(self) -> list[Problem]:
        return [Problem.of(self.message)]

    def lines(self) -> list[str]:
        """What the command line prints, a line each."""
        return [f"Error: {self.message}"]


class InputError(GuidegenError):
    """Bad input (a ladder file, an option value, an unusable location): the user must fix it."""

    exit_code = EXIT_BAD_INPUT


class BuildError(GuidegenError):
    """The input was fine but a document could not be written."""

    exit_code = EXIT_BUILD_FAILED


class InputFileError(InputError):
    """Every problem found in one input file (a ladder or a brand), reported together."""

    def __init__(self, problems: list[str]):
        self._problems = [Problem.of(problem) for problem in problems]
        count = len(problems)
        self.summary = f"{count} problem{'s' if count != 1 else ''} found"
        super().__init__("\n".join([*self._problems, self.summary]))

    @property
    def problems(self) -> list[Problem]:
        return self._problems

    def __reduce__(self):  # rebuilt from its problems when it comes back from a worker process
        return type(self), (self._problems,)

    def lines(self) -> list[str]:
        """One problem per line, each starting with ``file:line:col`` so editors can jump to it."""
        return [*self._problems, f"Error: {self.summary}"]


LadderError = InputFileError  # the name the ladder loader has always raised


class Bug(GuidegenError):
    """An unexpected error, with what guidegen was doing when it happened and the traceback (in whatever
    process it happened), for ``--debug``."""

    exit_code = EXIT_BUILD_FAILED

    def __init__(self, doing: str, error: str, traceback: str):
        self.doing, self.error, self.traceback = doing, error, traceback
        super().__init__(f"internal error {doing}: {error}" if doing else f"internal error: {error}")

    def __reduce__(self):
        return type(self), (self.doing, self.error, self.traceback)

    def lines(self) -> list[str]:
        return [f"Error: {self.message} (run with --debug to see where)"]


def bug_from(exc: BaseException, doing: str) -> Bug:
    """``exc`` (a bug) as a ``Bug`` saying what guidegen was ``doing``, with its traceback, including the
    worker's when it happened in one."""
    import traceback

    if isinstance(exc, Bug):
        return exc if exc.doing or not doing else Bug(doing, exc.error, exc.traceback)
    text = "".join(traceback.format_exception(exc))
    remote = getattr(exc.__cause__, "tb", None)  # concurrent.futures keeps a worker's traceback here
    if isinstance(remote, str):
        text = remote + "\n" + text
    return Bug(doing, f"{type(exc).__name__}: {exc}", text)


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
