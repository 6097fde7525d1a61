"""The UN consolidated list reader, on our fixture ``fixtures/lists/un/un_small.xml``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sanctionmatch import SourceError
from sanctionmatch.models import Entity, EntitySchema, ListSource, NameKind
from sanctionmatch.sources import LoadedList, ReportBuilder, SourceFormat, load, load_bytes, un

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "fixtures" / "lists" / "un" / "un_small.xml"
EU_FIXTURE = ROOT / "fixtures" / "lists" / "eu" / "eu_small.xml"
SOVIET_NOTE = "nationality 'former Soviet Union' has no ISO country code; not kept as a nationality"


@pytest.fixture(scope="module")
def loaded() -> LoadedList:
    return load(FIXTURE)


def by_id(loaded: LoadedList) -> dict[str, Entity]:
    return {entity.id: entity for entity in loaded.entities}


def edited(*replacements: tuple[str, str]) -> LoadedList:
    data = FIXTURE.read_bytes()
    for old, new in replacements:
        assert data.count(old.encode()) == 1, old
        data = data.replace(old.encode(), new.encode())
    return load_bytes(data, file="edited.xml")


def test_the_report_accounts_for_every_record(loaded: LoadedList) -> None:
    report = loaded.report
    assert report.format is SourceFormat.UN_XML
    assert report.source is ListSource.UN
    assert str(report.published) == "2026-02-27"
    assert (report.records_read, report.entities_loaded, report.aliases_loaded) == (8, 8, 49)
    assert report.rejected == ()
    assert SOVIET_NOTE in report.notes
    assert all(note.startswith("nationality ") for note in report.notes)
    schemas = [e.schema_ for e in loaded.entities]
    assert schemas == [EntitySchema.PERSON] * 6 + [EntitySchema.ORGANIZATION] * 2


def test_arabic_original_script_and_a_low_alias(loaded: LoadedList) -> None:
    saddam = by_id(loaded)["un:IQi.001"]
    assert saddam.model_dump(mode="json", exclude_none=True) == {
        "id": "un:IQi.001",
        "schema": "Person",
        "names": [
            {"full": "SADDAM HUSSEIN AL-TIKRITI", "kind": "primary"},
            {"full": "صدام حسين التكريتي", "kind": "alias", "language": "ar"},
            {"full": "Abu Ali", "kind": "weak-alias"},
        ],
        "listings": [
            {
                "source": "un",
                "programmes": ["Iraq"],
                "listed_on": "2003-06-27",
                "reference": "IQi.001",
            }
        ],
        "birth_dates": [{"value": "1937-04-28", "circa": False}],
        "nationalities": ["iq"],
        "source_file": "un_small.xml",
    }


def test_good_and_low_aliases_and_an_approximate_date(loaded: LoadedList) -> None:
    hasri = by_id(loaded)["un:QDi.399"]
    assert [(n.full, n.kind, n.language) for n in hasri.names] == [
        ("BASSAM AHMAD AL-HASRI", NameKind.PRIMARY, None),
        ("بسام أحمد الحصري", NameKind.ALIAS, "ar"),  # spaces around it dropped
        ("Bassam Ahmad Husari", NameKind.ALIAS, None),
        ("Abu Ahmad Akhlaq", NameKind.WEAK_ALIAS, None),
        ("Abu Ahmad al-Shami", NameKind.WEAK_ALIAS, None),
    ]
    assert [(b.value, b.circa) for b in hasri.birth_dates] == [
        ("1969-01-01", False),
        ("1971", True),
    ]


def test_between_and_approximately(loaded: LoadedList) -> None:
    entities = by_id(loaded)
    assert [(b.value, b.circa) for b in entities["un:TAi.144"].birth_dates] == [("1977", True)]
    hakim = entities["un:YEi.002"]
    assert [(b.value, b.circa) for b in hakim.birth_dates] == [("1985", True), ("1984", True)]
    assert hakim.gender == "male"
    assert hakim.notes == "Huthi group second-in-command"
    assert hakim.listings[0].programmes == ("Yemen",)


def test_cyrillic_original_script_and_an_unmapped_nationality(loaded: LoadedList) -> None:
    umarov = by_id(loaded)["un:QDi.290"]
    assert (umarov.names[1].full, umarov.names[1].language) == ("Умаров Доку Хаматович", "ru")
    assert umarov.nationalities == ("ru",)  # "former Soviet Union" is noted, not kept
    assert [b.value for b in umarov.birth_dates] == [
        "1964-04-13",
        "1965-04-13",
        "1964-05-12",
        "1955",
    ]


def test_an_empty_alias_placeholder_is_skipped_silently(loaded: LoadedList) -> None:
    badege = by_id(loaded)["un:CDi.001"]
    assert [n.full for n in badege.names] == ["ERIC BADEGE"]
    assert not any("CDi.001" in note for note in loaded.report.notes)
    assert [(b.value, b.circa) for b in badege.birth_dates] == [("1971", False)]


def test_entities_with_entity_aliases(loaded: LoadedList) -> None:
    entities = by_id(loaded)
    qaida = entities["un:QDe.004"]
    assert qaida.schema_ is EntitySchema.ORGANIZATION
    assert len(qaida.names) == 12 and qaida.birth_dates == ()
    assert (qaida.names[1].full, qaida.names[1].language) == ("القاعدة", "ar")
    assert qaida.names[2].full == '"The Base"'
    assert {n.kind for n in qaida.names[1:]} == {NameKind.ALIAS}
    hawala = entities["un:TAe.014"]
    assert str(hawala.listings[0].listed_on) == "2015-03-27"  # the file says 2015-03-27-04:00
    assert hawala.names[1].language is None  # Pashto letters: the script cannot tell


def test_former_names_and_unknown_qualities() -> None:
    loaded = edited(
        (
            "<QUALITY>a.k.a.</QUALITY>\n        <ALIAS_NAME>Al Qaeda<",
            "<QUALITY>f.k.a.</QUALITY>\n        <ALIAS_NAME>Al Qaeda<",
        ),
        (
            "<QUALITY>a.k.a.</QUALITY>\n        <ALIAS_NAME>Haji Basir Hawala<",
            "<QUALITY>Medium</QUALITY>\n        <ALIAS_NAME>Haji Basir Hawala<",
        ),
    )
    kinds = {n.full: n.kind for e in loaded.entities for n in e.names}
    assert kinds["Al Qaeda"] is NameKind.FORMER
    assert kinds["Haji Basir Hawala"] is NameKind.ALIAS
    assert "alias QUALITY 'Medium' is unknown; read as an alias" in loaded.report.notes


def test_a_record_without_a_name_is_rejected() -> None:
    loaded = edited(
        ("<FIRST_NAME>ERIC</FIRST_NAME>", "<FIRST_NAME/>"),
        ("<SECOND_NAME>BADEGE</SECOND_NAME>", "<SECOND_NAME> </SECOND_NAME>"),
    )
    (issue,) = loaded.report.rejected
    assert (issue.position, issue.record, issue.reason) == (
        "record 6",
        "un:CDi.001",
        "no usable name",
    )
    assert loaded.report.entities_loaded == 7 and loaded.report.records_read == 8


def test_an_invalid_field_rejects_only_its_record() -> None:
    loaded = edited(("<LISTED_ON>2007-09-13</LISTED_ON>", "<LISTED_ON>2007-19-13</LISTED_ON>"))
    (issue,) = loaded.report.rejected
    assert (issue.position, issue.record) == ("record 3", "un:TAi.144")
    assert issue.reason.startswith("listings.0.listed_on")
    assert "un:TAi.144" not in by_id(loaded) and len(loaded.entities) == 7


def test_the_reference_is_stripped() -> None:
    loaded = edited(
        (
            "<REFERENCE_NUMBER>TAe.014</REFERENCE_NUMBER>",
            "<REFERENCE_NUMBER>TAe.014 </REFERENCE_NUMBER>",
        )
    )
    assert loaded.entities[-1].id == "un:TAe.014"
    assert loaded.entities[-1].listings[0].reference == "TAe.014"


def test_a_truncated_file_names_file_and_line() -> None:
    data = FIXTURE.read_bytes()
    with pytest.raises(SourceError) as raised:
        load_bytes(data[: len(data) * 2 // 3], file="cut.xml")
    assert raised.value.file == "cut.xml"
    assert raised.value.position is not None and raised.value.position.startswith("line ")


def test_sniff_reads_the_root_element() -> None:
    assert un.sniff(FIXTURE.read_bytes()[:8192])
    assert not un.sniff(EU_FIXTURE.read_bytes()[:8192])
    assert not un.sniff(b"<?xml version='1.0'?><sdnList><CONSOLIDATED_LIST/></sdnList>")
    assert not un.sniff(b"<CONSOLIDATED_LISTS>")
    assert un.sniff(b"<?xml version='1.0'?>\n<!-- x -->\n<CONSOLIDATED_LIST dateGenerated='x'>")


def test_language_of_script() -> None:
    assert un.language_of_script("金铁三") == "zh"
    assert un.language_of_script("Jin Tiesan (金铁三)") is None  # mixed scripts
    assert un.language_of_script("ﺁخوند") == "ar"  # presentation forms are Arabic letters too


def test_load_detects_the_format() -> None:
    assert load(FIXTURE).report.format is SourceFormat.UN_XML


def test_read_refuses_another_root() -> None:
    report = ReportBuilder(file="eu.xml", format=un.FORMAT, source=un.SOURCE)
    with pytest.raises(SourceError, match="root element is 'export'"):
        list(un.read(io.BytesIO(EU_FIXTURE.read_bytes()), report))
