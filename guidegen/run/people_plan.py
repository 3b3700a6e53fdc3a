"""A people build's plan: one personal handout per row of the HR export, in each brand's folder.

The rows are read and checked first (every problem at once); each handout's digest covers its
person's row, the ladder, the brand with its files, the options, the language and guidegen itself.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path

from guidegen.run.jobs import Document, Group, Plan
from guidegen.run.pool import capped
from guidegen.run.record import brand_digest, digest, renderer_digest

FOLDER = "people"
RECORD = ".guidegen-people.json"  # beside the handouts: which inputs made each file, as digests


def plan_people(plan: Plan, resolved, inputs, options, warn, today: date | None = None) -> None:
    """A group per person (and brand): their handout, with the digest a rerun compares."""
    from guidegen.input.people import file_names, read_people
    from guidegen.run.inputs import folder_names
    from guidegen.view.person import person_context, reachable_rungs

    people_path = Path(resolved.people)
    today = today or date.today()
    people = read_people(people_path, inputs.ladder, reachable_rungs(inputs.view(None)), warn,
                         columns=tuple(resolved.columns), date_format=resolved.date_format, today=today)
    out = Path(resolved.out)
    brands = inputs.brands or [None]
    folders = [out] if len(brands) == 1 else [out / name for name in folder_names([b.slug for b in brands])]
    shared = digest(inputs.ladder.model_dump(mode="json"), renderer_digest())
    names = file_names(people)
    for brand, folder in zip(brands, folders):
        common = digest(shared, repr(options), inputs.ladder.language, brand_digest(brand))
        views: dict[str, int] = {}
        for person, name in zip(people, names):
            if person.rung not in views:
                plan.views.append(inputs.view(brand, (person.rung,)))
                views[person.rung] = len(plan.views) - 1
            view = plan.views[views[person.rung]]
            document = Document("handout", folder / FOLDER / name, views[person.rung],
                                replace(options, person=person_context(person, view, today)),
                                digest(common, asdict(person) | {"line": 0},
                                       person.start_date and person.start_date > today))
            plan.groups.append(Group((document,), folder / FOLDER, f"row {person.line}"))
    plan.record = Path(RECORD)  # in each folder of handouts
    plan.source = str(people_path)
    plan.workers = capped(resolved.jobs, len(plan.groups))
