"""OFAC's legacy CSV files ``sdn.csv``, ``alt.csv`` and ``add.csv``, read into raw records.

OFAC publishes the SDN list as three CSV files without a header row, joined on ``ent_num``
(the ``uid`` of the XML): ``sdn.csv`` (ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), ``alt.csv`` (ent_num, alt_num,
alt_type, alt_name, alt_remarks) and ``add.csv`` (ent_num, Add_num, Address,
City/State/Province/Postal Code, Country, Add_remarks). ``-0-`` marks an empty field, lines end
in CRLF and the last line may be a lone control-Z (``\\x1a``, an MS-DOS end-of-file mark).

This module tells the three apart from their first rows, decodes and splits their rows (one
row per line: OFAC never breaks a line inside a field, so a damaged line stays one bad row
instead of swallowing the rows after it), joins the companions and turns each ``sdn.csv`` row
into a :class:`RawEntry`, the format-neutral shape :mod:`.ofac` maps to an entity. The
``Remarks`` column is where ``sdn.csv`` keeps dates of birth, nationalities, gender and the
weak aliases (the XML's ``category weak``).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from ..errors import SourceError
from .report import ReportBuilder, SourceFormat

__all__ = [
    "RawEntry",
    "RawName",
    "Row",
    "companions",
    "entry_of",
    "report_orphans",
    "rows",
    "shape",
]

_COLUMNS = {
    SourceFormat.OFAC_SDN_CSV: 12,
    SourceFormat.OFAC_ALT_CSV: 5,
    SourceFormat.OFAC_ADD_CSV: 6,
}
_EMPTY = "-0-"
_SDN_TYPES = frozenset({"individual", "vessel", "aircraft", "", _EMPTY})
_ALT_TYPES = frozenset({"aka", "fka", "nka"})
_NUMBER = re.compile(r"[0-9]{1,12}")
_ALIAS = re.compile(r"([afn]\.k\.a\.) '(.*)$")
_SNIFF_ROWS = 10
#: OFAC cuts the Remarks of sdn.csv at 1,000 characters (18 rows of the 2024-05-03 file), so
#: the last remark of such a row is partial and what followed it is lost.
REMARKS_LIMIT = 1000
_PROBE = 1 << 16  # how much of a file decides its encoding


@dataclass(frozen=True, slots=True)
class RawName:
    """A name as the list gives it; ``aka_type`` is empty for the entry's own name."""

    full: str
    given: str = ""
    family: str = ""
    aka_type: str = ""
    weak: bool = False


@dataclass(slots=True)
class RawEntry:
    """One OFAC entry as read from either format, before it is mapped to an entity."""

    uid: str
    position: str
    sdn_type: str
    names: list[RawName]
    programmes: tuple[str, ...] = ()
    birth_dates: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    gender: str = ""
    note_parts: list[str] = field(default_factory=list)
    remarks_cut: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a CSV file, ``-0-`` made empty and cells but the last stripped, or ``error``."""

    file: str
    number: int
    cells: tuple[str, ...] = ()
    error: str | None = None

    @property
    def position(self) -> str:
        """Where the row is, as a report names it: ``sdn.csv row 12``."""
        return f"{self.file} row {self.number}"

    @property
    def ent_num(self) -> int:
        """The number that joins the three files (valid rows only)."""
        return int(self.cells[0])

    @property
    def record(self) -> str | None:
        """The row's first cell, to name it in a report."""
        return self.cells[0] if self.cells else None


def _split(text: str) -> list[str] | None:
    """The fields of one line, or None for a line csv cannot split (odd quotes, NUL bytes)."""
    if text.count('"') % 2:
        return None
    try:
        return next(csv.reader([text]), [])
    except csv.Error:
        return None


def _row_shape(cells: list[str]) -> SourceFormat | None:
    """Which file a row looks like it comes from, by column count and typed columns."""
    cells = [cell.strip() for cell in cells]
    if not cells or not _NUMBER.fullmatch(cells[0]):
        return None
    if len(cells) == 12 and cells[2].casefold() in _SDN_TYPES:
        return SourceFormat.OFAC_SDN_CSV
    if len(cells) == 5 and _NUMBER.fullmatch(cells[1]) and cells[2].casefold() in _ALT_TYPES:
        return SourceFormat.OFAC_ALT_CSV
    if len(cells) == 6 and _NUMBER.fullmatch(cells[1]):
        return SourceFormat.OFAC_ADD_CSV
    return None


def shape(head: bytes) -> SourceFormat | None:
    """Which of the three CSV files ``head`` (a file's first bytes) begins, or None.

    Up to ten complete lines are split; the file is claimed only when most of them have one
    and the same shape, so one damaged row does not hide the file while a CSV with a title
    line and a header row, such as the UK OFSI list, is never claimed.
    """
    text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    lines = text.splitlines()
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines.pop()  # cut off by the end of the head
    shapes: list[SourceFormat | None] = []
    for line in (line.rstrip("\x1a") for line in lines):
        if line.strip():
            cells = _split(line)
            shapes.append(_row_shape(cells) if cells is not None else None)
    shapes = shapes[:_SNIFF_ROWS]
    found = {s for s in shapes if s is not None}
    kind = found.pop() if len(found) == 1 else None
    return kind if kind is not None and 2 * shapes.count(kind) > len(shapes) else None


def _encoding(stream: BinaryIO) -> str:
    """UTF-8 if the file's first 64 KiB are UTF-8, else Windows-1252.

    OFAC's files are ASCII today; older ones, and copies saved by spreadsheet programs, carry
    single-byte accented letters. Windows-1252 rather than Latin-1 because that is what those
    programs write: its 0x80-0x9F are letters and quotes where Latin-1 has control codes.
    """
    peek = getattr(stream, "peek", None)
    head: bytes = peek(_PROBE)[:_PROBE] if peek is not None else b""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _lines(stream: BinaryIO, file: str, report: ReportBuilder) -> Iterator[tuple[int, str]]:
    """The decoded lines of a file, numbered from 1, without line ends or a trailing ^Z.

    A line that is not UTF-8 in a file that began as UTF-8 is read as Windows-1252 (noted);
    bytes that are neither stop the reading.
    """
    encoding = _encoding(stream)
    if encoding != "utf-8":
        report.note(f"{file} is not UTF-8: read as Windows-1252")
    number = 0
    while raw := stream.readline():
        number += 1
        raw = raw.rstrip(b"\r\n").rstrip(b"\x1a")
        raw = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as error:
                raise SourceError(
                    f"byte 0x{raw[error.start]:02x} is neither UTF-8 nor Windows-1252 text",
                    file=file,
                    position=f"row {number}",
                ) from None
            report.note(f"{file} row {number} is not UTF-8: read as Windows-1252 from there on")
            encoding = "cp1252"
        yield number, text


def rows(
    stream: BinaryIO, *, file: str, kind: SourceFormat, report: ReportBuilder
) -> Iterator[Row]:
    """Every non-blank row of one file, checked against the file's shape.

    A row with the wrong number of columns, odd quotes or a non-numeric ``ent_num`` comes back
    with ``error`` set, for the caller to reject; reading goes on after it.
    """
    columns = _COLUMNS[kind]
    first = True
    for number, text in _lines(stream, file, report):
        if not text.strip():
            continue
        cells = _split(text)
        header = first and cells is not None and cells[:1] == ["ent_num"]
        first = False
        if header:
            report.note(f"{file} row {number} is a header row: skipped")
            continue
        if cells is None:
            yield Row(file, number, error="odd quotes or a NUL byte: the row cannot be split")
            continue
        # The last column (the remarks) keeps its spaces, so that a cut at OFAC's length
        # limit shows.
        cleaned = tuple(
            "" if c.strip() == _EMPTY else c if i == len(cells) - 1 else c.strip()
            for i, c in enumerate(cells)
        )
        if len(cleaned) != columns:
            yield Row(file, number, cleaned, f"{len(cleaned)} columns where the file has {columns}")
        elif not _NUMBER.fullmatch(cleaned[0]):
            yield Row(file, number, cleaned, f"ent_num {cleaned[0]!r} is not a number")
        else:
            yield Row(file, number, cleaned)


def companions(
    files: Sequence[tuple[str, BinaryIO]], kind: SourceFormat, report: ReportBuilder
) -> dict[int, list[Row]]:
    """The valid rows of the alt.csv or add.csv files, per ``ent_num`` in file order; the
    malformed ones are rejected. Of an address only its position is kept: addresses are not
    part of an entity, but their rows are checked and matched to report orphans."""
    by_entity: dict[int, list[Row]] = {}
    what = "alias" if kind is SourceFormat.OFAC_ALT_CSV else "address"
    for name, stream in files:
        count = 0
        for row in rows(stream, file=name, kind=kind, report=report):
            if row.error is not None:
                report.reject(row.position, row.error, record=row.record)
                continue
            kept = row if what == "alias" else Row(row.file, row.number, row.cells[:1])
            by_entity.setdefault(row.ent_num, []).append(kept)
            count += 1
        report.note(f"joined {name}: {count:,} {what} rows")
    return by_entity


def report_orphans(
    groups: Iterable[dict[int, list[Row]]], seen: set[int], report: ReportBuilder
) -> None:
    """Report every companion row whose ``ent_num`` is not in the sdn.csv: the alias rows
    first, then the address rows, each in file order."""
    for group in groups:
        orphans = [row for ent, found in group.items() if ent not in seen for row in found]
        for row in sorted(orphans, key=lambda row: (row.file, row.number)):
            reason = f"ent_num {row.ent_num} is not in {report.file}"
            report.orphan(row.position, reason, record=str(row.ent_num))


def _programmes(text: str) -> tuple[str, ...]:
    """``SDGT] [IFSR`` (OFAC drops the outer brackets) or ``[SDGT] [IFSR]`` -> both tags."""
    parts = (part.strip(" []") for part in re.split(r"\]\s*\[", text))
    return tuple(dict.fromkeys(part for part in parts if part))


def _name(full: str, person: bool, aka_type: str = "", weak: bool = False) -> RawName:
    """A name as written; a person's ``LAST, First`` also gives the family and given names."""
    family, comma, given = full.partition(",")
    if person and comma:
        return RawName(full, given.strip(), family.strip(), aka_type, weak)
    return RawName(full, aka_type=aka_type, weak=weak)


def entry_of(row: Row, aliases: Iterable[Row]) -> RawEntry:
    """The raw entry of a valid ``sdn.csv`` row and its ``alt.csv`` rows.

    The Remarks column (``DOB 17 Oct 1967; POB Moscow, Russia; nationality Russia; Gender
    Male; a.k.a. 'BNC'.``) is split on ``;``, with ``alt.`` prefixes dropped. A quoted alias
    there is a weak one; its name may hold apostrophes (``a.k.a. 'ABU 'ABDALLAH'``).
    """
    uid, full, sdn_type, program, title = row.cells[:5]
    person = sdn_type.casefold() == "individual"
    entry = RawEntry(uid, row.position, sdn_type, [_name(full, person)], _programmes(program))
    entry.names += [_name(alt.cells[3], person, alt.cells[2]) for alt in aliases]
    vessel = ", ".join(p for p in (row.cells[6], row.cells[9] and f"flag {row.cells[9]}") if p)
    entry.note_parts += [title, vessel]
    segments = row.cells[11].split(";")
    if len(row.cells[11]) >= REMARKS_LIMIT:
        segments.pop()  # partial: "a.k.a. 'WHOIS HACKIN" is not a name
        entry.remarks_cut = True
    for segment in segments:
        segment = segment.strip().removesuffix(".").strip().removeprefix("alt. ").strip()
        word, _, rest = segment.partition(" ")
        if word == "DOB":
            entry.birth_dates.append(rest)
        elif word in ("nationality", "citizen"):
            entry.countries.append(rest)
        elif word == "Gender":
            entry.gender = rest
        elif segment.startswith("Linked To:"):
            entry.note_parts.append(segment)
        elif match := _ALIAS.match(segment):
            name = " ".join(match[2].removesuffix("'").split())
            entry.names.append(_name(name, person, match[1], weak=True))
    return entry
