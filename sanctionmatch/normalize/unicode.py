"""Unicode clean-up: one canonical spelling of the characters of a name.

Names arrive with compatibility characters (full-width letters, ligatures, mathematical
alphanumerics), invisible characters (zero-width spaces, soft hyphens, bidi marks), accents
that one list writes and another does not, and look-alike letters from another script
(a Cyrillic ``а`` inside a Latin word, often by accident, sometimes to evade screening).
Everything here maps such a string to the one spelling the later stages compare.

Facts: Unicode Standard Annex #15 (NFKC), the General Category ``Cf`` (format characters) and
Unicode Technical Standard #39 (confusables), from which ``data/homoglyphs.json`` is taken.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from importlib import resources

__all__ = [
    "Script",
    "clean_text",
    "context_script",
    "fold_homoglyphs",
    "fold_name_homoglyphs",
    "script_of",
    "strip_marks",
]


class Script(StrEnum):
    """The writing systems the normaliser tells apart (ISO 15924 codes)."""

    LATIN = "Latn"
    CYRILLIC = "Cyrl"
    GREEK = "Grek"
    ARABIC = "Arab"
    HAN = "Hani"
    HANGUL = "Hang"
    OTHER = "Zyyy"


# Code point ranges per script, sorted; used by script_of (a bisect would gain nothing here).
_SCRIPT_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00C0, 0x024F, Script.LATIN),
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x08A0, 0x08FF, Script.ARABIC),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x3130, 0x318F, Script.HANGUL),
    (0x3400, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xAC00, 0xD7AF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0x20000, 0x2FA1F, Script.HAN),
)


@cache
def script_of(char: str) -> Script:
    """The script of one character; digits, marks and punctuation are ``Script.OTHER``.

    >>> script_of("ж"), script_of("z"), script_of("7")
    (<Script.CYRILLIC: 'Cyrl'>, <Script.LATIN: 'Latn'>, <Script.OTHER: 'Zyyy'>)
    """
    point = ord(char)
    for low, high, script in _SCRIPT_RANGES:
        if point < low:
            return Script.OTHER
        if point <= high:
            return script if char.isalpha() else Script.OTHER
    return Script.OTHER


@cache
def _load_homoglyphs() -> tuple[dict[str, str], dict[str, str]]:
    text = (
        resources.files("sanctionmatch.normalize")
        .joinpath("data/homoglyphs.json")
        .read_text(encoding="utf-8")
    )
    table = json.loads(text)
    return dict(table["to_latin"]), dict(table["to_cyrillic"])


def _is_dropped(char: str) -> bool:
    """Characters that carry no letter: format (Cf) and other non-printing code points, and the
    Arabic tatweel, which only stretches the line between two letters (محـمد)."""
    category = unicodedata.category(char)
    return category in ("Cf", "Cs", "Co", "Cn") or char in "\u034f\u115f\u1160\u3164\uffa0\u0640"


_MARK_KEEPING_SCRIPTS = frozenset({Script.ARABIC, Script.HANGUL, Script.HAN})
#: Arabic-script marks that writers may leave out without changing a name: the short vowels,
#: tanwin, shadda and sukun (U+064B-U+0652), the dagger alef (U+0670) and Quranic annotation
#: marks; vocalised text (مُحَمَّد) is the unvocalised name (محمد). The hamza and madda marks
#: stay, since they compose with alef into letters of their own (أ, آ).
_ARABIC_OPTIONAL_MARKS = frozenset(
    chr(point)
    for point in (*range(0x0610, 0x061B), *range(0x064B, 0x0653), 0x0670, *range(0x06D6, 0x06EE))
)
#: The marks that make Cyrillic letters of their own (й, ў: breve; ё, ї: diaeresis); the
#: stress accents that lists print on Cyrillic names (Серге́й) are dropped like Latin accents.
_CYRILLIC_LETTER_MARKS = frozenset("\u0306\u0308")
#: Latin letters that Unicode does not decompose into a base letter and an accent, folded to
#: the ASCII letters they are written with when the accent is lost (Łukasz, Đorđe, Søren).
_LATIN_FOLDS = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ħ": "h", "ı": "i", "ŧ": "t", "ŀ": "l", "ƚ": "l"}
)
#: Apostrophe look-alikes written inside names (Sa´d, SA‘UD); NFKC would turn the acute
#: accent into a space and split the name.
_APOSTROPHES = str.maketrans({"´": "'", "‘": "'", "`": "'", "ʹ": "'", "ʻ": "'"})


def strip_marks(text: str) -> str:
    """Remove accents from Latin and Greek letters; keep the marks other scripts need.

    A Cyrillic ``й`` or ``ё`` is a letter of its own, so only Latin and Greek lose their
    combining marks (``Dmitrij Sergejevič`` becomes ``Dmitrij Sergejevic``).

    >>> strip_marks("Qoussaï Müller Sergejevič Ηλίας й")
    'Qoussai Muller Sergejevic Ηλιας й'
    """
    decomposed = unicodedata.normalize("NFD", text)
    kept: list[str] = []
    base_script = Script.OTHER
    for char in decomposed:
        if unicodedata.combining(char):
            if char in _ARABIC_OPTIONAL_MARKS:
                continue
            if base_script in _MARK_KEEPING_SCRIPTS or (
                base_script is Script.CYRILLIC and char in _CYRILLIC_LETTER_MARKS
            ):
                kept.append(char)
            continue
        base_script = script_of(char)
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _letter_counts(word: str) -> tuple[int, int]:
    """Letters of ``word`` in Latin script, and in Cyrillic or Greek (folded as one group)."""
    latin = cyrillic = 0
    for char in word:
        script = script_of(char)
        if script is Script.LATIN:
            latin += 1
        elif script is Script.CYRILLIC or script is Script.GREEK:
            cyrillic += 1
    return latin, cyrillic


def _is_greek(char: str) -> bool:
    return script_of(char) is Script.GREEK


def context_script(words: Iterable[str]) -> Script | None:
    """The script most letters of a name are in (Latin, or Cyrillic for Cyrillic and Greek),
    or ``None`` on a tie: what a look-alike in a mixed word most likely imitates.

    >>> context_script(["I\\u043da", "Леанiдаўна", "ПАЎЛОЎСKАЯ"])
    <Script.CYRILLIC: 'Cyrl'>
    """
    latin = cyrillic = 0
    for word in words:
        ours, theirs = _letter_counts(word)
        latin += ours
        cyrillic += theirs
    if latin == cyrillic:
        return None
    return Script.LATIN if latin > cyrillic else Script.CYRILLIC


def fold_homoglyphs(word: str, context: Script | None = None) -> str:
    """Rewrite look-alike letters of a word into the script they imitate.

    A word that mixes Latin with Cyrillic or Greek letters is rewritten into the script in
    which all its letters have a look-alike: ``Tokarеv`` with a Cyrillic ``е`` becomes
    all-Latin ``Tokarev``; ``ВAΖ`` becomes ``BAZ`` (no Cyrillic letter looks like ``Ζ``).
    Where it can be written wholly in both, it takes the script of the rest of the name
    (``context``, see :func:`context_script`; ``Iнa`` in a Belarusian name is ``Іна``), and
    without one, the script most of its letters are in. Where it can be written wholly in
    neither, its minority letters that have look-alikes are rewritten. Single-script words are
    unchanged. Case matters: ``Н`` imitates ``H``, ``н`` nothing Latin, so fold before case
    folding and again after.

    >>> fold_homoglyphs("Tok\\u0430rev")
    'Tokarev'
    >>> fold_homoglyphs("I\\u043da", Script.CYRILLIC)
    'Іна'
    """
    latin, cyrillic = _letter_counts(word)
    if not latin or not cyrillic:
        return word
    to_latin, to_cyrillic = _load_homoglyphs()
    as_latin = "".join(c if script_of(c) is Script.LATIN else to_latin.get(c, c) for c in word)
    as_cyrillic = "".join(
        to_cyrillic.get(c, c) if script_of(c) is Script.LATIN else c for c in word
    )
    whole = []
    if not _letter_counts(as_latin)[1]:
        whole.append(Script.LATIN)
    # the table rewrites Latin into Cyrillic only: a Greek word is never whole that way
    if not _letter_counts(as_cyrillic)[0] and not any(_is_greek(c) for c in word):
        whole.append(Script.CYRILLIC)
    if context in whole:
        target = context
    elif len(whole) == 1:
        target = whole[0]
    else:
        target = Script.LATIN if latin >= cyrillic else Script.CYRILLIC
    return as_latin if target is Script.LATIN else as_cyrillic


def clean_text(text: str) -> str:
    """NFKC, invisible characters removed, controls made spaces, accents stripped, case folded.

    The result keeps the original scripts (transliteration is a later step) and is idempotent:
    ``clean_text(clean_text(s)) == clean_text(s)``.

    >>> clean_text("ＰＥＳＫＯＶ,\\u200b Dmitrij  Sergejevič")
    'peskov, dmitrij sergejevic'
    """
    if text.isascii():  # most names in lists and payments: the same result, far quicker
        return " ".join(text.translate(_ASCII_CLEAN).lower().split())
    # NFKC, case folding and homoglyph folding can each undo another's normal form (U+0130,
    # U+1E9E, a folded letter that NFKC composes): repeat until nothing changes.
    for _ in range(4):
        cleaned = _clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


#: What the general path does to ASCII text: controls become spaces, a backquote an
#: apostrophe (a property test checks the two paths agree on any ASCII text).
_ASCII_CLEAN = str.maketrans({**{chr(c): " " for c in (*range(32), 127)}, "`": "'"})


def _clean_once(text: str) -> str:
    # Before NFKC and case folding, which turn some look-alikes into letters that look like
    # nothing Latin (NFKC makes the lunate sigma Ϲ a Σ; case folding makes Н an н).
    text = unicodedata.normalize("NFKC", fold_name_homoglyphs(text.translate(_APOSTROPHES)))
    chars: list[str] = []
    for char in text:
        if _is_dropped(char):
            continue
        if unicodedata.category(char) in ("Cc", "Zl", "Zp", "Zs"):
            chars.append(" ")
        else:
            chars.append(char)
    text = unicodedata.normalize("NFKC", strip_marks("".join(chars)).casefold())
    text = text.translate(_LATIN_FOLDS)
    return " ".join(fold_name_homoglyphs(text).split())


_WORD = re.compile(r"\S+")


def _script_class(*scripts: Script) -> re.Pattern[str]:
    """A pattern matching any code point of ``scripts`` (by :data:`_SCRIPT_RANGES`)."""
    ranges = "".join(
        f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high, script in _SCRIPT_RANGES
        if script in scripts
    )
    return re.compile(f"[{ranges}]")


_LATIN_CHAR = _script_class(Script.LATIN)
_CYRILLIC_OR_GREEK_CHAR = _script_class(Script.CYRILLIC, Script.GREEK)


def _may_mix_scripts(text: str) -> bool:
    """Whether ``text`` has both Latin and Cyrillic or Greek code points: without, no word of
    it mixes them and folding changes nothing (a quick test: most names are in one script)."""
    return bool(_LATIN_CHAR.search(text) and _CYRILLIC_OR_GREEK_CHAR.search(text))


def fold_name_homoglyphs(text: str) -> str:
    """:func:`fold_homoglyphs` on every word of a name, in the context of the whole name,
    spaces and case kept: the name as a reader sees it.

    >>> fold_name_homoglyphs("Артыш Михайлович C\\u0410\\u0422")  # the EU list's Latin C
    'Артыш Михайлович САТ'
    """
    if text.isascii() or not _may_mix_scripts(text):
        return text
    context = context_script(_WORD.findall(text))
    return _WORD.sub(lambda word: fold_homoglyphs(word.group(), context), text)
