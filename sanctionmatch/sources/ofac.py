"""Placeholder while the ofac reader is written (replaced in this same change)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from ..errors import SourceError
from ..models import Entity, ListSource
from .report import ReportBuilder, SourceFormat

FORMAT = SourceFormat.NATIVE
SOURCE = ListSource.OTHER


def sniff(head: bytes) -> bool:
    return False


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    raise SourceError("not implemented yet", file=report.file)


def sniff_format(head: bytes) -> SourceFormat | None:
    return None


def read_csv_set(stream, report, *, alt, add):  # type: ignore[no-untyped-def]
    raise SourceError("not implemented yet", file=report.file)
