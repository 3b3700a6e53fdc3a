"""Shared fixtures: the documents are built once per session and read back by many tests."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from guidegen.api import build
from guidegen.input.ladder import load_ladder
from guidegen.resources import default_ladder_path

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests: the default run (the README's, and CI's) replays the explicit examples and a fixed,
# bounded set of generated ones, and never shrinks (one LibreOffice render per shrink step took over
# five minutes). `pytest -m explore --hypothesis-profile=explore` searches with fresh randomness and
# shrinks what it finds, for a developer to add as an @example.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate])
settings.register_profile("explore", derandomize=False, max_examples=200,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink])
settings.load_profile("ci")


class _WeasyPrintRecords(logging.Handler):
    """Collects every record of the ``weasyprint`` logger: a missing font, image or CSS rule is a bug."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.records.append(record)


@pytest.fixture(scope="session")
def weasyprint_records():
    handler = _WeasyPrintRecords()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)


def _build(tmp_path_factory, name: str, weasyprint_records, **options) -> dict[str, Path]:
    out = tmp_path_factory.mktemp(name)
    before = len(weasyprint_records)
    written = build(out=out, **options)
    messages = [record.getMessage() for record in weasyprint_records[before:]]
    assert not messages, f"WeasyPrint logged: {messages}"
    return {path.suffix.lstrip("."): path for path in written}


@pytest.fixture(scope="session")
def default_build(tmp_path_factory, weasyprint_records) -> dict[str, Path]:
    """The packaged ladder built in both formats, A4."""
    return _build(tmp_path_factory, "default", weasyprint_records)


@pytest.fixture(scope="session")
def letter_pdf(tmp_path_factory, weasyprint_records) -> Path:
    return _build(tmp_path_factory, "letter", weasyprint_records, formats=["pdf"], page_size="letter")["pdf"]


@pytest.fixture(scope="session")
def minimal_build(tmp_path_factory, weasyprint_records) -> dict[str, Path]:
    return _build(tmp_path_factory, "minimal", weasyprint_records, ladder=FIXTURES / "minimal_ladder.yaml")


@pytest.fixture(scope="session")
def default_ladder():
    return load_ladder(default_ladder_path())


def requires(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None, reason=f"{tool} is not installed (see the README's test setup)")
