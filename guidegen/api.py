"""The Python API: the one run path every command and host program goes through.

``build`` takes the settings of settings.py as keyword arguments (``ladder=``, ``out=``, ``formats=``,
``rungs=``, ``brand=``...), checks them with the same model the command line uses, plans and writes.
It leaves the caller's process as it found it: no change to the garbage collector, signal handlers,
standard output or the process's exit; it may be called from any thread, again and again.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Callable

from guidegen.errors import BuildError, GuidegenError


def resolve_settings(command: str = "build", settings_file: str | Path | None = None, **given):
    """The settings of one run: ``given`` over the settings file (when named) over the defaults, checked."""
    from guidegen.settings_model import read_settings_file, resolve

    file = read_settings_file(Path(settings_file)) if settings_file is not None else None
    return resolve(command, given, file, given_origin="command line")


def run(resolved, command: str = "build", on_warning: Callable[[str], None] | None = None, on_progress=None,
        overrides: dict | None = None, pool=None):
    """Plan and write a run; its outcomes, one per group of documents (a brand's, a person's).

    Workers that can be started before the input is read are started first, so that they import the
    renderers while this process reads the ladder (a single build's guide; a batch's brands); the command
    line starts them even before the settings are checked, and passes them as ``pool``.
    """
    from guidegen.run.early import early_pool
    from guidegen.run.execute import execute
    from guidegen.run.plan import make_plan
    from guidegen.settings_model import check_combinations, formats_of

    check_combinations(resolved, command, formats_of(resolved))
    with (nullcontext(pool) if pool is not None else early_pool(resolved.values.model_dump())) as pool:
        plan = make_plan(resolved, command, on_warning, overrides)
        return plan, execute(plan, pool, on_progress, on_warning)


def build(*, on_warning: Callable[[str], None] | None = None, on_progress=None, settings_file=None,
          **given) -> list[Path]:
    """Build the documents the settings ask for; the paths written, in order.

    Raises ``InputError`` (bad input: the message names the file and line) or ``BuildError`` (a
    document could not be written); in a batch or people build, the first failure once the others
    are written. The build runs in the calling process unless ``jobs`` asks for worker processes: a host
    program decides whether it wants processes started (some hosts cannot start them: a script read from
    standard input, with WeasyPrint already imported, cannot be re-imported by a new process).
    """
    given.setdefault("jobs", 1)
    _, outcomes = run(resolve_settings("build", settings_file, **given), "build", on_warning, on_progress)
    failed = [outcome for outcome in outcomes if outcome.status == "failed"]
    if failed:
        first = failed[0].error
        if len(outcomes) == 1 and isinstance(first, GuidegenError):
            raise first
        raise BuildError(f"{len(failed)} of {len(outcomes)} failed; the first: {first.message}")
    return [path for outcome in outcomes for path in outcome.written]


def build_in_memory(resolved, overrides: dict | None = None, on_warning=None):
    """The preview's documents (its settings' formats), made through the same plan but kept in memory:
    the plan and ``{format: bytes}``."""
    from guidegen.run.execute import execute_in_memory
    from guidegen.run.plan import make_plan

    plan = make_plan(resolved, "preview", on_warning, overrides)
    return plan, execute_in_memory(plan, on_warning)
