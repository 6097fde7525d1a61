"""The EU and UN readers on the real official files in ``../shared/data/lists``.

Every figure is checked twice: against a count made here independently of the readers
(regular expressions over the file's bytes) and against the exact number measured once, so
that a change in either the reader or the file shows.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import pytest

from sanctionmatch.models import Entity, EntitySchema, NameKind
from sanctionmatch.sources import LoadedList, SourceFormat, load

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
EU_FILE = DATA / "lists" / "eu" / "20240513-FULL-1_1.xml"
UN_FILE = DATA / "lists" / "un" / "consolidated_2026-02-27.xml"

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(
        not (DATA / "lists").is_dir(),
        reason=f"the real list files are not there: {DATA / 'lists'} is missing",
    ),
]

_NAME_PARTS = ("wholeName", "firstName", "middleName", "lastName")


def _attributes(tag: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', tag)}


def _usable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@pytest.fixture(scope="module")
def eu_loaded() -> LoadedList:
    return load(EU_FILE)


@pytest.fixture(scope="module")
def eu_text() -> str:
    return EU_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def un_loaded() -> LoadedList:
    return load(UN_FILE)


@pytest.fixture(scope="module")
def un_text() -> str:
    return UN_FILE.read_text(encoding="utf-8")


def _eu_records(text: str) -> list[tuple[str, list[dict[str, str]]]]:
    """(logicalId, nameAlias attributes) of every sanctionEntity, in file order."""
    records = []
    for segment in re.split(r"(?=<sanctionEntity\b)", text)[1:]:
        opening = re.match(r"<sanctionEntity\b[^>]*>", segment)
        assert opening is not None
        aliases = [_attributes(t) for t in re.findall(r"<nameAlias\b[^>]*>", segment)]
        records.append((_attributes(opening.group(0))["logicalId"], aliases))
    return records


def test_eu_accounts_for_every_record(eu_loaded: LoadedList, eu_text: str) -> None:
    report = eu_loaded.report
    records = _eu_records(eu_text)
    assert len(re.findall(rb"<sanctionEntity\b", EU_FILE.read_bytes())) == len(records) == 4811
    assert report.format is SourceFormat.EU_XML
    assert str(report.published) == "2024-05-13"
    assert report.records_read == 4811
    assert report.rejected == ()
    # Three logicalIds occur twice (547, 593, 120128: the same subject under a second
    # programme); the loader merges each pair into one entity and says so.
    aliases_by_id: dict[str, dict[tuple[str, ...], None]] = {}
    counts = Counter(logical_id for logical_id, _ in records)
    repeated_ids = {logical_id for logical_id, count in counts.items() if count > 1}
    repeated = []
    for logical_id, aliases in records:
        if logical_id in aliases_by_id:
            repeated.append(f"eu:{logical_id}")
        kept = aliases_by_id.setdefault(logical_id, {})
        for number, alias in enumerate(aliases):
            if any(_usable(alias.get(k, "")) for k in _NAME_PARTS):
                # A name of a repeated record that equals one already kept is merged away;
                # within one record every nameAlias counts.
                key = tuple(
                    " ".join(alias.get(k, "").split())
                    for k in ("wholeName", "nameLanguage", *_NAME_PARTS)
                )
                kept[key if logical_id in repeated_ids else (*key, str(number))] = None
    assert repeated == ["eu:547", "eu:593", "eu:120128"]
    assert report.entities_loaded == len(aliases_by_id) == 4808
    assert report.notes == tuple(
        f"record {record} appears more than once; its records were merged" for record in repeated
    )
    merged = next(e for e in eu_loaded.entities if e.id == "eu:547")
    assert {p for listing in merged.listings for p in listing.programmes} == {"AFG", "TAQA"}
    # Aliases: every distinct nameAlias with text, per subject.
    assert sum(len(aliases) for _, aliases in records) == 25257
    assert report.aliases_loaded == sum(len(v) for v in aliases_by_id.values()) == 25254


def test_eu_schemas_and_primary_names(eu_loaded: LoadedList) -> None:
    schemas = [entity.schema_ for entity in eu_loaded.entities]
    assert schemas.count(EntitySchema.PERSON) == 3753
    assert schemas.count(EntitySchema.ORGANIZATION) == 1055
    primaries = [sum(n.kind is NameKind.PRIMARY for n in e.names) for e in eu_loaded.entities]
    assert set(primaries) == {1}
    # Every nameAlias of the file is strong="true".
    assert not any(n.kind is NameKind.WEAK_ALIAS for e in eu_loaded.entities for n in e.names)


def _spellings(text: str, logical_id: str) -> list[str]:
    start = re.search(rf'<sanctionEntity\b[^>]*\blogicalId="{logical_id}">', text)
    assert start is not None
    segment = text[start.start() : text.index("</sanctionEntity>", start.start())]
    return [
        " ".join(_attributes(tag)["wholeName"].split())
        for tag in re.findall(r"<nameAlias\b[^>]*>", segment)
    ]


def _entity(loaded: LoadedList, entity_id: str) -> Entity:
    (entity,) = [e for e in loaded.entities if e.id == entity_id]
    return entity


def test_peskov_and_peskova_have_all_their_spellings(eu_loaded: LoadedList, eu_text: str) -> None:
    peskov = _entity(eu_loaded, "eu:136072")
    assert [(n.full, n.language) for n in peskov.names] == [
        ("Дмитрий Сергеевич ПЕСКОВ", None),
        ("Dmitry Sergeyevich PESKOV", None),
        ("Dmitrij Sergejevitj PESKOV", "sv"),
        ("Dmitrij Sergejevič Peskov", "sl"),
    ]
    assert [n.full for n in peskov.names] == _spellings(eu_text, "136072")
    assert peskov.caption == "Dmitry Sergeyevich PESKOV"
    assert [b.value for b in peskov.birth_dates] == ["1967-10-17"]
    peskova = _entity(eu_loaded, "eu:140509")
    assert [(n.full, n.language) for n in peskova.names] == [
        ("Jelizaveta Dmitrijevna PESKOVA", "sv"),
        ("Елизавета Дмитриевна ПЕСКОВА", "ru"),
        ("Elizaveta Dmitrievna PESKOVA", None),
    ]
    assert [n.full for n in peskova.names] == _spellings(eu_text, "140509")
    assert str(peskova.listings[0].listed_on) == "2022-06-03"


def test_un_accounts_for_every_record(un_loaded: LoadedList, un_text: str) -> None:
    report = un_loaded.report
    individuals = len(re.findall(r"<INDIVIDUAL>", un_text))
    entities = len(re.findall(r"<ENTITY>", un_text))
    assert (individuals, entities) == (730, 273)
    assert report.format is SourceFormat.UN_XML
    assert str(report.published) == "2026-02-27"
    assert report.records_read == report.entities_loaded == 1003
    assert report.rejected == ()
    schemas = [entity.schema_ for entity in un_loaded.entities]
    assert schemas.count(EntitySchema.PERSON) == 730
    assert schemas.count(EntitySchema.ORGANIZATION) == 273
    # One name from the name parts per record, the original script where given, every
    # alias with a name (291 empty alias elements are placeholders).
    originals = [t for t in re.findall(r"<NAME_ORIGINAL_SCRIPT>([^<]*)<", un_text) if t.strip()]
    aliases = [t for t in re.findall(r"<ALIAS_NAME>([^<]*)<", un_text) if t.strip()]
    assert (len(originals), len(aliases)) == (378, 2752)
    assert len(re.findall(r"<ALIAS_NAME/>", un_text)) == 291
    assert report.aliases_loaded == 1003 + len(originals) + len(aliases) == 4133
    kinds = [n.kind for e in un_loaded.entities for n in e.names]
    assert kinds.count(NameKind.PRIMARY) == 1003
    assert kinds.count(NameKind.WEAK_ALIAS) == un_text.count("<QUALITY>Low</QUALITY>") == 615
    assert kinds.count(NameKind.FORMER) == un_text.count("<QUALITY>f.k.a.</QUALITY>") == 19
    # Notes are only about nationality names that have no ISO code (the table may grow).
    assert all(note.startswith("nationality ") for note in report.notes)
    assert any("'former Soviet Union'" in note for note in report.notes)


def test_un_dates(un_loaded: LoadedList) -> None:
    entities = {e.id: e for e in un_loaded.entities}
    assert [(b.value, b.circa) for b in entities["un:TAi.002"].birth_dates] == [
        ("1955", True),
        ("1945", True),
    ]
    assert [(b.value, b.circa) for b in entities["un:TAi.024"].birth_dates] == [("1968", True)]
    assert str(entities["un:QDi.352"].listings[0].listed_on) == "2015-04-07"
    assert "un:KPe.055" in entities  # the file writes "KPe.055 " with a space
