"""Romanisation: the spellings each system gives real names from the lists and the press."""

from __future__ import annotations

import pytest

from sanctionmatch.errors import InvalidInputError
from sanctionmatch.normalize import romanize, romanize_variants


@pytest.mark.parametrize(
    ("word", "spelling"),
    [
        ("зеленський", "zelenskyy"),  # BGN/PCGN
        ("зеленський", "zelenskyi"),  # Ukrainian national 2010 / passports
        ("зеленський", "selenskyj"),  # German press
        ("зеленский", "zelensky"),  # English press, Russian spelling
        ("песков", "peskov"),
        ("песков", "peskow"),  # German
        ("путин", "putin"),
        ("путин", "poutine"),  # French
        ("чернышенко", "chernyshenko"),
        ("чернышенко", "tschernyschenko"),  # German
        ("токарев", "tokarev"),
        ("дмитрий", "dmitriy"),
        ("дмитрий", "dmitrij"),
        ("сергеевич", "sergeyevich"),
        ("сергеевич", "sergejevitj"),  # Swedish, as the EU list writes it
        ("елизавета", "yelizaveta"),
        ("элизабет", "elizabet"),
    ],
)
def test_romanize_variants_include_common_spellings(word: str, spelling: str) -> None:
    assert spelling in romanize_variants(word)


@pytest.mark.parametrize(
    ("word", "system", "spelling"),
    [
        ("песков", "ru:bgn_pcgn", "peskov"),
        ("щукин", "ru:bgn_pcgn", "shchukin"),
        ("ёлкин", "ru:german", "jolkin"),
        ("зеленський", "uk:national_2010", "zelenskyi"),
        ("юрій", "uk:national_2010", "yurii"),
    ],
)
def test_romanize_named_system(word: str, system: str, spelling: str) -> None:
    assert romanize(word, system) == spelling


def test_greek_is_romanised() -> None:
    assert "papadopoulos" in romanize_variants("παπαδόπουλος".replace("ό", "ο"))


def test_latin_words_have_one_ascii_spelling() -> None:
    assert romanize_variants("müller") == frozenset({"muller"})


def test_unknown_system_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="unknown romanisation system 'ru:klingon'"):
        romanize("путин", "ru:klingon")
