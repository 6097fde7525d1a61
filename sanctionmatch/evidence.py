"""Secondary data: facts besides the name that make a match more or less likely.

A caller who knows the screened party's birth date, nationality or kind (person or
organisation) can give them to :meth:`~sanctionmatch.Screener.screen`. Each fact that the
listed entity also records is compared and moves the score by a fixed, documented amount; a
fact the list does not record changes nothing. Every comparison is reported as
:class:`~sanctionmatch.models.Evidence`, so the reviewer sees what moved the score.

| fact | agrees | disagrees | list silent |
|---|---|---|---|
| birth date | +0.05 | -0.15 | 0 |
| nationality | +0.03 | -0.10 | 0 |
| schema | 0 | -0.25 | – |

A birth date agrees when the year (and the month and day where both give them) is the same,
or, for a date the list marks approximate, the years are at most one apart; it disagrees when
the years are more than one apart (three for an approximate date). In between it is neither
(a typo or a calendar conversion), so nothing moves.
"""

from __future__ import annotations

from .models import BirthDate, Entity, Evidence, QueryFacts

__all__ = ["MAX_BONUS", "weigh_facts"]

BIRTH_DATE_MATCH, BIRTH_DATE_MISMATCH = 0.05, -0.15
NATIONALITY_MATCH, NATIONALITY_MISMATCH = 0.03, -0.10
SCHEMA_MISMATCH = -0.25
#: The most the facts can add to a name score.
MAX_BONUS = BIRTH_DATE_MATCH + NATIONALITY_MATCH


def _compare_birth_dates(given: str, listed: tuple[BirthDate, ...]) -> Evidence:
    if not listed:
        return Evidence(
            kind="birth-date",
            outcome="unknown",
            adjustment=0.0,
            detail=f"the list gives no birth date (query {given})",
        )
    year = int(given[:4])
    for date in listed:
        shared = min(len(given), len(date.value))
        if given[:shared] == date.value[:shared] and not date.circa:
            return Evidence(
                kind="birth-date",
                outcome="match",
                adjustment=BIRTH_DATE_MATCH,
                detail=f"query {given} agrees with listed {date.value}",
            )
        if date.circa and abs(date.year - year) <= 1:
            return Evidence(
                kind="birth-date",
                outcome="match",
                adjustment=BIRTH_DATE_MATCH,
                detail=f"query {given} agrees with listed circa {date.value}",
            )
    near = [d for d in listed if abs(d.year - year) <= (3 if d.circa else 1)]
    listed_text = ", ".join(("circa " if d.circa else "") + d.value for d in listed)
    if near:
        return Evidence(
            kind="birth-date",
            outcome="unknown",
            adjustment=0.0,
            detail=f"query {given} is close to listed {listed_text}",
        )
    return Evidence(
        kind="birth-date",
        outcome="mismatch",
        adjustment=BIRTH_DATE_MISMATCH,
        detail=f"query {given} differs from listed {listed_text}",
    )


def _compare_nationality(given: str, listed: tuple[str, ...]) -> Evidence:
    if not listed:
        return Evidence(
            kind="nationality",
            outcome="unknown",
            adjustment=0.0,
            detail=f"the list gives no nationality (query {given})",
        )
    if given in listed:
        return Evidence(
            kind="nationality",
            outcome="match",
            adjustment=NATIONALITY_MATCH,
            detail=f"{given} is among the listed {', '.join(listed)}",
        )
    return Evidence(
        kind="nationality",
        outcome="mismatch",
        adjustment=NATIONALITY_MISMATCH,
        detail=f"{given} is not among the listed {', '.join(listed)}",
    )


def weigh_facts(entity: Entity, facts: QueryFacts) -> tuple[float, tuple[Evidence, ...]]:
    """The total adjustment the facts make to a match with ``entity``, and why.

    >>> from sanctionmatch.models import Entity, QueryFacts
    >>> e = Entity.model_validate({"id": "eu:1", "schema": "Person", "names": [{"full": "A B"}],
    ...     "listings": [{"source": "eu"}], "birth_dates": [{"value": "1967-10-17"}]})
    >>> weigh_facts(e, QueryFacts(birth_date="1967"))[0]
    0.05
    """
    evidence: list[Evidence] = []
    if facts.birth_date is not None:
        evidence.append(_compare_birth_dates(facts.birth_date, entity.birth_dates))
    if facts.nationality is not None:
        evidence.append(_compare_nationality(facts.nationality, entity.nationalities))
    if facts.schema_ is not None:
        if facts.schema_ is entity.schema_:
            evidence.append(
                Evidence(
                    kind="schema",
                    outcome="match",
                    adjustment=0.0,
                    detail=f"both are {entity.schema_.value}",
                )
            )
        else:
            evidence.append(
                Evidence(
                    kind="schema",
                    outcome="mismatch",
                    adjustment=SCHEMA_MISMATCH,
                    detail=f"query is {facts.schema_.value}, listed is {entity.schema_.value}",
                )
            )
    return round(sum(e.adjustment for e in evidence), 6), tuple(evidence)
