"""``guidegen init``: a company's folder that builds as it is, and shows how to make it its own.

The folder holds a ladder that extends the built-in one (every kind of change an overlay can make
shown in comments), a brand with the company's name and a logo drawn from its initials, a
guidegen.toml that points the build at both, a short README, and copies of the JSON Schemas that the
YAML files name on their first line, so that an editor completes and checks keys offline.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from guidegen.errors import InputError
from guidegen.files import check_output, write_text_atomically

SCHEMA_FOLDER = ".schema"
MAX_COMPANY_NAME = 80


def schema_line(name: str) -> str:
    """The first line of a YAML file the editor's YAML language server reads its schema from."""
    return f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{name}.schema.json\n"


def _yaml_text(value: str) -> str:
    """``value`` as a double-quoted YAML scalar."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def initials(company: str) -> str:
    """Up to two letters for the logo: "Acme Rockets" -> "AR", "acme" -> "A"."""
    words = [word for word in re.split(r"[\s\-_.&/]+", company) if word and word[0].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def logo_svg(company: str, primary: str, ink: str, on_dark: bool = False) -> str:
    """A plain logo: the initials in a rounded square of the primary colour, and the name beside it."""
    mark, text = ("#FFFFFF", primary) if on_dark else (primary, "#FFFFFF")
    name_colour = "#FFFFFF" if on_dark else ink
    name = escape(company)
    width = 96 + int(len(company) * 17)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="80" viewBox="0 0 {width} 80">\n'
            f'  <rect x="4" y="4" width="72" height="72" rx="14" fill="{mark}"/>\n'
            f'  <text x="40" y="52" text-anchor="middle" font-family="Inter, DejaVu Sans, sans-serif" '
            f'font-weight="bold" font-size="30" fill="{text}">{escape(initials(company))}</text>\n'
            f'  <text x="92" y="50" font-family="Inter, DejaVu Sans, sans-serif" font-weight="bold" '
            f'font-size="28" fill="{name_colour}">{name}</text>\n'
            f'</svg>\n')


def overlay_ladder(company: str) -> str:
    """A ladder that extends the built-in one, with every kind of change shown in comments."""
    return schema_line("ladder") + f"""# {company}'s career ladder. It extends guidegen's built-in product-management ladder:
# everything not changed here is inherited. Uncomment and edit the examples below; run
# `guidegen validate ladder.yaml` to check it, `guidegen preview` to watch the guide change as you save.
extends: default

title: {_yaml_text(f"Product Careers at {company}")}
subtitle: {_yaml_text(f"How product managers grow at {company}")}

# The documents' language: headings, page numbers and speaker notes follow it (en, de, fr, es, ja, ar).
# language: en

# Your own words after the introduction, and before the end of the guide.
company_introduction:
  - {_yaml_text(f"This is the ladder {company} uses in growth and promotion conversations: read your rung "
                "and the one above it, then agree with your manager on what you will build next.")}
company_closing:
  - >-
    Bring evidence for the responsibilities of the rung above yours to your next review,
    and ask someone on that rung to look at it with you first.

# Section headings in your own words.
# labels:
#   soft_skills: How You Work
#   responsibilities: What You Own

# Rungs are matched by id (apm, pm, senior-pm, group-pm, director-pm in the built-in ladder).
# rungs:
#   - id: pm                       # rename a rung and add to its lists
#     title: Product Manager II
#     short: PM II
#     add:
#       responsibilities:
#         - Spend one day a month with a customer.
#   - id: principal-pm             # a new rung, placed after another
#     after: senior-pm
#     title: Principal Product Manager
#     short: Principal PM
#     scope: A whole product area, across several teams
#     what_it_is: A senior individual contributor who sets product direction without managing people.
#     responsibilities:
#       - Set the product direction for a whole product area.
#   - id: apm                      # drop a rung you do not have
#     drop: true

# Competencies run through the ladder, each with what every rung expects (matched by id).
# competencies:
#   - id: strategy                 # change what one rung expects; null removes an expectation
#     expectations:
#       senior-pm: Sets the strategy for a product line
#   - id: safety                   # a competency of your own
#     name: Customer safety
#     group: Craft
#     expectations:
#       pm: Runs the safety review of every feature
#       senior-pm: Sets the safety bar for a product line
"""


def brand_file(company: str) -> str:
    return schema_line("brand") + f"""# {company}'s brand: the name, colours, fonts and logo of both documents (brand.yml format).
# The colours are a starting point: replace them with your own.
meta:
  name:
    full: {_yaml_text(company)}
    short: {_yaml_text(company.split()[0])}

logo:
  images:
    mark-light:
      path: logo.svg
      alt: {_yaml_text(f"{company} logo")}
    mark-dark:
      path: logo-dark.svg
      alt: {_yaml_text(f"{company} logo")}
  medium:
    light: mark-light
    dark: mark-dark

color:
  palette:
    brand: "{PRIMARY}"
    ink: "{INK}"
    mist: "#EEF1F6"
  primary: brand
  foreground: ink
  background: "#FFFFFF"
  light: mist

# Fonts installed on this computer, or files beside this one; never fetched from the network.
# typography:
#   fonts:
#     - family: Inter
#       source: system
#   base: Inter
#   headings: Inter
"""


PRIMARY, INK = "#2F4B8A", "#1B2230"

CONFIG = """# guidegen's settings for this folder: `guidegen build` and `guidegen preview` use them; flags override them.
# `guidegen build --print-config` shows every setting and where it came from; `guidegen schema settings`
# describes them all.
ladder = "ladder.yaml"
brand = "brand.yml"
out = "output"
# formats = ["pdf", "pptx"]
# page_size = "a4"          # or "letter"
# pptx_template = "template.potx"
# session_minutes = 60
# port = 8000               # guidegen preview's
"""


def folder_readme(company: str, extends: bool) -> str:
    ladder_line = ("`ladder.yaml` extends guidegen's built-in product-management ladder: it holds only what "
                   f"{company} changes, with examples of every kind of change in its comments."
                   if extends else "`ladder.yaml` is a whole ladder of its own, to edit as you like.")
    return f"""# {company}: career guide and training deck

This folder builds {company}'s career guide (PDF) and training deck (PowerPoint) with guidegen.

- {ladder_line}
- `brand.yml` holds the company's name, colours, fonts and logo (`logo.svg`, `logo-dark.svg`).
- `guidegen.toml` tells `guidegen build` which files to use and where to write.
- `.schema/` holds the JSON Schemas named on the first line of the YAML files: editors with the YAML
  language server (VS Code's YAML extension, for one) complete and check keys as you type.

```sh
guidegen validate ladder.yaml --brand brand.yml   # every problem, with its line
guidegen preview                                  # the guide in a browser, reloaded on every save
guidegen build                                    # output/career-guide.pdf and output/training-deck.pptx
guidegen build --rung pm                          # a handout of one rung
```
"""


def planned_files(folder: Path, company: str, source: str | None) -> dict[Path, str]:
    """Every file ``init`` writes, and its text."""
    from guidegen.input.json_schema import schema_text

    files = {folder / "ladder.yaml": _ladder_text(company, source),
             folder / "brand.yml": brand_file(company),
             folder / "logo.svg": logo_svg(company, PRIMARY, INK),
             folder / "logo-dark.svg": logo_svg(company, PRIMARY, INK, on_dark=True),
             folder / "guidegen.toml": CONFIG,
             folder / "README.md": folder_readme(company, extends=source is None)}
    for name in ("ladder", "brand"):
        files[folder / SCHEMA_FOLDER / f"{name}.schema.json"] = schema_text(name)
    return files


def _ladder_text(company: str, source: str | None) -> str:
    """The overlay, or (``--from``) a whole ladder: the built-in one's own text, or the file's, made whole."""
    if source is None:
        return overlay_ladder(company)
    import yaml

    from guidegen.input.ladder import load_ladder
    from guidegen.input.yaml_document import read_document
    from guidegen.resources import default_ladder_path

    path = default_ladder_path() if source.strip().lower() == "default" else Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such ladder file (give 'default' or a ladder file)")
    ladder = load_ladder(path)  # every problem of the file, reported before anything is written
    if path.suffix.lower() in (".yaml", ".yml") and "extends" not in read_document(path).data:
        text = path.read_text(encoding="utf-8")
    else:  # an overlay or a spreadsheet: the ladder it makes, written out whole
        text = yaml.safe_dump(ladder.model_dump(mode="json", exclude_defaults=True), sort_keys=False,
                              allow_unicode=True, width=100)
    text = re.sub(r"(?m)\A# yaml-language-server:.*\n", "", text)
    return schema_line("ladder") + f"# {company}'s career ladder, copied from {path.name}.\n" + text


def init_folder(folder: Path, company: str | None = None, source: str | None = None,
                force: bool = False) -> list[Path]:
    """Write the company's folder; refuse to overwrite any file unless ``force``. Returns the files written."""
    company = " ".join((company or _company_from(folder)).split())
    if not company or len(company) > MAX_COMPANY_NAME or any(ord(c) < 32 for c in company):
        raise InputError(f"give the company's name with --company (at most {MAX_COMPANY_NAME} characters)")
    files = planned_files(folder, company, source)
    # Every file must land inside the folder (a `.schema` link to elsewhere is refused, --force or not),
    # and none may replace the ladder --from reads or a device: all checked before the first is written.
    inputs = () if source is None or source.strip().lower() == "default" else (Path(source),)
    for path in files:
        check_output(path, inputs, within=folder)
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise InputError("these files exist already (use --force to replace them): "
                         + ", ".join(os.path.relpath(path) for path in existing))
    for path, text in files.items():
        write_text_atomically(path, text, inputs=inputs, within=folder)
    return list(files)


def _company_from(folder: Path) -> str:
    """A name from the folder's: "acme-rockets" -> "Acme Rockets"."""
    name = folder.resolve().name
    return " ".join(word.capitalize() for word in re.split(r"[-_\s]+", name) if word)
