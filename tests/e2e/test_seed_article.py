"""The news texts and payment lines of fixtures/text: listed people found, others never."""

from __future__ import annotations

from typing import Any

import pytest

from sanctionmatch import Screener, TextScreeningResult
from tests.conftest import FIXTURES

# The listed people of expected.json and the entity ids that name them (one per list).
CAPTIONS = {
    "Putin": "putin",
    "Peskov": "peskov",
    "Peskova": "peskova",
    "Tokarev": "tokarev",
    "Chernyshenko": "chernyshenko",
}
ARTICLES = [
    "seed_article_en.txt",
    "seed_article_de.txt",
    "seed_article_fr.txt",
    "seed_article_ru.txt",
    "seed_article_uk.txt",
]


def family_name_of(match_caption: str) -> str:
    return match_caption.split()[-1].lower()


def screen_file(screener: Screener, name: str) -> tuple[str, TextScreeningResult]:
    text = (FIXTURES / "text" / name).read_text(encoding="utf-8")
    return text, screener.screen_text(text)


def surnames_at(result: TextScreeningResult, start: int, end: int) -> set[str]:
    return {
        family_name_of(match.entity.caption)
        for mention in result.mentions
        if mention.start < end and start < mention.end
        for match in mention.matches[:1]
    }


@pytest.mark.parametrize("article", ARTICLES)
def test_every_full_name_mention_of_a_listed_person_is_flagged(
    screener: Screener, expected_texts: dict[str, Any], article: str
) -> None:
    text, result = screen_file(screener, article)
    for person, spans in expected_texts[article]["must_match"].items():
        for span in spans:
            start = text.index(span)
            found = surnames_at(result, start, start + len(span))
            assert CAPTIONS[person] in found, f"{span!r} in {article}: got {found or 'no match'}"


@pytest.mark.parametrize("article", ARTICLES)
def test_unlisted_people_are_never_flagged(
    screener: Screener, expected_texts: dict[str, Any], article: str
) -> None:
    text, result = screen_file(screener, article)
    for span in expected_texts[article]["must_not_match"]:
        position = 0
        while (start := text.find(span, position)) >= 0:
            flagged = [
                m.text for m in result.mentions if m.start < start + len(span) and start < m.end
            ]
            assert not flagged, f"{span!r} in {article} flagged as {flagged}"
            position = start + 1


@pytest.mark.parametrize("article", ARTICLES)
def test_mention_spans_are_exact_substrings(screener: Screener, article: str) -> None:
    text, result = screen_file(screener, article)
    assert result.mentions
    for mention in result.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.matches[0].score >= result.threshold


def test_english_article_flags_exactly_the_listed_four(screener: Screener) -> None:
    _, result = screen_file(screener, "seed_article_en.txt")
    flagged = {family_name_of(m.matches[0].entity.caption) for m in result.mentions}
    assert {"putin", "peskov", "tokarev", "chernyshenko"} <= flagged
    assert not flagged & {"zelensky", "macron", "scholz", "podolyak", "seddon", "peskova"}


def test_payment_lines(screener: Screener, expected_texts: dict[str, Any]) -> None:
    lines = (FIXTURES / "text" / "payments.txt").read_text(encoding="utf-8").splitlines()
    failures = []
    for case in expected_texts["payments.txt"]["lines"]:
        line = lines[case["line"] - 1]
        result = screener.screen_text(line)
        found = {family_name_of(m.matches[0].entity.caption) for m in result.mentions}
        expected = {CAPTIONS[case["expect"]]} if case["expect"] else set()
        if found != expected:
            failures.append(
                f"line {case['line']} {line!r}: expected {expected or 'nothing'}, got {found or 'nothing'}"
            )
    assert not failures, "\n".join(failures)


def test_genitive_of_peskov_is_not_his_daughter(screener: Screener) -> None:
    result = screener.screen_text("Слова Дмитрия Пескова прозвучали в понедельник.")
    (mention,) = result.mentions
    assert mention.text == "Дмитрия Пескова"
    assert family_name_of(mention.matches[0].entity.caption) == "peskov"
    assert all("peskova" not in m.entity.caption.lower() for m in mention.matches)
