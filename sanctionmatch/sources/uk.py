"""The UK OFSI "Consolidated List of Financial Sanctions Targets" CSV (``ConList.csv``).

The file starts with a ``Last Updated,DD/MM/YYYY`` line, then a header row (``Name 6``,
``Name 1`` … ``Name 5``, ``Title``, ``Name Non-Latin Script``, ``DOB``, ``Nationality``, …,
``Group Type``, ``Alias Type``, ``Alias Quality``, ``Regime``, ``Listed On``, ``Group ID``).
Each row is one *name* of a target; the rows of one target share its ``Group ID`` and need not
be adjacent, so rows are gathered per group and the entities are yielded, in the order their
groups first appear, once the whole file is read (memory grows with the entities kept).

Columns are addressed by header name, never by position. Nothing is dropped silently: a row
with the wrong number of fields or without a Group ID or a name is rejected with its row
number, and a single field that cannot be parsed (a DOB of ``31/02/1968``) is noted while the
row's names are kept. ``row n`` counts CSV records from the top of the file: the
``Last Updated`` line is row 1 and the header row 2. The encoding (UTF-8 with or without BOM,
else cp1252) is decided from the first bytes; lines are then decoded one by one, so that bytes
that are not text raise :class:`~sanctionmatch.errors.SourceError` naming their ``line``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO, Literal

from pydantic import ValidationError

from ..errors import SourceError
from ..models import BirthDate, Entity, EntitySchema, Listing, ListSource, Name, NameKind
from .countries import country_code
from .report import ReportBuilder, SourceFormat, describe_validation_error

__all__ = ["FORMAT", "SOURCE", "read", "sniff"]

FORMAT = SourceFormat.UK_OFSI_CSV
SOURCE = ListSource.UK

_BOM = b"\xef\xbb\xbf"
_ENCODING_WINDOW = 1 << 20
_REQUIRED = ("Name 6", "Group Type", "Group ID")
_NAME_PARTS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5")
_SCHEMAS = {"individual": EntitySchema.PERSON, "entity": EntitySchema.ORGANIZATION,
            "ship": EntitySchema.VESSEL}  # fmt: skip
#: ``Alias Type``: the 2022 format writes "Primary name", "Primary name variation", "AKA" and
#: "FKA"; older files and OFSI's format guide also say "Prime Alias" and "Alias".
_NAME_KINDS = {
    "primary name": NameKind.PRIMARY, "prime alias": NameKind.PRIMARY,
    "primary name variation": NameKind.ALIAS, "alias": NameKind.ALIAS, "aka": NameKind.ALIAS,
    "fka": NameKind.FORMER,
}  # fmt: skip
#: ``Non-Latin Script Language`` (English names of languages) -> ISO 639-1 (639-3 for Dari).
_LANGUAGES = {
    "amharic": "am", "arabic": "ar", "armenian": "hy", "belarusian": "be", "bulgarian": "bg",
    "burmese": "my", "chinese": "zh", "dari": "prs", "farsi": "fa", "georgian": "ka",
    "greek": "el", "hebrew": "he", "hindi": "hi", "japanese": "ja", "kazakh": "kk",
    "korean": "ko", "kyrgyz": "ky", "macedonian": "mk", "mongolian": "mn", "pashto": "ps",
    "persian": "fa", "russian": "ru", "serbian": "sr", "tajik": "tg", "thai": "th",
    "tigrinya": "ti", "ukrainian": "uk", "urdu": "ur", "uzbek": "uz",
}  # fmt: skip
_SPACES = re.compile(r"\s+")
_NUMBERED = re.compile(r"\(\d+\)")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_LAST_UPDATED = re.compile(rb'^"?Last Updated:?"?\s*,\s*"?\d{1,2}/\d{1,2}/\d{4}')
_LIST_REF = re.compile(r"\(UK Sanctions List Ref\):\s*([A-Za-z0-9.]+)")
_GENDER = re.compile(r"\(Gender\):\s*(Male|Female)\b", re.IGNORECASE)


def sniff(head: bytes) -> bool:
    """Whether the file starts with OFSI's ``Last Updated`` line and/or its header row."""
    lines = head.removeprefix(_BOM).splitlines()[:2]
    if lines and _LAST_UPDATED.match(lines[0]):
        return True
    return any(
        line.startswith((b"Name 6,", b'"Name 6",')) and b"Group ID" in line for line in lines
    )


def _slash_date(text: str) -> date | None:
    match = _SLASH_DATE.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _birth_date(text: str) -> str | None:
    """``dd/mm/yyyy`` with ``00`` for unknown parts -> ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    if re.fullmatch(r"\d{4}", text):
        return text
    match = _SLASH_DATE.match(text)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if month == 0:
        return f"{year:04d}" if day == 0 else None
    if day == 0:
        return f"{year:04d}-{month:02d}" if month <= 12 else None
    parsed = _slash_date(text)
    return parsed.isoformat() if parsed else None


@dataclass
class _Group:
    """What the rows of one Group ID say, merged in row order (dicts keep order, drop repeats)."""

    first_row: int
    group_types: dict[str, None] = field(default_factory=dict)
    names: dict[tuple[str, NameKind, str | None], Name] = field(default_factory=dict)
    births: dict[str, None] = field(default_factory=dict)
    nationalities: dict[str, None] = field(default_factory=dict)
    regimes: dict[str, None] = field(default_factory=dict)
    listed_on: date | None = None
    reference: str | None = None
    gender: Literal["male", "female"] | None = None
    notes: dict[str, None] = field(default_factory=dict)


class _Groups:
    """Rows merged per Group ID; ``report`` receives every rejection and note."""

    def __init__(self, report: ReportBuilder) -> None:
        self.report = report
        self.groups: dict[str, _Group] = {}

    def add(self, n: int, row: dict[str, str]) -> None:
        """Merge one data row into its group, or reject it (no Group ID, no usable name)."""
        row = {column: _SPACES.sub(" ", value).strip() for column, value in row.items()}
        gid = row.get("Group ID", "")
        if not gid:
            self.report.reject(f"row {n}", "the row has no Group ID")
            return
        try:
            names = self._names(n, gid, row)
        except ValidationError as error:
            self.report.reject(f"row {n}", f"name: {error.errors()[0]['msg']}", record=gid)
            return
        if not names:
            self.report.reject(f"row {n}", "the row has no name in Name 1-6", record=gid)
            return
        group = self.groups.setdefault(gid, _Group(first_row=n))
        if group_type := row.get("Group Type"):
            group.group_types.setdefault(group_type)
        for name in names:
            group.names.setdefault((name.full, name.kind, name.language), name)
        self._details(f"row {n} (group {gid})", group, row)

    def _names(self, n: int, gid: str, row: dict[str, str]) -> list[Name]:
        """The row's name from Name 1-6 (surname last) and its non-Latin script name."""
        alias_type = row.get("Alias Type", "")
        kind = _NAME_KINDS.get(alias_type.casefold())
        if kind is None:
            kind = NameKind.ALIAS
            if alias_type:
                why = f"Alias Type {alias_type!r} (first at row {n}, group {gid}) is unknown"
                self.report.note_once(key=f"type:{alias_type}", text=f"{why}; read as an alias")
        if row.get("Alias Quality", "").casefold().startswith("low"):
            kind = NameKind.WEAK_ALIAS if kind is not NameKind.PRIMARY else kind
        names = []
        parts = [row.get(column, "") for column in _NAME_PARTS]
        family = row.get("Name 6", "")
        full = " ".join(part for part in [*parts, family] if part)
        if any(ch.isalnum() for ch in full):
            if row.get("Group Type", "").casefold() != "individual":
                names.append(Name(full=full, kind=kind))
            else:
                middle = " ".join(part for part in parts[1:] if part) or None
                given, family_name = parts[0] or None, family or None
                names.append(
                    Name(full=full, kind=kind, given=given, middle=middle, family=family_name)
                )
        non_latin = row.get("Name Non-Latin Script", "")
        if any(ch.isalnum() for ch in non_latin):
            language = self._language(row.get("Non-Latin Script Language", ""))
            names.append(Name(full=non_latin, kind=NameKind.ALIAS, language=language))
        return names

    def _language(self, text: str) -> str | None:
        code = _LANGUAGES.get(text.casefold())
        if text and code is None:
            why = f"Non-Latin Script Language {text!r} has no ISO 639 code here"
            self.report.note_once(
                key=f"lang:{text}", text=f"{why}; those names are kept without a language"
            )
        return code

    def _details(self, where: str, group: _Group, row: dict[str, str]) -> None:
        """Birth date, nationalities, regime, listing date, reference, gender and notes."""
        if dob := row.get("DOB"):
            if (value := _birth_date(dob)) is not None:
                group.births.setdefault(value)
            else:
                why = f"{where}: DOB {dob!r} is not a date (dd/mm/yyyy, 00 for unknown parts)"
                self.report.note(f"{why}; the row's names are kept without it")
        for country in _NUMBERED.split(row.get("Nationality", "")):
            if country := country.strip(" .,;"):
                if (code := country_code(country)) is not None:
                    group.nationalities.setdefault(code)
                else:
                    why = f"nationality {country!r} (first at {where}) has no ISO code"
                    self.report.note_once(
                        key=f"country:{country}", text=f"{why}; the entity is kept without it"
                    )
        if regime := row.get("Regime"):
            group.regimes.setdefault(regime)
        if listed := row.get("Listed On"):
            if (day := _slash_date(listed)) is None:
                self.report.note(f"{where}: Listed On {listed!r} is not a dd/mm/yyyy date")
            elif group.listed_on is None or day < group.listed_on:
                group.listed_on = day
        other = row.get("Other Information", "")
        if group.reference is None and (ref := _LIST_REF.search(other)):
            group.reference = ref.group(1)
        if group.gender is None and (sex := _GENDER.search(other)):
            group.gender = "male" if sex.group(1).lower() == "male" else "female"
        for text in (row.get("Position"), other):
            if text:
                group.notes.setdefault(text)

    def entities(self) -> Iterator[Entity]:
        """One entity per group, in the order the groups first appeared."""
        for gid, group in self.groups.items():
            schemas = {_SCHEMAS.get(kind.casefold()) for kind in group.group_types}
            schema = schemas.pop() if len(schemas) == 1 else None
            if schema is None:
                found = ", ".join(repr(kind) for kind in group.group_types) or "missing"
                reason = f"Group Type {found}: expected one of Individual, Entity, Ship"
                self.report.reject(f"row {group.first_row}", reason, record=gid)
                continue
            programmes, reference = tuple(group.regimes), group.reference or gid
            listing = Listing(source=SOURCE, programmes=programmes, listed_on=group.listed_on,
                              reference=reference)  # fmt: skip
            try:
                yield Entity(
                    id=f"uk:{gid}",
                    schema=schema,
                    names=tuple(group.names.values()),
                    listings=(listing,),
                    birth_dates=tuple(BirthDate(value=value) for value in group.births),
                    nationalities=tuple(group.nationalities),
                    gender=group.gender if schema is EntitySchema.PERSON else None,
                    source_file=self.report.file,
                    notes="; ".join(group.notes) or None,
                )
            except ValidationError as error:
                reason = describe_validation_error(error)
                self.report.reject(f"row {group.first_row}", reason, record=gid)


def _encoding(head: bytes) -> str:
    """UTF-8 (with or without BOM) when the first bytes decode as UTF-8, else cp1252."""
    if head.startswith(_BOM):
        return "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not merely a character cut at the window's end
            return "cp1252"
    return "utf-8"


class _Prepended(io.RawIOBase):
    """``head`` followed by the rest of ``stream``: the reader looks at bytes before decoding."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self._head[: len(buffer)] if self._head else self._stream.read(len(buffer))
        self._head = self._head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


def _decoded(stream: BinaryIO, report: ReportBuilder) -> Iterator[str]:
    """The file's lines as text, decoded one by one so that an error names its line."""
    head = stream.read(_ENCODING_WINDOW)
    encoding = _encoding(head)
    for k, line in enumerate(io.BufferedReader(_Prepended(head, stream)), start=1):
        try:
            text = line.decode(encoding if k == 1 else encoding.removesuffix("-sig"))
        except UnicodeDecodeError as error:
            reason = f"not {encoding} text ({error.reason} at byte {error.start} of the line)"
            raise SourceError(reason, file=report.file, position=f"line {k}") from None
        if "\x00" in text:
            raise SourceError("not text: a NUL byte", file=report.file, position=f"line {k}")
        yield text


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """Yield one entity per Group ID, after the whole file is read (see the module doc)."""
    groups = _Groups(report)
    header: list[str] | None = None
    n = blank = 0
    try:
        for n, row in enumerate(csv.reader(_decoded(stream, report)), start=1):
            cells = [cell.strip() for cell in row]
            if header is None and n == 1 and cells and cells[0].rstrip(":") == "Last Updated":
                report.published = _slash_date(cells[1]) if len(cells) > 1 else None
                if report.published is None:
                    report.note(f"row 1: the Last Updated date {cells[1:2]} is unreadable")
            elif header is None:
                missing = [column for column in _REQUIRED if column not in cells]
                if missing:
                    reason = f"not the OFSI header row: no {missing[0]!r} column"
                    raise SourceError(reason, file=report.file, position=f"row {n}")
                header = cells
                if n == 1:
                    report.note("no 'Last Updated' line before the header: no publication date")
            elif not any(cells):
                blank += 1
            else:
                report.record()
                if len(cells) < len(header) or any(cells[len(header) :]):
                    reason = f"{len(cells)} fields where the header has {len(header)}"
                    record = cells[-1] if cells[-1].isdigit() else None
                    report.reject(f"row {n}", reason, record=record)
                else:
                    groups.add(n, dict(zip(header, cells, strict=False)))
    except csv.Error as error:
        raise SourceError(f"not CSV: {error}", file=report.file, position=f"row {n + 1}") from None
    if header is None:
        raise SourceError("no OFSI header row", file=report.file, position=f"row {n + 1}")
    if blank:
        report.note(f"{blank} blank rows skipped")
    yield from groups.entities()
