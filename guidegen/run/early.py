"""Workers started before anything is read or checked, so that they import the renderers meanwhile.

A single build's one worker lays out the guide while this process reads the ladder, makes the HTML and
draws the deck; a batch's workers take a brand each. They are started from the settings as given, before
the settings model checks them (its import and schema take a tenth of a second, on the guide's critical
path): should the settings then be refused, the workers are stopped with nothing done.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import nullcontext

from guidegen.formats.registry import DEFAULT_FORMATS
from guidegen.run.pool import Pool, capped


def _listed(value) -> tuple:
    if value in (None, "", ()):
        return ()
    return (value,) if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__") else tuple(value)


def early_pool(values: Mapping):
    """A pool (a context manager) for a run with these settings, or a null context when none is worth it. The
    values may be unchecked: anything unexpected means no early workers, and the build starts its own."""
    import guidegen.formats as formats_package
    import guidegen.formats.registry as registry

    jobs = values.get("jobs")
    jobs = jobs if isinstance(jobs, int) and not isinstance(jobs, bool) and jobs > 0 else None
    brands = _listed(values.get("brand"))
    formats = tuple(name for name in (str(each).lower() for each in _listed(values.get("formats")))
                    if name in registry.SELECTABLE) or DEFAULT_FORMATS
    if values.get("people") not in (None, ""):
        return nullcontext()  # a people build sizes its pool once the rows are read
    if len(brands) <= 1:
        if "pdf" in formats and capped(jobs, 2) > 1:  # the worker only lays out the guide made here
            return Pool(1, formats_package.warm_up, ("pdf",), None)
        return nullcontext()
    count = capped(jobs, len(brands))
    language = values.get("language") if isinstance(values.get("language"), str) else None
    return Pool(count, formats_package.warm_up, formats, language or "en") if count > 1 else nullcontext()
