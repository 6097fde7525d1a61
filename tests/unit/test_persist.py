"""Saved indexes: same results after a round trip; damaged or foreign files refused."""

from __future__ import annotations

import pickle
import struct
from pathlib import Path

import pytest

from sanctionmatch import SanctionMatchError, Screener
from sanctionmatch.persist import FORMAT_VERSION, MAGIC, IndexFileError


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, screener: Screener) -> Path:
    path = tmp_path_factory.mktemp("index") / "default.smidx"
    screener.save(path)
    return path


def test_round_trip_gives_identical_results(saved: Path, screener: Screener) -> None:
    loaded = Screener.load(saved)
    assert loaded.info == screener.info
    for query in ["Dmitry Peskov", "Путин", "D. Peskov", "Tokarew Nikolai", "Olaf Scholz"]:
        assert loaded.screen(query).model_dump_json() == screener.screen(query).model_dump_json()
    text = "Kremlin spokesman Dmitry Peskov met Nikolay Tokarev."
    assert loaded.screen_text(text) == screener.screen_text(text)


def test_saving_twice_gives_the_same_bytes(saved: Path, screener: Screener, tmp_path: Path) -> None:
    again = tmp_path / "again.smidx"
    screener.save(again)
    assert again.read_bytes() == saved.read_bytes()


def damaged(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "damaged.smidx"
    path.write_bytes(data)
    return path


def test_truncated_file_is_refused(saved: Path, tmp_path: Path) -> None:
    data = saved.read_bytes()
    for cut in (3, len(MAGIC) + 4, len(data) // 2, len(data) - 1):
        with pytest.raises(IndexFileError, match=r"truncated|wrong magic"):
            Screener.load(damaged(tmp_path, data[:cut]))


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9])
def test_flipped_byte_is_refused(saved: Path, tmp_path: Path, where: float) -> None:
    data = bytearray(saved.read_bytes())
    position = max(len(MAGIC) + 10, int(len(data) * where))
    data[position] ^= 0x01
    with pytest.raises(IndexFileError, match="checksum mismatch"):
        Screener.load(damaged(tmp_path, bytes(data)))


def test_other_version_is_refused(saved: Path, tmp_path: Path) -> None:
    data = bytearray(saved.read_bytes())
    struct.pack_into(">H", data, len(MAGIC), FORMAT_VERSION + 1)
    with pytest.raises(IndexFileError, match=f"version {FORMAT_VERSION + 1}; this library reads"):
        Screener.load(damaged(tmp_path, bytes(data)))


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"PK\x03\x04zipfile",
        pickle.dumps({"entities": []}),
        b'{"format": "sanctionmatch-list"}',
    ],
)
def test_foreign_files_are_refused_without_running_anything(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(IndexFileError, match="not a sanctionmatch index file") as caught:
        Screener.load(damaged(tmp_path, content))
    assert isinstance(caught.value, SanctionMatchError)


def test_missing_file_is_a_typed_error(tmp_path: Path) -> None:
    with pytest.raises(IndexFileError, match="cannot read the file"):
        Screener.load(tmp_path / "absent.smidx")
