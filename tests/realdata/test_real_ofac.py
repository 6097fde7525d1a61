"""The OFAC readers on the real official files in ``../shared/data/lists/ofac``.

Each figure is checked twice: against a count made here without the readers (regular
expressions over the XML bytes, Python's csv module over the CSVs) and against the exact
number measured once, so that a change in either the reader or the file shows.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from sanctionmatch.models import ListSource, NameKind
from sanctionmatch.sources import LoadedList, SourceFormat, load, load_many
from sanctionmatch.sources.countries import country_code

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
OFAC = DATA / "lists" / "ofac"
SDN_XML = OFAC / "SDN_2024-05-07.xml"
CONS_XML = OFAC / "CONSOLIDATED_nonSDN_2026-01-28.xml"
SDN_CSV = OFAC / "sdn_2024-05-03.csv"
ALT_CSV = OFAC / "alt_add_2024-01" / "alt.csv"
ADD_CSV = OFAC / "alt_add_2024-01" / "add.csv"
UN_XML = DATA / "lists" / "un" / "consolidated_2026-02-27.xml"

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(
        not (DATA / "lists").is_dir(),
        reason=f"real list files not found at {DATA / 'lists'} (../shared/data is absent)",
    ),
]


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if row and row != ["\x1a"]]


@pytest.fixture(scope="module")
def sdn_xml() -> LoadedList:
    return load(SDN_XML)


@pytest.fixture(scope="module")
def csv_set() -> LoadedList:
    (loaded,) = load_many([SDN_CSV, ALT_CSV, ADD_CSV])
    return loaded


def test_sdn_xml_counts(sdn_xml: LoadedList) -> None:
    data = SDN_XML.read_bytes()
    entries, akas = data.count(b"<sdnEntry>"), data.count(b"<aka>")
    assert (entries, akas) == (14_966, 21_754)  # as ../shared/data/README.md says
    report = sdn_xml.report
    assert (report.format, report.source) == (SourceFormat.OFAC_XML, ListSource.OFAC_SDN)
    assert report.published == date(2024, 5, 7)
    assert report.rejected == report.orphaned == ()
    assert report.records_read == entries
    assert report.entities_loaded == entries - len(report.rejected) == 14_966
    assert report.aliases_loaded == entries + akas == 36_720
    assert report.notes == (
        "country 'Region: Gaza' has no ISO 3166-1 code: not kept (first at uid 45917)",
    )
    assert all(entity.id.startswith("ofac-sdn:") for entity in sdn_xml.entities)


def test_sdn_xml_name_kinds_match_the_aka_types(sdn_xml: LoadedList) -> None:
    text = SDN_XML.read_text(encoding="utf-8")
    pairs = Counter(re.findall(r"<type>([^<]*)</type>\s*<category>([^<]*)</category>", text))
    kinds = Counter(name.kind for entity in sdn_xml.entities for name in entity.names)
    assert kinds[NameKind.PRIMARY] == text.count("<sdnEntry>")
    assert kinds[NameKind.ALIAS] == pairs["a.k.a.", "strong"] + pairs["n.k.a.", "strong"] == 17_494
    assert kinds[NameKind.WEAK_ALIAS] == pairs["a.k.a.", "weak"] + pairs["n.k.a.", "weak"] == 3_607
    assert kinds[NameKind.FORMER] == pairs["f.k.a.", "strong"] + pairs["f.k.a.", "weak"] == 653


def test_sdn_xml_agrees_with_the_bundled_extract(sdn_xml: LoadedList) -> None:
    """``sanctionmatch/data/lists/ofac_sdn.json`` was extracted from the same file by
    ``scripts/extract_fixtures.py``; the reader must give the same entities, except that the
    script also put an organisation's or vessel's alias into ``family``."""
    bundled = json.loads((ROOT / "sanctionmatch/data/lists/ofac_sdn.json").read_text("utf-8"))
    entities = {entity.id: entity for entity in sdn_xml.entities}
    for expected in bundled["entities"]:
        got = entities[expected["id"]].model_dump(mode="json", by_alias=True, exclude_none=True)
        for name in expected["names"] if expected["schema"] != "Person" else ():
            name.pop("family", None)
        for field in ("schema", "names", "birth_dates", "nationalities", "notes"):
            assert got.get(field, []) == expected.get(field, []) or got.get(field) == expected.get(
                field
            ), (expected["id"], field)
        assert got["listings"][0]["programmes"] == expected["listings"][0]["programmes"]
        assert got.get("gender") == expected.get("gender")


def test_consolidated_xml(sdn_xml: LoadedList) -> None:
    loaded = load(CONS_XML)
    data = CONS_XML.read_bytes()
    entries, akas = data.count(b"<sdnEntry>"), data.count(b"<aka>")
    assert (entries, akas) == (442, 1_144)
    report = loaded.report
    assert report.source is ListSource.OFAC_CONSOLIDATED
    assert report.rejected == ()
    assert report.entities_loaded == entries == 442
    assert report.aliases_loaded == entries + akas == 1_586
    # The file's own Publish_Date, although its name says 2026-01-28.
    assert report.published == date(2026, 1, 8)
    assert report.notes == (
        "read as the OFAC consolidated non-SDN list: uid 9639 is listed only under non-SDN "
        "programmes (NS-PLC)",
    )
    assert all(entity.id.startswith("ofac-cons:") for entity in loaded.entities)
    # 61 entries are on both lists: same uid, two entities.
    both = {e.listings[0].reference for e in loaded.entities} & {
        e.listings[0].reference for e in sdn_xml.entities
    }
    assert len(both) == 61


def test_csv_set(csv_set: LoadedList) -> None:
    sdn, alt, add = rows(SDN_CSV), rows(ALT_CSV), rows(ADD_CSV)
    assert (len(sdn), len(alt), len(add)) == (14_965, 17_091, 18_990)
    listed = {row[0] for row in sdn}
    orphan_alt = [n for n, row in enumerate(alt, 1) if row[0] not in listed]
    orphan_add = [n for n, row in enumerate(add, 1) if row[0] not in listed]
    assert (len(orphan_alt), len(orphan_add)) == (44, 129)

    report = csv_set.report
    assert (report.format, report.source) == (SourceFormat.OFAC_SDN_CSV, ListSource.OFAC_SDN)
    assert [c.split(" ")[0] for c in report.companions] == ["alt.csv", "add.csv"]
    assert report.rejected == ()
    assert report.records_read == report.entities_loaded == len(sdn) == 14_965
    positions = [issue.position for issue in report.orphaned]
    assert positions == [f"alt.csv row {n}" for n in orphan_alt] + [
        f"add.csv row {n}" for n in orphan_add
    ]
    assert len(report.orphaned) == 173
    # Aliases: every sdn.csv name, every alt.csv row of a listed entity, and the weak aliases
    # of the Remarks but the partial ones at the end of Remarks cut at 1,000 characters.
    aka = re.compile(r"(?:alt\. )?[afn]\.k\.a\. '")
    segments = [s.strip() for row in sdn for s in row[11].split(";")]
    remark_akas = sum(1 for segment in segments if aka.match(segment))
    cut_akas = sum(
        1 for row in sdn if len(row[11]) >= 1000 and aka.match(row[11].split(";")[-1].strip())
    )
    assert (remark_akas, cut_akas) == (3_666, 3)
    kinds = Counter(name.kind for entity in csv_set.entities for name in entity.names)
    assert kinds[NameKind.PRIMARY] == 14_965
    aliases = kinds[NameKind.ALIAS] + kinds[NameKind.FORMER] + kinds[NameKind.WEAK_ALIAS]
    assert aliases == len(alt) - len(orphan_alt) + remark_akas - cut_akas == 20_710
    assert report.aliases_loaded == 14_965 + 20_710 == 35_675
    assert report.notes[:2] == (
        "joined alt.csv: 17,091 alias rows",
        "joined add.csv: 18,990 address rows",
    )
    assert len(report.notes) == 5


def test_lone_sdn_csv() -> None:
    report = load(SDN_CSV).report
    assert report.entities_loaded == 14_965
    assert report.aliases_loaded == 14_965 + 3_666 - 3  # weak aliases of the Remarks
    assert report.notes[0].startswith("no alt.csv was joined")
    assert report.orphaned == report.rejected == ()


def test_csv_and_xml_agree_on_peskov(sdn_xml: LoadedList, csv_set: LoadedList) -> None:
    from_xml = next(e for e in sdn_xml.entities if e.id == "ofac-sdn:35320")
    from_csv = next(e for e in csv_set.entities if e.id == "ofac-sdn:35320")
    for field in ("schema_", "birth_dates", "nationalities", "gender", "programmes"):
        assert getattr(from_xml, field) == getattr(from_csv, field)
    assert [(n.given, n.family) for n in from_xml.names] == [
        (n.given, n.family) for n in from_csv.names
    ]


def test_country_table_covers_the_real_lists() -> None:
    """Every country name in the OFAC and UN files has a code, but for these few."""
    found: set[str] = set()
    for path in (SDN_XML, CONS_XML):
        text = path.read_text(encoding="utf-8")
        found |= {html.unescape(v) for v in re.findall(r"<(?:country|idCountry)>([^<]*)<", text)}
    found |= {row[4] for row in rows(ADD_CSV)}
    for row in rows(SDN_CSV):
        found |= set(re.findall(r"(?:nationality|citizen) ([^;]*?)\.?(?:;|$)", row[11]))
    un = UN_XML.read_text(encoding="utf-8")
    for block in re.findall(r"<NATIONALITY>(.*?)</NATIONALITY>", un, re.DOTALL):
        found |= set(re.findall(r"<VALUE>([^<]*)</VALUE>", block))
    found |= set(re.findall(r"<COUNTRY>([^<]*)</COUNTRY>", un))
    unmapped = {" ".join(name.split()) for name in found if not country_code(name)}
    assert unmapped == {
        "-0-",
        "Netherlands Antilles",
        "Region: Commonwealth of Independent States",
        "Region: Crimea",
        "Region: Gaza",
        "Region: Kafia Kingi",
        "Region: Northern Mali",
        "Region: West Bank",
        "former Soviet Union",
        "na",
        "possibly Palestinian",
        "undetermined",
    }
