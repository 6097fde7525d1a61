"""Saved indexes: a screener written to one file and read back without re-normalising.

Layout of an index file (``.smidx``)::

    b"SMIDX\\n"                  magic (6 bytes)
    version                     format version, unsigned 16-bit big-endian
    length                      payload length in bytes, unsigned 64-bit big-endian
    payload                     zlib-compressed UTF-8 JSON (see below)
    sha256                      SHA-256 of everything before it (32 bytes)

The payload holds the list provenance, the entities, and every alias already normalised
(tokens interned in one table), so loading skips the costly stage. Loading verifies the magic,
the version, the length and the checksum before it decompresses anything, decompresses with a
size cap, and validates the JSON with pydantic: no pickle, nothing in the file can run code.
A truncated, altered or foreign file is refused with :class:`IndexFileError`.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
import zlib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .collection import collection_paused
from .errors import SanctionMatchError
from .models import Entity, ListProvenance
from .normalize import NameForm, NameToken, TokenRole

__all__ = ["FORMAT_VERSION", "MAX_INDEX_BYTES", "IndexFileError", "read_index", "write_index"]

MAGIC = b"SMIDX\n"
FORMAT_VERSION = 3
#: Largest index file read, and largest payload decompressed (bytes).
MAX_INDEX_BYTES = 2 * 1024 * 1024 * 1024
_HEADER = struct.Struct(">HQ")
_DIGEST_SIZE = 32


class IndexFileError(SanctionMatchError, ValueError):
    """An index file is not one this library wrote, or was damaged since."""

    def __init__(self, message: str, *, file: str) -> None:
        self.file = file
        super().__init__(f"{file}: {message}")


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    library_version: str
    normalization_version: str
    fingerprint: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    lists: tuple[ListProvenance, ...]
    entities: tuple[Entity, ...]
    # token table: text, role, spellings, other forms, skeletons of spellings, other skeletons
    tokens: tuple[
        tuple[str, TokenRole, tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]],
        ...,
    ]
    # aliases: entity index, name index, cleaned text, token ids, dropped titles, whether a
    # legal form was read from short words, hyphenated names, legal-form words
    aliases: tuple[
        tuple[
            int,
            int,
            str,
            tuple[int, ...],
            tuple[str, ...],
            bool,
            tuple[tuple[str, ...], ...],
            tuple[str, ...],
        ],
        ...,
    ]
    # skeletons of joined token pairs -> alias numbers
    joined: tuple[tuple[str, tuple[int, ...]], ...]


def _encode(
    *,
    library_version: str,
    normalization_version: str,
    fingerprint: str,
    lists: tuple[ListProvenance, ...],
    entities: tuple[Entity, ...],
    aliases: list[tuple[int, int, NameForm]],
    joined: dict[str, tuple[int, ...]],
) -> bytes:
    token_ids: dict[NameToken, int] = {}
    tokens: list[list[Any]] = []
    encoded_aliases = []
    for entity_index, name_index, form in aliases:
        ids = []
        for token in form.tokens:
            number = token_ids.get(token)
            if number is None:
                number = token_ids[token] = len(tokens)
                tokens.append(
                    [
                        token.text,
                        token.role.value,
                        sorted(token.spellings),
                        sorted(token.forms - token.spellings),
                        sorted(token.own_skeletons),
                        sorted(token.skeletons - token.own_skeletons),
                    ]
                )
            ids.append(number)
        encoded_aliases.append(
            [
                entity_index,
                name_index,
                form.cleaned,
                ids,
                list(form.dropped),
                form.short_legal_form,
                [list(compound) for compound in form.compounds],
                list(form.legal_words),
            ]
        )
    document = {
        "library_version": library_version,
        "normalization_version": normalization_version,
        "fingerprint": fingerprint,
        "lists": [lst.model_dump(mode="json") for lst in lists],
        "entities": [entity.model_dump(mode="json") for entity in entities],
        "tokens": tokens,
        "aliases": encoded_aliases,
        "joined": [[key, list(having)] for key, having in joined.items()],
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_index(path: str | Path, **content: Any) -> None:
    """Write an index file atomically (a temporary file renamed over the target)."""
    path = Path(path)
    payload = zlib.compress(_encode(**content), level=6)
    body = MAGIC + _HEADER.pack(FORMAT_VERSION, len(payload)) + payload
    data = body + hashlib.sha256(body).digest()
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class LoadedIndex:
    """What an index file holds, ready for :class:`~sanctionmatch.index.NameIndex`."""

    __slots__ = ("aliases", "entities", "fingerprint", "joined", "lists", "normalization_version")

    def __init__(self, payload: _Payload) -> None:
        tokens = [
            NameToken(
                text=text,
                role=role,
                spellings=frozenset(spellings),
                forms=frozenset(spellings) | frozenset(others),
                skeletons=frozenset(own) | frozenset(other_keys),
                own_skeletons=frozenset(own),
            )
            for text, role, spellings, others, own, other_keys in payload.tokens
        ]
        self.entities = payload.entities
        self.lists = payload.lists
        self.fingerprint = payload.fingerprint
        self.normalization_version = payload.normalization_version
        self.joined = dict(payload.joined)
        self.aliases: list[tuple[int, int, NameForm]] = []
        for (
            entity_index,
            name_index,
            cleaned,
            ids,
            dropped,
            short,
            compounds,
            legal_words,
        ) in payload.aliases:
            entity = self.entities[entity_index]
            self.aliases.append(
                (
                    entity_index,
                    name_index,
                    NameForm(
                        original=entity.names[name_index].full,
                        cleaned=cleaned,
                        tokens=tuple(tokens[i] for i in ids),
                        dropped=dropped,
                        short_legal_form=short,
                        compounds=compounds,
                        legal_words=legal_words,
                    ),
                )
            )


@collection_paused()
def read_index(path: str | Path, *, normalization_version: str) -> LoadedIndex:
    """Read and verify an index file; raise :class:`IndexFileError` on any defect."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_INDEX_BYTES:
            raise IndexFileError(f"{size:,} bytes is over the limit", file=name)
        data = path.read_bytes()
    except OSError as error:
        raise IndexFileError(f"cannot read the file: {error.strerror}", file=name) from None
    if not data.startswith(MAGIC):
        raise IndexFileError("not a sanctionmatch index file (wrong magic bytes)", file=name)
    if len(data) < len(MAGIC) + _HEADER.size + _DIGEST_SIZE:
        raise IndexFileError("truncated: the header is incomplete", file=name)
    version, length = _HEADER.unpack_from(data, len(MAGIC))
    if version != FORMAT_VERSION:
        raise IndexFileError(
            f"index format version {version}; this library reads version {FORMAT_VERSION}: "
            "rebuild it with `sanctionmatch index`",
            file=name,
        )
    start = len(MAGIC) + _HEADER.size
    expected = start + length + _DIGEST_SIZE
    if len(data) != expected:
        raise IndexFileError(
            f"truncated or padded: {len(data):,} bytes where the header says {expected:,}",
            file=name,
        )
    body, digest = data[:-_DIGEST_SIZE], data[-_DIGEST_SIZE:]
    if hashlib.sha256(body).digest() != digest:
        raise IndexFileError("checksum mismatch: the file was altered or damaged", file=name)
    try:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(data[start:-_DIGEST_SIZE], MAX_INDEX_BYTES)
        if inflater.unconsumed_tail:
            raise IndexFileError("the payload inflates beyond the size limit", file=name)
        payload = _Payload.model_validate_json(raw)
    except (zlib.error, ValidationError, UnicodeDecodeError) as error:
        reason = str(error).splitlines()[0]
        raise IndexFileError(f"invalid payload: {reason}", file=name) from None
    if payload.normalization_version != normalization_version:
        raise IndexFileError(
            f"built with normalisation version {payload.normalization_version}; this library "
            f"uses {normalization_version}: rebuild it with `sanctionmatch index`",
            file=name,
        )
    for entity_index, name_index, _, ids, *_ in payload.aliases:
        if not (
            0 <= entity_index < len(payload.entities)
            and 0 <= name_index < len(payload.entities[entity_index].names)
            and all(0 <= i < len(payload.tokens) for i in ids)
        ):
            raise IndexFileError("invalid payload: an alias refers outside the tables", file=name)
    if any(
        not 0 <= alias < len(payload.aliases) for _, having in payload.joined for alias in having
    ):
        raise IndexFileError("invalid payload: a joined pair refers to no alias", file=name)
    return LoadedIndex(payload)
