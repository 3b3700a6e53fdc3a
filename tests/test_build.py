"""How documents are written: all or nothing, with the garbage collector paused and then restored."""

from __future__ import annotations

import gc
from types import SimpleNamespace

import pytest

import guidegen.pipeline as build_module
from guidegen.pipeline import write_documents
from guidegen.errors import BuildError

CONTEXT = build_module.Job(SimpleNamespace(is_handout=False, shown=[]), {})


def _renderers(monkeypatch, **renders):
    monkeypatch.setattr(build_module, "renderer", lambda name: SimpleNamespace(
        render=lambda view, target, options: renders[name](view, target)))


def test_rendering_pauses_the_collector_and_restores_it_even_on_failure(tmp_path, monkeypatch):
    seen = []

    def failing_render(context, target):
        seen.append(gc.isenabled())
        target.write_bytes(b"half a document")
        raise BuildError("the renderer gave up")

    _renderers(monkeypatch, pdf=failing_render)
    with pytest.raises(BuildError):
        write_documents(CONTEXT, tmp_path, ["pdf"])
    assert seen == [False]
    assert gc.isenabled()
    assert list(tmp_path.iterdir()) == []  # neither the document nor its temporary file


def test_a_collector_paused_by_the_caller_stays_paused(tmp_path, monkeypatch):
    _renderers(monkeypatch, pdf=lambda context, target: target.write_bytes(b"%PDF"))
    gc.disable()
    try:
        write_documents(CONTEXT, tmp_path, ["pdf"])
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert (tmp_path / "career-guide.pdf").read_bytes() == b"%PDF"


@pytest.mark.parametrize("interruption", [BuildError("the guide could not be laid out"), KeyboardInterrupt(),
                                          SystemExit(143), OSError(28, "No space left on device")])
def test_a_deck_is_never_put_beside_an_older_guide(tmp_path, monkeypatch, interruption):
    (tmp_path / "career-guide.pdf").write_bytes(b"old guide")
    (tmp_path / "training-deck.pptx").write_bytes(b"old deck")

    def fail(context, target):
        target.write_bytes(b"half a guide")
        raise interruption

    _renderers(monkeypatch, pptx=lambda context, target: target.write_bytes(b"new deck"), pdf=fail)
    with pytest.raises((BuildError, KeyboardInterrupt, SystemExit)):
        write_documents(CONTEXT, tmp_path, ["pptx", "pdf"])
    assert (tmp_path / "career-guide.pdf").read_bytes() == b"old guide"
    assert (tmp_path / "training-deck.pptx").read_bytes() == b"old deck"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["career-guide.pdf", "training-deck.pptx"]
