"""Output formats behind one protocol.

Each format is a module (named in ``registry.py``) with:

- ``options(settings, template)``: what only this format reads of the run's settings (picklable);
- ``prepare(view, options, common)``: from the view, what its writer needs (picklable, for the pool);
- ``write(prepared, target)``: the file, into ``target`` (a path, or a binary file object for the
  preview), returning any warnings;
- optionally ``common(view, options)``: what every document of the same view shares, made once (a
  rung's chapters for all its personal handouts), passed to ``prepare``;
- ``warm_up(language)``: the imports and parsing a worker does once, before its first document.

A format reads the view and writes one file; it never re-reads input. Only ``run/execute.py`` calls
``prepare`` and ``write``.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from guidegen.formats.registry import MODULES


def load(name: str) -> ModuleType:
    return importlib.import_module(MODULES[name][0])


def warm_up(names: tuple[str, ...], language: str | None) -> None:
    """In a worker: each format's warm-up. ``language`` None: the worker only writes documents prepared
    elsewhere (a single build's guide), so it needs the writer's imports alone."""
    for name in names:
        load(name).warm_up(language)
