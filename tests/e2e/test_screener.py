"""The library API on the bundled lists: matches, order, provenance, bad input."""

from __future__ import annotations

import gc
import json
from importlib import resources

import pytest

from sanctionmatch import (
    EmptyNameError,
    Entity,
    InputTooLongError,
    InvalidInputError,
    ListFile,
    ListSource,
    SanctionMatchError,
    Screener,
)


def ids(screener: Screener, name: str) -> list[str]:
    return [m.entity.id for m in screener.screen(name).matches]


@pytest.mark.parametrize(
    ("query", "surname"),
    [
        ("Dmitriy Peskov", "PESKOV"),
        ("PESKOV, Dmitry Sergeyevich", "PESKOV"),
        ("Дмитрий Песков", "PESKOV"),
        ("Peskow Dmitri", "PESKOV"),
        ("Poutine Vladimir", "PUTIN"),
        ("Путин Владимир Владимирович", "PUTIN"),
        ("Nikolai Tokarew", "TOKAREV"),
        ("Tschernyschenko, Dmitri", "CHERNYSHENKO"),
        ("Elizaveta Peskova", "PESKOVA"),
    ],
)
def test_listed_people_are_found_in_any_spelling(
    screener: Screener, query: str, surname: str
) -> None:
    result = screener.screen(query)
    assert result.matches, query
    assert surname in result.matches[0].entity.caption.upper()


@pytest.mark.parametrize(
    "query",
    [
        "Volodymyr Zelensky",
        "Selenskyj",
        "Emmanuel Macron",
        "Olaf Scholz",
        "Mykhailo Podolyak",
        "Max Seddon",
        "John Smith",
    ],
)
def test_unlisted_people_are_not_matched(screener: Screener, query: str) -> None:
    assert screener.screen(query).matches == ()


def test_the_same_person_on_several_lists_is_several_entities(screener: Screener) -> None:
    result = screener.screen("Vladimir Vladimirovich Putin")
    sources = {
        m.entity.listings[0].source for m in result.matches if "PUTIN" in m.entity.caption.upper()
    }
    assert {ListSource.EU, ListSource.OFAC_SDN} <= sources


def test_daughter_is_not_the_best_match_for_the_father(screener: Screener) -> None:
    best = screener.screen("Dmitry Peskov").matches[0]
    assert "PESKOVA" not in best.entity.caption.upper()


def test_matches_are_ordered_best_first_then_by_id(screener: Screener) -> None:
    matches = screener.screen("Peskov Dmitry", threshold=0.75).matches
    keys = [(-m.score, m.entity.id) for m in matches]
    assert keys == sorted(keys)


def test_results_carry_provenance(screener: Screener) -> None:
    result = screener.screen("Dmitry Peskov")
    info = result.index
    assert result.threshold == 0.8
    assert info.library_version
    assert {lst.source for lst in info.lists} == {ListSource.EU, ListSource.OFAC_SDN, ListSource.UN}
    assert sum(lst.entity_count for lst in info.lists) == info.entity_count >= 150
    assert all(lst.published is not None and len(lst.sha256) == 64 for lst in info.lists)


def test_results_serialise_to_json_and_back(screener: Screener) -> None:
    result = screener.screen("Dmitry Peskov")
    again = type(result).model_validate_json(result.model_dump_json())
    assert again == result
    assert json.loads(result.model_dump_json())["matches"][0]["entity"]["schema"] == "Person"


def test_retrieval_modes_agree_on_the_bundled_lists(screener: Screener) -> None:
    for query in ["Dmitry Peskov", "Путин", "Tokarev Nikolay", "Mohammed", "OOO", "Kim Jong Un"]:
        fast = screener.screen(query, threshold=0.75, limit=50)
        slow = screener.screen(query, threshold=0.75, limit=50, retrieval="exhaustive")
        assert fast.matches == slow.matches
        assert (fast.retrieval, slow.retrieval) == ("candidates", "exhaustive")


def test_bundled_fixture_files_validate_and_cite_their_source() -> None:
    folder = resources.files("sanctionmatch").joinpath("data/lists")
    total = 0
    for entry in folder.iterdir():
        if entry.name.endswith(".json"):
            listed = ListFile.model_validate_json(entry.read_bytes())
            total += len(listed.entities)
            assert all(
                e.source_file and e.id.startswith(f"{listed.list.source.value}:")
                for e in listed.entities
            )
    assert total >= 150


def test_fingerprint_changes_with_content(screener: Screener) -> None:
    entity = Entity.model_validate(
        {
            "id": "other:1",
            "schema": "Person",
            "names": [{"full": "Ivan Ivanov"}],
            "listings": [{"source": "other"}],
        }
    )
    other = Screener.from_entities([entity])
    assert other.info.fingerprint != screener.info.fingerprint
    assert Screener.from_entities([entity]).info.fingerprint == other.info.fingerprint


@pytest.mark.parametrize("blank", ["", "  ", "\u200b\u200b", "..."])
def test_blank_names_raise_a_value_error_of_ours(screener: Screener, blank: str) -> None:
    with pytest.raises(EmptyNameError) as caught:
        screener.screen(blank)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, SanctionMatchError)


def test_blank_text_has_no_mentions(screener: Screener) -> None:
    assert screener.screen_text("").mentions == ()
    assert screener.screen_text("   \n\t").mentions == ()


def test_overlong_input_is_refused(screener: Screener) -> None:
    with pytest.raises(InputTooLongError):
        screener.screen("x" * 5000)


@pytest.mark.parametrize("threshold", [0.1, 1.5, float("nan"), "0.8"])
def test_bad_threshold_is_refused(screener: Screener, threshold: object) -> None:
    with pytest.raises(InvalidInputError):
        screener.screen("Peskov", threshold=threshold)  # type: ignore[arg-type]


def test_from_entities_refuses_non_entities() -> None:
    with pytest.raises(InvalidInputError, match=r"entities\[0\] must be an Entity, got dict"):
        Screener.from_entities([{"id": "x:1"}])  # type: ignore[list-item]


def test_lone_surrogates_are_refused_with_their_position(screener: Screener) -> None:
    with pytest.raises(InvalidInputError, match=r"lone surrogate \(U\+D800\) at position 6"):
        screener.screen("Peskov\ud800")
    with pytest.raises(InvalidInputError, match="lone surrogate"):
        screener.screen_text("Dmitry \udfff Peskov")


def test_screen_many_with_workers_gives_the_same_results_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sanctionmatch import screen as screen_module

    monkeypatch.setattr(screen_module, "PARALLEL_MINIMUM", 2)
    monkeypatch.setattr(screen_module, "PARALLEL_CHUNK", 3)
    screener = Screener.default()
    names = ["Dmitry Peskov", "Olaf Scholz", "Poutine, Vladimir", "Selenskyj", "Tokarev N. P."]
    names *= 3
    one = screener.screen_many(names, jobs=1)
    two = screener.screen_many(names, jobs=2)
    assert [r.model_dump_json() for r in two] == [r.model_dump_json() for r in one]
    assert [r.query for r in two] == names
    assert sum(bool(r.matches) for r in two) == 9
    assert gc.get_freeze_count() == 0  # the freeze around the fork is undone


def test_screen_many_refuses_a_negative_job_count() -> None:
    with pytest.raises(InvalidInputError, match="jobs"):
        Screener.default().screen_many(["Peskov"], jobs=-1)


def test_a_result_says_when_it_was_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import UTC, datetime, timedelta

    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = datetime.now(UTC).replace(microsecond=0)
    result = Screener.default().screen("Dmitry Peskov")
    assert before <= result.screened_at <= datetime.now(UTC) + timedelta(seconds=1)
    assert result.screened_at.tzinfo is not None
