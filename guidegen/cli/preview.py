"""``guidegen preview``: the guide and the deck's slides in a browser, rebuilt and reloaded on every save."""

from __future__ import annotations

import click

from guidegen.cli.build import resolve_here
from guidegen.cli.options import settings_options, verbosity
from guidegen.cli.output import say, warn


@click.command("preview")
@settings_options("preview")
@verbosity
def preview_command(**given) -> None:
    """Show the guide and the deck's slides in a browser, rebuilt and reloaded on every save.

    Serves on 127.0.0.1 only. A mistake in a file shows its line in the page until it is fixed.
    Settings not given as flags come from guidegen.toml, as for build.
    """
    from guidegen.preview import Sources, serve
    from guidegen.settings_model import check_combinations

    def settings():
        resolved = resolve_here("preview", given)
        check_combinations(resolved, "preview", ("html", "pptx"))
        return resolved

    sources = Sources(settings)
    serve(sources, sources.settings().port, say, on_warning=warn)  # the port is read once: it is being served
