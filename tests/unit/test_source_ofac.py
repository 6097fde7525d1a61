"""The OFAC readers on our fixtures ``fixtures/lists/ofac/``: the XML, the CSV set, sniffing."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from sanctionmatch import SourceError
from sanctionmatch.models import (
    BirthDate,
    Entity,
    EntitySchema,
    Listing,
    ListSource,
    Name,
    NameKind,
)
from sanctionmatch.sources import (
    LoadedList,
    ReportBuilder,
    SourceFormat,
    detect_format,
    load,
    load_bytes,
    load_many,
    ofac,
)
from sanctionmatch.sources.countries import country_code

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "lists" / "ofac"
XML = FIXTURES / "sdn_small.xml"
SDN, ALT, ADD = FIXTURES / "sdn.csv", FIXTURES / "alt.csv", FIXTURES / "add.csv"
OFSI_HEAD = (
    b"Last Updated,28/02/2024\r\n"
    b"Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,DOB,Town of Birth,"
    b"Country of Birth,Nationality,Passport Number,Passport Details,National Identification "
    b"Number,National Identification Details,Position,Address 1,Address 2,Address 3,Address 4,"
    b"Address 5,Address 6,Post/Zip Code,Country,Other Information,Group Type,Alias Type,"
    b"Alias Quality,Regime,Listed On,UK Sanctions List Date Designated,Last Updated,Group ID\r\n"
    b"HUSSEIN,Saddam,,,,,,,28/04/1937,al-Awja,Iraq,Iraqi,,,,,,,,,,,,,,,Individual,"
    b"Primary name,,Iraq,27/11/2002,31/12/2020,01/02/2021,13\r\n"
)


@pytest.fixture(scope="module")
def xml_list() -> LoadedList:
    return load(XML)


@pytest.fixture(scope="module")
def csv_set() -> LoadedList:
    (loaded,) = load_many([SDN, ALT, ADD])
    return loaded


def by_ref(loaded: LoadedList) -> dict[str, Entity]:
    return {entity.listings[0].reference or "": entity for entity in loaded.entities}


def edited_xml(*replacements: tuple[str, str]) -> LoadedList:
    text = XML.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return load_bytes(text.encode("utf-8"), file="edited.xml")


def csv_bytes(path: Path, *, insert: dict[int, bytes] | None = None) -> bytes:
    """The fixture's bytes with rows inserted before the given 0-based line numbers."""
    lines = path.read_bytes().split(b"\r\n")
    for at, row in sorted((insert or {}).items(), reverse=True):
        lines.insert(at, row)
    return b"\r\n".join(lines)


def names(entity: Entity) -> list[tuple[str, NameKind]]:
    return [(name.full, name.kind) for name in entity.names]


# --- XML ------------------------------------------------------------------------------------


def test_xml_report(xml_list: LoadedList) -> None:
    report = xml_list.report
    assert report.format is SourceFormat.OFAC_XML
    assert report.source is ListSource.OFAC_SDN
    assert report.published == date(2024, 5, 7)
    assert (report.records_read, report.entities_loaded, report.aliases_loaded) == (9, 9, 28)
    assert report.rejected == report.orphaned == ()
    assert report.notes == ()
    assert xml_list.provenance.title == "OFAC Specially Designated Nationals (SDN) list"


def test_peskov_every_field(xml_list: LoadedList) -> None:
    def alias(first: str) -> Name:
        return Name(full=f"{first} PESKOV", kind=NameKind.ALIAS, given=first, family="PESKOV")

    expected = Entity(
        id="ofac-sdn:35320",
        schema=EntitySchema.PERSON,
        names=(
            Name(
                full="Dmitriy Sergeevich PESKOV",
                kind=NameKind.PRIMARY,
                given="Dmitriy Sergeevich",
                family="PESKOV",
            ),
            *(
                alias(first)
                for first in (
                    "Dmitriy Sergeyevich",
                    "Dmitrii Sergeyevich",
                    "Dmitry Sergeyevich",
                    "Dmitry Sergeevich",
                    "Dmitryi Sergeevich",
                    "Dmitryi Sergeyevich",
                    "Dmitrii Sergeevich",
                )
            ),
        ),
        listings=(
            Listing(source=ListSource.OFAC_SDN, programmes=("RUSSIA-EO14024",), reference="35320"),
        ),
        birth_dates=(BirthDate(value="1967-10-17"),),
        nationalities=("ru",),
        gender="male",
        source_file="sdn_small.xml",
        notes=None,
    )
    assert by_ref(xml_list)["35320"] == expected


def test_tokarev(xml_list: LoadedList) -> None:
    tokarev = by_ref(xml_list)["35084"]
    assert tokarev.id == "ofac-sdn:35084"
    assert names(tokarev) == [
        ("Nikolay Petrovich TOKAREV", NameKind.PRIMARY),
        ("Nikolay TOKAREV", NameKind.ALIAS),
        ("Nikolai TOKAREV", NameKind.ALIAS),
    ]
    assert tokarev.birth_dates == (BirthDate(value="1950-12-20"),)
    assert (tokarev.nationalities, tokarev.gender) == (("ru",), "male")


def test_vessel_every_field(xml_list: LoadedList) -> None:
    expected = Entity(
        id="ofac-sdn:15036",
        schema=EntitySchema.VESSEL,
        names=(
            Name(full="ARTAVIL", kind=NameKind.PRIMARY),
            Name(full="ABADAN", kind=NameKind.FORMER),
            Name(full="ALPHA", kind=NameKind.FORMER),  # a weak f.k.a. is still a former name
            Name(full="SHONA", kind=NameKind.FORMER),
        ),
        listings=(Listing(source=ListSource.OFAC_SDN, programmes=("IRAN",), reference="15036"),),
        source_file="sdn_small.xml",
        notes="Crude/Oil Products Tanker, flag Iran; Linked To: NATIONAL IRANIAN TANKER COMPANY",
    )
    assert by_ref(xml_list)["15036"] == expected


def test_schemas_and_alias_kinds(xml_list: LoadedList) -> None:
    entities = by_ref(xml_list)
    bank, aero, aircraft = entities["306"], entities["8244"], entities["35302"]
    assert bank.schema_ is EntitySchema.ORGANIZATION
    assert names(bank) == [
        ("BANCO NACIONAL DE CUBA", NameKind.PRIMARY),
        ("BNC", NameKind.WEAK_ALIAS),
        ("NATIONAL BANK OF CUBA", NameKind.ALIAS),
    ]
    # An organisation's name is not split into given and family names.
    assert all(name.given is None and name.family is None for name in bank.names)
    assert names(aero)[2] == ("NUEVO CONTINENTE S.A.", NameKind.ALIAS)  # n.k.a.
    assert aircraft.schema_ is EntitySchema.AIRCRAFT
    assert names(aircraft) == [("M-IABU", NameKind.PRIMARY), ("BOURKHAN", NameKind.ALIAS)]
    assert aircraft.notes == "Linked To: USMANOV, Alisher Burhanovich"


def test_weak_nka_is_a_weak_alias() -> None:
    loaded = edited_xml(
        (
            "<type>n.k.a.</type>\n        <category>strong</category>",
            "<type>n.k.a.</type>\n        <category>weak</category>",
        ),
    )
    assert names(by_ref(loaded)["8244"])[2] == ("NUEVO CONTINENTE S.A.", NameKind.WEAK_ALIAS)


def test_birth_dates_and_citizenship_from_the_fixture(xml_list: LoadedList) -> None:
    entities = by_ref(xml_list)
    assert entities["8175"].birth_dates == (BirthDate(value="1950", circa=True),)
    assert entities["8175"].nationalities == ("ye",)
    assert entities["21286"].birth_dates == (BirthDate(value="1989", circa=True),)
    assert entities["21286"].nationalities == ("sa",)  # from citizenshipList
    assert entities["30344"].birth_dates == (BirthDate(value="1961-09"),)


@pytest.mark.parametrize(
    ("text", "value", "circa"),
    [
        ("17 Oct 1967", "1967-10-17", False),
        ("05 Jan 1970", "1970-01-05", False),
        ("Oct 1967", "1967-10", False),
        ("1967", "1967", False),
        ("circa 1967", "1967", True),
        ("circa 17 Oct 1967", "1967-10-17", True),
        ("1967 to 1969", "1967", True),
        ("01 Dec 1952 to 31 Dec 1952", "1952", True),
        ("Oct 1967 to Nov 1967", "1967", True),
        ("circa 1979-1982", "1979", True),
        ("  17  Oct   1967 ", "1967-10-17", False),
    ],
)
def test_birth_date_forms(text: str, value: str, circa: bool) -> None:
    assert ofac.parse_birth_date(text) == BirthDate(value=value, circa=circa)


@pytest.mark.parametrize(
    "text", ["", "31 Feb 1970", "17 Okt 1967", "about 1967", "1967 to later", "67", "Oct"]
)
def test_birth_date_forms_not_used_by_ofac(text: str) -> None:
    assert ofac.parse_birth_date(text) is None


def test_unknown_date_is_noted_once_and_the_entity_kept() -> None:
    loaded = edited_xml(
        ("<dateOfBirth>17 Oct 1967</dateOfBirth>", "<dateOfBirth>late 1960s</dateOfBirth>"),
        ("<dateOfBirth>20 Dec 1950</dateOfBirth>", "<dateOfBirth>late 1960s</dateOfBirth>"),
    )
    entities = by_ref(loaded)
    assert entities["35320"].birth_dates == entities["35084"].birth_dates == ()
    assert loaded.report.entities_loaded == 9
    assert loaded.report.notes == (
        "date of birth 'late 1960s' has a form the reader does not know (first at uid 35084)",
    )


def test_unmapped_country_is_noted_once() -> None:
    loaded = edited_xml(
        (
            "<uid>47594</uid>\n        <country>Russia</country>",
            "<uid>47594</uid>\n        <country>Region: Crimea</country>",
        ),
        (
            "<uid>46992</uid>\n        <country>Russia</country>",
            "<uid>46992</uid>\n        <country>Region: Crimea</country>",
        ),
    )
    entities = by_ref(loaded)
    assert entities["35320"].nationalities == entities["35084"].nationalities == ()
    assert loaded.report.notes == (
        "country 'Region: Crimea' has no ISO 3166-1 code: not kept (first at uid 35084)",
    )


def test_entry_without_a_usable_name_is_rejected() -> None:
    loaded = edited_xml(
        (
            "<firstName>Zhonghua</firstName>\n    <lastName>DENG</lastName>",
            "<firstName>-</firstName>\n    <lastName>?</lastName>",
        ),
    )
    (issue,) = loaded.report.rejected
    assert (issue.position, issue.record) == ("sdnEntry 6", "30344")
    assert "no name" in issue.reason
    assert loaded.report.records_read == 9
    assert loaded.report.entities_loaded == 8


def test_unknown_entry_type_is_rejected() -> None:
    loaded = edited_xml(("<sdnType>Aircraft</sdnType>", "<sdnType>Spaceship</sdnType>"))
    (issue,) = loaded.report.rejected
    assert (issue.position, issue.record) == ("sdnEntry 8", "35302")
    assert "Spaceship" in issue.reason


def test_consolidated_list_is_told_by_its_programmes() -> None:
    loaded = edited_xml(("<program>CUBA</program>", "<program>NS-PLC</program>"))
    report = loaded.report
    assert report.source is ListSource.OFAC_CONSOLIDATED
    assert all(entity.id.startswith("ofac-cons:") for entity in loaded.entities)
    assert all(entity.sources == (ListSource.OFAC_CONSOLIDATED,) for entity in loaded.entities)
    assert report.notes == (
        "read as the OFAC consolidated non-SDN list: uid 306 is listed only under non-SDN "
        "programmes (NS-PLC)",
    )
    assert loaded.provenance.title == "OFAC consolidated non-SDN list"


def test_a_non_sdn_programme_beside_an_sdn_one_stays_sdn() -> None:
    loaded = edited_xml(
        ("<program>CUBA</program>", "<program>SDGT</program>\n      <program>NS-PLC</program>")
    )
    assert loaded.report.source is ListSource.OFAC_SDN
    assert by_ref(loaded)["306"].programmes == ("SDGT", "NS-PLC")


def test_the_list_is_decided_after_the_first_entries_and_entities_stream() -> None:
    entry = (
        "<sdnEntry><uid>{uid}</uid><lastName>ENTRY {uid}</lastName><sdnType>Entity</sdnType>"
        "<programList><program>{program}</program></programList></sdnEntry>"
    )
    entries = [entry.format(uid=uid, program="SDGT") for uid in range(1, 2006)]
    entries.append(entry.format(uid=9999, program="NS-PLC"))  # too late to change the list
    text = f'<?xml version="1.0"?><sdnList xmlns="urn:x">{"".join(entries)}</sdnList>'
    report = ReportBuilder(file="many.xml", format=ofac.FORMAT, source=ofac.SOURCE)
    stream = io.BufferedReader(io.BytesIO(text.encode()))
    entities = ofac.read(stream, report)
    assert next(entities).id == "ofac-sdn:1"
    assert report.records_read == 2000  # held back no further than that
    assert [e.id for e in entities][-1] == "ofac-sdn:9999"


def test_truncated_xml_names_file_and_line() -> None:
    data = XML.read_bytes()
    with pytest.raises(SourceError) as caught:
        load_bytes(data[: len(data) // 2], file="sdn_small.xml")
    assert caught.value.file == "sdn_small.xml"
    assert caught.value.position is not None and caught.value.position.startswith("line ")


def test_not_an_sdn_list_root() -> None:
    assert not ofac.sniff(b'<?xml version="1.0"?><sdnEntries xmlns="urn:x"></sdnEntries>')


def test_record_count_mismatch_is_noted() -> None:
    loaded = edited_xml(("<Record_Count>9</Record_Count>", "<Record_Count>10</Record_Count>"))
    assert loaded.report.notes == ("the file declares Record_Count 10 but holds 9 sdnEntry",)


def test_read_accepts_a_stream_without_peek() -> None:
    report = ReportBuilder(file="sdn_small.xml", format=ofac.FORMAT, source=ofac.SOURCE)
    entities = list(ofac.read(io.BytesIO(XML.read_bytes()), report))
    assert len(entities) == 9


# --- sniffing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (XML, SourceFormat.OFAC_XML),
        (SDN, SourceFormat.OFAC_SDN_CSV),
        (ALT, SourceFormat.OFAC_ALT_CSV),
        (ADD, SourceFormat.OFAC_ADD_CSV),
    ],
)
def test_sniff_format_from_content(path: Path, expected: SourceFormat) -> None:
    head = path.read_bytes()[:8192]
    assert ofac.sniff_format(head) is expected
    assert detect_format(head) is ofac


@pytest.mark.parametrize(
    "head",
    [
        OFSI_HEAD,
        b'{"format": "sanctionmatch-list"}',
        b'<?xml version="1.0"?><export xmlns="http://eu.europa.ec/fpi/fsd/export">',
        b'<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="2026-02-27">',
        b"ent_num,alt_num\r\n",
        b"1,2,3\r\n4,5,6\r\n",
        b"",
    ],
)
def test_sniff_claims_no_other_format(head: bytes) -> None:
    assert ofac.sniff_format(head) is None


def test_sniff_ignores_one_damaged_row_and_a_cut_last_line() -> None:
    data = csv_bytes(SDN, insert={1: b'99,"BROKEN ROW"'})
    assert ofac.sniff_format(data[:300]) is SourceFormat.OFAC_SDN_CSV


@pytest.mark.parametrize(
    ("path", "fmt"), [(XML, SourceFormat.OFAC_XML), (SDN, SourceFormat.OFAC_SDN_CSV)]
)
def test_load_detects_the_format(path: Path, fmt: SourceFormat) -> None:
    assert load(path).report.format is fmt


@pytest.mark.parametrize("path", [ALT, ADD])
def test_lone_companion_is_refused_with_its_name(path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        load(path)
    assert caught.value.file == path.name
    assert "load_many" in str(caught.value) and "sdn.csv" in str(caught.value)


# --- CSV ------------------------------------------------------------------------------------


def test_lone_sdn_csv() -> None:
    loaded = load(SDN)
    report = loaded.report
    assert (report.format, report.source) == (SourceFormat.OFAC_SDN_CSV, ListSource.OFAC_SDN)
    assert (report.records_read, report.entities_loaded, report.aliases_loaded) == (7, 7, 9)
    assert report.notes[0].startswith("no alt.csv was joined")
    entities = by_ref(loaded)
    assert entities["35320"].names == (
        Name(
            full="PESKOV, Dmitriy Sergeevich",
            kind=NameKind.PRIMARY,
            given="Dmitriy Sergeevich",
            family="PESKOV",
        ),
    )
    # The weak aliases live in sdn.csv itself, in the Remarks column.
    assert names(entities["306"]) == [
        ("BANCO NACIONAL DE CUBA", NameKind.PRIMARY),
        ("BNC", NameKind.WEAK_ALIAS),
    ]


def test_csv_set_report(csv_set: LoadedList) -> None:
    report = csv_set.report
    assert report.file == "sdn.csv"
    assert [c.split(" (sha256 ")[0] for c in report.companions] == ["alt.csv", "add.csv"]
    assert all(len(c.split("sha256 ")[1].rstrip(")")) == 64 for c in report.companions)
    assert (report.records_read, report.entities_loaded, report.aliases_loaded) == (7, 7, 19)
    assert report.rejected == ()
    (orphan,) = report.orphaned
    assert (orphan.position, orphan.record) == ("alt.csv row 8", "35302")
    assert orphan.reason == "ent_num 35302 is not in sdn.csv"
    assert report.notes == ("joined alt.csv: 11 alias rows", "joined add.csv: 8 address rows")


def test_csv_peskov_every_field(csv_set: LoadedList) -> None:
    def name(first: str, kind: NameKind) -> Name:
        return Name(full=f"PESKOV, {first}", kind=kind, given=first, family="PESKOV")

    expected = Entity(
        id="ofac-sdn:35320",
        schema=EntitySchema.PERSON,
        names=(
            name("Dmitriy Sergeevich", NameKind.PRIMARY),
            name("Dmitriy Sergeyevich", NameKind.ALIAS),
            name("Dmitrii Sergeyevich", NameKind.ALIAS),
            name("Dmitry Sergeyevich", NameKind.ALIAS),
        ),
        listings=(
            Listing(source=ListSource.OFAC_SDN, programmes=("RUSSIA-EO14024",), reference="35320"),
        ),
        birth_dates=(BirthDate(value="1967-10-17"),),
        nationalities=("ru",),
        gender="male",
        source_file="sdn.csv",
    )
    assert by_ref(csv_set)["35320"] == expected


def test_csv_vessels_and_remarks(csv_set: LoadedList) -> None:
    entities = by_ref(csv_set)
    assert names(entities["15036"]) == [
        ("ARTAVIL", NameKind.PRIMARY),
        ("ABADAN", NameKind.FORMER),
        ("SHONA", NameKind.FORMER),
        ("ALPHA", NameKind.FORMER),  # f.k.a. in the Remarks
    ]
    dilbar = entities["35301"]
    assert dilbar.schema_ is EntitySchema.VESSEL
    assert dilbar.notes == "Yacht, flag Cayman Islands; Linked To: USMANOV, Alisher Burhanovich"
    assert entities["21286"].birth_dates == (BirthDate(value="1989", circa=True),)
    assert entities["21286"].nationalities == ("sa",)  # "citizen Saudi Arabia"
    assert entities["8175"].birth_dates == (BirthDate(value="1950", circa=True),)
    assert names(entities["8175"])[2] == ("AL-ZINDANI, Shaykh 'Abd Al-Majid", NameKind.ALIAS)
    assert entities["306"].schema_ is EntitySchema.ORGANIZATION


def test_csv_programme_column() -> None:
    row = b'7,"SOME BANK",-0- ,"SDGT] [IFSR",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    (entity,) = load_bytes(row, file="sdn.csv").entities
    assert entity.programmes == ("SDGT", "IFSR")


def test_malformed_rows_are_rejected_and_the_rest_loads(tmp_path: Path) -> None:
    sdn = tmp_path / "sdn.csv"
    sdn.write_bytes(
        csv_bytes(
            SDN,
            insert={
                2: b'99,"SHORT ROW","individual"',
                4: b'X12,"NOT A NUMBER",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
            },
        )
    )
    alt = tmp_path / "alt.csv"
    alt.write_bytes(csv_bytes(ALT, insert={1: b'306,"aka","NO ALT NUM"'}))
    (loaded,) = load_many([sdn, alt, ADD])
    report = loaded.report
    assert [(i.position, i.record) for i in report.rejected] == [
        ("alt.csv row 2", "306"),
        ("sdn.csv row 3", "99"),
        ("sdn.csv row 6", "X12"),
    ]
    assert report.rejected[1].reason == "3 columns where the file has 12"
    assert report.rejected[2].reason == "ent_num 'X12' is not a number"
    assert report.records_read == 9
    assert report.entities_loaded == 7
    assert report.aliases_loaded == 19


def test_unbalanced_quotes_are_one_bad_row() -> None:
    data = csv_bytes(
        SDN, insert={1: b'12,"UNCLOSED,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '}
    )
    loaded = load_bytes(data, file="sdn.csv")
    (issue,) = loaded.report.rejected
    assert issue.position == "sdn.csv row 2"
    assert loaded.report.entities_loaded == 7


def test_windows_1252_file_is_decoded_and_noted() -> None:
    row = '5,"PEÑA, José","individual","SDNT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1960."\r\n'
    loaded = load_bytes(row.encode("cp1252"), file="sdn.csv")
    assert loaded.entities[0].names[0].full == "PEÑA, José"
    assert "sdn.csv is not UTF-8: read as Windows-1252" in loaded.report.notes
    utf8 = load_bytes(row.encode("utf-8"), file="sdn.csv")
    assert utf8.entities[0].names[0].full == "PEÑA, José"
    assert not any("Windows-1252" in note for note in utf8.report.notes)


def test_bytes_that_are_no_text_stop_with_the_row() -> None:
    data = csv_bytes(
        SDN, insert={3: b'5,"BAD \x81 BYTE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '}
    )
    with pytest.raises(SourceError) as caught:
        load_bytes(data, file="sdn.csv")
    assert (caught.value.file, caught.value.position) == ("sdn.csv", "row 4")


def test_remarks_cut_at_the_length_limit() -> None:
    remarks = "DOB 1960; " + "Website www.example.com; " * 39 + "a.k.a. 'CUT NA"
    remarks += "x" * (1000 - len(remarks))
    row = f'5,"CUT REMARKS",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"{remarks}"\r\n'
    loaded = load_bytes(row.encode(), file="sdn.csv")
    (entity,) = loaded.entities
    assert names(entity) == [("CUT REMARKS", NameKind.PRIMARY)]
    assert entity.birth_dates == (BirthDate(value="1960"),)
    assert any(note.startswith("1 rows have Remarks cut") for note in loaded.report.notes)


def test_header_row_and_missing_control_z() -> None:
    header = b"ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,Vess_owner,Remarks"
    data = csv_bytes(SDN, insert={0: header}).rstrip(b"\x1a").replace(b"\r\n", b"\n")
    loaded = load_bytes(data, file="sdn.csv")
    assert loaded.report.entities_loaded == 7
    assert loaded.report.rejected == ()
    assert "sdn.csv row 1 is a header row: skipped" in loaded.report.notes


def test_load_many_needs_one_sdn_csv() -> None:
    with pytest.raises(SourceError) as caught:
        load_many([ALT, ADD])
    assert caught.value.file == "alt.csv"


# --- countries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russia", "ru"),
        ("Russian Federation", "ru"),
        ("Korea, North", "kp"),
        ("Democratic People's Republic of Korea", "kp"),
        ("Korea, South", "kr"),
        ("Iran (Islamic Republic of)", "ir"),
        ("Burma", "mm"),
        ("Cote d Ivoire", "ci"),
        ("Côte d'Ivoire", "ci"),
        ("St. Kitts & Nevis", "kn"),
        ("Bahamas, The", "bs"),
        ("Congo, Democratic Republic of the", "cd"),
        ("Congo, Republic of the", "cg"),
        ("China, Hong Kong Special Administrative Region", "hk"),
        ("Türkiye", "tr"),
        ("Turkey", "tr"),
        ("Man, Isle of", "im"),
        ("Palestinian", "ps"),
        ("State of Palestine", "ps"),
        ("Kosovo", "xk"),
        ("United Kingdom of Great Britain and Northern Ireland", "gb"),
        ("Åland Islands", "ax"),
        ("Region: Gaza", None),
        ("Netherlands Antilles", None),
        ("undetermined", None),
        ("former Soviet Union", None),
    ],
)
def test_country_code(name: str, code: str | None) -> None:
    assert country_code(name) == code
