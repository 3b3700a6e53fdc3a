"""The JSON Schemas editors use: generated from the models, shipped, and in step with `validate`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from guidegen.errors import InputFileError
from guidegen.input.json_schema import json_schema, schema_text
from guidegen.input.ladder import load_ladder
from guidegen.run.inputs import load_brands_checked
from guidegen.resources import schema_path

from .hostile import run_guidegen
from .ladders import make_ladder, write_ladder

ROOT = Path(__file__).resolve().parent.parent
LADDERS = sorted([ROOT / "data" / "ladder.yaml", *ROOT.glob("examples/*/ladder.yaml")])
BRANDS = sorted(ROOT.glob("examples/*/brand.yml"))


def _validator(name: str):
    return jsonschema.Draft202012Validator(json_schema(name))


@pytest.mark.parametrize("name", ["ladder", "brand"])
def test_the_shipped_schema_is_the_one_the_models_make(name):
    assert schema_path(name).read_text() == schema_text(name)
    outcome = run_guidegen("schema", name)
    assert outcome.code == 0 and json.loads(outcome.stdout) == json_schema(name)


@pytest.mark.parametrize("name", ["ladder", "brand"])
def test_every_key_has_help_and_an_example_for_the_editor(name):
    schema = json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    for model in [schema, *schema["$defs"].values()]:
        for key, prop in model.get("properties", {}).items():
            assert prop.get("description") and prop.get("examples"), f"{model.get('title')}.{key}"


@pytest.mark.parametrize("path", LADDERS, ids=lambda path: path.parent.name)
def test_every_ladder_in_the_repository_meets_the_schema(path):
    _validator("ladder").validate(yaml.safe_load(path.read_text()))


@pytest.mark.parametrize("path", BRANDS, ids=lambda path: path.parent.name)
def test_every_brand_in_the_repository_meets_the_schema(path):
    _validator("brand").validate(yaml.safe_load(path.read_text()))


def test_an_imported_framework_with_tracks_and_competencies_meets_the_schema(tmp_path):
    from guidegen.frameworks import import_framework

    from .frameworks import write_csv

    text = import_framework(write_csv(tmp_path / "framework.csv"), None, "ladder.yaml")
    data = yaml.safe_load(text)
    assert data["tracks"] and data["competencies"]
    _validator("ladder").validate(data)
    _validator("ladder").validate(make_ladder(4, items=2, skills=2))


BAD_LADDERS = {
    "unknown top-level key": lambda data: data.update(rungz=[]),
    "unknown key in a rung": lambda data: data["rungs"][0].update(responsibilites=["typo"]),
    "a list given as text": lambda data: data["rungs"][0].update(responsibilities="Own the roadmap"),
    "an id with capitals": lambda data: data["rungs"][0].update(id="Senior PM"),
    "a number for a title": lambda data: data.update(title=12),
    "rungs missing": lambda data: data.pop("rungs"),
    "a skill without its description": lambda data: data["rungs"][0]["leadership"][0].pop("description"),
}


@pytest.mark.parametrize("change", BAD_LADDERS, ids=list(BAD_LADDERS))
def test_what_validate_rejects_for_structure_the_schema_rejects(tmp_path, change):
    data = make_ladder(2, items=1, skills=1)
    BAD_LADDERS[change](data)
    with pytest.raises(InputFileError):
        load_ladder(write_ladder(tmp_path / "ladder.yaml", data))
    assert not _validator("ladder").is_valid(data)


def test_an_overlay_with_a_misspelt_key_is_rejected_by_both(tmp_path):
    data = {"extends": "default", "rungs": [{"id": "pm", "titel": "Product Manager II"}]}
    (tmp_path / "ladder.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(InputFileError):
        load_ladder(tmp_path / "ladder.yaml")
    assert not _validator("ladder").is_valid(data)
    assert _validator("ladder").is_valid({"extends": "default", "rungs": [{"id": "pm", "title": "PM II"}]})


@pytest.mark.parametrize("bad", [{"colour": {"primary": "#123456"}}, {"meta": {"name": 3}},
                                 {"color": {"primary": ["#123456"]}}])
def test_a_brand_that_validate_rejects_the_schema_rejects(tmp_path, bad):
    (tmp_path / "brand.yml").write_text(yaml.safe_dump(bad))
    with pytest.raises(InputFileError):
        load_brands_checked([tmp_path / "brand.yml"], lambda warning: None)
    assert not _validator("brand").is_valid(bad)
