"""Plans made as a build makes them, for tests that look at a view or a format's options."""

from __future__ import annotations

from guidegen.run.plan import make_plan
from guidegen.settings_model import resolve


def planned(**given):
    """The plan of ``guidegen build`` with these settings (the names of guidegen.toml's keys)."""
    return make_plan(resolve("build", given))


def view_and_options(**given):
    """The first view of that plan, and each of its formats' options."""
    plan = planned(**given)
    return plan.views[0], {document.format: document.options for document in plan.groups[0].documents}
