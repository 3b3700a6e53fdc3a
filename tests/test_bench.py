"""The benchmark's inputs stay valid as the ladder schema changes (the benchmark itself is run by hand)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import yaml

from guidegen.input.ladder import load_ladder
from guidegen.resources import default_ladder_path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def _bench():
    spec = importlib.util.spec_from_file_location("guidegen_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_100_rung_ladder_is_a_valid_ladder(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump(_bench().big_ladder(100)))
    ladder = load_ladder(path)
    assert len(ladder.rungs) == 100


def test_pandoc_gets_the_same_content_as_guidegen():
    markdown = subprocess.run([sys.executable, str(BENCH), "--markdown-of", str(default_ladder_path())],
                              capture_output=True, text=True, check=True, timeout=60).stdout
    ladder = load_ladder(default_ladder_path())
    for rung in ladder.rungs:
        assert f"# {rung.title} ({rung.short})" in markdown
        assert all(item in markdown for item in rung.responsibilities)
        assert all(skill.description in markdown for skill in (*rung.leadership, *rung.soft_skills))
        assert rung.example.story in markdown


def test_brands_for_the_batch_are_distinct_companies(tmp_path):
    from guidegen.input.brand import load_brand

    paths = _bench().brands(tmp_path, 4)
    names = {load_brand(path).name for path in paths}
    assert len(names) == 4
