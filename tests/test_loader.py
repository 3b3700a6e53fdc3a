"""Loading reports every problem at once, each with its file, line and column."""

from __future__ import annotations

import pytest

from guidegen.errors import LadderError
from guidegen.input.ladder import load_ladder

from .conftest import FIXTURES


def _problems(path) -> list[str]:
    with pytest.raises(LadderError) as caught:
        load_ladder(path)
    return caught.value.problems


def test_broken_ladder_reports_every_problem_with_its_line():
    path = FIXTURES / "broken_ladder.yaml"
    expected = (FIXTURES / "broken_ladder.errors").read_text().format(file=path).splitlines()
    problems = _problems(path)
    assert problems == expected[:-1]
    assert expected[-1] == f"Error: {len(problems)} problems found"


def test_minimal_ladder_loads():
    ladder = load_ladder(FIXTURES / "minimal_ladder.yaml")
    assert [rung.id for rung in ladder.rungs] == ["designer", "senior-designer"]
    assert ladder.language == "en"  # the default


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "ladder.yaml"
    path.write_text("title: X\nrungs:\n  - id: a\n    title: [unclosed\n")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:5:")  # PyYAML notices the missing bracket at the end
    assert "YAML syntax error" in problem


def test_repeated_rung_id_points_at_the_repeat(tmp_path):
    text = (FIXTURES / "minimal_ladder.yaml").read_text().replace("id: senior-designer", "id: designer")
    path = tmp_path / "ladder.yaml"
    path.write_text(text)
    (problem,) = _problems(path)
    line = text.splitlines().index("  - id: designer", 20) + 1
    assert problem.startswith(f"{path}:{line}:")
    assert "rungs[1].id: rung id 'designer' is already used by rungs[0]" in problem


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"- just\n- a list\n", "the top level of a ladder file must be a mapping"),
        (b"title: Caf\xe9\n", "is not UTF-8 text"),
    ],
)
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "ladder.yaml"
    path.write_bytes(content)
    (problem,) = _problems(path)
    assert problem.startswith(str(path))
    assert message in problem


def test_missing_file(tmp_path):
    (problem,) = _problems(tmp_path / "nope.yaml")
    assert problem == f"{tmp_path / 'nope.yaml'}: no such file"


def test_fast_and_pure_python_parsers_place_values_alike(monkeypatch):
    """libyaml reads well-formed files; its positions must be the ones PyYAML's parser gives."""
    from guidegen.input import yaml_document as loader
    from guidegen.resources import default_ladder_path

    fast = loader.read_document(default_ladder_path())
    monkeypatch.setattr(loader, "_FAST_LOADER", None)
    pure = loader.read_document(default_ladder_path())
    assert fast.data == pure.data
    assert fast.positions == pure.positions
    assert len(fast.positions.values) > 200


def test_a_list_of_problems_survives_the_trip_back_from_a_worker_process():
    import pickle

    error = LadderError(["ladder.yaml:3:1 title: is required but missing", "ladder.yaml:9:5 rungs: must be a list"])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems and str(again) == str(error)


@pytest.mark.parametrize("text, at_least", [
    ("title: plain\n", 0),
    ("a: [b, {c: d}]\n", 2),
    ("a: " + "[" * 50 + "]" * 50 + "\n", 50),
    ("a: '" + "]" * 60 + "'\nb: " + "[" * 45 + "]" * 45 + "\n", 45),  # closing brackets first do not hide depth
])
def test_flow_nesting_is_never_underestimated(text, at_least):
    """Files deeper than the limit must go to the pure-Python parser: libyaml would overflow the stack."""
    from guidegen.input.yaml_document import _flow_depth

    assert _flow_depth(text) >= at_least
