"""Fuzz tests of every public entry point: any input gives a result or a documented error.

Documented errors subclass :class:`~sanctionmatch.errors.SanctionMatchError` and ``ValueError``
or ``TypeError``; anything else (an ``IndexError`` from deep inside, a ``RecursionError``, a
hang) fails the test. Inputs mix any code points (surrogates, controls, private use) with
hostile fragments: bidi overrides, zero-width joiners, emoji sequences, mathematical
alphanumerics, full-width forms, stacked combining marks, and names that are listed.

``make test`` runs each test on the default number of examples; ``make fuzz`` runs the same
tests under the ``fuzz`` profile (``tests/conftest.py``) and prints how many inputs each
tried (docs/security.md records the figures).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionmatch import Screener, compare_names
from sanctionmatch.cli import main
from sanctionmatch.errors import SanctionMatchError
from sanctionmatch.limits import MAX_NAME_LENGTH
from sanctionmatch.normalize import clean_text, normalize_name
from sanctionmatch.sources import LoadedList, load_bytes
from sanctionmatch.strategies import any_unicode_text
from tests.conftest import FIXTURES

T = TypeVar("T")

FRAGMENTS = [
    "\u202e",  # right-to-left override
    "\u2066\u2069",  # isolates
    "\u200d\u200c\u200b\u2060\ufeff",  # joiners, zero-width space, word joiner, BOM
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # a family emoji sequence
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # a flag sequence
    "\U0001d40f\U0001d42e\U0001d42d\U0001d422\U0001d427",  # mathematical bold Putin
    "\uff30\uff55\uff54\uff49\uff4e",  # full-width Putin
    "\ue000\U000f0000",  # private use
    "a" + "\u0301" * 40,  # stacked combining marks
    "\ud800",
    "\udfff",  # lone surrogates
    "\x00\x07\x1b[31m",  # NUL, bell, an ANSI escape
    "Пу\u0301тин",
    "Putin",
    "PESKOV, Dmitry",
    "Abd al-Rahman",
    "D.",
    "OOO «»",
    "ﷺ",
    " ",
    "\n\t",
    "-'’.,",
]
HOSTILE = st.lists(
    st.one_of(any_unicode_text(max_size=40), st.sampled_from(FRAGMENTS)), max_size=12
).map("".join)
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(call: Callable[[], T]) -> T | SanctionMatchError:
    """The call's result, or the documented error it raised."""
    try:
        return call()
    except SanctionMatchError as error:
        assert isinstance(error, ValueError | TypeError), f"{type(error)} is not documented"
        return error


@pytest.fixture(scope="module")
def default() -> Screener:
    return Screener.default()


@FUZZ
@given(HOSTILE)
def test_normalize_name(name: str) -> None:
    form = outcome(lambda: normalize_name(name))
    if not isinstance(form, SanctionMatchError):
        assert form.tokens and clean_text(form.cleaned) == form.cleaned


@FUZZ
@given(HOSTILE, HOSTILE)
def test_compare_names(left: str, right: str) -> None:
    comparison = outcome(lambda: compare_names(left, right))
    if not isinstance(comparison, SanctionMatchError):
        assert 0.0 <= comparison.score <= 1.0


@FUZZ
@given(HOSTILE, st.one_of(st.none(), HOSTILE), st.one_of(st.none(), HOSTILE))
def test_screen(
    default: Screener, name: str, birth_date: str | None, nationality: str | None
) -> None:
    result = outcome(lambda: default.screen(name, birth_date=birth_date, nationality=nationality))
    if not isinstance(result, SanctionMatchError):
        assert all(0.0 <= m.score <= 1.0 for m in result.matches)


@FUZZ
@given(st.lists(HOSTILE, max_size=5))
def test_screen_many(default: Screener, names: list[str]) -> None:
    results = outcome(lambda: default.screen_many(names))
    if not isinstance(results, SanctionMatchError):
        assert [r.query for r in results] == names


@FUZZ
@given(st.lists(st.one_of(HOSTILE, st.sampled_from(FRAGMENTS)), max_size=30).map(" ".join))
def test_screen_text(default: Screener, text: str) -> None:
    result = outcome(lambda: default.screen_text(text))
    if not isinstance(result, SanctionMatchError):
        assert all(text[m.start : m.end] == m.text for m in result.mentions)


@FUZZ
@given(st.text(min_size=1, max_size=3).map(lambda s: s * (MAX_NAME_LENGTH // len(s) + 1)))
def test_names_past_the_limit_are_refused_early(default: Screener, name: str) -> None:
    assert isinstance(outcome(lambda: default.screen(name)), SanctionMatchError)


def _fixture_files() -> list[Path]:
    return sorted(
        path
        for path in (FIXTURES / "lists").rglob("*")
        if path.is_file() and path.suffix in {".xml", ".csv", ".jsonl", ".json"}
    )


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` after a few byte-level edits: flips, insertions, deletions, a cut."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "splice"]))
        if kind == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif kind == "truncate":
            del data[at:]
        else:
            data[at:at] = draw(st.sampled_from(FRAGMENTS)).encode("utf-8", "surrogatepass")
    return bytes(data)


@FUZZ
@given(
    st.sampled_from(_fixture_files()).flatmap(
        lambda p: st.tuples(st.just(p), mutated(p.read_bytes()))
    )
)
def test_every_reader_on_mutated_records(case: tuple[Path, bytes]) -> None:
    path, data = case
    loaded = outcome(lambda: load_bytes(data, file=path.name))
    if isinstance(loaded, LoadedList):
        report = loaded.report
        assert report.records_read >= report.entities_loaded or report.entities_loaded == 0


@pytest.fixture(scope="module")
def index_bytes(tmp_path_factory: pytest.TempPathFactory, default: Screener) -> bytes:
    path = tmp_path_factory.mktemp("index") / "default.smidx"
    default.save(path)
    return path.read_bytes()


@FUZZ
@given(st.data())
def test_loading_a_mutated_index_file(
    index_bytes: bytes, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    damaged = data.draw(mutated(index_bytes))
    path = tmp_path_factory.mktemp("damaged") / "damaged.smidx"
    path.write_bytes(damaged)
    loaded = outcome(lambda: Screener.load(path))
    if not isinstance(loaded, SanctionMatchError):
        assert damaged == index_bytes  # only an undamaged file loads


@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(["screen", "explain", "screen-text"]), st.lists(HOSTILE, min_size=1, max_size=2)
)
def test_cli(
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
    command: str,
    arguments: list[str],
) -> None:
    if command == "explain":
        argv = [command, arguments[0], arguments[-1]]
    elif command == "screen-text":
        path = tmp_path_factory.mktemp("text") / "text.txt"
        path.write_text(arguments[0], encoding="utf-8", errors="surrogatepass")
        argv = [command, str(path)]
    else:
        argv = [command, "--", *arguments]
    assert main(argv) in (0, 1, 2)
    capsys.readouterr()


WRONG_TYPES = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=8),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
    st.booleans(),
)


@FUZZ
@given(WRONG_TYPES, st.sampled_from(["name", "text", "left", "names", "item", "jobs", "limit"]))
def test_wrong_types_are_typed_errors(default: Screener, value: object, where: str) -> None:
    calls: dict[str, Callable[[], object]] = {
        "name": lambda: default.screen(value),  # type: ignore[arg-type]
        "text": lambda: default.screen_text(value),  # type: ignore[arg-type]
        "left": lambda: compare_names(value, "Peskov"),  # type: ignore[arg-type]
        "names": lambda: default.screen_many(value),  # type: ignore[arg-type]
        "item": lambda: default.screen_many(["Peskov", value]),  # type: ignore[list-item]
        "jobs": lambda: default.screen_many(["Peskov"], jobs=value),  # type: ignore[arg-type]
        "limit": lambda: default.screen("Peskov", limit=value),  # type: ignore[arg-type]
    }
    result = outcome(calls[where])
    if where in ("names", "jobs", "limit") and not isinstance(result, SanctionMatchError):
        # Only genuine values get through: an iterable of names, a whole job or match count.
        assert where != "jobs" or (isinstance(value, int) and value >= 0)
    elif where not in ("names", "jobs", "limit"):
        assert isinstance(result, SanctionMatchError)
