"""The UK OFSI consolidated list CSV: rows grouped into targets, nothing dropped silently."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from sanctionmatch import SourceError
from sanctionmatch.models import Entity, EntitySchema, ListSource, Name, NameKind
from sanctionmatch.sources import LoadedList, SourceFormat, load, load_bytes, uk

FIXTURE = (
    Path(__file__).resolve().parents[2]
    / "fixtures"
    / "lists"
    / "uk"
    / "ofsi_consolidated_small.csv"
)
HEADER = [
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "National Identification Details",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID",
]


@pytest.fixture(scope="module")
def loaded() -> LoadedList:
    return load(FIXTURE)


def by_id(loaded: LoadedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in loaded.entities}


def csv_bytes(
    *rows: dict[str, str], encoding: str = "utf-8", last_updated: str = "01/03/2024"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Last Updated", last_updated])
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row.get(column, "") for column in HEADER])
    return out.getvalue().encode(encoding)


def person_row(gid: str = "1", **cells: str) -> dict[str, str]:
    base = {"Name 6": "IVANOV", "Name 1": "Ivan", "Group Type": "Individual",
            "Alias Type": "Primary name", "Regime": "Russia", "Group ID": gid}  # fmt: skip
    return {**base, **cells}


def test_the_fixture_is_detected_and_accounted_for(loaded: LoadedList) -> None:
    report = loaded.report
    assert report.format is SourceFormat.UK_OFSI_CSV
    assert report.source is ListSource.UK
    assert report.published == date(2024, 5, 15)
    assert report.records_read == 19  # data rows, the broken one included
    assert [e.id for e in loaded.entities] == [f"uk:9000{i}" for i in range(1, 8)]
    assert report.entities_loaded == 7
    assert report.aliases_loaded == sum(len(e.names) for e in loaded.entities) == 22
    assert loaded.provenance.source is ListSource.UK


def test_every_field_of_the_peskov_target(loaded: LoadedList) -> None:
    peskov = by_id(loaded)["uk:90001"]
    assert peskov.schema_ is EntitySchema.PERSON
    # three rows of the group, the last far from the other two, plus the non-Latin name
    assert peskov.names == (
        Name(full="Dmitry Sergeyevich PESKOV", kind=NameKind.PRIMARY, given="Dmitry",
             middle="Sergeyevich", family="PESKOV"),
        Name(full="Дмитрий Сергеевич ПЕСКОВ", kind=NameKind.ALIAS, language="ru"),
        Name(full="Dmitriy Sergeevich PESKOV", kind=NameKind.ALIAS, given="Dmitriy",
             middle="Sergeevich", family="PESKOV"),
        Name(full="Dmitrii Sergeyevich PESKOV", kind=NameKind.ALIAS, given="Dmitrii",
             middle="Sergeyevich", family="PESKOV"),
    )  # fmt: skip
    assert peskov.caption == "Dmitry Sergeyevich PESKOV"
    assert [b.value for b in peskov.birth_dates] == ["1967-10-17"]
    assert peskov.nationalities == ("ru",)
    assert peskov.gender == "male"
    (listing,) = peskov.listings
    assert listing.source is ListSource.UK
    assert listing.programmes == ("Russia",)
    assert listing.listed_on == date(2022, 2, 28)
    assert listing.reference == "RUS9001"
    assert peskov.source_file == "ofsi_consolidated_small.csv"
    assert peskov.notes is not None
    assert peskov.notes.startswith("Press Secretary of the President of the Russian Federation")


def test_alias_kinds_weak_former_and_variations(loaded: LoadedList) -> None:
    entities = by_id(loaded)
    peskova = {n.full: n.kind for n in entities["uk:90005"].names}
    assert peskova["Elizaveta Dmitrievna PESKOVA"] is NameKind.PRIMARY
    assert peskova["Elizaveta Dmitriyevna PESKOVA"] is NameKind.ALIAS  # Primary name variation
    assert peskova["Liza PESKOVA"] is NameKind.WEAK_ALIAS  # Alias Quality "Low"
    assert entities["uk:90005"].gender == "female"
    bank = entities["uk:90006"]
    assert bank.schema_ is EntitySchema.ORGANIZATION
    assert {n.full: n.kind for n in bank.names} == {
        "PROMSVYAZBANK PUBLIC JOINT STOCK COMPANY": NameKind.PRIMARY,
        'ПАО “Промсвязьбанк"': NameKind.ALIAS,
        "PROMSVJAZBANK": NameKind.ALIAS,
        "PROMSVYAZBANK PJSC": NameKind.ALIAS,
        "OJSC PROMSVYAZBANK": NameKind.FORMER,
    }
    assert all(n.given is None and n.family is None for n in bank.names)
    assert bank.gender is None and bank.birth_dates == ()


def test_the_ship(loaded: LoadedList) -> None:
    ship = by_id(loaded)["uk:90007"]
    assert ship.schema_ is EntitySchema.VESSEL
    assert [(n.full, n.kind) for n in ship.names] == [
        ("PEGAS", NameKind.PRIMARY),
        ("PERUN", NameKind.FORMER),
    ]
    assert ship.listings[0].listed_on == date(2024, 5, 13)
    assert ship.listings[0].reference == "RUS9007"
    assert ship.notes is not None and "9256860" in ship.notes


def test_a_broken_dob_is_reported_with_row_and_group_and_the_row_kept(loaded: LoadedList) -> None:
    notes = [note for note in loaded.report.notes if "31/02/1968" in note]
    assert len(notes) == 1
    assert notes[0].startswith("row 11 (group 90004)")
    chernyshenko = by_id(loaded)["uk:90004"]
    assert "Dmitriy Nikolayevich CHERNYSHENKO" in [n.full for n in chernyshenko.names]
    assert [b.value for b in chernyshenko.birth_dates] == ["1968-09-20"]


def test_a_row_with_the_wrong_column_count_is_rejected_and_the_rest_loads(
    loaded: LoadedList,
) -> None:
    (issue,) = loaded.report.rejected
    assert issue.position == "row 9"
    assert issue.record == "90003"
    assert "24 fields" in issue.reason and "36" in issue.reason
    putin = by_id(loaded)["uk:90003"]
    assert [n.full for n in putin.names] == ["Vladimir Vladimirovich PUTIN", "Vladimir PUTIN"]
    assert putin.listings[0].listed_on == date(2022, 2, 25)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_utf8_with_or_without_bom_and_cp1252(encoding: str) -> None:
    data = csv_bytes(person_row(**{"Name 6": "JOSÉ", "Nationality": "Russia"}), encoding=encoding)
    assert uk.sniff(data[:8192])
    loaded = load_bytes(data, file="ConList.csv")
    assert loaded.report.format is SourceFormat.UK_OFSI_CSV
    assert loaded.entities[0].names[0].full == "Ivan JOSÉ"
    assert loaded.report.published == date(2024, 3, 1)


@pytest.mark.parametrize(
    ("dob", "value"),
    [
        ("17/10/1967", "1967-10-17"),
        ("00/10/1967", "1967-10"),
        ("00/00/1967", "1967"),
        ("1967", "1967"),
    ],
)
def test_birth_dates_with_unknown_parts(dob: str, value: str) -> None:
    loaded = load_bytes(csv_bytes(person_row(DOB=dob)), file="ConList.csv")
    assert [b.value for b in loaded.entities[0].birth_dates] == [value]
    assert loaded.report.notes == ()


def test_rows_without_group_id_or_name_and_unknown_group_types_are_rejected() -> None:
    rows = (
        person_row("1"),
        person_row("", **{"Name 6": "NOID"}),
        person_row("2", **{"Name 6": "", "Name 1": ""}),
        person_row("3", **{"Group Type": "Spaceship"}),
    )
    loaded = load_bytes(csv_bytes(*rows), file="ConList.csv")
    assert [e.id for e in loaded.entities] == ["uk:1"]
    assert loaded.report.records_read == 4
    assert [(i.position, i.record) for i in loaded.report.rejected] == [
        ("row 4", None),
        ("row 5", "2"),
        ("row 6", "3"),
    ]


def test_unmapped_nationalities_and_languages_are_noted_once_and_the_entity_kept() -> None:
    rows = (
        person_row(
            "1",
            Nationality="Atlantis",
            **{"Name Non-Latin Script": "Иван", "Non-Latin Script Language": "Klingon"},
        ),
        person_row("1", Nationality="Atlantis", **{"Name 1": "Iwan"}),
        person_row("2", Nationality="(1) Russia (2) Atlantis"),
    )
    loaded = load_bytes(csv_bytes(*rows), file="ConList.csv")
    assert [e.id for e in loaded.entities] == ["uk:1", "uk:2"]
    assert loaded.entities[1].nationalities == ("ru",)
    assert loaded.entities[0].nationalities == ()
    assert [n.language for n in loaded.entities[0].names if n.full == "Иван"] == [None]
    assert sum("'Atlantis'" in note for note in loaded.report.notes) == 1
    assert sum("'Klingon'" in note for note in loaded.report.notes) == 1


def test_a_file_without_the_last_updated_line_loads_without_a_date() -> None:
    data = csv_bytes(person_row()).split(b"\r\n", 1)[1]
    loaded = load_bytes(data, file="ConList.csv")
    assert loaded.report.published is None
    assert [e.id for e in loaded.entities] == ["uk:1"]
    assert any("Last Updated" in note for note in loaded.report.notes)


def test_bytes_that_are_not_text_raise_a_source_error_naming_file_and_line() -> None:
    data = b"\xef\xbb\xbf" + csv_bytes(person_row()) + b"BAD\xff,Ivan\r\n"
    with pytest.raises(SourceError) as caught:
        load_bytes(data, file="ConList.csv")
    assert (caught.value.file, caught.value.position) == ("ConList.csv", "line 4")
    with pytest.raises(SourceError) as caught:
        load_bytes(csv_bytes(person_row()) + b"BAD\x00,Ivan\r\n", file="ConList.csv")
    assert caught.value.position == "line 4"


def test_sniff_claims_only_the_ofsi_csv() -> None:
    assert uk.sniff(FIXTURE.read_bytes()[:8192])
    assert uk.sniff(",".join(HEADER).encode() + b"\r\n")
    assert not uk.sniff(b'{"format": "sanctionmatch-list", "format_version": 1}')
    assert not uk.sniff(b'{"id": "x", "schema": "Person", "properties": {}}\n')
    assert not uk.sniff(b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"\r\n')
    assert not uk.sniff(b"Report Date: 23-Sep-2026\r\nUnique ID,Name 6\r\n")
