"""Secondary data: birth date, nationality and schema move scores and say so."""

from __future__ import annotations

import pytest

from sanctionmatch import InvalidInputError, Screener


def peskov(result):  # type: ignore[no-untyped-def]
    return next(m for m in [*result.matches, *result.set_aside] if m.entity.id == "eu:136072")


def test_a_matching_birth_date_raises_the_score(screener: Screener) -> None:
    plain = peskov(screener.screen("Dmitry Peskov"))
    dated = peskov(screener.screen("Dmitry Peskov", birth_date="1967-10-17"))
    assert dated.score == pytest.approx(plain.score + 0.05)
    assert dated.name_score == plain.score
    (evidence,) = dated.evidence
    assert (evidence.kind, evidence.outcome) == ("birth-date", "match")


def test_a_year_alone_agrees_with_a_full_date(screener: Screener) -> None:
    assert (
        peskov(screener.screen("Dmitry Peskov", birth_date="1967")).evidence[0].outcome == "match"
    )


def test_a_different_birth_date_sets_an_exact_name_hit_aside_not_away(screener: Screener) -> None:
    result = screener.screen("Dmitry Sergeyevich Peskov", birth_date="1990-01-01", threshold=0.9)
    assert all(m.entity.id != "eu:136072" for m in result.matches)
    aside = next(m for m in result.set_aside if m.entity.id == "eu:136072")
    assert aside.name_score == 1.0 and aside.score == pytest.approx(0.85)
    assert aside.evidence[0].outcome == "mismatch" and "1967-10-17" in aside.evidence[0].detail


def test_a_near_year_moves_nothing(screener: Screener) -> None:
    match = peskov(screener.screen("Dmitry Peskov", birth_date="1968"))
    assert match.score == match.name_score and match.evidence[0].outcome == "unknown"


def test_schema_mismatch_lowers_the_score(screener: Screener) -> None:
    result = screener.screen("Dmitry Sergeyevich Peskov", schema="Organization", threshold=0.8)
    aside = next(m for m in result.set_aside if m.entity.id == "eu:136072")
    assert aside.score == pytest.approx(0.75)
    assert aside.evidence[0].kind == "schema"


def test_facts_the_list_does_not_record_change_nothing(screener: Screener) -> None:
    # The EU entry of Peskov gives no nationality.
    match = peskov(screener.screen("Dmitry Peskov", nationality="RU"))
    assert match.score == match.name_score and match.evidence[0].outcome == "unknown"


def test_result_records_the_facts_used(screener: Screener) -> None:
    result = screener.screen("Dmitry Peskov", birth_date="1967", nationality="ru", schema="Person")
    assert result.facts is not None and result.facts.birth_date == "1967"
    assert result.facts.nationality == "ru"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"birth_date": "17.10.1967"}, "birth_date '17.10.1967': expected YYYY"),
        ({"nationality": "Russia"}, "nationality 'russia': expected an ISO 3166-1"),
        ({"schema": "Martian"}, "schema 'Martian': expected Person"),
    ],
)
def test_bad_facts_are_refused(screener: Screener, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        screener.screen("Dmitry Peskov", **kwargs)  # type: ignore[arg-type]
