"""Unicode clean-up: compatibility forms, invisible characters, accents, homoglyphs."""

from __future__ import annotations

import pytest

from sanctionmatch.normalize import Script, clean_text, fold_homoglyphs, script_of


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("ＰＥＳＫＯＶ", "peskov"),  # full-width
        ("Pes\u200bkov", "peskov"),  # zero-width space
        ("Pes\u00adkov", "peskov"),  # soft hyphen
        ("\u202ePeskov\u202c", "peskov"),  # bidi override
        ("Dmitrij Sergejevič", "dmitrij sergejevic"),
        ("Qoussaï Saddam", "qoussai saddam"),
        ("𝐏𝐮𝐭𝐢𝐧", "putin"),  # mathematical bold
        ("Tokar\u0435v", "tokarev"),  # Cyrillic е in a Latin word
        ("Chernyshenk\u043e", "chernyshenko"),  # Cyrillic о in a Latin word
        ("П\u0443тин", "путин"),  # Cyrillic у stays Cyrillic
        ("Пут\u0069н", "путін"),  # Latin i inside a Cyrillic word: its look-alike is і
        ("Йосиф Ёлкин", "йосиф ёлкин"),  # Cyrillic letters with marks keep them
        ("  Dmitry\t\nPeskov  ", "dmitry peskov"),
        ("STRAẞE", "strasse"),
        ("Серге́й КНЯ́ЗЕВ", "сергей князев"),  # stress accents printed on list names
        ("Łukasz Đorđević Søren", "lukasz dordevic soren"),  # letters that do not decompose
        ("Sa´d SA‘UD", "sa'd sa'ud"),  # apostrophe look-alikes stay inside the name
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned


def test_fold_homoglyphs_leaves_single_script_words_alone() -> None:
    assert fold_homoglyphs("Песков") == "Песков"
    assert fold_homoglyphs("Peskov") == "Peskov"


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", Script.LATIN),
        ("ж", Script.CYRILLIC),
        ("λ", Script.GREEK),
        ("م", Script.ARABIC),
        ("习", Script.HAN),
        ("김", Script.HANGUL),
        ("5", Script.OTHER),
        ("-", Script.OTHER),
    ],
)
def test_script_of(char: str, script: Script) -> None:
    assert script_of(char) is script
