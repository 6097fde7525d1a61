"""Romanisation: every Latin spelling a non-Latin name is commonly written in.

A Cyrillic name has no single Latin spelling: Зеленський is Zelenskyi in a Ukrainian passport,
Zelenskyy in the BGN/PCGN system, Selenskyj in German papers and Zelensky in English ones.
Sanctions lists mix these systems too (the EU list gives one romanisation per EU language).
So a token is romanised under every system of its script and the scorer compares all of them.

The systems are data (``data/romanization.json``, sources in ``data/SOURCES.md``): a map per
letter or letter group, with context maps for word-initial, word-final, between-vowel,
after-vowel and after-consonant positions. Scripts without a table here (Arabic, Han, Hangul,
others) fall back to ``unidecode``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from unidecode import unidecode

from ..errors import InvalidInputError
from .unicode import Script, script_of

__all__ = [
    "RomanizationSystem",
    "ascii_fold",
    "load_systems",
    "romanize",
    "romanize_variants",
    "systems_for",
]

# Letters that tell one East Slavic language from another (a hint, never a rule).
_UKRAINIAN_LETTERS = frozenset("їєґ")
_BELARUSIAN_LETTERS = frozenset("ў")
_UKRAINIAN_OR_BELARUSIAN_LETTERS = frozenset("і")
_RUSSIAN_LETTERS = frozenset("ыэъё")


@dataclass(frozen=True, slots=True)
class RomanizationSystem:
    """One romanisation system: per-context maps from letter groups to ASCII."""

    name: str
    language: str
    script: Script
    title: str
    map: dict[str, str]
    word_initial: dict[str, str]
    word_final: dict[str, str]
    between_vowels: dict[str, str]
    after_vowel: dict[str, str]
    after_consonant: dict[str, str]
    vowels: frozenset[str]
    vowel_like: frozenset[str]
    longest_key: int
    keys: frozenset[str]  # every letter group of every table, to skip hopeless look-ups

    def romanize_word(self, word: str) -> str:
        """Romanise one lower-case word written wholly in this system's script."""
        out: list[str] = []
        position = 0
        length = len(word)
        while position < length:
            for size in range(min(self.longest_key, length - position), 0, -1):
                key = word[position : position + size]
                if key not in self.keys:
                    continue
                value = self._lookup(word, position, key)
                if value is not None:
                    out.append(value)
                    position += size
                    break
            else:
                out.append(word[position])
                position += 1
        return "".join(out)

    def _lookup(self, word: str, position: int, key: str) -> str | None:
        end = position + len(key)
        previous = word[position - 1] if position else ""
        following = word[end] if end < len(word) else ""
        if position == 0 and key in self.word_initial:
            return self.word_initial[key]
        if end == len(word) and key in self.word_final:
            return self.word_final[key]
        if previous in self.vowels and following in self.vowels and key in self.between_vowels:
            return self.between_vowels[key]
        if previous and (previous in self.vowels or previous in self.vowel_like):
            if key in self.after_vowel:
                return self.after_vowel[key]
        elif previous and previous.isalpha() and key in self.after_consonant:
            return self.after_consonant[key]
        return self.map.get(key)


@cache
def load_systems() -> dict[str, RomanizationSystem]:
    """Every romanisation system of ``data/romanization.json``, by name (``ru:bgn_pcgn``...)."""
    raw = json.loads(
        resources.files("sanctionmatch.normalize")
        .joinpath("data/romanization.json")
        .read_text(encoding="utf-8")
    )
    vowels = raw["vowels"]
    vowel_like = raw.get("after_vowel_also", {})
    systems: dict[str, RomanizationSystem] = {}
    for name, own in raw["systems"].items():
        # A system may be another with some letters read otherwise ("based_on").
        base = raw["systems"][own["based_on"]] if "based_on" in own else {}
        spec = {**base, **own}
        script = Script(spec["script"])
        maps = {
            part: {**base.get(part, {}), **own.get(part, {})}
            for part in (
                "map",
                "word_initial",
                "word_final",
                "between_vowels",
                "after_vowel",
                "after_consonant",
            )
        }
        longest = max((len(key) for table in maps.values() for key in table), default=1)
        systems[name] = RomanizationSystem(
            name=name,
            language=spec["language"],
            script=script,
            title=spec.get("title", name),
            vowels=frozenset(vowels.get(script.value, "")),
            vowel_like=frozenset(vowel_like.get(script.value, "")),
            longest_key=longest,
            keys=frozenset(key for table in maps.values() for key in table),
            **maps,
        )
    return systems


@cache
def _systems_by_script_language() -> dict[tuple[Script, str], tuple[RomanizationSystem, ...]]:
    grouped: dict[tuple[Script, str], list[RomanizationSystem]] = {}
    for system in load_systems().values():
        grouped.setdefault((system.script, system.language), []).append(system)
    return {key: tuple(value) for key, value in grouped.items()}


def systems_for(word: str, script: Script) -> tuple[RomanizationSystem, ...]:
    """The systems to try for a word: the languages its letters allow, else all of the script."""
    table = _systems_by_script_language()
    if script is Script.CYRILLIC:
        letters = set(word)
        if letters & _UKRAINIAN_LETTERS:
            languages: Iterable[str] = ("uk",)
        elif letters & _BELARUSIAN_LETTERS:
            languages = ("be",)
        elif letters & _UKRAINIAN_OR_BELARUSIAN_LETTERS:
            languages = ("uk", "be")
        elif letters & _RUSSIAN_LETTERS:
            languages = ("ru",)
        else:
            languages = ("ru", "uk", "be")
    else:
        languages = sorted({lang for (scr, lang) in table if scr is script})
    return tuple(system for lang in languages for system in table.get((script, lang), ()))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: the common alphabet of every spelling.

    >>> ascii_fold("Zelens'kyy-Straße")
    'zelenskyystrasse'
    """
    return "".join(ch for ch in unidecode(text).lower() if ch.isalnum())


def _dominant_script(word: str) -> Script:
    counts: dict[Script, int] = {}
    for char in word:
        script = script_of(char)
        if script is not Script.OTHER:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return Script.OTHER
    return max(sorted(counts, key=lambda s: s.value), key=lambda s: counts[s])


@lru_cache(maxsize=65536)
def romanize_variants(word: str) -> frozenset[str]:
    """Every ASCII spelling of a cleaned (lower-case) word under the systems of its script.

    Latin words have one spelling (accents and ligatures folded). An empty set means the word
    has no letter or digit at all.

    >>> {"zelenskyy", "zelenskyi", "selenskyj"} <= romanize_variants("зеленський")
    True
    """
    script = _dominant_script(word)
    spellings: set[str] = set()
    if script in (Script.CYRILLIC, Script.GREEK):
        for system in systems_for(word, script):
            spelling = ascii_fold(system.romanize_word(word))
            if spelling:
                spellings.add(spelling)
    fallback = ascii_fold(word)
    if fallback:
        spellings.add(fallback)
    return frozenset(spellings)


def romanize(word: str, system: str) -> str:
    """Romanise a cleaned word under one named system (``"ru:bgn_pcgn"``), ASCII-folded.

    >>> romanize("песков", "ru:german")
    'peskow'
    """
    try:
        chosen = load_systems()[system]
    except KeyError:
        known = ", ".join(sorted(load_systems()))
        raise InvalidInputError(f"unknown romanisation system {system!r}; known: {known}") from None
    return ascii_fold(chosen.romanize_word(word))
