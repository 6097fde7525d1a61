"""The load report: an account of every record of a list file, kept, rejected or orphaned.

Users of screening servers complain of aliases dropped without a word and whole lists
skipped. A reader here never drops a record silently: each one is counted, and each one it
cannot turn into an entity is listed with its position and the reason.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..models import ListSource

__all__ = [
    "LoadReport",
    "RecordIssue",
    "ReportBuilder",
    "SourceFormat",
    "describe_validation_error",
]


class SourceFormat(StrEnum):
    """The list file formats sanctionmatch reads."""

    NATIVE = "native-json"
    OFAC_XML = "ofac-xml"
    OFAC_SDN_CSV = "ofac-sdn-csv"
    OFAC_ALT_CSV = "ofac-alt-csv"
    OFAC_ADD_CSV = "ofac-add-csv"
    EU_XML = "eu-fsf-xml"
    UN_XML = "un-xml"
    UK_OFSI_CSV = "uk-ofsi-csv"
    FTM_JSONL = "ftm-jsonl"


class RecordIssue(BaseModel):
    """One record a reader could not use as it stands, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    position: str
    record: str | None = None
    reason: str


class LoadReport(BaseModel):
    """What a reader did with one list file (or one OFAC CSV set)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    companions: tuple[str, ...] = ()
    format: SourceFormat
    source: ListSource
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    size_bytes: int
    published: date | None = None
    records_read: int
    entities_loaded: int
    aliases_loaded: int
    rejected: tuple[RecordIssue, ...] = ()
    orphaned: tuple[RecordIssue, ...] = ()
    notes: tuple[str, ...] = ()


class ReportBuilder:
    """Collects counts and issues while a reader streams a file (plain object, no pydantic).

    Readers call :meth:`record` once per record they read, :meth:`reject` for one they cannot
    turn into an entity, :meth:`orphan` for a row that belongs to no entity, and set
    ``published`` and ``source`` from the file's own header.
    """

    __slots__ = (
        "aliases_loaded",
        "entities_loaded",
        "file",
        "format",
        "noted",
        "notes",
        "orphaned",
        "published",
        "records_read",
        "rejected",
        "source",
    )

    def __init__(self, *, file: str, format: SourceFormat, source: ListSource) -> None:
        self.file = file
        self.format = format
        self.source = source
        self.published: date | None = None
        self.records_read = 0
        self.entities_loaded = 0
        self.aliases_loaded = 0
        self.rejected: list[RecordIssue] = []
        self.orphaned: list[RecordIssue] = []
        self.notes: list[str] = []
        self.noted: set[str] = set()

    def record(self) -> None:
        """Count one record read from the file."""
        self.records_read += 1

    def reject(self, position: str, reason: str, *, record: str | None = None) -> None:
        """Note a record that could not become an entity."""
        self.rejected.append(RecordIssue(position=position, record=record, reason=reason))

    def orphan(self, position: str, reason: str, *, record: str | None = None) -> None:
        """Note a row (an alias, an address) that refers to no entity of the list."""
        self.orphaned.append(RecordIssue(position=position, record=record, reason=reason))

    def note(self, text: str) -> None:
        """Note a fact about the whole file worth telling the user."""
        self.notes.append(text)

    def note_once(self, text: str, *, key: str | None = None) -> None:
        """Note ``text`` unless a note with the same ``key`` (default: the text) was made:
        an unknown country name is worth one line, not one per record."""
        key = text if key is None else key
        if key not in self.noted:
            self.noted.add(key)
            self.notes.append(text)

    def build(
        self, *, sha256: str, size_bytes: int, companions: tuple[str, ...] = ()
    ) -> LoadReport:
        """The finished report."""
        return LoadReport(
            file=self.file,
            companions=companions,
            format=self.format,
            source=self.source,
            sha256=sha256,
            size_bytes=size_bytes,
            published=self.published,
            records_read=self.records_read,
            entities_loaded=self.entities_loaded,
            aliases_loaded=self.aliases_loaded,
            rejected=tuple(self.rejected),
            orphaned=tuple(self.orphaned),
            notes=tuple(self.notes),
        )


def describe_validation_error(error: ValidationError) -> str:
    """The first problem pydantic found in a record, with the field it is in: the reason a
    reader gives when it rejects the record."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])
