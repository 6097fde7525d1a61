"""Readers of sanctions list files, each yielding :class:`~sanctionmatch.models.Entity`.

Today: our native JSON format (``native``). The official formats (OFAC SDN XML and CSV, EU
FSF XML, UN XML, UK OFSI CSV, FollowTheMoney JSON lines) arrive with the sources issue and
plug into :func:`load`, which detects the format from the file's content.

>>> loaded = load_default()
>>> sorted(lst.provenance.source.value for lst in loaded)
['eu', 'ofac-sdn', 'un']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import ListFormatError
from ..models import Entity, ListProvenance
from .native import looks_native, parse_native

__all__ = ["LoadedList", "load", "load_bytes", "load_default"]

_HEAD = 4096


@dataclass(frozen=True, slots=True)
class LoadedList:
    """The entities of one list file and where they came from."""

    entities: tuple[Entity, ...]
    provenance: ListProvenance


def load_bytes(data: bytes, *, file: str) -> LoadedList:
    """Read a list from its bytes; ``file`` names it in provenance and errors."""
    if not looks_native(data[:_HEAD]):
        raise ListFormatError(
            "unrecognised list format (expected a sanctionmatch native JSON list; "
            "the official formats arrive with the sources issue)",
            file=file,
        )
    parsed = parse_native(data, file=file)
    info = parsed.list
    provenance = ListProvenance(
        source=info.source,
        title=info.title or info.source.title,
        file=file,
        sha256=hashlib.sha256(data).hexdigest(),
        published=info.published,
        entity_count=len(parsed.entities),
        alias_count=sum(len(entity.names) for entity in parsed.entities),
    )
    return LoadedList(entities=parsed.entities, provenance=provenance)


def load(path: str | Path) -> LoadedList:
    """Read one list file, detecting its format from its content.

    Raises :class:`~sanctionmatch.errors.ListFormatError` naming the file (and the record and
    field where the content is at fault).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ListFormatError(f"cannot read the file: {error.strerror}", file=str(path)) from None
    return load_bytes(data, file=path.name)


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
