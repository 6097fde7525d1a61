"""The quality benchmark's case builder: the crude consonant key that finds cross-script hard
negatives (its own, independent of the scorer it helps to test)."""

from __future__ import annotations

from types import ModuleType

import pytest

from tests.conftest import load_benchmark_script


@pytest.fixture(scope="module")
def make_cases() -> ModuleType:
    return load_benchmark_script("quality/make_cases.py")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد", "Mohammed"),
        ("حسن", "Hassan"),
        ("الأسد", "Assad"),  # the article of the Arabic-script word left out
        ("خالد", "Khalid"),  # kh as one letter
        ("شریف", "Sharif"),  # Persian ی a long vowel, sh one letter
    ],
)
def test_an_arabic_word_and_its_romanisation_have_one_consonant_key(
    make_cases: ModuleType, arabic: str, latin: str
) -> None:
    assert make_cases.consonant_key(arabic) == make_cases.consonant_key(latin)


def test_short_keys_say_nothing_and_different_names_differ(make_cases: ModuleType) -> None:
    # Ali (l) and Abd (bd) are shared by too many names to make two names alike
    assert make_cases._consonant_keys("علي عبد حسن") == frozenset({"hsn"})
    assert make_cases.consonant_key("محمد") != make_cases.consonant_key("Hamid")
