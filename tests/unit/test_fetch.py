"""fetch_lists against a local HTTP server: a copy is replaced only by a download that reads.

Every request goes to a ThreadingHTTPServer on 127.0.0.1 started by the ``server`` fixture; an
autouse guard makes any other connection fail the test, and proxies are switched off.
"""

from __future__ import annotations

import csv
import hashlib
import http.server
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from sanctionmatch.errors import InvalidInputError, SanctionMatchError
from sanctionmatch.fetch import (
    USER_AGENT,
    FetchOutcome,
    FetchReport,
    PublisherEntry,
    PublisherTableError,
    fetch_lists,
    load_publishers,
)
from sanctionmatch.sources import detect_format, ofac
from sanctionmatch.sources.report import SourceFormat

TIMEOUT = 2.0  # seconds: every fetch in these tests is bounded by it

# --- tiny list files in the official formats (facts from the real lists) --------------------

OFAC_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML"


def ofac_xml(published: str = "05/07/2024") -> bytes:
    return f"""<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="{OFAC_NS}">
  <publshInformation><Publish_Date>{published}</Publish_Date><Record_Count>1</Record_Count></publshInformation>
  <sdnEntry>
    <uid>36</uid>
    <lastName>AEROCARIBBEAN AIRLINES</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>CUBA</program></programList>
    <akaList><aka><uid>12</uid><type>a.k.a.</type><category>strong</category><lastName>AERO-CARIBBEAN</lastName></aka></akaList>
    <addressList><address><uid>25</uid><city>Havana</city><country>Cuba</country></address></addressList>
  </sdnEntry>
</sdnList>
""".encode()


def eu_xml(generated: str = "2024-05-13T17:44:28.283+02:00") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="{generated}" globalFileId="165424">
    <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.27.28" logicalId="13">
        <regulation regulationType="regulation" organisationType="commission" publicationDate="2003-07-08" entryIntoForceDate="2003-07-07" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="348"/>
        <subjectType code="person" classificationCode="P"/>
        <nameAlias firstName="Saddam" middleName="" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" function="" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="17"/>
        <nameAlias firstName="" middleName="" lastName="" wholeName="Abu Ali" function="" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="19"/>
        <birthdate circa="false" calendarType="GREGORIAN" city="al-Awja, near Tikrit" year="1937" monthOfYear="4" dayOfMonth="28" birthdate="1937-04-28" countryIso2Code="IQ" regulationLanguage="en" logicalId="20"/>
    </sanctionEntity>
</export>
""".encode()


UN_XML = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://www.un.org/sc/resources/sc-sanctions.xsd" dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6907993</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>ERIC</FIRST_NAME>
      <SECOND_NAME>BADEGE</SECOND_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE>
      <REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>
      <LISTED_ON>2012-12-31</LISTED_ON>
      <GENDER>Male</GENDER>
      <NATIONALITY><VALUE>Democratic Republic of the Congo</VALUE></NATIONALITY>
      <LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1971</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES/>
</CONSOLIDATED_LIST>
"""

UK_HEADER = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script Type,"
    "Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport Number,"
    "Passport Details,National Identification Number,National Identification Details,Position,"
    "Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip Code,Country,"
    "Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,"
    "UK Sanctions List Date Designated,Last Updated,Group ID"
)
UK_ROW = [""] * 36
UK_ROW[0:2] = ["HUSSEIN AL-TIKRITI", "Saddam"]
UK_ROW[10], UK_ROW[13] = "28/04/1937", "Iraq"
UK_ROW[28:36] = ["Individual", "Primary name", "", "Iraq", "07/07/2003", "", "07/07/2003", "7416"]
UK_CSV = ("Last Updated,13/05/2024\r\n" + UK_HEADER + "\r\n" + ",".join(UK_ROW) + "\r\n").encode()

SDN_CSV = (
    b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    b'173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a'
)
ALT_CSV = b'36,12,"aka","AERO-CARIBBEAN",-0- \r\n173,57,"aka","AVIA IMPORT",-0- \r\n\x1a'
ADD_CSV = (
    b'36,25,-0- ,"Havana","Cuba",-0- \r\n'
    b'173,129,"Ibex House, The Minories","London EC3N 1DY","United Kingdom",-0- \r\n\x1a'
)


def native_json(*names: str) -> bytes:
    entities = [
        {
            "id": f"ofac-sdn:{number}",
            "schema": "Organization",
            "names": [{"full": name, "kind": "primary"}],
            "listings": [{"source": "ofac-sdn", "programmes": ["CUBA"]}],
        }
        for number, name in enumerate(names, start=36)
    ]
    document = {
        "format": "sanctionmatch-list",
        "format_version": 1,
        "list": {"source": "ofac-sdn", "published": "2024-05-07"},
        "entities": entities,
    }
    return json.dumps(document, indent=1).encode()


HTML_ERROR = b"<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body>Try later</body></html>"


def detects(data: bytes, expected: SourceFormat) -> bool:
    """Whether the reader of ``expected`` recognises ``data`` (False while it is unwritten)."""
    try:
        reader = detect_format(data[:8192])
    except SanctionMatchError:
        return False
    found = (ofac.sniff_format(data[:8192]) or reader.FORMAT) if reader is ofac else reader.FORMAT
    return found == expected


def require_reader(data: bytes, expected: SourceFormat) -> None:
    if not detects(data, expected):
        pytest.skip(
            f"the {expected.value} reader does not recognise its format yet (sources/ is being written)"
        )


@dataclass(frozen=True)
class Kind:
    """A list format for the replace-only-if-it-reads tests: two good versions and a cut one."""

    format: SourceFormat
    file: str
    good: bytes
    newer: bytes

    @property
    def truncated(self) -> bytes:
        return self.good[: len(self.good) * 2 // 3]


KINDS = {
    # The native reader is finished: these cases run whatever the state of the others.
    "native": Kind(
        SourceFormat.NATIVE,
        "list.json",
        native_json("AEROCARIBBEAN AIRLINES"),
        native_json("AEROCARIBBEAN AIRLINES", "ANGLO-CARIBBEAN CO., LTD."),
    ),
    "ofac-xml": Kind(SourceFormat.OFAC_XML, "sdn.xml", ofac_xml(), ofac_xml("05/08/2024")),
    "eu-fsf-xml": Kind(SourceFormat.EU_XML, "eu_fsf.xml", eu_xml(), eu_xml("2024-05-14T10:00:00")),
}


@pytest.fixture(params=sorted(KINDS))
def kind(request: pytest.FixtureRequest) -> Kind:
    chosen = KINDS[request.param]
    require_reader(chosen.good, chosen.format)
    return chosen


# --- the local server -------------------------------------------------------------------------


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files from the fixture's folder, plus a few misbehaving routes."""

    server: Server

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        route, _, name = self.path.lstrip("/").partition("/")
        try:
            if route == "status":
                self.send_error(int(name))
            elif route == "redirect":
                self.send_response(302)
                self.send_header("Location", f"/{name}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif route == "short":  # announces more than it sends, then hangs up
                body = (self.server.folder / name).read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body) + 1000))
                self.end_headers()
                self.wfile.write(body)
            elif route == "endless":  # no Content-Length, 64 MiB of a plausible list
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b'{"format": "sanctionmatch-list", "entities": [')
                for _ in range(1024):
                    self.wfile.write(b" " * 65536)
            elif route == "slow":  # headers, then silence until the test ends
                self.send_response(200)
                self.send_header("Content-Length", "100")
                self.end_headers()
                self.wfile.flush()
                self.server.release.wait(10)
            else:
                super().do_GET()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server(http.server.ThreadingHTTPServer):
    folder: Path
    requests: list[tuple[str, str]]
    release: threading.Event

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{path}"

    def put(self, name: str, data: bytes) -> None:
        (self.folder / name).write_bytes(data)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    folder = tmp_path / "served"
    folder.mkdir()
    httpd = Server(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    httpd.folder, httpd.requests, httpd.release = folder, [], threading.Event()
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy, and no connection anywhere but 127.0.0.1."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    real = socket.create_connection

    def guarded(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        assert address[0] == "127.0.0.1", f"the tests tried to reach {address}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "lists"


def table_of(server: Server, **entries: tuple[str, SourceFormat, str]) -> dict[str, PublisherEntry]:
    """``key=(path on the server, expected format, file name)``."""
    return {
        key: PublisherEntry(url=server.url(path), format=fmt, file=file)
        for key, (path, fmt, file) in entries.items()
    }


def fetch(dest: Path, table: dict[str, PublisherEntry], **kwargs: Any) -> FetchReport:
    started = time.monotonic()
    report = fetch_lists(dest, table=table, timeout=TIMEOUT, **kwargs)
    assert time.monotonic() - started < 4 * TIMEOUT
    assert [p.name for p in dest.iterdir() if p.name.startswith(".")] == [], "temporary file left"
    return report


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- replace only with a download that reads --------------------------------------------------


def test_fresh_fetch_writes_the_file(server: Server, dest: Path, kind: Kind) -> None:
    server.put("list", kind.good)
    report = fetch(dest, table_of(server, one=("list", kind.format, kind.file)))
    (result,) = report.entries
    assert result.outcome is FetchOutcome.UPDATED and report.ok
    assert result.sha256 == sha256(kind.good) and result.bytes == len(kind.good)
    assert result.path == dest / kind.file and result.reason is None
    assert (dest / kind.file).read_bytes() == kind.good
    assert server.requests == [("/list", USER_AGENT)] and "sanctionmatch" in USER_AGENT


def test_second_fetch_is_unchanged_then_a_new_version_is_updated(
    server: Server, dest: Path, kind: Kind
) -> None:
    server.put("list", kind.good)
    table = table_of(server, one=("list", kind.format, kind.file))
    fetch(dest, table)
    before = (dest / kind.file).stat()
    (result,) = fetch(dest, table).entries
    assert result.outcome is FetchOutcome.UNCHANGED and result.sha256 == sha256(kind.good)
    assert (dest / kind.file).stat().st_mtime_ns == before.st_mtime_ns
    server.put("list", kind.newer)
    (result,) = fetch(dest, table).entries
    assert result.outcome is FetchOutcome.UPDATED and result.sha256 == sha256(kind.newer)
    assert (dest / kind.file).read_bytes() == kind.newer


def failed_and_kept(server: Server, dest: Path, kind: Kind, path: str, **kwargs: Any) -> str:
    """Seed a good copy, fetch ``path`` expecting failure; return the reason."""
    dest.mkdir()
    (dest / kind.file).write_bytes(kind.good)
    before = (dest / kind.file).stat().st_mtime_ns
    report = fetch(dest, table_of(server, one=(path, kind.format, kind.file)), **kwargs)
    (result,) = report.entries
    assert result.outcome is FetchOutcome.FAILED and not report.ok
    assert result.reason and "\n" not in result.reason
    assert result.sha256 is None and result.bytes is None
    assert (dest / kind.file).read_bytes() == kind.good
    assert (dest / kind.file).stat().st_mtime_ns == before
    assert sorted(p.name for p in dest.iterdir()) == [kind.file]
    return result.reason


def test_http_500_keeps_the_previous_copy(server: Server, dest: Path, kind: Kind) -> None:
    assert failed_and_kept(server, dest, kind, "status/500").startswith("HTTP 500")


def test_html_error_page_keeps_the_previous_copy(server: Server, dest: Path, kind: Kind) -> None:
    server.put("page", HTML_ERROR)
    assert "unrecognised list format" in failed_and_kept(server, dest, kind, "page")


def test_truncated_file_keeps_the_previous_copy(server: Server, dest: Path, kind: Kind) -> None:
    server.put("cut", kind.truncated)
    assert "does not read as a list" in failed_and_kept(server, dest, kind, "cut")


def test_connection_closed_early_keeps_the_previous_copy(
    server: Server, dest: Path, kind: Kind
) -> None:
    server.put("list", kind.newer)
    reason = failed_and_kept(server, dest, kind, "short/list")
    assert f"closed after {len(kind.newer):,} of {len(kind.newer) + 1000:,} bytes" in reason


def test_announced_size_over_the_limit_is_refused(server: Server, dest: Path, kind: Kind) -> None:
    server.put("list", kind.newer)
    reason = failed_and_kept(server, dest, kind, "list", max_bytes=len(kind.newer) - 1)
    assert f"the limit is {len(kind.newer) - 1:,}" in reason


def test_endless_download_is_stopped_at_the_limit(server: Server, dest: Path) -> None:
    started = time.monotonic()
    reason = failed_and_kept(server, dest, KINDS["native"], "endless/", max_bytes=100_000)
    assert "more than 100,000 bytes" in reason
    assert time.monotonic() - started < TIMEOUT  # stopped while streaming, not after 64 MiB


def test_valid_list_of_another_format_is_refused(server: Server, dest: Path) -> None:
    server.put("native", native_json("AEROCARIBBEAN AIRLINES"))
    kind = Kind(SourceFormat.OFAC_XML, "sdn.xml", ofac_xml(), ofac_xml())
    reason = failed_and_kept(server, dest, kind, "native")
    assert reason == "expected ofac-xml but the file is native-json"


def test_list_without_records_is_refused(server: Server, dest: Path) -> None:
    server.put("empty", native_json())
    assert "holds no records" in failed_and_kept(server, dest, KINDS["native"], "empty")


def test_timeout_is_bounded(server: Server, dest: Path) -> None:
    started = time.monotonic()
    reason = failed_and_kept(server, dest, KINDS["native"], "slow/")
    assert "timed out" in reason and time.monotonic() - started < 2 * TIMEOUT


def test_refused_connection_fails(server: Server, dest: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    table = {
        "gone": PublisherEntry(
            url=f"http://127.0.0.1:{port}/x", format=SourceFormat.NATIVE, file="x.json"
        )
    }
    (result,) = fetch(dest, table).entries
    assert result.outcome is FetchOutcome.FAILED
    assert (result.reason or "").startswith("cannot connect")
    assert not (dest / "x.json").exists()


def test_redirect_is_followed(server: Server, dest: Path) -> None:
    server.put("list", KINDS["native"].good)
    (result,) = fetch(
        dest, table_of(server, one=("redirect/list", SourceFormat.NATIVE, "a.json"))
    ).entries
    assert result.outcome is FetchOutcome.UPDATED
    assert [path for path, _ in server.requests] == ["/redirect/list", "/list"]


def test_one_failure_does_not_stop_the_others(server: Server, dest: Path) -> None:
    server.put("a", native_json("FIRST"))
    server.put("c", native_json("THIRD"))
    table = table_of(
        server,
        first=("a", SourceFormat.NATIVE, "a.json"),
        broken=("status/503", SourceFormat.NATIVE, "b.json"),
        third=("c", SourceFormat.NATIVE, "c.json"),
    )
    report = fetch(dest, table)
    assert [(r.key, r.outcome.value) for r in report.entries] == [
        ("first", "updated"),
        ("broken", "failed"),
        ("third", "updated"),
    ]
    assert sorted(p.name for p in dest.iterdir()) == ["a.json", "c.json"]
    lines = report.summary().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("first: updated ") and sha256(native_json("FIRST")) in lines[0]
    assert lines[1].startswith("broken: failed") and "HTTP 503" in lines[1]


def test_only_selects_entries_and_unknown_keys_raise(server: Server, dest: Path) -> None:
    server.put("a", native_json("FIRST"))
    table = table_of(
        server,
        first=("a", SourceFormat.NATIVE, "a.json"),
        second=("a", SourceFormat.NATIVE, "b.json"),
    )
    report = fetch(dest, table, only=["second"])
    assert [r.key for r in report.entries] == ["second"]
    with pytest.raises(InvalidInputError, match="nope"):
        fetch_lists(dest, table=table, only=["nope"])
    assert len(server.requests) == 1


# --- the official formats, and their OFAC CSV companions --------------------------------------

OFFICIAL = {
    "ofac-sdn-xml": (ofac_xml(), SourceFormat.OFAC_XML, "sdn.xml"),
    "eu-fsf-xml": (eu_xml(), SourceFormat.EU_XML, "eu_fsf.xml"),
    "un-consolidated-xml": (UN_XML, SourceFormat.UN_XML, "un_consolidated.xml"),
    "uk-ofsi-csv": (UK_CSV, SourceFormat.UK_OFSI_CSV, "uk_ofsi.csv"),
    "ofac-sdn-csv": (SDN_CSV, SourceFormat.OFAC_SDN_CSV, "sdn.csv"),
    "ofac-alt-csv": (ALT_CSV, SourceFormat.OFAC_ALT_CSV, "alt.csv"),
    "ofac-add-csv": (ADD_CSV, SourceFormat.OFAC_ADD_CSV, "add.csv"),
}


@pytest.mark.parametrize("key", sorted(OFFICIAL))
def test_official_format_is_fetched_and_verified(server: Server, dest: Path, key: str) -> None:
    data, fmt, file = OFFICIAL[key]
    require_reader(data, fmt)
    assert load_publishers()[key].format is fmt
    server.put(file, data)
    (result,) = fetch(dest, table_of(server, **{key: (file, fmt, file)})).entries
    assert (result.outcome, result.reason) == (FetchOutcome.UPDATED, None)
    assert (dest / file).read_bytes() == data


@pytest.mark.parametrize("key", ["ofac-alt-csv", "ofac-add-csv"])
def test_cut_companion_csv_is_refused(server: Server, dest: Path, key: str) -> None:
    data, fmt, file = OFFICIAL[key]
    require_reader(data, fmt)
    server.put(file, cut_second_row(data))
    kind = Kind(fmt, file, data, data)
    assert "row 2: expected" in failed_and_kept(server, dest, kind, file)


def cut_second_row(data: bytes, *, in_quotes: bool = False) -> bytes:
    """The file cut after the second row's second field, or inside its first quoted field."""
    start = data.index(b"\r\n") + 2
    end = (
        data.index(b'"', start) + 3
        if in_quotes
        else data.index(b",", data.index(b",", start) + 1) + 1
    )
    return data[:end]


REAL = {
    "ofac-sdn-xml": "ofac/SDN_2024-05-07.xml",
    "ofac-consolidated-xml": "ofac/CONSOLIDATED_nonSDN_2026-01-28.xml",
    "ofac-sdn-csv": "ofac/sdn_2024-05-03.csv",
    "ofac-alt-csv": "ofac/alt_add_2024-01/alt.csv",
    "ofac-add-csv": "ofac/alt_add_2024-01/add.csv",
    "eu-fsf-xml": "eu/20240513-FULL-1_1.xml",
    "un-consolidated-xml": "un/consolidated_2026-02-27.xml",
}


@pytest.mark.realdata
@pytest.mark.parametrize("key", sorted(REAL))
def test_real_list_file_is_fetched_and_verified(
    server: Server, dest: Path, shared_data: Path, key: str
) -> None:
    entry = load_publishers()[key]
    source = shared_data / "lists" / REAL[key]
    with source.open("rb") as stream:
        require_reader(stream.read(8192), entry.format)
    os.symlink(source, server.folder / entry.file)
    table = {key: entry.model_copy(update={"url": server.url(entry.file)})}
    report = fetch_lists(dest, table=table, timeout=30)
    (result,) = report.entries
    assert (result.outcome, result.reason) == (FetchOutcome.UPDATED, None)
    assert result.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()


# --- the publisher table ----------------------------------------------------------------------


def test_packaged_table() -> None:
    table = load_publishers()
    assert load_publishers() is table  # read once
    expected = {
        "ofac-sdn-xml": ("sdn.xml", "ofac-xml", "/exports/SDN.XML"),
        "ofac-consolidated-xml": ("consolidated.xml", "ofac-xml", "/exports/CONSOLIDATED.XML"),
        "ofac-sdn-csv": ("sdn.csv", "ofac-sdn-csv", "/exports/SDN.CSV"),
        "ofac-alt-csv": ("alt.csv", "ofac-alt-csv", "/exports/ALT.CSV"),
        "ofac-add-csv": ("add.csv", "ofac-add-csv", "/exports/ADD.CSV"),
        "eu-fsf-xml": ("eu_fsf.xml", "eu-fsf-xml", "xmlFullSanctionsList_1_1/content?token="),
        "un-consolidated-xml": ("un_consolidated.xml", "un-xml", "/xml/en/consolidated.xml"),
        "uk-ofsi-csv": ("uk_ofsi.csv", "uk-ofsi-csv", "/2022format/ConList.csv"),
    }
    assert set(table) == set(expected)
    for key, (file, fmt, url_part) in expected.items():
        assert (table[key].file, table[key].format.value) == (file, fmt)
        assert table[key].url.startswith("https://") and url_part in table[key].url


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not a UTF-8 JSON document"),
        ("[]", "must be a JSON object"),
        ('{"_about": "x"}', "no entries"),
        ('{"a": {"file": "a.xml", "format": "ofac-xml"}}', "key 'a', field url: Field required"),
        (
            '{"a": {"url": "file:///etc/passwd", "file": "a.xml", "format": "ofac-xml"}}',
            "key 'a', field url",
        ),
        (
            '{"a": {"url": "https://x/y", "file": "../a.xml", "format": "ofac-xml"}}',
            "key 'a', field file",
        ),
        (
            '{"a": {"url": "https://x/y", "file": "a.xml", "format": "pdf"}}',
            "key 'a', field format",
        ),
        (
            '{"a": {"url": "https://x/y", "file": "a.xml", "format": "ofac-xml", "oops": 1}}',
            "field oops",
        ),
        (
            '{"Bad Key": {"url": "https://x/y", "file": "a.xml", "format": "ofac-xml"}}',
            "key 'Bad Key'",
        ),
        (
            '{"a": {"url": "https://x/y", "file": "a.xml", "format": "ofac-xml"},'
            ' "b": {"url": "https://x/z", "file": "a.xml", "format": "ofac-xml"}}',
            "key 'b': 'a.xml' is also 'a''s file",
        ),
    ],
)
def test_malformed_table_names_file_and_key(tmp_path: Path, document: str, message: str) -> None:
    path = tmp_path / "publishers.json"
    path.write_text(document)
    with pytest.raises(PublisherTableError) as caught:
        load_publishers(path)
    assert str(path) in str(caught.value) and message in str(caught.value)
    assert isinstance(caught.value, SanctionMatchError)


def test_custom_table_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "publishers.json"
    path.write_text(
        '{"_about": "mine", "a": {"url": "https://example.org/a.xml", "file": "a.xml", "format": "un-xml"}}'
    )
    assert load_publishers(path)["a"].format is SourceFormat.UN_XML


def test_companion_csv_check_reads_every_row(tmp_path: Path) -> None:
    """The alt.csv/add.csv check on its own (it runs after OFAC format detection in fetch)."""
    from sanctionmatch.fetch import _check_companion_csv, _Failed

    for data, columns in ((ALT_CSV, 5), (ADD_CSV, 6)):
        path = tmp_path / "companion.csv"
        path.write_bytes(data)
        assert _check_companion_csv(path, columns) == 2
        path.write_bytes(cut_second_row(data))
        with pytest.raises(_Failed, match="row 2: expected"):
            _check_companion_csv(path, columns)
        path.write_bytes(cut_second_row(data, in_quotes=True))
        with pytest.raises(csv.Error, match="unexpected end of data"):
            _check_companion_csv(path, columns)
        path.write_bytes(data.replace(b"36,", b"x36,", 1))
        with pytest.raises(_Failed, match=r"row 1: .*numeric ent_num"):
            _check_companion_csv(path, columns)


# --- the command line ---------------------------------------------------------------------------


def test_fetch_lists_command_with_a_table_file(
    server: Server, dest: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sanctionmatch.cli import main

    good = KINDS["native"]
    server.put("list.json", good.good)
    table = tmp_path / "publishers.json"
    table.write_text(
        json.dumps(
            {
                "ours": {
                    "title": "t",
                    "url": server.url("list.json"),
                    "file": "ours.json",
                    "format": "native-json",
                },
                "gone": {
                    "title": "t",
                    "url": server.url("missing.json"),
                    "file": "gone.json",
                    "format": "native-json",
                },
            }
        )
    )
    status = main(["fetch-lists", "--dest", str(dest), "--table", str(table)])
    out = capsys.readouterr().out
    assert status == 2  # one entry failed: the exit status says so
    assert (dest / "ours.json").read_bytes() == good.good
    assert not (dest / "gone.json").exists()
    assert "ours" in out and "updated" in out and "gone" in out and "failed" in out
    assert main(["fetch-lists", "--dest", str(dest), "--table", str(table), "--only", "ours"]) == 0
    assert "unchanged" in capsys.readouterr().out
