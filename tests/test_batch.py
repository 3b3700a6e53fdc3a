"""Many brands in one command: a folder per brand, built in parallel, checked before any work starts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from guidegen.run.inputs import folder_names
from guidegen.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _brands(tmp_path: Path) -> list[Path]:
    paths = []
    for company in ("lumen-bank", "ferrous-robotics"):
        shutil.copytree(EXAMPLES / company, tmp_path / company)
        paths.append(tmp_path / company / "brand.yml")
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_each_brand_gets_a_folder_named_after_it(tmp_path, jobs):
    brands = _brands(tmp_path)
    out = tmp_path / "out"
    args = ["build", "--out", str(out), "--jobs", jobs] + [arg for b in brands for arg in ("--brand", str(b))]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["ferrous-robotics", "lumen-bank"]
    for folder in out.iterdir():
        assert sorted(p.name for p in folder.iterdir()) == ["career-guide.pdf", "training-deck.pptx"]
    lumen = " ".join(page.extract_text() for page in PdfReader(out / "lumen-bank" / "career-guide.pdf").pages)
    assert "Lumen Bank \u00b7 Based on" in lumen
    assert "[2/2]" in result.output  # plain progress lines when not on a terminal


def test_a_bad_brand_stops_the_batch_before_any_work(tmp_path):
    brands = _brands(tmp_path)
    (tmp_path / "broken.yml").write_text("color:\n  primary: nope\n")
    out = tmp_path / "out"
    args = ["build", "--out", str(out)] + [arg for b in [*brands, tmp_path / "broken.yml"] for arg in ("--brand", str(b))]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2
    assert f"{tmp_path / 'broken.yml'}:2:12 color.primary" in result.stderr
    assert not out.exists()


def test_a_batchs_logos_are_drawn_in_one_child_and_each_brand_keeps_its_own_problems(tmp_path, monkeypatch):
    # A child process per brand imported CairoSVG twenty times over for a batch of twenty: 5 s.
    import guidegen.bounded
    from guidegen.errors import InputFileError
    from guidegen.input.brand import load_brands

    runs, real = [], guidegen.bounded.run_bounded
    monkeypatch.setattr(guidegen.bounded, "run_bounded", lambda work, *args, **limits: runs.append(work) or
                        real(work, *args, **limits))
    lumen, ferrous = _brands(tmp_path)
    (tmp_path / "broken.yml").write_text("color:\n  primary: nope\n")
    loaded = load_brands([lumen, tmp_path / "broken.yml", ferrous])
    assert len(runs) == 1
    assert [type(each).__name__ for each in loaded] == ["Brand", "InputFileError", "Brand"]
    assert isinstance(loaded[1], InputFileError) and f"{tmp_path / 'broken.yml'}:2:12" in loaded[1].problems[0]
    for brand, folder in ((loaded[0], lumen.parent), (loaded[2], ferrous.parent)):
        for image in (brand.logo_on_light, brand.logo_on_dark):
            assert image.path.parent == folder and image.drawn.startswith(b"\x89PNG")
    assert loaded[0].logo_on_light.drawn != loaded[2].logo_on_light.drawn


def test_brands_with_the_same_name_get_distinct_folders():
    assert folder_names(["acme", "acme", "globex", "acme"]) == ["acme", "acme-2", "globex", "acme-3"]


def test_a_batch_worker_reads_the_ladders_hyphenation_patterns_before_its_first_brand():
    import pyphen

    from guidegen.formats import warm_up

    warm_up(("pdf", "pptx"), "de-DE")
    assert "hyph_de_DE.dic" in {Path(path).name for path in pyphen.hdcache}


def test_names_that_collide_with_a_counter_stay_distinct():
    # "Acme", "Acme" and "Acme 2": the second Acme must not take the folder "Acme 2" needs.
    names = folder_names(["acme", "acme", "acme-2"])
    assert len(set(names)) == 3 and names[0] == "acme" and names[2] == "acme-2"


def _named_brand(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "brand.yml").write_text(f"meta:\n  name: {name}\ncolor:\n  primary: '#114477'\n")
    return folder / "brand.yml"


def test_three_brands_named_alike_write_three_folders(tmp_path):
    brands = [_named_brand(tmp_path / f"b{index}", name) for index, name in enumerate(["Acme", "Acme", "Acme 2"])]
    out = tmp_path / "out"
    args = ["build", "--format", "pptx", "--jobs", "1", "--out", str(out)] + \
        [arg for brand in brands for arg in ("--brand", str(brand))]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(folder.name for folder in out.iterdir()) == ["acme", "acme-2", "acme-3"]
    assert all((folder / "training-deck.pptx").exists() for folder in out.iterdir())


def test_one_brand_that_fails_to_render_does_not_stop_the_others(tmp_path, monkeypatch):
    import guidegen.run.execute as execute

    brands = [_named_brand(tmp_path / f"b{index}", f"Company {index}") for index in range(4)]
    original = execute.write_documents

    def fails_for_company_2(items):
        if items[0][4].parent.name == "company-2":
            raise RuntimeError("the renderer fell over")
        return original(items)

    monkeypatch.setattr(execute, "write_documents", fails_for_company_2)
    out = tmp_path / "out"
    args = ["build", "--format", "pptx", "--jobs", "1", "--out", str(out)] + \
        [arg for brand in brands for arg in ("--brand", str(brand))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert f"{brands[2]}: internal error in guidegen build, writing the pptx for {brands[2]}: RuntimeError: " \
           f"the renderer fell over" in result.stderr
    assert "Error: 1 of 4 brands failed" in result.stderr
    assert sorted(folder.name for folder in out.iterdir()) == ["company-0", "company-1", "company-3"]
    assert all((folder / "training-deck.pptx").exists() for folder in out.iterdir())
