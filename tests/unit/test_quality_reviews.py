"""The quality benchmark's reviewed labels: the file is well formed, and a class's reviewed
recall leaves out exactly the cases reviewed as another name."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import load_benchmark_script


@pytest.fixture(scope="module")
def run() -> ModuleType:
    return load_benchmark_script("quality/run.py")


def test_the_committed_reviews_load_and_say_why(run: ModuleType) -> None:
    reviews = run.load_reviews(run.REVIEWS)
    assert reviews["translit-arabic-script"]
    document = json.loads(run.REVIEWS.read_text(encoding="utf-8"))
    for block in document["reviews"]:
        for entry in block["cases"]:
            assert entry["verdict"] in run.VERDICTS
            assert entry["why"].strip(), entry


def _case(klass: str, list_name: str, query: str) -> dict[str, object]:
    return {"class": klass, "list_name": list_name, "query": query}


def test_reviewed_recall_leaves_out_only_cases_reviewed_as_another_name(
    run: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(
        json.dumps(
            {
                "reviews": [
                    {
                        "class": "c",
                        "cases": [
                            {"list_name": "A B", "query": "A", "verdict": "partial-name"},
                            {"list_name": "C", "query": "K", "verdict": "same-name"},
                            {"list_name": "gone", "query": "x", "verdict": "list-disagrees"},
                        ],
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    cases = [
        _case("c", "A B", "A"),  # a miss, reviewed as a partial name: left out
        _case("c", "C", "K"),  # a miss, reviewed as the same name: kept
        _case("c", "D", "D"),  # a hit, not reviewed: kept
        _case("c", "E", "F"),  # a miss, not reviewed: kept and counted as unreviewed
        _case("other", "A B", "A"),  # another class: not this review's
    ]
    scores = {run.OURS: [0.5, 0.5, 1.0, 0.1, 0.5]}
    (row,) = run.reviewed_recall(cases, scores, run.load_reviews(path))
    assert row["n"] == 4 and row["recall"] == pytest.approx(0.25)
    assert row["excluded"] == {"partial-name": 1}
    assert row["n_same_name"] == 3 and row["recall_same_name"] == pytest.approx(1 / 3)
    assert row["misses_same_name"] == 2
    assert row["unreviewed_misses"] == 1
    assert row["stale_reviews"] == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"list_name": "A", "query": "B", "verdict": "maybe"}, "verdict 'maybe'"),
        ({"list_name": "A", "verdict": "same-name"}, "has no 'query'"),
    ],
)
def test_a_bad_review_names_its_entry(
    run: ModuleType, tmp_path: Path, entry: dict[str, str], message: str
) -> None:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps({"reviews": [{"class": "c", "cases": [entry]}]}), encoding="utf-8")
    with pytest.raises(ValueError, match=f"class c, case 1.*{message}"):
        run.load_reviews(path)


def test_a_missing_reviews_file_is_an_error_not_an_empty_review(
    run: ModuleType, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="no reviews file at"):
        run.load_reviews(tmp_path / "reviews.json")
