"""Download the official list files, and replace a local copy only with one that reads.

A screening run is only as good as the list it screened against, and a publisher can serve an
error page, a half-sent file or a file in a new format at any time. :func:`fetch_lists`
therefore streams each download to a temporary file beside its target (same filesystem, so
the final :func:`os.replace` is atomic), refuses it past ``max_bytes`` while it arrives,
checks that it is the format the publisher table expects and that it reads, and only then
replaces the previous copy. A failure of any kind leaves the previous copy byte for byte as
it was and does not stop the other downloads. Where the files are is data
(``sources/data/publishers.json``, read by :func:`load_publishers`), not code.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import hashlib
import http.client
import json
import os
import stat
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from enum import StrEnum
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, BinaryIO

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from ._version import __version__
from .errors import InvalidInputError, SanctionMatchError, SourceError
from .limits import MAX_LIST_FILE_BYTES
from .sources import detect_format, load, ofac
from .sources.report import SourceFormat

__all__ = [
    "FetchOutcome",
    "FetchReport",
    "FetchResult",
    "PublisherEntry",
    "PublisherTableError",
    "fetch_lists",
    "load_publishers",
]

USER_AGENT = f"sanctionmatch/{__version__} (sanctions list fetcher; Python urllib)"
_CHUNK = 1 << 16
_HEAD = 8192
#: Columns of OFAC's header-less companion files (OFAC's SDN data specification).
_COMPANION_COLUMNS = {SourceFormat.OFAC_ALT_CSV: 5, SourceFormat.OFAC_ADD_CSV: 6}


class PublisherTableError(SanctionMatchError):
    """The publisher table is malformed; the message names the file and the key at fault."""


class PublisherEntry(BaseModel):
    """One official list file: where it is published, what to store it as, what it must be.

    ``file`` is a bare name, so a table can never make :func:`fetch_lists` write elsewhere.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Annotated[str, Field(pattern=r"^https?://[^/?#\s]+[^\s]*$")]
    file: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")]
    format: SourceFormat
    title: str | None = None
    note: str | None = None


_TABLE = TypeAdapter(dict[Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")], PublisherEntry])


class FetchOutcome(StrEnum):
    """What happened to one list file."""

    UPDATED = "updated"
    UNCHANGED = "unchanged"
    FAILED = "failed"


class FetchResult(BaseModel):
    """The outcome for one entry; ``sha256`` and ``bytes`` describe the copy now in place."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    url: str
    path: Path
    outcome: FetchOutcome
    sha256: str | None = None
    bytes: int | None = None
    reason: str | None = None


class FetchReport(BaseModel):
    """Every entry :func:`fetch_lists` tried, in table order."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entries: tuple[FetchResult, ...]

    @property
    def ok(self) -> bool:
        """Whether no entry failed."""
        return all(r.outcome is not FetchOutcome.FAILED for r in self.entries)

    def summary(self) -> str:
        """One line per entry, for a terminal or a log."""
        lines = []
        for r in self.entries:
            if r.outcome is FetchOutcome.FAILED:
                lines.append(f"{r.key}: failed, {r.path} left as it was: {r.reason} ({r.url})")
            else:
                lines.append(
                    f"{r.key}: {r.outcome} {r.path} ({r.bytes:,} bytes, sha256 {r.sha256})"
                )
        return "\n".join(lines)


def load_publishers(path: Path | None = None) -> Mapping[str, PublisherEntry]:
    """The publisher table: the packaged one (read once), or the JSON file at ``path``.

    Keys starting with ``_`` (such as ``_about``) are comments.
    """
    if path is None:
        return _packaged_publishers()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise PublisherTableError(f"{path}: cannot read: {error.strerror}") from None
    return _parse_publishers(data, str(path))


@functools.cache
def _packaged_publishers() -> Mapping[str, PublisherEntry]:
    resource = resources.files("sanctionmatch.sources").joinpath("data/publishers.json")
    return _parse_publishers(resource.read_bytes(), "sanctionmatch/sources/data/publishers.json")


def _parse_publishers(data: bytes, name: str) -> Mapping[str, PublisherEntry]:
    try:
        raw = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict):
            raise PublisherTableError(f"{name}: the table must be a JSON object of entries")
        table = _TABLE.validate_python({k: v for k, v in raw.items() if not k.startswith("_")})
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise PublisherTableError(f"{name}: not a UTF-8 JSON document: {error}") from None
    except ValidationError as error:
        first = error.errors()[0]
        key, *field = (str(part) for part in first["loc"])
        where = f"key {key!r}" + (f", field {'.'.join(field)}" if field else "")
        raise PublisherTableError(f"{name}, {where}: {first['msg']}") from None
    owners: dict[str, str] = {}
    for key, entry in table.items():
        if owners.setdefault(entry.file, key) != key:
            raise PublisherTableError(
                f"{name}, key {key!r}: {entry.file!r} is also {owners[entry.file]!r}'s file"
            )
    if not table:
        raise PublisherTableError(f"{name}: the table has no entries")
    return MappingProxyType(table)


class _Failed(Exception):
    """A download or a check failed; the message is the one-line reason."""


def fetch_lists(
    dest: Path,
    *,
    table: Mapping[str, PublisherEntry] | None = None,
    only: Iterable[str] | None = None,
    timeout: float = 60.0,
    max_bytes: int = MAX_LIST_FILE_BYTES,
) -> FetchReport:
    """Fetch the table's lists (or the keys in ``only``) into ``dest``, one file per entry.

    ``timeout`` (seconds) bounds the connection and each read. Proxies come from the usual
    ``*_proxy`` environment variables. Unknown keys in ``only`` raise before any download.
    """
    if not (timeout > 0 and max_bytes > 0):
        raise InvalidInputError(
            f"timeout and max_bytes must be positive, got {timeout}, {max_bytes}"
        )
    table = load_publishers() if table is None else table
    only = [only] if isinstance(only, str) else only
    keys = list(table) if only is None else list(dict.fromkeys(only))
    unknown = [key for key in keys if key not in table]
    if unknown:
        raise InvalidInputError(f"unknown list keys {unknown}; known: {', '.join(table)}")
    # Built per call so proxy settings are read now, not frozen at first use.
    opener = urllib.request.build_opener()
    entries = [_fetch_one(key, table[key], Path(dest), opener, timeout, max_bytes) for key in keys]
    return FetchReport(entries=tuple(entries))


def _fetch_one(
    key: str,
    entry: PublisherEntry,
    dest: Path,
    opener: urllib.request.OpenerDirector,
    timeout: float,
    max_bytes: int,
) -> FetchResult:
    target = dest / entry.file
    result = functools.partial(FetchResult, key=key, url=entry.url, path=target)
    tmp: Path | None = None
    try:
        dest.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=dest, prefix=f".{entry.file}.", suffix=".part")
        tmp = Path(name)
        with os.fdopen(fd, "wb") as out:
            digest, size = _download(entry.url, out, opener, timeout, max_bytes)
        _verify(tmp, entry)
        if target.exists() and _sha256_of(target) == digest:
            return result(outcome=FetchOutcome.UNCHANGED, sha256=digest, bytes=size)
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o644)
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(dest)
        return result(outcome=FetchOutcome.UPDATED, sha256=digest, bytes=size)
    except Exception as error:  # any failure: keep the old copy, report, go on to the next
        if isinstance(error, urllib.error.HTTPError):
            error.close()  # it holds the error response open
        return result(outcome=FetchOutcome.FAILED, reason=_reason(error))
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def _download(
    url: str, out: BinaryIO, opener: urllib.request.OpenerDirector, timeout: float, max_bytes: int
) -> tuple[str, int]:
    """Stream ``url`` into ``out`` (flushed and fsynced); return its SHA-256 and size."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    response: http.client.HTTPResponse
    with opener.open(request, timeout=timeout) as response:
        declared_text = response.headers.get("Content-Length", "")
        declared = int(declared_text) if declared_text.strip().isdigit() else None
        if declared is not None and declared > max_bytes:
            raise _Failed(f"the server announces {declared:,} bytes; the limit is {max_bytes:,}")
        digest, size = hashlib.sha256(), 0
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _Failed(f"more than {max_bytes:,} bytes; download stopped")
            digest.update(chunk)
            out.write(chunk)
    if declared is not None and size != declared:
        raise _Failed(f"the connection closed after {size:,} of {declared:,} bytes")
    if size == 0:
        raise _Failed("the server sent an empty file")
    out.flush()
    os.fsync(out.fileno())
    return digest.hexdigest(), size


def _verify(path: Path, entry: PublisherEntry) -> None:
    """Raise unless ``path`` is the expected format and reads with at least one record."""
    with path.open("rb") as stream:
        head = stream.read(_HEAD)
    reader = detect_format(head, file=entry.file)
    found = (ofac.sniff_format(head) or reader.FORMAT) if reader is ofac else reader.FORMAT
    if found != entry.format:
        raise _Failed(f"expected {entry.format.value} but the file is {found.value}")
    if found in _COMPANION_COLUMNS:
        count = _check_companion_csv(path, _COMPANION_COLUMNS[found])
    else:
        count = load(path).report.entities_loaded
    if count == 0:
        raise _Failed("the file reads but holds no records")


def _check_companion_csv(path: Path, columns: int) -> int:
    """Read every row of an OFAC ``alt.csv``/``add.csv``: ``columns`` fields, numeric ent_num.

    These files cannot be loaded without their ``sdn.csv``; checking them on their own keeps
    each entry's verdict independent of the others (``only`` may fetch one alone, and the
    sdn.csv of the same run may fail). Decoded as Latin-1, which never fails: only the
    structure is checked here, the reader judges the text.
    """
    rows = 0
    with path.open(encoding="latin-1", newline="") as stream:
        for number, row in enumerate(csv.reader(stream, strict=True), start=1):
            if not row or row == ["\x1a"]:  # OFAC ends its files with a DOS end-of-file mark
                continue
            if len(row) != columns or not row[0].strip().isdigit():
                raise _Failed(
                    f"row {number}: expected {columns} fields starting with a numeric ent_num, "
                    f"got {len(row)}"
                )
            rows += 1
    return rows


def _sha256_of(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); skipped where a folder cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _reason(error: Exception) -> str:
    """A one-line reason for a failure."""
    if isinstance(error, urllib.error.HTTPError):
        text = f"HTTP {error.code} {error.reason}"
    elif isinstance(error, urllib.error.URLError):
        text = f"cannot connect: {error.reason}"
    elif isinstance(error, TimeoutError):
        text = "timed out waiting for the server"
    elif isinstance(error, SourceError):
        where = ", ".join(part for part in (error.position, error.record, error.field) if part)
        text = f"does not read as a list: {error.reason}" + (f" ({where})" if where else "")
    elif isinstance(error, _Failed | OSError):
        text = str(error)
    elif isinstance(error, csv.Error):
        text = f"malformed CSV: {error}"
    else:
        text = f"{type(error).__name__}: {error}"
    return " ".join(text.split()) or type(error).__name__
