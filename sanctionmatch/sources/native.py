"""Our native list format: a JSON document validated by :class:`~sanctionmatch.models.ListFile`.

The format is documented in ``docs/native-format.md``. A file that is not JSON, or whose
content does not validate, is refused with a :class:`~sanctionmatch.errors.SourceError`
that names the file, the record (entity position and id) and the field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from ..errors import SourceError
from ..models import Entity, ListFile, ListSource
from .report import ReportBuilder, SourceFormat

__all__ = ["FORMAT", "NATIVE_FORMAT", "SOURCE", "parse_native", "read", "sniff"]

#: The value of the ``format`` key that marks a native list file.
NATIVE_FORMAT = "sanctionmatch-list"
FORMAT = SourceFormat.NATIVE
#: Only a default: the file's own ``list.source`` says which list it holds.
SOURCE = ListSource.OTHER


def sniff(head: bytes) -> bool:
    """Whether the first bytes of a file look like a native list (a JSON object naming it)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and NATIVE_FORMAT.encode() in head


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """The entities of a native file; the whole file is refused if any record is invalid."""
    parsed = parse_native(stream.read(), file=report.file)
    report.source = parsed.list.source
    report.published = parsed.list.published
    for entity in parsed.entities:
        report.record()
        yield entity


def _record_of(raw: object, location: tuple[int | str, ...]) -> str | None:
    if len(location) >= 2 and location[0] == "entities" and isinstance(location[1], int):
        position = location[1]
        entity_id = None
        if isinstance(raw, dict):
            entities = raw.get("entities")
            if isinstance(entities, list) and position < len(entities):
                item = entities[position]
                if isinstance(item, dict):
                    entity_id = item.get("id")
        return f"entities[{position}]" + (f" (id {entity_id!r})" if entity_id else "")
    return None


def parse_native(data: bytes, *, file: str | Path) -> ListFile:
    """Parse and validate the bytes of a native list file; ``file`` is named in errors."""
    name = str(file)
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise SourceError(
            f"not UTF-8 text (byte {error.start}): {error.reason}", file=name
        ) from None
    except json.JSONDecodeError as error:
        raise SourceError(
            f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}", file=name
        ) from None
    try:
        return ListFile.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        record = _record_of(raw, location)
        field_path = location[2:] if record else location
        field = ".".join(str(part) for part in field_path) or None
        more = f" (and {error.error_count() - 1} more errors)" if error.error_count() > 1 else ""
        raise SourceError(f"{first['msg']}{more}", file=name, record=record, field=field) from None
