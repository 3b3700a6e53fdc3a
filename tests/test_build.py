"""How documents are written: all or nothing, the garbage collector paused only where guidegen owns the process."""

from __future__ import annotations

import gc
from pathlib import Path
from types import SimpleNamespace

import pytest

import guidegen.process as process
from guidegen.errors import BuildError
from guidegen.run import execute
from guidegen.run.jobs import Document, Group, Plan


def _plan(folder: Path, names: list[str]) -> Plan:
    files = {"pdf": "career-guide.pdf", "pptx": "training-deck.pptx"}
    documents = tuple(Document(name, folder / files[name], 0, None) for name in names)
    return Plan("single", "build", tuple(names), "en", views=[None], groups=[Group(documents, folder)])


def _formats(monkeypatch, **writers):
    modules = {name: SimpleNamespace(prepare=lambda view, options, common: None,
                                     write=lambda prepared, target, name=name: [writers[name](Path(target))][:0])
               for name in writers}
    monkeypatch.setattr(execute.formats, "load", lambda name: modules[name])


@pytest.mark.parametrize("owned, paused", [(True, False), (False, True)])
def test_the_collector_is_paused_only_when_guidegen_owns_the_process_and_restored_even_on_failure(
        tmp_path, monkeypatch, owned, paused):
    seen = []

    def failing_write(target):
        seen.append(gc.isenabled())
        target.write_bytes(b"half a document")
        raise BuildError("the renderer gave up")

    _formats(monkeypatch, pdf=failing_write)
    monkeypatch.setattr(process, "owned", owned)
    with pytest.raises(BuildError):
        execute.execute(_plan(tmp_path, ["pdf"]))
    assert seen == [paused]
    assert gc.isenabled()
    assert list(tmp_path.iterdir()) == []  # neither the document nor its temporary file


def test_a_collector_paused_by_the_caller_stays_paused(tmp_path, monkeypatch):
    _formats(monkeypatch, pdf=lambda target: target.write_bytes(b"%PDF"))
    monkeypatch.setattr(process, "owned", True)
    gc.disable()
    try:
        execute.execute(_plan(tmp_path, ["pdf"]))
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert (tmp_path / "career-guide.pdf").read_bytes() == b"%PDF"


@pytest.mark.parametrize("interruption", [BuildError("the guide could not be laid out"), KeyboardInterrupt(),
                                          SystemExit(143), OSError(28, "No space left on device")])
def test_a_deck_is_never_put_beside_an_older_guide(tmp_path, monkeypatch, interruption):
    (tmp_path / "career-guide.pdf").write_bytes(b"old guide")
    (tmp_path / "training-deck.pptx").write_bytes(b"old deck")

    def fail(target):
        target.write_bytes(b"half a guide")
        raise interruption

    _formats(monkeypatch, pptx=lambda target: target.write_bytes(b"new deck"), pdf=fail)
    with pytest.raises((BuildError, KeyboardInterrupt, SystemExit)):
        execute.execute(_plan(tmp_path, ["pptx", "pdf"]))
    assert (tmp_path / "career-guide.pdf").read_bytes() == b"old guide"
    assert (tmp_path / "training-deck.pptx").read_bytes() == b"old deck"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["career-guide.pdf", "training-deck.pptx"]
