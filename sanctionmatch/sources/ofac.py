"""OFAC lists: the SDN and consolidated non-SDN XML (``sdnList``) and the sdn/alt/add CSV set.

OFAC publishes the same records in two legacy formats. The XML (``SDN.XML``, and
``CONSOLIDATED.XML`` for the non-SDN lists, same schema) holds each entry with its a.k.a.s; the
CSV set splits it into ``sdn.csv`` (one row per entry, its weak a.k.a.s inside the Remarks),
``alt.csv`` (the other aliases) and ``add.csv`` (addresses), joined on ``ent_num`` (see
:mod:`._ofac_csv`). Both are read into the same raw entries and mapped the same way:

- ``Individual`` -> Person, ``Entity`` (``-0-`` in the CSV) -> Organization, Vessel, Aircraft;
- the entry's own name is ``primary``; a.k.a. and n.k.a. -> ``alias``, or ``weak-alias`` where
  OFAC rates them weak; f.k.a. -> ``former``. Every name is kept as the list spells it, white
  space collapsed: XML names are "first last", CSV names "LAST, First" as written; a person's
  given and family names are kept apart;
- dates of birth keep their precision (``17 Oct 1967``, ``Oct 1967``, ``1967``); ``circa`` is
  approximate; a range (``1967 to 1969``) is its first year, approximate;
- nationalities and citizenships become ISO codes through :func:`.countries.country_code`.

A value the reader cannot use (an unknown date form, a country name without a code) never
costs the entity: the report notes it, once per value. Only an entry without a uid, a known
type or any usable name is rejected, with its position.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, Literal, cast
from xml.etree.ElementTree import Element

from pydantic import ValidationError

from ..errors import SourceError
from ..models import BirthDate, Entity, EntitySchema, Listing, ListSource, Name, NameKind
from . import _ofac_csv
from ._ofac_csv import RawEntry, RawName
from .countries import country_code
from .report import ReportBuilder, SourceFormat, describe_validation_error
from .xml import iter_elements, local_name, text_of

__all__ = ["FORMAT", "SOURCE", "parse_birth_date", "read", "read_csv_set", "sniff", "sniff_format"]

FORMAT = SourceFormat.OFAC_XML
#: Until the file shows it is the consolidated non-SDN list (see _NON_SDN_PROGRAMME).
SOURCE = ListSource.OFAC_SDN

_HEAD = 8192
_XML_ROOT = re.compile(
    rb"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<(?:[\w.-]+:)?sdnList[\s>/]", re.DOTALL
)
_XML_RECORDS = frozenset({"sdnEntry", "Publish_Date", "Record_Count"})
_SCHEMAS = {
    "individual": EntitySchema.PERSON,
    "entity": EntitySchema.ORGANIZATION,
    "": EntitySchema.ORGANIZATION,  # sdn.csv writes -0- for an entity
    "vessel": EntitySchema.VESSEL,
    "aircraft": EntitySchema.AIRCRAFT,
}
_ALIAS_KINDS = {
    **dict.fromkeys(("a.k.a.", "aka", "n.k.a.", "nka"), NameKind.ALIAS),
    **dict.fromkeys(("f.k.a.", "fka"), NameKind.FORMER),
}
_GENDERS: dict[str, Literal["male", "female"]] = {"male": "male", "female": "female"}

# Which list is it? Both lists use the same formats and neither names itself (the XML header
# holds only a date and a count). Programme tags tell: some exist only on the non-SDN lists
# (NS-PLC, NS-ISA, NS-MBS..., FSE-* for Foreign Sanctions Evaders, CMIC-* for the Chinese
# Military-Industrial Complex list, 561-Related for the Part 561 list), so an entry listed
# *only* under such tags cannot be on the SDN list, while SDN entries may carry one beside an
# SDN tag (Hamas members of the PLC are [SDGT] [NS-PLC]). The file is the consolidated list
# when such an entry is among its first _HOLD entries. Entities are held back until then, as
# their ids depend on the answer: the consolidated list has always been far shorter than
# _HOLD (442 entries in January 2026), so it is judged whole; the SDN list is released after
# _HOLD entries.
_NON_SDN_PROGRAMME = re.compile(r"(?:NS-|FSE-|CMIC-|561-)", re.IGNORECASE)
_HOLD = 2000

_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_DAY = re.compile(r"(\d{1,2}) ([A-Za-z]{3}) (\d{4})")
_MONTH = re.compile(r"([A-Za-z]{3}) (\d{4})")
_YEAR = re.compile(r"\d{4}")
_YEAR_RANGE = re.compile(r"(\d{4}) ?- ?(\d{4})")
_NOTE_PART_MAX, _NOTE_MAX = 160, 240


def sniff_format(head: bytes) -> SourceFormat | None:
    """Which OFAC file ``head`` begins: an ``sdnList`` XML document, or one of the CSVs
    (told apart by the column counts and typed columns of their first rows)."""
    if _XML_ROOT.match(head.removeprefix(codecs.BOM_UTF8)):
        return SourceFormat.OFAC_XML
    return _ofac_csv.shape(head)


def sniff(head: bytes) -> bool:
    """Whether the first bytes of a file are an OFAC XML list or one of the OFAC CSVs."""
    return sniff_format(head) is not None


def _buffered(stream: BinaryIO) -> io.BufferedReader:
    """The stream itself when it can ``peek``, else a buffered reader over it."""
    if hasattr(stream, "peek"):
        return cast(io.BufferedReader, stream)
    return io.BufferedReader(cast(io.RawIOBase, stream))


def read(stream: BinaryIO, report: ReportBuilder) -> Iterator[Entity]:
    """The entities of an OFAC XML file or of a lone ``sdn.csv``.

    A lone ``alt.csv`` or ``add.csv`` is refused: it only adds to the ``sdn.csv`` it belongs to.
    """
    buffered = _buffered(stream)
    kind = sniff_format(buffered.peek(_HEAD)[:_HEAD])
    if kind in (SourceFormat.OFAC_ALT_CSV, SourceFormat.OFAC_ADD_CSV):
        what = "alt.csv (aliases)" if kind is SourceFormat.OFAC_ALT_CSV else "add.csv (addresses)"
        raise SourceError(
            f"this is an OFAC {what}, which only adds to an sdn.csv: load it together with its "
            "sdn.csv, e.g. sanctionmatch.sources.load_many(['sdn.csv', 'alt.csv', 'add.csv'])",
            file=report.file,
        )
    if kind is SourceFormat.OFAC_SDN_CSV:
        yield from read_csv_set(buffered, report, alt=(), add=())
        return
    mapper = _Mapper(report)
    entries, declared = 0, ""
    for tag, element in iter_elements(buffered, file=report.file, record_tags=_XML_RECORDS):
        if tag == "sdnEntry":
            entries += 1
            report.record()
            yield from mapper.push(_xml_entry(element, f"sdnEntry {entries}"))
        elif tag == "Publish_Date":
            text = text_of(element)
            try:
                report.published = datetime.strptime(text, "%m/%d/%Y").date()
            except ValueError:
                report.note(f"Publish_Date {text!r} is not MM/DD/YYYY: no publication date")
        elif tag == "Record_Count":
            declared = text_of(element)
        elif tag != "sdnList":  # the root, which comes first
            raise SourceError(f"the root element is {tag}, not sdnList", file=report.file)
    yield from mapper.finish()
    if declared and declared != str(entries):
        report.note(f"the file declares Record_Count {declared} but holds {entries} sdnEntry")


def read_csv_set(
    stream: BinaryIO,
    report: ReportBuilder,
    *,
    alt: Sequence[tuple[str, BinaryIO]],
    add: Sequence[tuple[str, BinaryIO]],
) -> Iterator[Entity]:
    """The entities of an ``sdn.csv`` joined with its ``alt.csv`` and ``add.csv`` files.

    The companions (``(file name, stream)`` pairs) are read first and kept per ``ent_num``;
    ``sdn.csv`` is streamed. A companion row whose ``ent_num`` is not in ``sdn.csv`` is
    reported as orphaned (OFAC's files of different dates disagree); a malformed row of any
    file is rejected with its file and row, and reading goes on.
    """
    report.format = SourceFormat.OFAC_SDN_CSV
    aliases = _ofac_csv.companions(
        [(name, _buffered(s)) for name, s in alt], SourceFormat.OFAC_ALT_CSV, report
    )
    addresses = _ofac_csv.companions(
        [(name, _buffered(s)) for name, s in add], SourceFormat.OFAC_ADD_CSV, report
    )
    if not alt:
        report.note(
            "no alt.csv was joined: entities have their sdn.csv name and the weak aliases of its "
            "Remarks only; load sdn.csv with its alt.csv (sources.load_many) for the others"
        )
    mapper = _Mapper(report)
    seen: set[int] = set()
    cut: list[str] = []
    kind = SourceFormat.OFAC_SDN_CSV
    for row in _ofac_csv.rows(_buffered(stream), file=report.file, kind=kind, report=report):
        report.record()
        if row.error is not None:
            report.reject(row.position, row.error, record=row.record)
            continue
        seen.add(row.ent_num)
        raw = _ofac_csv.entry_of(row, aliases.get(row.ent_num, ()))
        cut += [raw.uid] if raw.remarks_cut else []
        yield from mapper.push(raw)
    yield from mapper.finish()
    if cut:
        report.note(
            f"{len(cut)} rows have Remarks cut at OFAC's {_ofac_csv.REMARKS_LIMIT:,}-character "
            "limit: their last, partial remark is ignored and what followed it is missing (the "
            f"XML list has it): ent_num {', '.join(cut)}"
        )
    _ofac_csv.report_orphans((aliases, addresses), seen, report)


def _single_date(text: str) -> str | None:
    """``17 Oct 1967`` -> ``1967-10-17``, ``Oct 1967`` -> ``1967-10``, ``1967`` -> ``1967``."""
    if match := _DAY.fullmatch(text):
        month = _MONTHS.get(match[2].casefold())
        try:
            return date(int(match[3]), month, int(match[1])).isoformat() if month else None
        except ValueError:  # 31 Feb
            return None
    if (match := _MONTH.fullmatch(text)) and (month := _MONTHS.get(match[1].casefold())):
        return f"{match[2]}-{month:02d}"
    return text if _YEAR.fullmatch(text) else None


def parse_birth_date(text: str) -> BirthDate | None:
    """A date of birth as OFAC writes it, or None for a form OFAC does not use.

    >>> parse_birth_date("17 Oct 1967"), parse_birth_date("circa Oct 1967")
    (BirthDate(value='1967-10-17', circa=False), BirthDate(value='1967-10', circa=True))
    >>> parse_birth_date("01 Jan 1989 to 31 Dec 1989"), parse_birth_date("in the 1960s")
    (BirthDate(value='1989', circa=True), None)
    """
    text = " ".join(text.split())
    circa = text.casefold().startswith("circa ")
    text = text[6:] if circa else text
    start, sep, end = text.partition(" to ")
    if match := _YEAR_RANGE.fullmatch(text):  # "circa 1979-1982" in one sdn.csv remark
        start, sep, end = match[1], "-", match[2]
    value = _single_date(start)
    if value is None or (sep and _single_date(end) is None):
        return None
    return BirthDate(value=value[:4] if sep else value, circa=circa or bool(sep))


def _notes(parts: Iterable[str]) -> str | None:
    """Distinct non-empty parts, each shortened, joined with '; ' and shortened again."""

    def shorten(text: str, limit: int) -> str:
        return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"

    kept = dict.fromkeys(shorten(" ".join(part.split()), _NOTE_PART_MAX) for part in parts)
    kept.pop("", None)
    return shorten("; ".join(kept), _NOTE_MAX) if kept else None


def _children(element: Element) -> dict[str, list[Element]]:
    kids: dict[str, list[Element]] = {}
    for child in element:
        kids.setdefault(local_name(child.tag), []).append(child)
    return kids


def _text(kids: dict[str, list[Element]], tag: str) -> str:
    found = kids.get(tag)
    return text_of(found[0]) if found else ""


def _items(
    kids: dict[str, list[Element]], holder: str, item: str
) -> list[dict[str, list[Element]]]:
    """The children of each ``item`` element inside the ``holder`` elements."""
    return [
        _children(element)
        for container in kids.get(holder, ())
        for element in container
        if local_name(element.tag) == item
    ]


def _xml_entry(entry: Element, position: str) -> RawEntry:
    """The raw entry of one ``sdnEntry`` element."""
    kids = _children(entry)
    person = _text(kids, "sdnType").casefold() == "individual"

    def name(parts: dict[str, list[Element]], aka_type: str = "", weak: bool = False) -> RawName:
        first, last = _text(parts, "firstName"), _text(parts, "lastName")
        given, family = (first, last) if person else ("", "")
        return RawName(f"{first} {last}", given, family, aka_type, weak)

    akas = _items(kids, "akaList", "aka")
    vessel = _children(kids["vesselInfo"][0]) if "vesselInfo" in kids else {}
    flag = _text(vessel, "vesselFlag")
    return RawEntry(
        uid=_text(kids, "uid"),
        position=position,
        sdn_type=_text(kids, "sdnType"),
        names=[name(kids)]
        + [name(a, _text(a, "type"), _text(a, "category") == "weak") for a in akas],
        programmes=tuple(
            dict.fromkeys(text_of(p) for h in kids.get("programList", ()) for p in h if text_of(p))
        ),
        birth_dates=[
            _text(d, "dateOfBirth") for d in _items(kids, "dateOfBirthList", "dateOfBirthItem")
        ],
        countries=[_text(n, "country") for n in _items(kids, "nationalityList", "nationality")]
        + [_text(c, "country") for c in _items(kids, "citizenshipList", "citizenship")],
        gender=next(
            (
                _text(i, "idNumber")
                for i in _items(kids, "idList", "id")
                if _text(i, "idType") == "Gender"
            ),
            "",
        ),
        note_parts=[
            _text(kids, "title"),
            ", ".join(p for p in (_text(vessel, "vesselType"), flag and f"flag {flag}") if p),
            _text(kids, "remarks").strip("()"),
        ],
    )


@dataclass(slots=True)
class _Draft:
    """An entry mapped to entity values, waiting for the list (and so its id) to be known."""

    uid: str
    position: str
    programmes: tuple[str, ...]
    values: dict[str, Any]


class _Mapper:
    """Maps the raw entries of one file to entities: notes each odd value once, rejects the
    unusable entries and decides which list the file is (holding entities back until then)."""

    def __init__(self, report: ReportBuilder) -> None:
        self.report = report
        self.source: ListSource | None = None
        self._held: list[_Draft] = []

    def push(self, raw: RawEntry) -> Iterator[Entity]:
        """Map ``raw``; yield its entity, and those held back, once the list is known."""
        draft = self._draft(raw)
        if draft is None:
            return
        if self.source is not None:
            yield from self._entities([draft])
            return
        self._held.append(draft)
        if draft.programmes and all(_NON_SDN_PROGRAMME.match(p) for p in draft.programmes):
            self.source = ListSource.OFAC_CONSOLIDATED
            self.report.note(
                f"read as the OFAC consolidated non-SDN list: uid {draft.uid} is listed only "
                f"under non-SDN programmes ({', '.join(draft.programmes)})"
            )
        elif len(self._held) >= _HOLD:
            self.source = ListSource.OFAC_SDN
        else:
            return
        yield from self.finish()

    def finish(self) -> Iterator[Entity]:
        """Yield what is held back; a file undecided at its end is the SDN list."""
        self.source = self.report.source = self.source or ListSource.OFAC_SDN
        held, self._held = self._held, []
        yield from self._entities(held)

    def _entities(self, drafts: list[_Draft]) -> Iterator[Entity]:
        source = cast(ListSource, self.source)
        for d in drafts:
            try:
                yield Entity(
                    id=f"{source.value}:{d.uid}",
                    listings=(Listing(source=source, programmes=d.programmes, reference=d.uid),),
                    source_file=self.report.file,
                    **d.values,
                )
            except ValidationError as error:
                self.report.reject(d.position, describe_validation_error(error), record=d.uid)

    def _unusable(self, what: str, value: str, uid: str, outcome: str) -> None:
        """Note a value the reader cannot use, once per distinct value."""
        self.report.note_once(
            f"{what} {value!r} {outcome} (first at uid {uid})", key=f"{what}\x00{value}"
        )

    def _draft(self, raw: RawEntry) -> _Draft | None:
        """The entity values of ``raw``; None (rejected) without a uid, type or usable name."""
        uid, position = raw.uid, raw.position
        schema = _SCHEMAS.get(raw.sdn_type.casefold())
        if not uid or schema is None:
            reason = "no uid" if not uid else f"unknown entry type {raw.sdn_type!r}"
            self.report.reject(position, reason, record=uid or None)
            return None
        names = [name for raw_name in raw.names if (name := self._name(uid, raw_name))]
        if not names:
            self.report.reject(position, "no name with a letter or digit", record=uid)
            return None
        if names[0].kind is not NameKind.PRIMARY:
            self.report.note(f"uid {uid}: no usable primary name; kept with its aliases")
        dates = [parse_birth_date(text) for text in raw.birth_dates]
        for text, parsed in zip(raw.birth_dates, dates, strict=True):
            if parsed is None:
                self._unusable("date of birth", text, uid, "has a form the reader does not know")
        codes = [country_code(country) for country in raw.countries]
        for country, code in zip(raw.countries, codes, strict=True):
            if code is None and country:
                self._unusable("country", country, uid, "has no ISO 3166-1 code: not kept")
        gender = _GENDERS.get(raw.gender.casefold())
        if raw.gender and gender is None:
            self._unusable("gender", raw.gender, uid, "is neither Male nor Female: ignored")
        values: dict[str, Any] = {
            "schema": schema,
            "names": tuple(names),
            "birth_dates": tuple(dict.fromkeys(d for d in dates if d)),
            "nationalities": tuple(dict.fromkeys(c for c in codes if c)),
            "gender": gender,
            "notes": _notes(raw.note_parts),
        }
        return _Draft(uid, position, raw.programmes, values)

    def _name(self, uid: str, raw: RawName) -> Name | None:
        """The :class:`Name` of ``raw``, or None (noted) when it has no letter or digit."""
        full = " ".join(raw.full.split())
        kind = _ALIAS_KINDS.get(raw.aka_type.casefold()) if raw.aka_type else NameKind.PRIMARY
        if kind is None:
            self._unusable("alias type", raw.aka_type, uid, "is unknown: read as a.k.a.")
            kind = NameKind.ALIAS
        if raw.weak and kind is NameKind.ALIAS:
            kind = NameKind.WEAK_ALIAS
        try:
            return Name(full=full, kind=kind, given=raw.given or None, family=raw.family or None)
        except ValidationError:
            self.report.note(
                f"uid {uid}: {kind.value} name {full!r} is not usable (no letter or "
                "digit, or over 1000 characters): skipped"
            )
            return None
