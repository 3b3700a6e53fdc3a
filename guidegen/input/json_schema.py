"""JSON Schemas of the ladder and brand files, for editors: generated from the models, with help text.

Editors with the YAML language server (VS Code's YAML extension, and others) read the schema named
in a file's first line, ``# yaml-language-server: $schema=...``, to complete and check keys as the
user types. The structure comes from the pydantic models that ``validate`` uses; the help text for
each field, and an example of it, are kept here, because they are written for the person editing
the file rather than for the code. ``tests/test_schemas.py`` fails when a field has none.
"""

from __future__ import annotations

import json
from typing import Any, Union

# Help for each key, by field name, or by "Model.field" where a name means something else there.
# Each entry: (description, example).
FIELDS: dict[str, tuple[str, Any]] = {
    # -- the ladder ---------------------------------------------------------------------------------
    "Ladder.title": ("The guide's title: on its cover, in its metadata and on the deck's title slide.",
                     "Product Careers at Acme Rockets"),
    "subtitle": ("A line under the title.", "How product managers grow at Acme, from APM to Director"),
    "language": ("The ladder's language as a BCP 47 tag: the documents' own words (headings, page numbers, "
                 "speaker notes), dates and quotation marks follow it. Shipped: en, de, fr, es, ja, ar.", "de"),
    "source": ("Where the ladder's facts come from: credited on the cover, in the footer and on the slides.",
               {"title": "Climbing the Product Management Ladder", "author": "Richard Ewing"}),
    "Source.title": ("The title of the work the ladder is based on.", "Climbing the Product Management Ladder"),
    "author": ("Who wrote it.", "Richard Ewing"),
    "url": ("Where to read it.", "https://example.com/pm-ladder"),
    "labels": ("The documents' section headings, in the company's own words.", {"soft_skills": "How You Work"}),
    "what_it_is": ("What the rung is, in a sentence or two: the lead of its chapter and slide.",
                   "The move from assisting to owning: a PM owns specific products or features."),
    "Labels.what_it_is": ("Heading of a rung's opening paragraph.", "What It Is"),
    "LabelChanges.what_it_is": ("Heading of a rung's opening paragraph.", "The Role"),
    "introduction": ("The guide's introduction, one paragraph per item. {rung_count}, {first_rung} and "
                     "{last_rung} stand for the ladder's own facts.",
                     ["This guide walks through the {rung_count} rungs from {first_rung} to {last_rung}."]),
    "conclusion": ("The closing chapter: a heading and its paragraphs.",
                   {"heading": "Navigating the Ladder", "paragraphs": ["Growth is a habit, not a promotion."]}),
    "heading": ("The chapter's heading.", "Navigating the Ladder"),
    "paragraphs": ("The chapter's paragraphs, in order.", ["Growth is a habit, not a promotion."]),
    "rungs": ("The rungs, lowest first; after a fork, each track's rungs in turn.", [{"id": "pm", "title":
                                                                                      "Product Manager"}]),
    "Overlay.rungs": ("Changes to rungs of the ladder extended, matched by id; a new id adds a rung "
                      "(placed with after: or before:).", [{"id": "pm", "title": "Product Manager II"}]),
    "competencies": ("Competencies that run through the ladder, each with what every rung expects of it: "
                     "the guide's competency grid.", [{"id": "delivery", "name": "Delivery",
                                                       "expectations": {"pm": "Ships a feature end to end"}}]),
    "Overlay.competencies": ("Changes to competencies of the ladder extended, matched by id; a new id adds one.",
                             [{"id": "safety", "name": "Clinical safety", "expectations": {"pm": "Runs the review"}}]),
    "tracks": ("Where the ladder forks (individual contributors and managers, say): each track's id and name. "
               "Rungs name their track.", [{"id": "ic", "name": "Individual contributor"}]),
    "company_introduction": ("The company's own words after the introduction: a boxed section, one paragraph "
                             "per item.", ["At Acme, promotions are reviewed twice a year."]),
    "company_closing": ("The company's own next steps at the end of the guide.",
                        ["Bring evidence for the rung above yours to your next review."]),
    "Labels.company_introduction": ("Heading of the company's introduction.", "At our company"),
    "Labels.company_closing": ("Heading of the company's closing words.", "Your next steps"),
    "LabelChanges.company_introduction": ("Heading of the company's introduction.", "At Acme"),
    "LabelChanges.company_closing": ("Heading of the company's closing words.", "Your next steps at Acme"),
    # -- a rung ---------------------------------------------------------------------------------------
    "id": ("A short name used to refer to it: lowercase letters, digits and hyphens.", "senior-pm"),
    "Rung.title": ("The rung's full title.", "Senior Product Manager"),
    "RungChange.title": ("A new title for the rung.", "Senior Product Manager"),
    "short": ("A short name for tight places (slides, the staircase). Default: the title.", "Senior PM"),
    "track": ("The id of the track this rung belongs to, after the ladder forks; shared rungs have none.", "ic"),
    "scope": ("What the person owns or leads, in one short phrase.", "A product area across several teams"),
    "aliases": ("Other titles the rung goes by in the HR system: build --people matches a person's job title to "
                "the rung's title, short name, id or one of these, without regard to case, spacing or "
                "punctuation. No document shows them.", ["Sr. Product Manager", "Product Manager II"]),
    "RungChange.aliases": ("Other titles the rung goes by in the HR system, replacing the ones it has (add: "
                           "aliases: adds to them); build --people matches job titles to them.",
                           ["Product Manager II", "PM 2"]),
    "Additions.aliases": ("Other titles to add to the rung's aliases.", ["Product Manager II"]),
    "leads": ("Whom the person leads.", "A team of PMs"),
    "presents_to": ("Whom the person presents to.", "The executive team"),
    "responsibilities": ("What the person does, one sentence per item.",
                         ["Own the product roadmap, with clear milestones."]),
    "leadership": ("Leadership components: a name and one line each.",
                   [{"name": "Strategic Thinking", "description": "Make decisions that serve business goals."}]),
    "soft_skills": ("Soft skills: a name and one line each.",
                    [{"name": "Negotiation", "description": "Agree priorities with stakeholders."}]),
    "example": ("A real-world example: where, and what happened. The deck gives it a story slide.",
                {"setting": "A health tech startup", "story": "You prioritize a wellness feature..."}),
    "setting": ("Where the example happens.", "A health tech startup"),
    "story": ("What happened, told to the reader (\"you ...\").",
              "You prioritize a wellness feature that lets users track their health metrics."),
    "Skill.name": ("The skill's name.", "Strategic Thinking"),
    "Skill.description": ("The skill in one line.", "Make data-informed decisions that serve business goals."),
    "Labels.responsibilities": ("Heading of the responsibilities.", "Key Responsibilities"),
    "Labels.leadership": ("Heading of the leadership components.", "Leadership Components"),
    "Labels.soft_skills": ("Heading of the soft skills.", "Soft Skills"),
    "Labels.example": ("Heading of the real-world example.", "Real-World Example"),
    "Labels.competencies": ("Heading of the competencies and their grid.", "Competencies"),
    "Labels.expectations": ("Heading of a rung's expectations.", "Expectations"),
    "Labels.scope": ("Label of a rung's scope.", "Scope"),
    "Labels.leads": ("Label of whom a rung leads.", "Leads"),
    "Labels.presents_to": ("Label of whom a rung presents to.", "Presents to"),
    "LabelChanges.responsibilities": ("Heading of the responsibilities.", "What You Own"),
    "LabelChanges.leadership": ("Heading of the leadership components.", "How You Lead"),
    "LabelChanges.soft_skills": ("Heading of the soft skills.", "How You Work"),
    "LabelChanges.example": ("Heading of the real-world example.", "In Practice"),
    "LabelChanges.competencies": ("Heading of the competencies and their grid.", "Our Competencies"),
    "LabelChanges.expectations": ("Heading of a rung's expectations.", "What We Expect"),
    "LabelChanges.scope": ("Label of a rung's scope.", "Scope"),
    "LabelChanges.leads": ("Label of whom a rung leads.", "Leads"),
    "LabelChanges.presents_to": ("Label of whom a rung presents to.", "Reports to"),
    # -- competencies and tracks ----------------------------------------------------------------------
    "Competency.name": ("The competency's name.", "System design"),
    "CompetencyChange.name": ("A new name for the competency.", "Architecture"),
    "Competency.description": ("What the competency covers, in a line.", "How well the person shapes systems."),
    "CompetencyChange.description": ("A new description of the competency.", "How well the person shapes systems."),
    "group": ("A group the grid sets the competency under.", "Craft"),
    "Competency.expectations": ("What each rung expects, keyed by rung id. A rung without one is not expected "
                                "to show the competency yet; one that repeats the rung below is shown as "
                                "\"as before\".", {"pm": "Designs the parts of a feature", "senior-pm":
                                                   "Designs systems across teams"}),
    "CompetencyChange.expectations": ("Expectations to set, keyed by rung id; null drops the one at that rung.",
                                      {"senior-pm": "Designs systems across teams", "pm": None}),
    "Track.name": ("The track's name.", "Individual contributor"),
    "Track.description": ("Who the track is for.", "Grows by the reach of one's own work."),
    # -- overlays -------------------------------------------------------------------------------------
    "extends": ("The ladder this file adapts: 'default' (the built-in product-management ladder) or a ladder "
                "file in the same folder. Everything not changed here is inherited.", "default"),
    "Overlay.title": ("A new title for the guide.", "Product Careers at Acme Rockets"),
    "drop": ("Remove it (a dropped rung takes its expectations with it).", True),
    "after": ("For a new one: the id it comes after.", "pm"),
    "before": ("For a new one: the id it comes before.", "senior-pm"),
    "add": ("Items to add to the rung's lists, after the inherited ones.",
            {"responsibilities": ["Spend one day a month with a customer's crew."]}),
    "Additions.responsibilities": ("Responsibilities to add.", ["Spend one day a month with a customer's crew."]),
    "Additions.leadership": ("Leadership components to add.",
                             [{"name": "Safety Leadership", "description": "Put safety first in every review."}]),
    "Additions.soft_skills": ("Soft skills to add.", [{"name": "Calm", "description": "Stay calm under pressure."}]),
    # -- brand.yml ------------------------------------------------------------------------------------
    "meta": ("Who the brand is: its name and links.", {"name": "Acme Rockets"}),
    "Meta.name": ("The company's name, printed with the credit in both documents.", "Acme Rockets"),
    "full": ("The full name.", "Acme Rockets Incorporated"),
    "NameParts.short": ("A short name.", "Acme"),
    "link": ("The company's web address, or several by name.", "https://acme.example"),
    "links": ("Other addresses by name.", {"github": "https://github.com/acme"}),
    "logo": ("The logo: an image file beside brand.yml (SVG or PNG), or images by size and for light and "
             "dark backgrounds.", "logo.svg"),
    "path": ("An image or font file, relative to brand.yml.", "logo.svg"),
    "alt": ("Text read out in place of the image.", "Acme Rockets logo"),
    "light": ("The image for light backgrounds.", "logo.svg"),
    "dark": ("The image for dark backgrounds.", "logo-white.svg"),
    "images": ("Named images that small, medium and large may refer to.", {"mark": "mark.svg"}),
    "small": ("The small logo (the running header and the slides' corner).", "mark.svg"),
    "medium": ("The medium logo.", "logo.svg"),
    "large": ("The large logo (the cover and the title slide).", "logo.svg"),
    "color": ("The brand's colours: a palette by name, and the roles the documents use.",
              {"palette": {"rocket": "#D9480F"}, "primary": "rocket"}),
    "palette": ("Colours by name, which the roles below may refer to.", {"rocket": "#D9480F", "ink": "#1B1B1F"}),
    "foreground": ("The colour of text.", "#1B1B1F"),
    "background": ("The colour of the page and slides.", "#FFFFFF"),
    "primary": ("The main brand colour: the cover, headings and the staircase.", "#D9480F"),
    "secondary": ("A second colour.", "#495057"),
    "tertiary": ("A third colour.", "#F8F9FA"),
    "success": ("A colour for success.", "#2B8A3E"),
    "info": ("A colour for information.", "#1971C2"),
    "warning": ("A colour for warnings: the deck's accent when no other is given.", "#F08C00"),
    "danger": ("A colour for danger.", "#C92A2A"),
    "Colours.light": ("A light colour: boxes and table stripes.", "#FFF4E6"),
    "Colours.dark": ("A dark colour.", "#212529"),
    "typography": ("Fonts: where they come from, and which to use for body text and headings.",
                   {"fonts": [{"family": "Inter", "source": "system"}], "base": "Inter", "headings": "Inter"}),
    "fonts": ("Font families and their source: installed on the system, or files beside brand.yml. "
              "Fonts are never fetched from the network.", [{"family": "Inter", "source": "system"}]),
    "family": ("A font family's name.", "Inter"),
    "FontSource.source": ("Where the family comes from: system (installed), file (files listed here); google "
                          "and bunny are accepted and reported, never fetched.", "file"),
    "files": ("The family's font files, relative to brand.yml.",
              [{"path": "fonts/Inter-Regular.ttf", "weight": 400}]),
    "weight": ("Font weight, 100 to 900.", 400),
    "style": ("normal or italic.", "normal"),
    "display": ("Accepted for brand.yml compatibility; not used in print.", "swap"),
    "base": ("Body text: a family name, or family, weight and size.", "Inter"),
    "headings": ("Headings: a family name, or family, weight and colour.", {"family": "Inter", "weight": 700}),
    "monospace": ("Accepted for brand.yml compatibility; the documents set no code.", "DejaVu Sans Mono"),
    "monospace-inline": ("Accepted for brand.yml compatibility.", "DejaVu Sans Mono"),
    "monospace-block": ("Accepted for brand.yml compatibility.", "DejaVu Sans Mono"),
    "Typography.link": ("Accepted for brand.yml compatibility.", {"color": "primary"}),
    "size": ("Text size, as CSS writes it.", "10pt"),
    "line-height": ("Line height.", 1.45),
    "TextStyle.color": ("A colour: a palette name, a role, or #RRGGBB.", "primary"),
    "defaults": ("Accepted for brand.yml compatibility (settings for other tools); not used.", {}),
}

SCHEMA_ID = "https://guidegen.invalid/schema/{name}.schema.json"  # a name, never fetched
TITLES = {"ladder": "guidegen ladder file (a whole ladder, or an overlay that extends one)",
          "brand": "guidegen brand file (brand.yml)"}


def _describe(schema: dict) -> None:
    """Fill in each property's description and example from ``FIELDS``, model by model."""
    models = [schema, *schema.get("$defs", {}).values()]
    for model in models:
        name = model.get("title", "")
        for field, prop in model.get("properties", {}).items():
            entry = FIELDS.get(f"{name}.{field}") or FIELDS.get(field)
            if entry is None:
                continue
            description, example = entry
            prop["description"] = description
            prop["examples"] = [example]
            prop.pop("title", None)  # the key itself names it; editors show the description


def json_schema(name: str) -> dict:
    """The schema of the ``ladder`` or ``brand`` file."""
    from pydantic import TypeAdapter

    if name == "ladder":
        from guidegen.input.overlay import Overlay
        from guidegen.input.schema import Ladder

        schema = TypeAdapter(Union[Ladder, Overlay]).json_schema()
        # A rung's short name defaults to its title (filled in before validation): not required here.
        rung = schema["$defs"]["Rung"]
        rung["required"] = [key for key in rung.get("required", []) if key != "short"]
    elif name == "brand":
        from guidegen.input.brand_schema import BrandFile

        schema = BrandFile.model_json_schema(by_alias=True)
    else:
        raise ValueError(f"no schema named {name!r}")
    _describe(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID.format(name=name),
            "title": TITLES[name], **{key: value for key, value in schema.items() if key != "title"}}


def schema_text(name: str) -> str:
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"
