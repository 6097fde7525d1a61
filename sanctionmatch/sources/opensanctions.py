"""FollowTheMoney (FtM) JSON lines, the format OpenSanctions publishes its data in.

Each line is one FtM entity: ``{"id": …, "schema": …, "properties": {name: [values]}, …}``,
every property a list of strings. People, organisations, vessels and aircraft become
entities; the other schemata (``Sanction``, ``Address``, ``Ownership``, ``Family`` …) are
relations and details, not screening targets: they are counted per schema and the counts are
noted in the report, so that ``entities + skipped by schema + rejected == records read``.

A line that is not a JSON object with an ``id``, a ``schema`` and ``properties`` is rejected
with its line number and reading goes on; a file that is not UTF-8 text raises
:class:`~sanctionmatch.errors.SourceError` naming the file and the line.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO, Literal

from pydantic import ValidationError

from ..errors import SourceError
from ..models import (
    PARTIAL_DATE_PATTERN,
    BirthDate,
    Entity,
    EntitySchema,
    Listing,
    ListSource,
    Name,
    NameKind,
)
from .report import ReportBuilder, SourceFormat, describe_validation_error

__all__ = ["FORMAT", "SKIPPED_NOTE", "SOURCE", "read", "sniff"]

FORMAT = SourceFormat.FTM_JSONL
SOURCE = ListSource.OPENSANCTIONS

#: FtM schema -> our schema; any other schema is skipped and counted.
SCHEMAS = {
    "Person": EntitySchema.PERSON,
    "Organization": EntitySchema.ORGANIZATION,
    "Company": EntitySchema.ORGANIZATION,
    "LegalEntity": EntitySchema.ORGANIZATION,
    "PublicBody": EntitySchema.ORGANIZATION,
    "Vessel": EntitySchema.VESSEL,
    "Airplane": EntitySchema.AIRCRAFT,
}
#: The start of the report note that counts the records skipped by schema.
SKIPPED_NOTE = "skipped by schema (not a person, organisation, vessel or aircraft)"
#: Name properties in the order their names are kept; ``name`` gives the primary name.
_NAME_PROPERTIES = (
    ("name", NameKind.ALIAS),
    ("alias", NameKind.ALIAS),
    ("weakAlias", NameKind.WEAK_ALIAS),
    ("previousName", NameKind.FORMER),
)
_BOM = b"\xef\xbb\xbf"
_DATE = re.compile(PARTIAL_DATE_PATTERN)
_HEAD_KEYS = tuple(re.compile(rb'"%s"\s*:' % key) for key in (b"id", b"schema", b"properties"))


def sniff(head: bytes) -> bool:
    """Whether the first non-blank line is a JSON object with ``id``, ``schema`` and
    ``properties`` (the line may be cut at the end of ``head``, so keys are also looked for
    as text). Our native JSON, a single object naming ``sanctionmatch-list``, is not claimed."""
    if b'"sanctionmatch-list"' in head:
        return False
    for line in head.removeprefix(_BOM).splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith(b"{"):
            return False
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return all(key.search(line) for key in _HEAD_KEYS)
        return isinstance(value, dict) and {"id", "schema", "properties"} <= value.keys()
    return False


def _values(properties: dict[str, Any], key: str) -> list[str]:
    """The string values of a property, stripped, without blanks."""
    values = properties.get(key)
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def _dates(values: Iterable[str]) -> list[str]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` prefixes of FtM date values (which may carry a
    time, as in ``2022-02-28T00:00:00``)."""
    found = []
    for value in values:
        for size in (10, 7, 4):
            if _DATE.match(value[:size]) and (len(value) <= size or not value[size].isdigit()):
                found.append(value[:size])
                break
    return found


def _listed_on(properties: dict[str, Any]) -> date | None:
    """The earliest full ``listingDate``, else the earliest full ``createdAt``."""
    for key in ("listingDate", "createdAt"):
        days = []
        for day in _dates(_values(properties, key)):
            try:
                days.append(date.fromisoformat(day))
            except ValueError:  # a year, a month, or a day that does not exist
                continue
        if days:
            return min(days)
    return None


class _Lines:
    """One pass over one file; ``report`` receives every count, rejection and note."""

    def __init__(self, report: ReportBuilder) -> None:
        self.report = report
        self.skipped: Counter[str] = Counter()

    def entity(self, n: int, raw: dict[str, Any]) -> Entity | None:
        """The entity of one parsed line, or None when skipped (by schema) or rejected."""
        where = f"line {n}"
        native_id, schema_name, properties = raw.get("id"), raw.get("schema"), raw["properties"]
        if not isinstance(native_id, str) or not native_id.strip():
            self.report.reject(where, "no entity id")
            return None
        if not isinstance(schema_name, str) or not schema_name:
            self.report.reject(where, "no schema", record=native_id)
            return None
        schema = SCHEMAS.get(schema_name)
        if schema is None:
            self.skipped[schema_name] += 1
            return None
        names = self._names(where, native_id, properties, raw.get("caption"))
        if not names:
            self.report.reject(where, "no usable name", record=native_id)
            return None
        programmes = _values(properties, "program") + _values(properties, "programId")
        datasets = [d for d in raw.get("datasets") or [] if isinstance(d, str)]
        try:
            listing = Listing(
                source=SOURCE,
                programmes=tuple(dict.fromkeys(programmes or _values(properties, "topics"))),
                listed_on=_listed_on(properties),
                reference=native_id,
            )
            is_person = schema is EntitySchema.PERSON
            return Entity(
                id=f"opensanctions:{native_id.strip()}",
                schema=schema,
                names=tuple(names),
                listings=(listing,),
                birth_dates=self._births(where, properties) if is_person else (),
                nationalities=self._countries(where, properties) if is_person else (),
                gender=self._gender(properties) if is_person else None,
                source_file=self.report.file,
                notes=f"datasets: {', '.join(datasets)}" if datasets else None,
            )
        except ValidationError as error:
            self.report.reject(where, describe_validation_error(error), record=native_id)
            return None

    def _names(
        self, where: str, native_id: str, properties: dict[str, Any], caption: object
    ) -> list[Name]:
        """Every name, each text once. The primary name is the first ``name`` value, or the
        one that is the entity's ``caption`` (OpenSanctions' display name) if there is one;
        the other ``name`` values are aliases. Without ``name``, first + last name is used."""
        texts = {key: _values(properties, key) for key, _ in _NAME_PROPERTIES}
        if caption in texts["name"]:
            texts["name"].remove(caption)
            texts["name"].insert(0, str(caption))
        if not texts["name"]:
            parts = [_values(properties, key)[:1] for key in ("firstName", "lastName")]
            texts["name"] = [" ".join(part[0] for part in parts if part)]
        names: dict[str, Name] = {}
        for key, kind in _NAME_PROPERTIES:
            for text in texts[key]:
                if text in names or not text:
                    continue
                primary = key == "name" and not names
                try:
                    names[text] = Name(full=text, kind=NameKind.PRIMARY if primary else kind)
                except ValidationError as error:
                    reason = error.errors()[0]["msg"]
                    self.report.note(
                        f"{where} ({native_id}): {key} {text[:80]!r} skipped: {reason}"
                    )
        return list(names.values())

    def _births(self, where: str, properties: dict[str, Any]) -> tuple[BirthDate, ...]:
        values = _values(properties, "birthDate")
        found = _dates(values)
        if len(found) < len(values):
            self.report.note(f"{where}: a birthDate of {values} is not a date; it is left out")
        return tuple(BirthDate(value=value) for value in dict.fromkeys(found))

    def _countries(self, where: str, properties: dict[str, Any]) -> tuple[str, ...]:
        codes: dict[str, None] = {}
        for value in _values(properties, "nationality") + _values(properties, "citizenship"):
            code = value.lower()
            if re.fullmatch(r"[a-z]{2}", code):
                codes[code] = None
            else:
                why = f"country code {value!r} (first at {where}) is not ISO 3166-1 alpha-2"
                self.report.note_once(key=f"country:{value}", text=f"{why}; left out")
        return tuple(codes)

    @staticmethod
    def _gender(properties: dict[str, Any]) -> Literal["male", "female"] | None:
        genders = {value.lower() for value in _values(properties, "gender")}
        return "male" if genders == {"male"} else "female" if genders == {"female"} else None

    def finish(self) -> None:
        """Note the records skipped by schema, with their counts."""
        if self.skipped:
            counts = ", ".join(
                f"{schema} {count}" for schema, count in sorted(self.skipped.items())
            )
            total = sum(self.skipped.values())
            self.report.note(f"{SKIPPED_NOTE}: {total} records: {counts}")


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """Yield the entity of each line whose schema is a screening target (see the module doc)."""
    lines = _Lines(report)
    blank = 0
    for n, raw_line in enumerate(stream, start=1):
        try:
            text = raw_line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as error:
            reason = f"not UTF-8 text (byte {error.start} of the line): {error.reason}"
            raise SourceError(reason, file=report.file, position=f"line {n}") from None
        if "\x00" in text:
            raise SourceError("not text: a NUL byte", file=report.file, position=f"line {n}")
        if not text.strip():
            blank += 1
            continue
        report.record()
        try:
            raw = json.loads(text)
        except json.JSONDecodeError as error:
            reason = f"not valid JSON (column {error.colno}): {error.msg}"
            report.reject(f"line {n}", reason)
            continue
        if not isinstance(raw, dict) or not isinstance(raw.get("properties"), dict):
            record = raw.get("id") if isinstance(raw, dict) else None
            reason = "not an FtM entity: no 'properties' object"
            report.reject(f"line {n}", reason, record=record if isinstance(record, str) else None)
            continue
        entity = lines.entity(n, raw)
        if entity is not None:
            yield entity
    if blank:
        report.note(f"{blank} blank lines skipped")
    lines.finish()
