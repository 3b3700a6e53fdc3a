"""What the preview and `build --watch` watch: the files a build reads, found as the loaders find them, and
followed when they change (a ladder that extends another file now, a brand folder made later)."""

from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

import pytest

from guidegen.resources import default_ladder_path

from .ladders import make_ladder, write_ladder

SAVE_SECONDS = 5.0
QUIET_SECONDS = 1.0


def test_a_ladders_files_follow_extends_as_the_loader_does(tmp_path):
    from guidegen.input.files_read import ladder_files

    write_ladder(tmp_path / "base.yaml", make_ladder(2)).write_text("extends: default\n")
    (tmp_path / "ladder.yaml").write_text("extends: base.yaml\ntitle: Careers at Initech\n")
    assert ladder_files(tmp_path / "ladder.yaml") == [tmp_path / "ladder.yaml", tmp_path / "base.yaml",
                                                       default_ladder_path()]
    (tmp_path / "base.yaml").write_text("extends: ladder.yaml\n")  # a loop: each file once
    assert ladder_files(tmp_path / "ladder.yaml") == [tmp_path / "ladder.yaml", tmp_path / "base.yaml"]
    (tmp_path / "ladder.yaml").write_text("extends: not-yet.yaml\n")  # waited for until it is written
    assert ladder_files(tmp_path / "ladder.yaml") == [tmp_path / "ladder.yaml", tmp_path / "not-yet.yaml"]
    (tmp_path / "ladder.yaml").write_text("extends: ../outside.yaml\n")  # the loader refuses it: not read
    assert ladder_files(tmp_path / "ladder.yaml") == [tmp_path / "ladder.yaml"]
    (tmp_path / "ladder.yaml").write_text("extends: [base.yaml\n")  # a mistake: the file alone, until fixed
    assert ladder_files(tmp_path / "ladder.yaml") == [tmp_path / "ladder.yaml"]


def test_a_brands_files_are_its_logos_and_fonts_inside_its_folder(tmp_path):
    from guidegen.input.files_read import brand_files

    brand = tmp_path / "brand.yml"
    brand.write_text("logo:\n  images:\n    mark: {path: logos/mark.svg, alt: Mark}\n"
                     "  small: mark\n  medium: {light: logos/light.png, dark: {path: logos/dark.png}}\n"
                     "  large: ../elsewhere.svg\n"
                     "typography:\n  fonts:\n    - family: Lato\n      source: file\n"
                     "      files: [fonts/Lato.ttf, {path: fonts/Lato-Bold.ttf, weight: 700}]\n")
    assert brand_files(brand) == [brand, *(tmp_path / name for name in (
        "fonts/Lato-Bold.ttf", "fonts/Lato.ttf", "logos/dark.png", "logos/light.png", "logos/mark.svg"))]
    brand.write_text("logo: [unclosed\n")
    assert brand_files(brand) == [brand]


def _save_by_rename(path: Path, text: str) -> None:
    scratch = path.with_name(f"{path.name}.tmp")
    scratch.write_text(text)
    os.replace(scratch, path)


@pytest.fixture()
def watching(tmp_path):
    """The preview's watcher over a ladder in ``tmp_path``: a queue of the names each change set holds."""
    from guidegen.preview import Sources
    from guidegen.settings_model import resolve
    from guidegen.run.watch import watch

    write_ladder(tmp_path / "base.yaml", make_ladder(2))
    write_ladder(tmp_path / "other.yaml", make_ladder(2))
    (tmp_path / "ladder.yaml").write_text("extends: base.yaml\n")
    given = {"ladder": tmp_path / "ladder.yaml", "brand": [tmp_path / "brand" / "brand.yml"]}
    sources = Sources(lambda: resolve("preview", given), tmp_path)
    stop, said = threading.Event(), queue.Queue()
    saves = watch(sources.watched, stop)
    next(saves)

    def consume():
        for changes in saves:
            said.put(sorted({Path(path).name for _, path in changes}))

    thread = threading.Thread(target=consume, daemon=True)
    thread.start()
    yield said
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


def _quiet(said: queue.Queue) -> bool:
    try:
        said.get(timeout=QUIET_SECONDS)
    except queue.Empty:
        return True
    return False


def test_the_watch_follows_a_ladder_that_extends_another_file_now(watching, tmp_path):
    _save_by_rename(tmp_path / "other.yaml", (tmp_path / "other.yaml").read_text() + "# edited\n")
    assert _quiet(watching)  # no build reads it yet
    _save_by_rename(tmp_path / "ladder.yaml", "extends: other.yaml\n")
    assert watching.get(timeout=SAVE_SECONDS) == ["ladder.yaml"]
    _save_by_rename(tmp_path / "other.yaml", (tmp_path / "other.yaml").read_text() + "# edited again\n")
    assert watching.get(timeout=SAVE_SECONDS) == ["other.yaml"]
    (tmp_path / "base.yaml").write_text((tmp_path / "base.yaml").read_text() + "# no longer read\n")
    assert _quiet(watching)


def test_a_brand_whose_folder_is_made_later_is_seen_when_written(watching, tmp_path):
    (tmp_path / "brand").mkdir()
    assert "brand" in watching.get(timeout=SAVE_SECONDS)  # its folder appears: watched from now on
    while not _quiet(watching):
        pass
    (tmp_path / "brand" / "notes.txt").write_text("not the brand\n")
    assert _quiet(watching)
    (tmp_path / "brand" / "brand.yml").write_text("meta:\n  name: Initech\n")
    assert watching.get(timeout=SAVE_SECONDS) == ["brand.yml"]
