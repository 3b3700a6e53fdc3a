"""The training deck (deck/), drawn with python-pptx."""

from __future__ import annotations

from dataclasses import dataclass

from guidegen.deck.options import DeckOptions


@dataclass(frozen=True)
class DeckSource:
    view: object  # the LadderView: the deck plans its slides from it while drawing them
    options: DeckOptions


def options(settings, template=None) -> DeckOptions:
    return DeckOptions(template, settings.presenter, settings.date, settings.session_minutes)


def prepare(view, options: DeckOptions, common=None) -> DeckSource:
    return DeckSource(view, options)


def write(prepared: DeckSource, target) -> list[str]:
    from guidegen.deck.render import render

    render(prepared.view, target, prepared.options)
    return []


def warm_up(language: str | None) -> None:
    from guidegen.deck import render  # noqa: F401  (python-pptx and the deck modules, once)
