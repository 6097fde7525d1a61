"""Hostile and broken list files end in a typed SourceError naming the file, quickly."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sanctionmatch import SanctionMatchError, SourceError
from sanctionmatch.sources import load
from tests.conftest import FIXTURES

ROOTS = {
    "ofac": '<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">',
    "eu": '<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-05-13T17:44:28.283+02:00">',
    "un": '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">',
}
CLOSE = {"ofac": "</sdnList>", "eu": "</export>", "un": "</CONSOLIDATED_LIST>"}


def billion_laughs(root: str) -> str:
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE lolz [", '<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    lines += ["]>", ROOTS[root], "<x>&lol9;</x>", CLOSE[root]]
    return "\n".join(lines)


def external_entity(root: str, target: Path) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY secret SYSTEM "file://{target}">]>\n'
        f"{ROOTS[root]}<x>&secret;</x>{CLOSE[root]}"
    )


def external_dtd(root: str) -> str:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
        f"{ROOTS[root]}{CLOSE[root]}"
    )


def load_quickly(path: Path) -> SourceError:
    started = time.monotonic()
    with pytest.raises(SourceError) as caught:
        load(path)
    assert time.monotonic() - started < 5
    assert caught.value.file == path.name
    assert isinstance(caught.value, SanctionMatchError) and isinstance(caught.value, ValueError)
    return caught.value


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_entity_expansion_is_refused(tmp_path: Path, root: str) -> None:
    path = tmp_path / f"{root}.xml"
    path.write_text(billion_laughs(root))
    load_quickly(path)


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_external_entities_are_never_read(tmp_path: Path, root: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    path = tmp_path / f"{root}.xml"
    path.write_text(external_entity(root, secret))
    error = load_quickly(path)
    assert "TOP-SECRET-MARKER" not in str(error)


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_external_dtd_is_not_fetched(tmp_path: Path, root: str) -> None:
    path = tmp_path / f"{root}.xml"
    path.write_text(external_dtd(root))
    load_quickly(path)


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_truncated_xml_names_the_position(tmp_path: Path, root: str) -> None:
    path = tmp_path / f"{root}.xml"
    path.write_text(f'<?xml version="1.0"?>\n{ROOTS[root]}\n  <unfinished attr="1"')
    error = load_quickly(path)
    assert error.position is not None and error.position.startswith("line ")


@pytest.mark.parametrize(
    "content",
    [
        os.urandom(4096),
        b"\x89PNG\r\n\x1a\n" + os.urandom(100),
        b"<html><body>503</body></html>",
        b"[1, 2, 3]",
        b"",
        b"name,dob\nPutin,1952\n",
    ],
    ids=["random", "png", "html", "json-array", "empty", "foreign-csv"],
)
def test_wrong_or_random_content_is_an_unrecognised_format(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "list.dat"
    path.write_bytes(content)
    error = load_quickly(path)
    assert "unrecognised list format" in str(error)


def test_an_unknown_encoding_in_the_xml_declaration_is_a_source_error() -> None:
    """Found by the fuzz tests: ElementTree raised a bare LookupError."""
    from sanctionmatch.sources import load_bytes

    original = (FIXTURES / "lists" / "eu" / "eu_small.xml").read_bytes()
    data = b'<?xml version="1.0" encoding="no-such-codec"?>' + original.split(b"?>", 1)[1]
    with pytest.raises(SourceError, match="unknown encoding") as raised:
        load_bytes(data, file="eu.xml")
    assert raised.value.file == "eu.xml"
