"""Hypothesis strategies for the property tests of screening code (yours and ours).

``name_variants(name)`` draws the spellings in which a listed name reaches a screening system:
other case, other order, ``SURNAME, Given`` order, a dropped patronymic, initials, another
romanisation of a Cyrillic name, accents, an invisible character or a look-alike letter from
another script. Every variant it draws is one that sanctionmatch must match to the original
at the default threshold, so a downstream test can assert that its own flow flags them all.

>>> from hypothesis import given
>>> from sanctionmatch import Screener
>>> screener = Screener.default()
>>> @given(name_variants("Dmitry Sergeyevich Peskov"))
... def test_our_kyc_flow_catches(variant):
...     assert screener.screen(variant).is_hit
>>> test_our_kyc_flow_catches()

Requires the ``hypothesis`` extra: ``pip install sanctionmatch[hypothesis]``.
"""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from .normalize import load_patronymic_suffixes
from .normalize.translit import load_systems

__all__ = ["INVISIBLE_CHARACTERS", "LOOKALIKES", "any_unicode_text", "name_variants"]

#: Characters that render as nothing and must not change a name.
INVISIBLE_CHARACTERS = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
#: Latin letters and a Cyrillic letter that looks the same.
LOOKALIKES = {
    "a": "\u0430",
    "e": "\u0435",
    "o": "\u043e",
    "p": "\u0440",
    "c": "\u0441",
    "x": "\u0445",
    "y": "\u0443",
    "i": "\u0456",
}


def any_unicode_text(*, max_size: int = 200) -> st.SearchStrategy[str]:
    """Any string of code points, surrogates, controls, marks and private use included."""
    return st.text(st.characters(codec=None, exclude_categories=()), max_size=max_size)


def _is_patronymic(token: str) -> bool:
    return len(token) > 6 and token.lower().endswith(load_patronymic_suffixes())


def _is_cyrillic(token: str) -> bool:
    return any("CYRILLIC" in unicodedata.name(c, "") for c in token)


@st.composite
def _romanised(draw: st.DrawFn, tokens: list[str]) -> list[str]:
    systems = sorted(name for name in load_systems() if name.startswith(("ru:", "uk:")))
    system = load_systems()[draw(st.sampled_from(systems))]
    return [system.romanize_word(t.lower()).capitalize() if _is_cyrillic(t) else t for t in tokens]


@st.composite
def _with_character(draw: st.DrawFn, tokens: list[str]) -> list[str]:
    position = draw(st.integers(0, len(tokens) - 1))
    token = tokens[position]
    if len(token) < 2:
        return tokens
    where = draw(st.integers(1, len(token) - 1))
    if draw(st.booleans()):
        inserted = draw(st.sampled_from(INVISIBLE_CHARACTERS))
        token = token[:where] + inserted + token[where:]
    else:
        swappable = [i for i, c in enumerate(token) if c.lower() in LOOKALIKES and i > 0]
        if swappable:
            i = draw(st.sampled_from(swappable))
            token = token[:i] + LOOKALIKES[token[i].lower()] + token[i + 1 :]
    return [*tokens[:position], token, *tokens[position + 1 :]]


@st.composite
def name_variants(draw: st.DrawFn, name: str) -> str:
    """Spellings of ``name`` that a screener must still match to ``name``.

    Args:
        name: a person's name as a list gives it, e.g. ``"Dmitry Sergeyevich Peskov"``.
    """
    tokens = name.split()
    if not tokens:
        raise ValueError("name_variants needs a name with at least one word")
    if any(_is_cyrillic(t) for t in tokens) and draw(st.booleans()):
        tokens = draw(_romanised(tokens))
    if len(tokens) >= 3 and draw(st.booleans()):
        tokens = [t for t in tokens if not _is_patronymic(t)] or tokens
    if draw(st.booleans()):
        tokens = draw(st.permutations(tokens))
    if draw(st.booleans()):
        tokens = draw(_with_character(tokens))
    case = draw(st.sampled_from(["keep", "upper", "lower", "title"]))
    if case == "upper":
        tokens = [t.upper() for t in tokens]
    elif case == "lower":
        tokens = [t.lower() for t in tokens]
    elif case == "title":
        tokens = [t.capitalize() for t in tokens]
    if len(tokens) >= 2 and draw(st.booleans()):
        return f"{tokens[-1].upper()}, {' '.join(tokens[:-1])}"
    return " ".join(tokens)
