"""How one document is written: atomically, with the garbage collector paused and then restored."""

from __future__ import annotations

import gc

import pytest

from guidegen.build import _write_atomically
from guidegen.errors import BuildError


def test_rendering_pauses_the_collector_and_restores_it_even_on_failure(tmp_path):
    seen = []

    def failing_render(context, target):
        seen.append(gc.isenabled())
        target.write_bytes(b"half a document")
        raise BuildError("the renderer gave up")

    with pytest.raises(BuildError):
        _write_atomically(failing_render, None, tmp_path / "career-guide.pdf")
    assert seen == [False]
    assert gc.isenabled()
    assert list(tmp_path.iterdir()) == []  # neither the document nor its temporary file


def test_a_collector_paused_by_the_caller_stays_paused(tmp_path):
    gc.disable()
    try:
        _write_atomically(lambda context, target: target.write_bytes(b"%PDF"), None, tmp_path / "guide.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert (tmp_path / "guide.pdf").read_bytes() == b"%PDF"
