"""The EU consolidated financial sanctions list (FSF), XML schema 1.1.

The file is one ``export`` root (namespace ``http://eu.europa.ec/fpi/fsd/export``, attribute
``generationDate``) holding one ``sanctionEntity`` per listed person or organisation. Each
entity gives its names as ``nameAlias`` elements, one per spelling and language (the
2024-05-13 file has 25,257 for 4,811 entities, 3,687 of them in Cyrillic), its birth dates
as ``birthdate``, its citizenships, and the regulation that lists it.

Every ``nameAlias`` becomes a :class:`~sanctionmatch.models.Name`: a screener that drops the
Swedish or Slovenian romanisation misses the customer who spells it that way. The conventions
are those of ``scripts/extract_fixtures.py`` (the bundled fixture), so the same record read
either way gives the same entity:

- the primary name is the first strong alias with an empty or ``EN`` ``nameLanguage`` written
  in Latin script (the file often puts a Cyrillic spelling without a language first);
- ``listed_on`` is ``designationDate``, else the earliest regulation the entity cites, and
  ``regulation`` is the ``numberTitle`` of that earliest regulation (the ``regulation``
  element itself is usually the *latest* amendment);
- a birth date in another calendar is used only through its Gregorian ``birthdate``
  attribute; a year range becomes its first year, approximate.

The file is streamed with :func:`~sanctionmatch.sources.xml.iter_elements` (defusedxml), one
entity at a time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any, BinaryIO, TypeVar
from xml.etree.ElementTree import Element

from pydantic import ValidationError

from ..errors import SourceError
from ..models import Entity, EntitySchema, ListSource, NameKind
from .report import ReportBuilder, SourceFormat, describe_validation_error
from .xml import iter_elements, local_name

__all__ = ["FORMAT", "NAMESPACE", "SOURCE", "read", "sniff"]

FORMAT = SourceFormat.EU_XML
SOURCE = ListSource.EU
#: The namespace of every element of an FSF 1.1 file.
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

#: ``subjectType/@code`` -> schema. The 2024-05-13 file has only these two codes.
_SCHEMAS = {"person": EntitySchema.PERSON, "enterprise": EntitySchema.ORGANIZATION}
#: Longer functions and remarks are case histories, not a note to show with a match.
NOTE_PART_MAX = 300
#: Remarks on a name shorter than this are annotations ("good quality alias"), not facts.
_NAME_REMARK_MIN = 30
_GENDERS = {"M": "male", "F": "female"}
_RECORD_TAGS = frozenset({"sanctionEntity"})
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_COUNTRY = re.compile(r"^[a-z]{2}$")
# The first start tag after the XML declaration, comments and a doctype (whose internal subset
# may hold ">"): the prefix, the local name and the attributes of the root element.
_PROLOG = rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*"
_ROOT = re.compile(rb"^" + _PROLOG + rb"<(?:([\w.-]+):)?([\w.-]+)([^>]*)>", re.S)


def sniff(head: bytes) -> bool:
    """Whether the file's root element is ``export`` in the FSF namespace."""
    match = _ROOT.match(head.removeprefix(b"\xef\xbb\xbf"))
    if match is None or match.group(2) != b"export":
        return False
    prefix = b":" + match.group(1) if match.group(1) else b""
    declaration = re.search(rb"\sxmlns" + re.escape(prefix) + rb"\s*=\s*[\"']([^\"']*)", match[3])
    return declaration is not None and declaration.group(1) == NAMESPACE.encode()


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """Yield one entity per ``sanctionEntity``; a record that does not validate is rejected
    (with its position and id) and reading goes on."""
    elements = iter_elements(stream, file=report.file, record_tags=_RECORD_TAGS)
    tag, root = next(elements)
    if tag != "export":
        raise SourceError(f"the root element is {tag!r}, not 'export'", file=report.file)
    report.published = _date_of(root.get("generationDate"), report)
    for number, (_tag, element) in enumerate(elements, 1):
        report.record()
        entity_id = f"eu:{_clean(element.get('logicalId'))}"
        try:
            entity = _entity(element, entity_id, report, report.file)
        except ValidationError as error:
            report.reject(f"record {number}", describe_validation_error(error), record=entity_id)
            continue
        yield entity


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _usable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


_T = TypeVar("_T")


def _unique(values: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(values))


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local_name(child.tag) == name]


def _date_of(value: str | None, report: ReportBuilder) -> date | None:
    text = _clean(value)[:10]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        report.note(f"the file's generationDate {value!r} is not a date")
        return None


def _is_latin(text: str) -> bool:
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def _primary(aliases: list[tuple[Element, str]]) -> int | None:
    """The index of the primary name: see the module docstring."""
    strong = [i for i, (alias, _) in enumerate(aliases) if alias.get("strong") != "false"]
    plain = [i for i in strong if _clean(aliases[i][0].get("nameLanguage")).upper() in ("", "EN")]
    latin = [i for i in plain if _is_latin(aliases[i][1])]
    fallback = latin or plain or strong or list(range(len(aliases)))
    return fallback[0] if fallback else None


def _names(
    element: Element, entity_id: str, report: ReportBuilder
) -> tuple[list[dict[str, Any]], list[Element]]:
    """The entity's names, primary first in the returned aliases (for gender and function)."""
    usable: list[tuple[Element, str]] = []
    for alias in _children(element, "nameAlias"):
        full = _clean(alias.get("wholeName"))
        if not _usable(full):
            parts = (alias.get(key) for key in ("firstName", "middleName", "lastName"))
            full = " ".join(_clean(part) for part in parts if _clean(part))
        if not _usable(full):
            report.note(
                f"{entity_id}: nameAlias {alias.get('logicalId')!r} has no name text; skipped"
            )
            continue
        usable.append((alias, full))
    primary = _primary(usable)
    names = []
    for i, (alias, full) in enumerate(usable):
        if i == primary:
            kind = NameKind.PRIMARY
        else:
            kind = NameKind.WEAK_ALIAS if alias.get("strong") == "false" else NameKind.ALIAS
        language = _clean(alias.get("nameLanguage")).lower() or None
        if language is not None and not _LANGUAGE.match(language):
            report.note_once(f"nameLanguage {language!r} is not a language code; kept without one")
            language = None
        names.append(
            {
                "full": full,
                "kind": kind,
                "language": language,
                "given": _clean(alias.get("firstName")) or None,
                "middle": _clean(alias.get("middleName")) or None,
                "family": _clean(alias.get("lastName")) or None,
            }
        )
    ordered = [alias for alias, _ in usable]
    if primary is not None:
        ordered.insert(0, ordered[primary])
    return names, ordered


def _two(value: str) -> str:
    return f"{int(value):02d}" if value.isdigit() else value


def _birth_dates(element: Element, entity_id: str, report: ReportBuilder) -> list[dict[str, Any]]:
    found = []
    elements = _children(element, "birthdate")
    gregorian = [e for e in elements if (e.get("calendarType") or "GREGORIAN") == "GREGORIAN"]
    for item in elements:
        calendar = item.get("calendarType") or "GREGORIAN"
        value, circa = _clean(item.get("birthdate")), item.get("circa") == "true"
        if calendar != "GREGORIAN" and not value:
            # A bare year in another calendar (ISLAMIC 1343) is not converted; the file
            # gives its Gregorian equivalent as a separate element.
            if not gregorian:
                report.note(f"{entity_id}: a {calendar} birth date is not converted")
            continue
        if not value and item.get("year"):
            value = _clean(item.get("year"))
            if item.get("monthOfYear"):
                value += "-" + _two(_clean(item.get("monthOfYear")))
                if item.get("dayOfMonth"):
                    value += "-" + _two(_clean(item.get("dayOfMonth")))
        elif not value and (item.get("yearRangeFrom") or item.get("yearRangeTo")):
            value = _clean(item.get("yearRangeFrom") or item.get("yearRangeTo"))
            circa = True  # a range becomes its first year, approximate
        if value:  # else the element gives only a place of birth
            found.append((value, circa))
    return [{"value": value, "circa": circa} for value, circa in _unique(found)]


def _listing(element: Element) -> dict[str, Any]:
    cited = [
        (_clean(r.get("publicationDate")), _clean(r.get("numberTitle")))
        for r in element.iter()
        if local_name(r.tag) in ("regulation", "regulationSummary") and r.get("publicationDate")
    ]
    earliest = min(cited) if cited else None
    programmes = _unique(
        _clean(r.get("programme")) for r in _children(element, "regulation") if r.get("programme")
    )
    listed_on = _clean(element.get("designationDate")) or (earliest[0] if earliest else None)
    return {
        "source": SOURCE,
        "programmes": programmes,
        "listed_on": listed_on,
        "reference": _clean(element.get("euReferenceNumber")) or None,
        "regulation": (earliest[1] or None) if earliest else None,
    }


def _nationalities(element: Element, report: ReportBuilder) -> tuple[str, ...]:
    codes = []
    for citizenship in _children(element, "citizenship"):
        code = _clean(citizenship.get("countryIso2Code")).lower()
        if not code or code == "00":  # 00 is the file's code for UNKNOWN
            continue
        if _COUNTRY.match(code):
            codes.append(code)
        else:
            report.note_once(f"citizenship countryIso2Code {code!r} is not a country code; skipped")
    return _unique(codes)


def _notes_of(element: Element, ordered: list[Element]) -> str | None:
    functions = [_clean(a.get("function")) for a in ordered if _clean(a.get("function"))]
    remarks = [_clean(r.text) for r in _children(element, "remark")]
    for alias in ordered[1:] if ordered else ():
        remarks += [
            _clean(r.text)
            for r in _children(alias, "remark")
            if len(_clean(r.text)) >= _NAME_REMARK_MIN
        ]
    parts = _unique(p for p in [*functions[:1], *remarks] if p and len(p) <= NOTE_PART_MAX)
    return "; ".join(parts) or None


def _entity(element: Element, entity_id: str, report: ReportBuilder, file: str) -> Entity:
    subject = _children(element, "subjectType")
    code = _clean(subject[0].get("code")) if subject else ""
    schema = _SCHEMAS.get(code)
    if schema is None:
        report.note(f"{entity_id}: subjectType {code!r} is unknown; read as an Organization")
        schema = EntitySchema.ORGANIZATION
    names, ordered = _names(element, entity_id, report)
    genders = [_GENDERS[a.get("gender", "")] for a in ordered if a.get("gender") in _GENDERS]
    return Entity.model_validate(
        {
            "id": entity_id,
            "schema": schema,
            "names": names,
            "listings": [_listing(element)],
            "birth_dates": _birth_dates(element, entity_id, report),
            "nationalities": _nationalities(element, report),
            "gender": genders[0] if genders else None,
            "source_file": file,
            "notes": _notes_of(element, ordered),
        }
    )
