"""The UN Security Council consolidated list XML (``CONSOLIDATED_LIST``).

The root (attribute ``dateGenerated``) holds ``INDIVIDUALS/INDIVIDUAL`` and
``ENTITIES/ENTITY`` records without a namespace. A record names its subject in
``FIRST_NAME`` … ``FOURTH_NAME`` (ordered parts, not roles: Korean entries put the family name
first), maybe again in ``NAME_ORIGINAL_SCRIPT`` (Arabic, Cyrillic…), and lists aliases of a
``QUALITY``: ``Good`` or ``a.k.a.`` (an alias), ``Low`` (a weak one, often a kunya such as
"Abu Ali"), ``f.k.a.`` (a former name).

Every name is kept, each as a :class:`~sanctionmatch.models.Name`, with the conventions of
``scripts/extract_fixtures.py`` (the bundled fixture), so the same record read either way gives
the same entity:

- the primary name is the joined name parts, without a given/family split;
- an original-script name or alias written wholly in one non-Latin script gets the language
  its script tells (Han ``zh``, Hangul ``ko``, Cyrillic ``ru``, Arabic ``ar``; none for
  Arabic script with Persian or Pashto letters, which the script alone cannot place);
- a date ``APPROXIMATELY`` is circa, and ``BETWEEN`` becomes its ``FROM_YEAR``, circa;
- nationalities are country names, mapped with :func:`~.countries.country_code`; a name it
  does not know is noted once in the report (the entity is kept).

The file is streamed with :func:`~sanctionmatch.sources.xml.iter_elements` (defusedxml).
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
from .countries import country_code
from .report import ReportBuilder, SourceFormat, describe_validation_error
from .xml import iter_elements, text_of

__all__ = ["FORMAT", "SOURCE", "language_of_script", "read", "sniff"]

FORMAT = SourceFormat.UN_XML
SOURCE = ListSource.UN

_RECORD_TAGS = frozenset({"INDIVIDUAL", "ENTITY"})
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_KINDS = {
    "Good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "Low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
}
#: A designation longer than this is a case history, not a note to show with a match.
NOTE_PART_MAX = 300
#: Nationality values that are placeholders, not countries ("na": not available).
_NO_COUNTRY = frozenset({"na", "n/a", "unknown"})
# The first start tag after the XML declaration, comments and a doctype (whose internal subset
# may hold ">"): the name of the root element.
_PROLOG = rb"(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*"
_ROOT = re.compile(rb"^" + _PROLOG + rb"<([\w.:-]+)[\s/>]", re.S)
# Letters of the Arabic script that Arabic itself does not use (Persian, Pashto, Urdu...).
_NON_ARABIC_LETTERS = frozenset("پچژگکیۀہےټځڅډړږښګڼۍې")
_SCRIPT_LANGUAGE = {"CJK": "zh", "HANGUL": "ko", "CYRILLIC": "ru"}


def sniff(head: bytes) -> bool:
    """Whether the file's root element is ``CONSOLIDATED_LIST`` (the UN list has no namespace)."""
    match = _ROOT.match(head.removeprefix(b"\xef\xbb\xbf"))
    return match is not None and match.group(1) == b"CONSOLIDATED_LIST"


def language_of_script(text: str) -> str | None:
    """The language a name's script tells, or None when it cannot be told.

    >>> language_of_script("صدام حسين التكريتي"), language_of_script("Умаров Доку")
    ('ar', 'ru')
    >>> language_of_script("د حاجی بصیر"), language_of_script("Abu Ali") is None
    (None, True)
    """
    found = {unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()}
    if len(found) != 1:
        return None
    (script,) = found
    if script == "ARABIC":
        folded = unicodedata.normalize("NFKC", text)
        return None if any(ch in _NON_ARABIC_LETTERS for ch in folded) else "ar"
    return _SCRIPT_LANGUAGE.get(script)


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """Yield one entity per ``INDIVIDUAL`` and ``ENTITY``; a record without a usable name or
    that does not validate is rejected (with its position and reference) and reading goes on."""
    elements = iter_elements(stream, file=report.file, record_tags=_RECORD_TAGS)
    tag, root = next(elements)
    if tag != "CONSOLIDATED_LIST":
        raise SourceError(f"the root element is {tag!r}, not 'CONSOLIDATED_LIST'", file=report.file)
    report.published = _date_of(root.get("dateGenerated"), report)
    for number, (tag, element) in enumerate(elements, 1):
        report.record()
        reference = text_of(element.find("REFERENCE_NUMBER"))
        entity_id = f"un:{reference}"
        names = _names(element, tag, entity_id, report)
        if not names:
            report.reject(
                f"record {number}", "no usable name", record=entity_id if reference else None
            )
            continue
        try:
            entity = _entity(element, tag, entity_id, names, report)
        except ValidationError as error:
            report.reject(f"record {number}", describe_validation_error(error), record=entity_id)
            continue
        yield entity


_T = TypeVar("_T")


def _unique(values: Iterable[_T]) -> list[_T]:
    return list(dict.fromkeys(values))


def _usable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _date_of(value: str | None, report: ReportBuilder) -> date | None:
    text = (value or "").strip()[:10]
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        report.note(f"the file's dateGenerated {value!r} is not a date")
        return None


def _name(full: str, kind: NameKind) -> dict[str, Any]:
    return {"full": full, "kind": kind, "language": language_of_script(full)}


def _names(
    element: Element, tag: str, entity_id: str, report: ReportBuilder
) -> list[dict[str, Any]]:
    """Primary name, original-script name, then every alias, in file order."""
    joined = " ".join(p for p in (text_of(element.find(f)) for f in _NAME_PARTS) if p)
    names = [_name(joined, NameKind.ALIAS)] if _usable(joined) else []
    original = text_of(element.find("NAME_ORIGINAL_SCRIPT"))
    if _usable(original):
        names.append(_name(original, NameKind.ALIAS))
    for alias in element.iterfind(f"{tag}_ALIAS"):
        full, quality = text_of(alias.find("ALIAS_NAME")), text_of(alias.find("QUALITY"))
        if not full:
            # The file writes an empty <…_ALIAS> (no QUALITY, no ALIAS_NAME) as a placeholder
            # for a record without aliases (291 in the 2026-02-27 file): nothing to report.
            continue
        if not _usable(full):
            report.note(f"{entity_id}: alias {full!r} has no letter or digit; skipped")
            continue
        if quality not in _KINDS:
            report.note_once(f"alias QUALITY {quality!r} is unknown; read as an alias")
        names.append(_name(full, _KINDS.get(quality, NameKind.ALIAS)))
    if names:
        # Without name parts, the first other name stands for the record.
        names[0]["kind"] = NameKind.PRIMARY
    return names


def _birth_dates(element: Element, entity_id: str, report: ReportBuilder) -> list[dict[str, Any]]:
    found = []
    for item in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        kind = text_of(item.find("TYPE_OF_DATE"))
        exact = text_of(item.find("DATE")) or text_of(item.find("YEAR"))
        from_year = text_of(item.find("FROM_YEAR"))
        if kind == "BETWEEN" and from_year:
            found.append((from_year, True))  # a range becomes its first year, approximate
        elif exact:
            if kind not in ("EXACT", "APPROXIMATELY"):
                report.note_once(f"TYPE_OF_DATE {kind!r} with a date is unknown; read as given")
            found.append((exact, kind == "APPROXIMATELY"))
        elif from_year:
            report.note(
                f"{entity_id}: a {kind or 'untyped'} range of birth years is read as its first year"
            )
            found.append((from_year, True))
        # Else the element is empty or holds only a NOTE ("30-35 years old"): no date.
    return [{"value": value, "circa": circa} for value, circa in _unique(found)]


def _nationalities(element: Element, report: ReportBuilder) -> list[str]:
    codes = []
    for value in element.iterfind("NATIONALITY/VALUE"):
        name = text_of(value)
        if not name or name.casefold() in _NO_COUNTRY:
            continue
        code = country_code(name)
        if code is None:
            report.note_once(
                f"nationality {name!r} has no ISO country code; not kept as a nationality"
            )
        else:
            codes.append(code)
    return _unique(codes)


def _entity(
    element: Element, tag: str, entity_id: str, names: list[dict[str, Any]], report: ReportBuilder
) -> Entity:
    is_person = tag == "INDIVIDUAL"
    designations = [text_of(v) for v in element.iterfind("DESIGNATION/VALUE")]
    note = "; ".join(_unique(d for d in designations if d and len(d) <= NOTE_PART_MAX))
    gender = text_of(element.find("GENDER")).lower()
    if gender not in ("", "male", "female"):
        report.note_once(f"GENDER {gender!r} is unknown; not kept")
        gender = ""
    programme = text_of(element.find("UN_LIST_TYPE"))
    return Entity.model_validate(
        {
            "id": entity_id,
            "schema": EntitySchema.PERSON if is_person else EntitySchema.ORGANIZATION,
            "names": names,
            "listings": [
                {
                    "source": SOURCE,
                    "programmes": [programme] if programme else [],
                    # Some carry a time zone: 2015-03-27-04:00.
                    "listed_on": text_of(element.find("LISTED_ON"))[:10] or None,
                    "reference": entity_id.removeprefix("un:") or None,
                    "regulation": None,
                }
            ],
            "birth_dates": _birth_dates(element, entity_id, report) if is_person else [],
            "nationalities": _nationalities(element, report),
            "gender": gender or None,
            "source_file": report.file,
            "notes": note or None,
        }
    )
