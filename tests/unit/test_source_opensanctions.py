"""FollowTheMoney JSON lines: targets become entities, other schemata are counted, bad lines named."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sanctionmatch import SourceError
from sanctionmatch.models import Entity, EntitySchema, ListSource, NameKind
from sanctionmatch.sources import LoadedList, SourceFormat, load, load_bytes, opensanctions, uk

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "lists" / "ftm" / "small.ftm.jsonl"
UK_FIXTURE = FIXTURE.parents[1] / "uk" / "ofsi_consolidated_small.csv"


@pytest.fixture(scope="module")
def loaded() -> LoadedList:
    return load(FIXTURE)


def by_id(loaded: LoadedList) -> dict[str, Entity]:
    return {entity.id.removeprefix("opensanctions:"): entity for entity in loaded.entities}


def line(**fields: object) -> bytes:
    entity = {"id": "x-1", "schema": "Person", "properties": {"name": ["Ivan IVANOV"]}}
    entity.update(fields)
    return json.dumps(entity, ensure_ascii=False).encode() + b"\n"


def test_the_fixture_is_detected_and_accounted_for(loaded: LoadedList) -> None:
    report = loaded.report
    assert report.format is SourceFormat.FTM_JSONL
    assert report.source is ListSource.OPENSANCTIONS
    assert report.published is None
    assert report.records_read == 11
    assert report.entities_loaded == 8
    assert report.rejected == ()
    assert report.notes == (
        f"{opensanctions.SKIPPED_NOTE}: 3 records: Address 1, Family 1, Sanction 1",
    )
    assert [e.schema_ for e in loaded.entities].count(EntitySchema.PERSON) == 4


def test_person_fields(loaded: LoadedList) -> None:
    peskov = by_id(loaded)["sm-ftm-peskov-dmitry"]
    assert peskov.id == "opensanctions:sm-ftm-peskov-dmitry"
    assert peskov.schema_ is EntitySchema.PERSON
    # the caption is the primary name even when another `name` value comes first
    assert [(n.full, n.kind) for n in peskov.names] == [
        ("Dmitry Sergeyevich PESKOV", NameKind.PRIMARY),
        ("Dmitriy Sergeevich PESKOV", NameKind.ALIAS),
        ("Dmitrii Sergeyevich PESKOV", NameKind.ALIAS),
        ("Дмитрий Сергеевич ПЕСКОВ", NameKind.ALIAS),
    ]
    assert [b.value for b in peskov.birth_dates] == ["1967-10-17"]
    assert peskov.nationalities == ("ru",)
    assert peskov.gender == "male"
    (listing,) = peskov.listings
    assert listing.source is ListSource.OPENSANCTIONS
    assert listing.programmes == ("UKR", "RUSSIA-EO14024")
    assert listing.listed_on == date(2022, 2, 28)  # from createdAt
    assert listing.reference == "sm-ftm-peskov-dmitry"
    assert peskov.notes == "datasets: eu_fsf, us_ofac_sdn"


def test_partial_dates_citizenship_weak_and_former_names(loaded: LoadedList) -> None:
    entities = by_id(loaded)
    assert [b.value for b in entities["sm-ftm-peskova-elizaveta"].birth_dates] == ["1998"]
    assert entities["sm-ftm-peskova-elizaveta"].gender == "female"
    assert entities["sm-ftm-tokarev-nikolay"].nationalities == ("ru",)  # from citizenship
    komid = entities["sm-ftm-komid"]
    assert komid.schema_ is EntitySchema.ORGANIZATION
    assert [n.full for n in komid.names if n.kind is NameKind.WEAK_ALIAS] == ["KOMID"]
    assert komid.programmes == ("sanction",)  # no program: the topics
    bank = entities["sm-ftm-promsvyazbank"]
    assert bank.schema_ is EntitySchema.ORGANIZATION  # FtM Company
    assert [n.full for n in bank.names if n.kind is NameKind.FORMER] == ["OJSC PROMSVYAZBANK"]
    assert bank.birth_dates == () and bank.nationalities == () and bank.gender is None
    ship = entities["sm-ftm-pegas"]
    assert ship.schema_ is EntitySchema.VESSEL
    assert [(n.full, n.kind) for n in ship.names] == [
        ("PEGAS", NameKind.PRIMARY),
        ("PERUN", NameKind.FORMER),
    ]
    plane = entities["sm-ftm-m-iabu"]
    assert plane.schema_ is EntitySchema.AIRCRAFT
    assert [n.full for n in plane.names] == ["M-IABU", "BOURKHAN"]


def test_a_malformed_line_is_rejected_with_its_line_number_and_the_rest_loads() -> None:
    lines = FIXTURE.read_bytes().splitlines(keepends=True)
    data = b"".join(
        [*lines[:2], b'{"id": "broken", "schema": "Person", "properties": {\n', *lines[2:]]
    )
    loaded = load_bytes(data, file="broken.ftm.jsonl")
    assert loaded.report.records_read == 12
    assert loaded.report.entities_loaded == 8
    (issue,) = loaded.report.rejected
    assert issue.position == "line 3"
    assert "not valid JSON" in issue.reason


def test_lines_that_are_not_entities_are_rejected_not_dropped() -> None:
    data = (
        line()
        + b"[1, 2]\n"
        + line(id="x-2", properties=[])
        + line(id="x-3", properties={"name": ["  "]})
        + line(id="x-4", schema="")
    )
    loaded = load_bytes(data, file="odd.ftm.jsonl")
    assert [e.id for e in loaded.entities] == ["opensanctions:x-1"]
    assert loaded.report.records_read == 5
    assert [(i.position, i.record) for i in loaded.report.rejected] == [
        ("line 2", None),
        ("line 3", "x-2"),
        ("line 4", "x-3"),
        ("line 5", "x-4"),
    ]


def test_listing_date_first_then_created_at_and_bad_values_noted() -> None:
    properties = {
        "name": ["Ivan IVANOV"],
        "listingDate": ["2023-05-01", "2023-02-30", "2023"],
        "createdAt": ["2022-01-01T10:00:00"],
        "birthDate": ["1970-05", "sometime"],
        "nationality": ["RU", "suhh"],
        "gender": ["male", "female"],
    }
    loaded = load_bytes(line(properties=properties), file="x.ftm.jsonl")
    (entity,) = loaded.entities
    assert entity.listings[0].listed_on == date(2023, 5, 1)
    assert [b.value for b in entity.birth_dates] == ["1970-05"]
    assert entity.nationalities == ("ru",)
    assert entity.gender is None  # two genders: none is kept
    assert any("sometime" in note for note in loaded.report.notes)
    assert any("'suhh'" in note for note in loaded.report.notes)


def test_a_file_that_is_not_text_raises_a_source_error_naming_file_and_line() -> None:
    with pytest.raises(SourceError) as caught:
        load_bytes(line() + b'{"id": "\xff\xfe"}\n', file="bad.ftm.jsonl")
    assert (caught.value.file, caught.value.position) == ("bad.ftm.jsonl", "line 2")


def test_sniff_claims_only_ftm() -> None:
    head = FIXTURE.read_bytes()[:8192]
    assert opensanctions.sniff(head)
    assert opensanctions.sniff(b"\n\n" + line())
    assert opensanctions.sniff(line(properties={"notes": ["x" * 10000]})[:8192])  # a cut line
    assert not opensanctions.sniff(
        b'{"format": "sanctionmatch-list", "format_version": 1, "list": {}}'
    )
    assert not opensanctions.sniff(b'{\n  "format": "sanctionmatch-list",\n  "entities": []\n}\n')
    assert not opensanctions.sniff(b'[{"id": "x", "schema": "Person", "properties": {}}]')
    assert not opensanctions.sniff(b'{"id": "x", "schema": "Person"}\n')
    assert not opensanctions.sniff(UK_FIXTURE.read_bytes()[:8192])
    assert not uk.sniff(head)


def test_load_detects_each_format() -> None:
    assert load(FIXTURE).report.format is SourceFormat.FTM_JSONL
    assert load(UK_FIXTURE).report.format is SourceFormat.UK_OFSI_CSV
