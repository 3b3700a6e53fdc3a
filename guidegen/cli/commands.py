"""The commands besides build and preview: validate, import, export, init, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from guidegen.cli.options import verbosity
from guidegen.cli.output import say, tell, warn


@click.command()
@click.argument("ladder_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--brand", "brand_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Check this brand file too, with its logos and fonts.")
@click.option("--format", "output_format", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="json: every problem as an object (file, line, column, message) on standard output, for CI.")
@verbosity
def validate(ladder_file: Path, brand_file: Path | None, output_format: str) -> None:
    """Check a ladder file (and a brand file) and list every problem with its line and column."""
    from guidegen.errors import InputError

    warnings: list[str] = []
    collect = warnings.append if output_format == "json" else warn
    try:
        summary = _validate(ladder_file, brand_file, collect)
    except InputError as error:
        if output_format != "json":
            raise
        _print_json(error.problems, warnings)
        raise click.exceptions.Exit(error.exit_code) from None
    if output_format == "json":
        _print_json([], warnings)
    else:
        for line in summary:
            say(line)


def _validate(ladder_file: Path, brand_file: Path | None, warn_with) -> list[str]:
    from guidegen.input.ladder import load_ladder
    from guidegen.view.language import messages_for

    ladder = load_ladder(ladder_file, on_warning=warn_with, typeset=False)
    language_warning = messages_for(ladder.language)[1]
    if language_warning:
        warn_with(f"{ladder_file}: {language_warning}")
    summary = [f"{ladder_file}: OK, {len(ladder.rungs)} rungs ({', '.join(r.id for r in ladder.rungs)})"]
    if brand_file is not None:
        from guidegen.run.inputs import load_brands_checked

        (brand,) = load_brands_checked([brand_file], warn_with)
        summary.append(f"{brand_file}: OK, {brand.name or 'unnamed brand'}")
    return summary


def _print_json(problems, warnings: list[str]) -> None:
    from guidegen.errors import Problem

    document = {"ok": not problems, "problems": [Problem.of(problem).as_dict() for problem in problems],
                "warnings": [Problem.of(warning).as_dict() for warning in warnings]}
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@click.command("import")
@click.argument("framework", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Ladder YAML file to write. Default: standard output (with --into: the --into file).")
@click.option("--sheet", help="The workbook's sheet to read. Default: the one that holds a competency grid.")
@click.option("--levels", type=click.Choice(("columns", "rows")),
              help="Whether the sheet keeps its levels as columns or as rows. Default: found from the header.")
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path),
              help="Merge the grid into this ladder file: its expectations, competency names, descriptions "
                   "and groups; everything else, comments included, stays. Lists each changed cell.")
@verbosity
def import_command(framework: Path, output: Path | None, sheet: str | None, levels: str | None,
                   into: Path | None) -> None:
    """Turn a competency framework kept as a spreadsheet (.xlsx or .csv) into a ladder YAML.

    The header row (below any title rows) says Competency (Kompetenz, Compétence, ...), with Description
    and Group beside it if kept, and one column per level, lowest first; each row below is a competency,
    each cell what that level expects. Levels may be rows instead (a header cell says Level). Tracks come
    from a row of track names above the header, a Track row, or the level names. Columns that are not
    levels (Notes, Owner, links) and notes below the grid are skipped, each with a warning. A workbook
    that `guidegen export` wrote comes back as the whole ladder it was made from. With --into, the grid
    is merged into the ladder it came from instead.

    Published framework files are read too, told apart by their content: a job family of
    Financial-Times/engineering-progression (YAML: levels, themes, competencies) and a role of
    monzo/progression-framework (Markdown whose front matter holds topics; its generic.md beside it
    or one folder up is inherited from).
    """
    if into is not None:
        from guidegen.grid_merge import merge_into

        merge = merge_into(framework, sheet, into, output)
        for change in merge.changes:
            say(change.line())
        for line in merge.notes:
            warn(line)
        count = len(merge.changes)
        tell(f"{output or into}: {count} cell{'s' if count != 1 else ''} changed, from {framework}" if count
             else f"{into}: the grid in {framework} changes nothing")
        return
    from guidegen.frameworks import import_framework, import_to_file

    if output is None:
        click.echo(import_framework(framework, sheet, "ladder.yaml", levels=levels, on_warning=warn), nl=False)
        return
    import_to_file(framework, sheet, output, levels=levels, on_warning=warn)
    tell(f"{output}: written from {framework}")


@click.command("export")
@click.argument("ladder_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Spreadsheet to write: .xlsx, or .csv.")
@verbosity
def export_command(ladder_file: Path, output: Path) -> None:
    """Write a ladder's competency grid as a spreadsheet that `guidegen import` reads back."""
    from guidegen.frameworks import export_framework
    from guidegen.input.ladder import load_ladder

    export_framework(load_ladder(ladder_file, typeset=False), output, ladder_file)  # quotes as typed
    say(str(output))


@click.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--company", metavar="NAME", help="The company's name. Default: from the folder's name.")
@click.option("--from", "source", metavar="default|FILE",
              help="Copy a whole ladder (the built-in one, or a file) instead of extending the built-in one.")
@click.option("--force", is_flag=True, help="Replace files that exist already.")
@verbosity
def init_command(folder: Path, company: str | None, source: str | None, force: bool) -> None:
    """Start a company's folder that builds as it is: ladder, brand, logo, settings and a README.

    The ladder extends the built-in one, with every kind of change shown in its comments; the YAML
    files name their JSON Schema on their first line, so editors complete and check keys.
    """
    from guidegen.scaffold import init_folder

    for path in init_folder(folder, company, source, force):
        say(str(path))
    hint = f"cd {folder} && " if str(folder) not in (".", "") else ""
    tell(f"Next: {hint}guidegen preview (or guidegen build)")


@click.command("schema")
@click.argument("kind", type=click.Choice(("ladder", "brand", "settings")))
@verbosity
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a ladder, brand or settings file, for editors to complete and check keys.

    The same schemas ship with guidegen (data/schema/) and `guidegen init` puts a copy beside the
    files it writes, each of which names its schema on its first line.
    """
    if kind == "settings":
        from guidegen.settings_model import json_schema

        say(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        return
    from guidegen.input.json_schema import schema_text

    say(schema_text(kind).rstrip("\n"))


COMMANDS = (validate, import_command, export_command, init_command, schema_command)
