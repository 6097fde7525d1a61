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

``variants_of(name, classes=...)`` draws ``(class, variant)`` pairs from the seeded variant
generators of :mod:`sanctionmatch.variants`, one class at a time or any mix, so a test can say
which kind of variant it failed on; ``list_variant_pairs(entity)`` draws the ground-truth pairs
a listed entity holds (the EU list's per-language romanisations, Cyrillic, Arabic-script and
Han names beside Latin ones).

Requires the ``hypothesis`` extra: ``pip install sanctionmatch[hypothesis]``.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable

from hypothesis import strategies as st

from .models import Entity
from .normalize import load_patronymic_suffixes
from .normalize.translit import load_systems
from .variants import VARIANT_CLASSES, VariantClass

__all__ = [
    "INVISIBLE_CHARACTERS",
    "LOOKALIKES",
    "any_unicode_text",
    "list_variant_pairs",
    "name_variants",
    "variants_of",
]

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


def _chosen_classes(classes: Iterable[str] | None, *, pair_classes: bool) -> list[VariantClass]:
    names = list(VARIANT_CLASSES) if classes is None else list(classes)
    chosen = []
    for name in names:
        if name not in VARIANT_CLASSES:
            known = ", ".join(VARIANT_CLASSES)
            raise ValueError(f"unknown variant class {name!r}; known: {known}")
        variant_class = VARIANT_CLASSES[name]
        if variant_class.is_pair_class == pair_classes:
            chosen.append(variant_class)
        elif classes is not None:
            kind = "a pair class" if variant_class.is_pair_class else "a transform class"
            raise ValueError(f"{name} is {kind}")
    return chosen


def variants_of(
    name: str, *, classes: Iterable[str] | None = None
) -> st.SearchStrategy[tuple[str, str]]:
    """``(class name, variant)`` pairs: variants of ``name`` drawn by the seeded generators of
    :data:`sanctionmatch.variants.VARIANT_CLASSES`.

    Only the classes that apply to the name are drawn (a Cyrillic romanisation needs a
    Cyrillic name, initials need two words). Hypothesis draws the class and the generator's
    random state, so a failing example shrinks and replays like any other.

    Args:
        name: a name as a list gives it, e.g. ``"Dmitry Sergeyevich PESKOV"``.
        classes: the names of the transform classes to draw from (e.g. ``["noise-typo-1"]``);
            all transform classes if ``None``.

    Returns:
        A strategy of ``(class name, variant)`` tuples.

    Raises:
        ValueError: a class is unknown or a pair class, or no chosen class applies to ``name``.

    Example:
        >>> from hypothesis import given, settings
        >>> from sanctionmatch import compare_names
        >>> @settings(max_examples=25)
        ... @given(variants_of("Dmitry Sergeyevich PESKOV", classes=["order-comma", "noise-case"]))
        ... def test_order_and_case_still_match(pair):
        ...     variant_class, variant = pair
        ...     score = compare_names("Dmitry Sergeyevich PESKOV", variant).score
        ...     assert score >= 0.8, f"{variant_class}: {variant!r} scored {score}"
        >>> test_order_and_case_still_match()
    """
    probe = random.Random(0)
    applicable = [
        c.name
        for c in _chosen_classes(classes, pair_classes=False)
        if c.generate(name, probe) is not None
    ]
    if not applicable:
        raise ValueError(f"no chosen variant class applies to {name!r}")

    def draw(chosen: tuple[str, random.Random]) -> tuple[str, str]:
        class_name, rng = chosen
        variant = VARIANT_CLASSES[class_name].generate(name, rng)
        if variant is None:  # applicability never depends on the random state
            raise AssertionError(f"{class_name} applied to {name!r} once and then did not")
        return class_name, variant

    return st.tuples(st.sampled_from(applicable), st.randoms(use_true_random=False)).map(draw)


def list_variant_pairs(
    entity: Entity, *, classes: Iterable[str] | None = None
) -> st.SearchStrategy[tuple[str, str, str]]:
    """``(class name, reference, variant)``: the ground-truth pairs a listed entity holds for
    the pair classes (two names the list itself gives one person).

    Args:
        entity: a listed entity, e.g. from :func:`sanctionmatch.sources.load_default`.
        classes: the names of the pair classes to draw from; all pair classes if ``None``.

    Returns:
        A strategy sampling the entity's ``(class name, reference, variant)`` pairs.

    Raises:
        ValueError: a class is unknown or a transform class, or the entity holds no pair.

    Example:
        >>> from hypothesis import given, settings
        >>> from sanctionmatch.sources import load_default
        >>> eu = load_default()[0].entities
        >>> peskov = next(e for e in eu if e.id == "eu:136072")
        >>> @settings(max_examples=10)
        ... @given(list_variant_pairs(peskov, classes=["translit-eu-languages"]))
        ... def test_names(triple):
        ...     assert triple[1] == "Dmitry Sergeyevich PESKOV"
        >>> test_names()
    """
    triples = [
        (c.name, reference, variant)
        for c in _chosen_classes(classes, pair_classes=True)
        for reference, variant in c.pairs_of(entity)
    ]
    if not triples:
        raise ValueError(f"entity {entity.id} holds no pair of the chosen classes")
    return st.sampled_from(triples)
