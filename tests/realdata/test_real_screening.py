"""The fixture texts and payment lines screened against the real EU, OFAC and UN lists.

The bundled lists hold only ~180 entities; here every listed name of the real files (about
68,000) competes, which is where false alerts on single words and near-spellings show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sanctionmatch import Screener
from sanctionmatch.sources import load_many

ROOT = Path(__file__).resolve().parents[2]
LISTS = ROOT.parent / "shared" / "data" / "lists"
FILES = [
    LISTS / "ofac" / "SDN_2024-05-07.xml",
    LISTS / "ofac" / "CONSOLIDATED_nonSDN_2026-01-28.xml",
    LISTS / "eu" / "20240513-FULL-1_1.xml",
    LISTS / "un" / "consolidated_2026-02-27.xml",
]
TEXTS = ROOT / "fixtures" / "text"
SURNAMES = {
    "Putin": "putin",
    "Peskov": "peskov",
    "Peskova": "peskova",
    "Tokarev": "tokarev",
    "Chernyshenko": "chernyshenko",
}

pytestmark = pytest.mark.realdata


@pytest.fixture(scope="module")
def real() -> Screener:
    if not all(path.is_file() for path in FILES):
        pytest.skip(f"real list files not found under {LISTS} (../shared/data is absent)")
    return Screener.from_loaded(load_many(FILES))


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads((TEXTS / "expected.json").read_text(encoding="utf-8"))["files"]


def surname(caption: str) -> str:
    return caption.split()[-1].lower()


def test_the_real_lists_are_all_indexed(real: Screener) -> None:
    assert [lst.entity_count for lst in real.info.lists] == [14966, 442, 4808, 1003]
    assert real.info.alias_count == 36720 + 1586 + 25254 + 4133


@pytest.mark.parametrize(
    "article",
    [
        "seed_article_en.txt",
        "seed_article_de.txt",
        "seed_article_fr.txt",
        "seed_article_ru.txt",
        "seed_article_uk.txt",
    ],
)
def test_articles_flag_exactly_the_listed_people(
    real: Screener, expected: dict[str, Any], article: str
) -> None:
    text = (TEXTS / article).read_text(encoding="utf-8")
    result = real.screen_text(text)
    wanted = expected[article]
    spans = {
        (text.index(s), text.index(s) + len(s)): person
        for person, ss in wanted["must_match"].items()
        for s in ss
    }
    for (start, end), person in spans.items():
        found = [m for m in result.mentions if m.start < end and start < m.end]
        assert found, f"{text[start:end]!r} not flagged"
        assert SURNAMES[person] in {surname(x.entity.caption) for x in found[0].matches}
    for mention in result.mentions:
        covered = any(m_start <= mention.start and mention.end <= m_end for m_start, m_end in spans)
        persons = {surname(m.entity.caption) for m in mention.matches}
        # Anything else flagged must be a listed organisation named in the story (Transneft).
        assert covered or all(m.entity.schema_.value == "Organization" for m in mention.matches), (
            f"{mention.text!r} flagged as {persons}"
        )


def test_payment_lines_against_the_real_lists(real: Screener, expected: dict[str, Any]) -> None:
    lines = (TEXTS / "payments.txt").read_text(encoding="utf-8").splitlines()
    failures = []
    for case in expected["payments.txt"]["lines"]:
        result = real.screen_text(lines[case["line"] - 1])
        found = {surname(m.matches[0].entity.caption) for m in result.mentions}
        want = {SURNAMES[case["expect"]]} if case["expect"] else set()
        if found != want:
            failures.append(
                f"line {case['line']}: expected {want or 'nothing'}, got {found or 'nothing'}"
            )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "query",
    ["Volodymyr Zelensky", "Emmanuel Macron", "Olaf Scholz", "Mykhailo Podolyak", "Max Seddon"],
)
def test_unlisted_people_have_no_match_on_the_real_lists(real: Screener, query: str) -> None:
    assert real.screen(query).matches == ()


def test_saved_real_index_answers_the_same(real: Screener, tmp_path: Path) -> None:
    path = tmp_path / "real.smidx"
    real.save(path)
    loaded = Screener.load(path)
    assert loaded.info == real.info
    for query in ["Dmitry Peskov", "Путин Владимир", "Kim Jong Un", "Transneft"]:
        assert loaded.screen(query) == real.screen(query)
