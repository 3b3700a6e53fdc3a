"""A run's settings turned into the documents to write: brand × document × rung or person × format.

Everything is read and checked here, before anything is written: the ladder, every brand, the slide
template, the people file. A bad input stops the run with every problem at once. The plan holds
plain data (views, options, targets), so its documents can be prepared and written in any process.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from guidegen.formats import load
from guidegen.formats.registry import file_name
from guidegen.run.jobs import Document, Group, Plan
from guidegen.run.pool import capped
from guidegen.settings_model import Resolved, check_combinations, formats_of, kind_of_build

MAX_SUFFIX = 60  # file names stay far below the 255 bytes file systems allow


def make_plan(resolved: Resolved, command: str = "build", on_warning: Callable[[str], None] | None = None,
              overrides: dict[str, dict] | None = None) -> Plan:
    """Read and check every input the settings name; the documents to write, with their targets.
    ``overrides`` change a format's options (the preview's reload script)."""
    from guidegen.run.inputs import load_inputs

    warn = on_warning or (lambda message: None)
    formats = formats_of(resolved)
    check_combinations(resolved, command, formats)
    inputs = load_inputs(resolved, formats, warn)
    options = {}
    for name in formats:
        made = load(name).options(resolved, inputs.template)
        options[name] = replace(made, **overrides[name]) if overrides and name in overrides else made
    plan = Plan(kind_of_build(resolved), command, formats, inputs.ladder.language)
    if plan.kind == "people":
        from guidegen.run.people_plan import plan_people

        plan_people(plan, resolved, inputs, options["handout"], warn)
    else:
        _plan_documents(plan, resolved, inputs, options)
    return plan


def _plan_documents(plan: Plan, resolved: Resolved, inputs, options: dict) -> None:
    """A folder per brand (one brand: ``out`` itself), each with one document per format."""
    from guidegen.run.inputs import folder_names

    out = Path(resolved.out)
    brands = inputs.brands or [None]
    folders = [out] if len(brands) == 1 else [out / name for name in folder_names([b.slug for b in brands])]
    for brand, folder, brand_path in zip(brands, folders, resolved.brand or (None,)):
        plan.views.append(inputs.view(brand, tuple(resolved.rungs)))
        view = plan.views[-1]
        documents = tuple(Document(name, _target(view, folder, name), len(plan.views) - 1, options[name])
                          for name in plan.formats)
        plan.groups.append(Group(documents, folder, str(brand_path) if plan.kind == "batch" else "",
                                 removable=plan.kind == "batch"))
    plan.workers = capped(resolved.jobs, len(plan.groups) if plan.kind == "batch" else 2)


def handout_suffix(rung_ids: list[str]) -> str:
    """``-pm-senior-pm`` for a handout of those rungs; a long list is cut and made unique with a digest."""
    suffix = "".join(f"-{rung_id}" for rung_id in rung_ids)
    if len(suffix) <= MAX_SUFFIX:
        return suffix
    import hashlib

    digest = hashlib.sha256(suffix.encode()).hexdigest()[:10]
    return f"-{rung_ids[0][:30]}-and-{len(rung_ids) - 1}-more-{digest}"


def _target(view, folder: Path, name: str) -> Path:
    suffix = handout_suffix([each.rung.id for each in view.shown]) if view.is_handout else ""
    stem, extension = file_name(name).rsplit(".", 1)
    return folder / f"{stem}{suffix}.{extension}"

