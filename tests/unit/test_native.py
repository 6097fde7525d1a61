"""The native list format: valid files load with provenance, broken ones say where."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from sanctionmatch import ListSource, SourceError
from sanctionmatch.sources import load


def entity(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "eu:136075",
        "schema": "Person",
        "names": [
            {"full": "Dmitry Sergeyevich PESKOV", "kind": "primary"},
            {"full": "Дмитрий Сергеевич Песков", "language": "ru"},
        ],
        "listings": [{"source": "eu", "programmes": ["UKR"], "listed_on": "2022-02-28"}],
        "birth_dates": [{"value": "1967-10-17"}],
    }
    base.update(overrides)
    return base


def write(tmp_path: Path, entities: list[Any], **list_info: Any) -> Path:
    path = tmp_path / "list.json"
    document = {
        "format": "sanctionmatch-list",
        "format_version": 1,
        "list": {"source": "eu", "published": "2024-05-13", **list_info},
        "entities": entities,
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_valid_file_loads_with_provenance(tmp_path: Path) -> None:
    path = write(tmp_path, [entity()])
    loaded = load(path)
    assert [e.id for e in loaded.entities] == ["eu:136075"]
    assert loaded.provenance.source is ListSource.EU
    assert loaded.provenance.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (loaded.provenance.entity_count, loaded.provenance.alias_count) == (1, 2)
    assert str(loaded.provenance.published) == "2024-05-13"


@pytest.mark.parametrize(
    ("bad_entity", "record", "field"),
    [
        (entity(schema="Martian"), "entities[0] (id 'eu:136075')", "schema"),
        (entity(names=[]), "entities[0] (id 'eu:136075')", "names"),
        (entity(names=[{"full": "  "}]), "entities[0] (id 'eu:136075')", "names.0.full"),
        (entity(id="no-colon"), "entities[0] (id 'no-colon')", "id"),
        (
            entity(listings=[{"source": "eu", "listed_on": "28/02/2022"}]),
            "entities[0]",
            "listings.0.listed_on",
        ),
        (entity(surprise=1), "entities[0]", "surprise"),
    ],
)
def test_a_bad_record_is_refused_naming_file_record_and_field(
    tmp_path: Path, bad_entity: dict[str, Any], record: str, field: str
) -> None:
    path = write(tmp_path, [entity(id="eu:1"), bad_entity])
    with pytest.raises(SourceError) as caught:
        load(path)
    error = caught.value
    assert error.file == "list.json"
    assert error.record is not None and error.record.startswith(record.replace("[0]", "[1]"))
    assert error.field == field


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="duplicate id 'eu:136075'"):
        load(write(tmp_path, [entity(), entity()]))


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"format": "sanctionmatch-list",\n "entities": [,]}')
    with pytest.raises(SourceError, match=r"broken.json: not valid JSON at line 2, column 15"):
        load(path)


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02", b"<catalogue><book/></catalogue>", b"[1, 2]"]
)
def test_other_content_is_an_unrecognised_format(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.bin"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=r"other\.bin: unrecognised list format"):
        load(path)
