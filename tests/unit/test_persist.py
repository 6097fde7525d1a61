"""Saved indexes: same results after a round trip; damaged or foreign files refused."""

from __future__ import annotations

import pickle
import struct
from pathlib import Path

import pytest

from sanctionmatch import Entity, SanctionMatchError, Screener
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


def test_round_trip_keeps_what_the_scorer_reads_beyond_tokens(tmp_path: Path) -> None:
    # A legal form read from short words (also read as a person's initials) and a
    # hyphenated given name (an initial stands for all of it) are not in the tokens.
    entities = [
        Entity.model_validate(
            {
                "id": f"other:{number}",
                "schema": "Person",
                "names": [{"full": name}],
                "listings": [{"source": "other"}],
            }
        )
        for number, name in enumerate(["GUSACHENKA S. A.", "Bu-il CHOI"])
    ]
    built = Screener.from_entities(entities)
    built.save(tmp_path / "small.smidx")
    loaded = Screener.load(tmp_path / "small.smidx")
    for query in ["Siarhei Aliaksandravich GUSACHENKA", "B. Choi"]:
        result = loaded.screen(query)
        assert result.matches, query
        assert result.model_dump_json() == built.screen(query).model_dump_json()


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


def _load_and_screen(path: str) -> str:
    return Screener.load(path).screen("Dmitry Peskov").model_dump_json()


def test_concurrent_readers_and_a_rewriter_of_one_file_are_safe(
    saved: Path, screener: Screener, tmp_path: Path
) -> None:
    """Threads and processes load one index file while it is saved again and again: saving
    replaces the file atomically, so every reader gets the whole old or the whole new file
    (here the same index), never a mixture or an error."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

    path = tmp_path / "shared.smidx"
    path.write_bytes(saved.read_bytes())
    expected = screener.screen("Dmitry Peskov").model_dump_json()
    stop = threading.Event()

    def rewrite() -> int:
        count = 0
        while not stop.is_set():
            screener.save(path)
            count += 1
        return count

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        with ThreadPoolExecutor(4) as threads:
            from_threads = list(threads.map(_load_and_screen, [str(path)] * 12))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(2, mp_context=context) as processes:
            from_processes = list(processes.map(_load_and_screen, [str(path)] * 4))
    finally:
        stop.set()
        writer.join()
    assert set(from_threads) == set(from_processes) == {expected}
