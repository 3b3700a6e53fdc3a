"""Every input a run names, read and checked once: the ladder, the brands, the slide template."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from guidegen.errors import InputFileError
from guidegen.resources import default_ladder_path


@dataclass
class Inputs:
    ladder: object  # the Ladder, with the run's language
    messages: object  # the documents' own words in that language
    brands: list = field(default_factory=list)
    template: object = None  # the company slide template, checked and cleaned
    _views: dict = field(default_factory=dict)

    def view(self, brand, rung_ids: tuple[str, ...] = ()):
        """The view of the ladder in ``brand``, of ``rung_ids`` only when given; made once for each."""
        from guidegen.view.ladder_view import build_view

        key = (id(brand), rung_ids)
        if key not in self._views:
            colours = self.template.colours if self.template else None
            self._views[key] = build_view(self.ladder, selected_ids=rung_ids, brand=brand, messages=self.messages,
                                          template_colours=colours)
        return self._views[key]


def load_inputs(resolved, formats: tuple[str, ...], warn: Callable[[str], None]) -> Inputs:
    """The ladder (in the run's language), each brand (all their problems at once), and the slide
    template when a deck is made. Warnings go to ``warn``."""
    from guidegen.input.ladder import load_ladder
    from guidegen.view.language import messages_for

    ladder = load_ladder(resolved.ladder or default_ladder_path(), on_warning=warn)
    template = None
    if resolved.pptx_template is not None and "pptx" in formats:
        from guidegen.input.slide_template import check_template

        template = check_template(resolved.pptx_template)
        for warning in template.warnings:
            warn(warning)
    if resolved.language:
        ladder = ladder.model_copy(update={"language": resolved.language})
    messages, language_warning = messages_for(ladder.language)
    if language_warning:
        warn(language_warning)
    return Inputs(ladder, messages, load_brands_checked(list(resolved.brand), warn), template)


def load_brands_checked(paths: list[Path], warn: Callable[[str], None]) -> list:
    """Every brand read and checked (their SVG logos drawn together), all their problems at once; their
    warnings, and those about their colours' contrast, told to ``warn``."""
    if not paths:
        return []
    from guidegen.input.brand import load_brands

    brands, problems = [], []
    for brand in load_brands(paths):
        if isinstance(brand, InputFileError):
            problems.extend(brand.problems)
        else:
            brands.append(brand)
            warn_about_brand(brand, warn)
    if problems:
        raise InputFileError(problems)
    return brands


def warn_about_brand(brand, warn: Callable[[str], None]) -> None:
    from guidegen.view.theme import brand_theme

    for warning in [*brand.warnings, *brand_theme(brand)[1]]:
        warn(warning)


def folder_names(slugs: list[str]) -> list[str]:
    """Folder names from brand names, unique among themselves: "acme", "acme", "acme-2" give
    "acme", "acme-3", "acme-2" (a counter never lands on a name another brand has)."""
    taken = set(slugs)
    names: list[str] = []
    for slug in slugs:
        name, counter = slug, 1
        while name in names or (name != slug and name in taken):
            counter += 1
            name = f"{slug}-{counter}"
        names.append(name)
    return names
