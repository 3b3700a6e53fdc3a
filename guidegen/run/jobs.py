"""What a plan holds: documents to write, grouped by what is put in place together. Plain data, picklable."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One file to write: its format, where, from which view and with which options."""

    format: str
    target: Path
    view: int  # index into Plan.views
    options: object
    digest: str | None = None  # what made it (people builds): unchanged digest, file left as it is


@dataclass(frozen=True)
class Group:
    """Documents written together: each is put in place only once every one of them is complete."""

    documents: tuple[Document, ...]
    folder: Path
    subject: str = ""  # what progress and errors name: a brand file, "people.csv row 7"; "" for one build
    removable: bool = False  # a batch's brand folder, removed if it is left empty by a failure


@dataclass
class Plan:
    kind: str  # "single", "batch" or "people"
    command: str
    formats: tuple[str, ...]
    language: str
    views: list = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    workers: int = 1
    record: Path | None = None  # the digest record of a people build
    source: str = ""  # the file the groups are rows of (people), for messages

    @property
    def folders(self) -> list[Path]:
        return list(dict.fromkeys(group.folder for group in self.groups))
