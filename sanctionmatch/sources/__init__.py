"""Readers of sanctions list files, each yielding :class:`~sanctionmatch.models.Entity`.

One module per format, each with the same two functions (see :class:`Reader`):

- :mod:`.ofac`: OFAC SDN and consolidated non-SDN XML (``sdnList``), and the ``sdn.csv`` /
  ``alt.csv`` / ``add.csv`` set joined on ``ent_num``;
- :mod:`.eu`: the EU consolidated financial sanctions list, XML schema 1.1;
- :mod:`.un`: the UN Security Council consolidated list XML;
- :mod:`.uk`: the UK OFSI consolidated list CSV;
- :mod:`.opensanctions`: FollowTheMoney JSON lines;
- :mod:`.native`: our own JSON format.

:func:`load` detects the format from the file's first bytes (never only from its name),
streams it, hashes it as it reads, and returns the entities with a :class:`LoadReport` that
accounts for every record. A file it cannot read raises :class:`~sanctionmatch.errors.SourceError`
naming the file and the position.

>>> loaded = load_default()
>>> sorted(lst.provenance.source.value for lst in loaded)
['eu', 'ofac-sdn', 'un']
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from ..collection import collection_paused
from ..errors import SourceError
from ..limits import MAX_LIST_FILE_BYTES
from ..models import Entity, ListProvenance, ListSource, Name, NameKind
from . import eu, native, ofac, opensanctions, uk, un
from .report import LoadReport, RecordIssue, ReportBuilder, SourceFormat

__all__ = [
    "LoadReport",
    "LoadedList",
    "Reader",
    "RecordIssue",
    "ReportBuilder",
    "SourceFormat",
    "detect_format",
    "load",
    "load_bytes",
    "load_default",
    "load_many",
]

_HEAD = 8192


class Reader(Protocol):
    """What a format module provides."""

    FORMAT: SourceFormat
    SOURCE: ListSource

    def sniff(self, head: bytes) -> bool:
        """Whether the first bytes of a file are of this format."""
        ...

    def read(self, stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
        """Yield the file's entities, counting and reporting every record."""
        ...


# Order matters only where one format's signature could be a prefix of another's.
READERS: tuple[Reader, ...] = (native, ofac, eu, un, uk, opensanctions)


@dataclass(frozen=True, slots=True)
class LoadedList:
    """The entities of one list file and the report of how they were read."""

    entities: tuple[Entity, ...]
    report: LoadReport

    @property
    def provenance(self) -> ListProvenance:
        """What a screening result says about this list."""
        report = self.report
        return ListProvenance(
            source=report.source,
            title=report.source.title,
            file=report.file,
            sha256=report.sha256,
            published=report.published,
            entity_count=report.entities_loaded,
            alias_count=report.aliases_loaded,
        )


class _HashingRaw(io.RawIOBase):
    """A raw stream that hashes and counts every byte read through it."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(len(buffer))
        self.digest.update(data)
        self.size += len(data)
        buffer[: len(data)] = data
        return len(data)


def _hashing(stream: BinaryIO) -> tuple[_HashingRaw, io.BufferedReader]:
    raw = _HashingRaw(stream)
    return raw, io.BufferedReader(raw, buffer_size=1 << 16)


def _drain(buffered: io.BufferedReader) -> None:
    """Read what a reader left unread, so the hash covers the whole file."""
    while buffered.read(1 << 20):
        pass


def _identity(name: Name) -> tuple[str | None, ...]:
    return (name.full, name.language, name.given, name.middle, name.family)


def merge_records(first: Entity, second: Entity) -> Entity:
    """One entity from two records of the same subject in one file: every name, listing,
    birth date and nationality of both, without repeats, in file order (a second primary
    name becomes an alias)."""
    names = list(first.names)
    seen = {_identity(name) for name in names}
    for name in second.names:
        if _identity(name) not in seen:
            seen.add(_identity(name))
            kind = NameKind.ALIAS if name.kind is NameKind.PRIMARY else name.kind
            names.append(name.model_copy(update={"kind": kind}))
    return first.model_copy(
        update={
            "names": tuple(names),
            "listings": tuple(dict.fromkeys((*first.listings, *second.listings))),
            "birth_dates": tuple(dict.fromkeys((*first.birth_dates, *second.birth_dates))),
            "nationalities": tuple(dict.fromkeys((*first.nationalities, *second.nationalities))),
        }
    )


def detect_format(head: bytes, *, file: str = "<bytes>") -> Reader:
    """The reader for a file whose first bytes are ``head``."""
    for reader in READERS:
        if reader.sniff(head):
            return reader
    raise SourceError(
        "unrecognised list format (expected OFAC XML or CSV, EU FSF XML, UN XML, UK OFSI CSV, "
        "FollowTheMoney JSON lines or sanctionmatch native JSON)",
        file=file,
    )


def _collect(
    entities_in: Iterable[Entity],
    report: ReportBuilder,
    raw: _HashingRaw,
    buffered: io.BufferedReader,
    companions: tuple[str, ...] = (),
) -> LoadedList:
    entities: list[Entity] = []
    position: dict[str, int] = {}
    for entity in entities_in:
        earlier = position.get(entity.id)
        if earlier is None:
            position[entity.id] = len(entities)
            entities.append(entity)
            continue
        # The EU file repeats a subject under a second programme with the same logicalId:
        # one subject, so its records are merged (never one of them dropped).
        entities[earlier] = merge_records(entities[earlier], entity)
        report.note(f"record {entity.id} appears more than once; its records were merged")
    if not entities:
        report.note("the file holds no entities: check that it is the whole list")
    report.entities_loaded = len(entities)
    report.aliases_loaded = sum(len(entity.names) for entity in entities)
    _drain(buffered)
    return LoadedList(
        entities=tuple(entities),
        report=report.build(
            sha256=raw.digest.hexdigest(), size_bytes=raw.size, companions=companions
        ),
    )


@collection_paused()
def _read_stream(stream: BinaryIO, *, file: str) -> LoadedList:
    raw, buffered = _hashing(stream)
    reader = detect_format(buffered.peek(_HEAD)[:_HEAD], file=file)
    report = ReportBuilder(file=file, format=reader.FORMAT, source=reader.SOURCE)
    return _collect(reader.read(buffered, report), report, raw, buffered)


def _open(path: Path) -> BinaryIO:
    try:
        size = path.stat().st_size
        if size > MAX_LIST_FILE_BYTES:
            raise SourceError(
                f"the file is {size:,} bytes; the limit is {MAX_LIST_FILE_BYTES:,}",
                file=path.name,
            )
        return path.open("rb")
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", file=path.name) from None


def load(path: str | Path) -> LoadedList:
    """Read one list file, detecting its format from its content.

    An OFAC ``sdn.csv`` read alone has no aliases; give it with its ``alt.csv`` and
    ``add.csv`` to :func:`load_many` to join them.
    """
    path = Path(path)
    with _open(path) as stream:
        return _read_stream(stream, file=path.name)


def load_bytes(data: bytes, *, file: str) -> LoadedList:
    """Read a list from bytes in memory; ``file`` names it in the report and errors."""
    if len(data) > MAX_LIST_FILE_BYTES:
        raise SourceError(f"{len(data):,} bytes is over the limit", file=file)
    return _read_stream(io.BytesIO(data), file=file)


def _format_of(path: Path) -> SourceFormat:
    with _open(path) as stream:
        head = stream.read(_HEAD)
    reader = detect_format(head, file=path.name)
    return ofac.sniff_format(head) or reader.FORMAT if reader is ofac else reader.FORMAT


@collection_paused()
def _load_ofac_csv_set(sdn: Path, alt: list[Path], add: list[Path]) -> LoadedList:
    companions = [*alt, *add]
    opened = [_open(path) for path in companions]
    try:
        hashed = [_hashing(stream) for stream in opened]
        with _open(sdn) as stream:
            raw, buffered = _hashing(stream)
            report = ReportBuilder(
                file=sdn.name, format=SourceFormat.OFAC_SDN_CSV, source=ofac.SOURCE
            )
            entities = ofac.read_csv_set(
                buffered,
                report,
                alt=[(p.name, b) for p, (_, b) in zip(alt, hashed[: len(alt)], strict=True)],
                add=[(p.name, b) for p, (_, b) in zip(add, hashed[len(alt) :], strict=True)],
            )
            loaded = _collect(entities, report, raw, buffered)
        names = []
        for path, (companion_raw, companion_buffered) in zip(companions, hashed, strict=True):
            _drain(companion_buffered)
            names.append(f"{path.name} (sha256 {companion_raw.digest.hexdigest()})")
        return LoadedList(
            entities=loaded.entities,
            report=loaded.report.model_copy(update={"companions": tuple(names)}),
        )
    finally:
        for stream in opened:
            stream.close()


def load_many(paths: Iterable[str | Path]) -> list[LoadedList]:
    """Read several list files, in order; OFAC ``alt.csv`` and ``add.csv`` files join the one
    ``sdn.csv`` given with them (a row whose ``ent_num`` is not in it is reported as orphaned).
    """
    files = [Path(p) for p in paths]
    formats = {path: _format_of(path) for path in files}
    alt = [p for p in files if formats[p] is SourceFormat.OFAC_ALT_CSV]
    add = [p for p in files if formats[p] is SourceFormat.OFAC_ADD_CSV]
    main = [p for p in files if formats[p] is SourceFormat.OFAC_SDN_CSV]
    if (alt or add) and len(main) != 1:
        raise SourceError(
            "OFAC alt.csv/add.csv files need exactly one sdn.csv in the same load, "
            f"got {len(main)}",
            file=(alt or add)[0].name,
        )
    loaded = []
    for path in files:
        if path in alt or path in add:
            continue
        if path in main:
            loaded.append(_load_ofac_csv_set(path, alt, add))
        else:
            loaded.append(load(path))
    return loaded


def load_default() -> list[LoadedList]:
    """The bundled default lists (package data ``sanctionmatch/data/lists/*.json``)."""
    folder = resources.files("sanctionmatch").joinpath("data/lists")
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
    return [
        load_bytes(entry.read_bytes(), file=f"sanctionmatch/data/lists/{entry.name}")
        for entry in files
    ]
