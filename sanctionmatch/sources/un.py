"""Placeholder while the un reader is written (replaced in this same change)."""

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
