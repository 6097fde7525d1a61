"""The EU FSF XML 1.1 reader, on our fixture ``fixtures/lists/eu/eu_small.xml``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sanctionmatch import SourceError
from sanctionmatch.models import Entity, EntitySchema, ListSource, NameKind
from sanctionmatch.sources import LoadedList, ReportBuilder, SourceFormat, eu, load, load_bytes

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "lists" / "eu" / "eu_small.xml"
UN_FIXTURE = ROOT / "fixtures" / "lists" / "un" / "un_small.xml"


@pytest.fixture(scope="module")
def loaded() -> LoadedList:
    return load(FIXTURE)


def by_id(loaded: LoadedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in loaded.entities}


def edited(old: str, new: str) -> LoadedList:
    data = FIXTURE.read_bytes()
    assert data.count(old.encode()) == 1, old
    return load_bytes(data.replace(old.encode(), new.encode()), file="edited.xml")


def test_the_report_accounts_for_every_record(loaded: LoadedList) -> None:
    report = loaded.report
    assert report.format is SourceFormat.EU_XML
    assert report.source is ListSource.EU
    assert str(report.published) == "2024-05-13"
    assert (report.records_read, report.entities_loaded, report.aliases_loaded) == (7, 7, 23)
    assert report.rejected == () and report.notes == ()
    assert [e.id for e in loaded.entities] == [
        "eu:13",
        "eu:69",
        "eu:521",
        "eu:6177",
        "eu:136072",
        "eu:140509",
        "eu:136170",
    ]


def test_peskov_every_field(loaded: LoadedList) -> None:
    peskov = by_id(loaded)["eu:136072"]
    assert peskov.model_dump(mode="json", exclude_none=True) == {
        "id": "eu:136072",
        "schema": "Person",
        "names": [
            {"full": "Дмитрий Сергеевич ПЕСКОВ", "kind": "alias"},
            {"full": "Dmitry Sergeyevich PESKOV", "kind": "primary"},
            {"full": "Dmitrij Sergejevitj PESKOV", "kind": "alias", "language": "sv"},
            {"full": "Dmitrij Sergejevič Peskov", "kind": "alias", "language": "sl"},
        ],
        "listings": [
            {
                "source": "eu",
                "programmes": ["UKR"],
                "listed_on": "2022-02-28",
                "reference": "EU.7519.7",
                "regulation": "2022/336 (OJ L58)",
            }
        ],
        "birth_dates": [{"value": "1967-10-17", "circa": False}],
        "nationalities": [],
        "gender": "male",
        "source_file": "eu_small.xml",
        "notes": "press secretary of president Putin",
    }
    assert peskov.caption == "Dmitry Sergeyevich PESKOV"


def test_peskova_spellings_in_each_language(loaded: LoadedList) -> None:
    peskova = by_id(loaded)["eu:140509"]
    assert [(n.full, n.language, n.kind) for n in peskova.names] == [
        ("Jelizaveta Dmitrijevna PESKOVA", "sv", NameKind.ALIAS),
        ("Елизавета Дмитриевна ПЕСКОВА", "ru", NameKind.ALIAS),
        ("Elizaveta Dmitrievna PESKOVA", None, NameKind.PRIMARY),
    ]
    assert peskova.nationalities == ("ru",)
    assert peskova.gender == "female"
    assert peskova.notes == (
        "Vice-President of the Foundation for the Development of Russian – French Historical "
        "Initiatives; Associated individual(s): Dmitriy Peskov (father)"
    )


def test_name_parts_and_a_name_built_from_its_parts(loaded: LoadedList) -> None:
    saddam = by_id(loaded)["eu:13"]
    assert [(n.full, n.given, n.family, n.kind) for n in saddam.names] == [
        ("Saddam Hussein Al-Tikriti", "Saddam", "Hussein Al-Tikriti", NameKind.PRIMARY),
        ("Abu Ali", "Abu", "Ali", NameKind.ALIAS),
        ("Abou Ali", None, None, NameKind.ALIAS),
    ]
    # No designationDate: the earliest regulation gives the listing date.
    (listing,) = saddam.listings
    assert (str(listing.listed_on), listing.regulation) == ("2003-07-08", "1210/2003 (OJ L169)")
    assert saddam.notes == "UNSC RESOLUTION 1483"


def test_circa_and_range_birth_dates(loaded: LoadedList) -> None:
    entities = by_id(loaded)
    huwaysh = [(b.value, b.circa) for b in entities["eu:69"].birth_dates]
    assert huwaysh == [("1942-03-14", False), ("1957", True)]
    assert [(b.value, b.circa) for b in entities["eu:521"].birth_dates] == [("1953", True)]


def test_islamic_calendar_and_arabic_name(loaded: LoadedList) -> None:
    asiri = by_id(loaded)["eu:6177"]
    assert [(b.value, b.circa) for b in asiri.birth_dates] == [("1982-04-19", False)]
    assert asiri.names[0].full == "إبراهيم حسن طالع العسيري"
    assert asiri.names[0].language == "ar"
    assert asiri.caption == "Ibrahim Hassan Tali Al-Asiri"  # Latin script wins
    assert asiri.names[1].middle == "Hassan Tali"
    # The entity's `regulation` element is 2023/329; the earliest citation is 317/2011.
    assert asiri.listings[0].regulation == "317/2011 (OJ L86)"
    assert asiri.programmes == ("TAQA",)


def test_organisation_with_a_weak_alias(loaded: LoadedList) -> None:
    sogaz = by_id(loaded)["eu:136170"]
    assert sogaz.schema_ is EntitySchema.ORGANIZATION
    assert sogaz.caption == "Joint stock company “Gas Industry Insurance Company SOGAZ”"
    kinds = {n.full: n.kind for n in sogaz.names}
    assert kinds["SOGAZ"] is NameKind.WEAK_ALIAS
    assert kinds["Gas Industry Insurance Company SOGAZ"] is NameKind.ALIAS  # spaces collapsed
    assert sogaz.listings[0].regulation == "2022/336 (OJ L58)"
    assert str(sogaz.listings[0].listed_on) == "2022-02-28"
    assert sogaz.birth_dates == () and sogaz.gender is None


def test_an_invalid_field_rejects_only_its_record() -> None:
    loaded = edited('birthdate="1967-10-17"', 'birthdate="1967-13-45"')
    (issue,) = loaded.report.rejected
    assert (issue.position, issue.record) == ("record 5", "eu:136072")
    assert issue.reason.startswith("birth_dates.0.value")
    assert loaded.report.entities_loaded == 6 and loaded.report.records_read == 7
    assert "eu:136072" not in by_id(loaded)


def test_a_name_without_text_is_noted_and_the_entity_kept() -> None:
    loaded = edited('wholeName="Abou Ali"', 'wholeName=" - "')
    assert [n.full for n in by_id(loaded)["eu:13"].names] == [
        "Saddam Hussein Al-Tikriti",
        "Abu Ali",
    ]
    assert loaded.report.notes == ("eu:13: nameAlias '380' has no name text; skipped",)


def test_an_unknown_subject_type_is_noted_and_read_as_an_organisation() -> None:
    loaded = edited('code="enterprise"', 'code="vessel"')
    assert by_id(loaded)["eu:136170"].schema_ is EntitySchema.ORGANIZATION
    assert loaded.report.notes == (
        "eu:136170: subjectType 'vessel' is unknown; read as an Organization",
    )


def test_a_truncated_file_names_file_and_line() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(SourceError) as raised:
        load_bytes(data[: len(data) // 2], file="cut.xml")
    assert raised.value.file == "cut.xml"
    assert raised.value.position is not None and raised.value.position.startswith("line ")
    assert "cut.xml, line " in str(raised.value)


def test_a_dtd_is_refused() -> None:
    data = FIXTURE.read_bytes().replace(
        b"<export ", b'<!DOCTYPE export [<!ENTITY x "y">]>\n<export ', 1
    )
    with pytest.raises(SourceError, match="DTD"):
        load_bytes(data, file="dtd.xml")


def test_sniff_reads_the_root_element() -> None:
    assert eu.sniff(FIXTURE.read_bytes()[:8192])
    assert eu.sniff(b'\xef\xbb\xbf<ns2:export xmlns:ns2="http://eu.europa.ec/fpi/fsd/export">')
    assert not eu.sniff(UN_FIXTURE.read_bytes()[:8192])
    assert not eu.sniff(b'<export xmlns="urn:other">')
    assert not eu.sniff(b'<sdnList xmlns="http://eu.europa.ec/fpi/fsd/export">')
    assert not eu.sniff(b'{"format": "sanctionmatch-list"}')


def test_load_detects_the_format() -> None:
    assert load(FIXTURE).report.format is SourceFormat.EU_XML
    assert load(UN_FIXTURE).report.format is SourceFormat.UN_XML


def test_read_refuses_another_root() -> None:
    report = ReportBuilder(file="un.xml", format=eu.FORMAT, source=eu.SOURCE)
    with pytest.raises(SourceError, match="root element is 'CONSOLIDATED_LIST'"):
        list(eu.read(io.BytesIO(UN_FIXTURE.read_bytes()), report))
