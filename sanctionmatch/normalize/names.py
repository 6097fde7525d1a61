"""Name parts: a cleaned name becomes tagged tokens the scorer can align in any order.

Titles and honorifics (``President``, ``Dr``, ``г-н``) are dropped; legal forms (``OOO``,
``ООО``, ``LLC``, ``GmbH``) become one canonical token of little weight; initials (``D.``),
particles (``al``, ``bin``, ``von``) and East Slavic patronymics (``Sergeyevich``) are tagged
so that missing or abbreviated ones cost little. Cyrillic tokens also carry the nominative of
their case forms (``Дмитрия Пескова`` -> ``Дмитрий Песков``) because news text inflects names.

The tables are data in ``data/`` (titles, legal forms, particles, patronymic endings, case
endings), loaded once; their sources are in ``data/SOURCES.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from itertools import islice, product
from typing import Any, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..errors import EmptyNameError
from ..limits import MAX_NAME_LENGTH, MAX_NAME_TOKENS, check_text_argument
from .skeleton import skeleton
from .translit import ascii_fold, load_systems, romanize_variants
from .unicode import Script, clean_text, script_of

__all__ = [
    "MAX_JOINABLE_TOKENS",
    "MAX_RUN_TOKENS",
    "MIN_RUN_KEY",
    "JoinedToken",
    "NameForm",
    "NameToken",
    "TokenRole",
    "is_title",
    "keys_end_to_end",
    "load_patronymic_suffixes",
    "normalize_name",
    "person_reading",
    "run_token",
    "runs_spelling",
    "tokenize_name",
]


class TokenRole(StrEnum):
    """What a token is in its name; decides what a missing or matched token weighs.

    Each role carries, as plain attributes (read on every token comparison, so no property
    calls): ``weight``, the weight of the token when aligned with another; ``missing_cost``,
    what it costs when nothing on the other side matches it; ``is_distinctive``, whether a
    match of this token alone is evidence of the same name; ``is_joinable``, whether lists
    write it joined to a neighbour (Abdul Rahman, Al-Tikriti).
    """

    NAME = "name"
    PATRONYMIC = "patronymic"
    INITIAL = "initial"
    PARTICLE = "particle"
    LEGAL_FORM = "legal-form"

    weight: float
    missing_cost: float
    is_distinctive: bool
    is_joinable: bool


_ROLE_TABLE = {
    # role: (weight when aligned, cost when missing, distinctive, joinable)
    TokenRole.NAME: (1.0, 1.0, True, True),
    TokenRole.PATRONYMIC: (0.5, 0.2, True, True),
    TokenRole.INITIAL: (0.5, 0.3, False, False),
    TokenRole.PARTICLE: (0.2, 0.1, False, True),
    TokenRole.LEGAL_FORM: (0.2, 0.1, False, False),
}
for _role, (_weight, _cost, _distinctive, _joinable) in _ROLE_TABLE.items():
    _role.weight = _weight
    _role.missing_cost = _cost
    _role.is_distinctive = _distinctive
    _role.is_joinable = _joinable


@dataclass(frozen=True, slots=True)
class NameToken:
    """One token of a name with every spelling the scorer may compare.

    ``text`` is the cleaned token in its own script; ``spellings`` its ASCII spellings under
    every romanisation system (and of its nominative, for inflected Cyrillic); ``forms`` those
    plus the other spellings of the same given name (Mykola = Nikolay, Mohammed = Muhammad);
    ``skeletons`` the romanisation-insensitive keys of ``forms``, ``own_skeletons`` those of
    ``spellings``. Equal forms or skeletons make two tokens the same name; fuzzy similarity
    uses only the token's own spellings, so that two different names whose variants happen to
    be close (Mahmud's Mehmood, Muhammad's Mehmed) stay apart.
    """

    text: str
    role: TokenRole
    spellings: frozenset[str]
    forms: frozenset[str]
    skeletons: frozenset[str]
    own_skeletons: frozenset[str]
    #: Set only on two tokens written as one (see :class:`JoinedToken`) that may be one word
    #: in the other script: two Arabic-script tokens (حمید + الله is ``hmd`` + ``l``, which
    #: Latin Hamidullah shares), or two Latin ones of an Arabic or Persian compound name
    #: (Abdul + Rahman, as عبدالرحمن writes it; ``compound_elements`` in
    #: ``data/arabic_consonants.json``). Their consonant keys end to end.
    joined_consonants: frozenset[str] | None = None

    @property
    def may_join(self) -> bool:
        """Whether lists write this token joined with another: names, patronymics, particles,
        and single letters, which a hyphen often ties to the next or last part (Shams-u-Rahman
        for Shamsu Rahman, One-P for Onep, G-PÈP for GPÈP)."""
        return self.role.is_joinable or (
            self.role is TokenRole.INITIAL and len(self.text) == 1 and self.text.isalpha()
        )

    @property
    def is_arabic(self) -> bool:
        """Whether the token is written in Arabic script (which writes no short vowels)."""
        return _is_arabic(self.text)

    @property
    def consonant_keys(self) -> frozenset[str]:
        """The token's spellings without vowels (see :func:`consonant_keys_of`); for two
        tokens written as one, their keys end to end."""
        if self.joined_consonants is not None:
            return self.joined_consonants
        return consonant_keys_of(self.text, self.spellings)

    @property
    def initial(self) -> str:
        """What an initial stands for: for an initial, all its letters (``d`` for ``D.``,
        ``ind`` for the abbreviation ``Ind.``), which a name it matches starts with; for any
        other token, the first letter of its spellings."""
        first = min(self.forms)
        return first if self.role is TokenRole.INITIAL else first[0]


@dataclass(frozen=True, slots=True)
class JoinedToken:
    """Two name tokens written as one (``Abdul`` + ``Rahman`` = ``Abdulrahman``), so that a
    name split or joined differently still aligns. ``first`` and ``second`` index the tokens."""

    first: int
    second: int
    token: NameToken


#: Names with more name tokens than this get no joined tokens (their pairs grow as n²).
MAX_JOINABLE_TOKENS = 9


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name ready for comparison: its tokens in a canonical order, titles removed."""

    original: str
    cleaned: str
    tokens: tuple[NameToken, ...]
    dropped: tuple[str, ...] = ()
    #: Whether a legal form was read from words of at most three letters (``S. A.``, ``AO``,
    #: ``PAO``), which a person's name may hold as initials or a name (``GUSACHENKA S. A.``,
    #: ``Yu Liang PAO``): such a name is also compared as :func:`person_reading` gives it.
    short_legal_form: bool = False
    #: Whether this is :func:`person_reading`'s second reading of a name (explanations say so).
    read_as_person: bool = False
    #: The names written as one hyphenated word (``Bu-il``, ``Ahmad-Reza``, ``Abd-al-Latif``),
    #: each as the texts of its tokens: an initial of one part stands for the whole word
    #: (``B. CHOI`` for ``Bu-il CHOI``), so the scorer charges its other parts little.
    compounds: tuple[tuple[str, ...], ...] = ()
    #: The words of the legal forms read from the name, as the legal-form table spells them
    #: (``limited``, ``company``), where at least :data:`LEGAL_TYPO_MIN_WORD` letters: a
    #: name of the other side that misspells one (``IAN LNITED`` for ``IAN LIMITED``) is the
    #: legal form its typos kept from being read, and the scorer charges it little.
    legal_words: tuple[str, ...] = ()

    @property
    def joined(self) -> tuple[JoinedToken, ...]:
        """Every ordered pair of its name tokens and particles written as one word (both
        orders, so that token order never matters); made on demand, not stored, because an
        index of a million aliases would hold millions of them (a query's are remembered, as
        it is aligned with many aliases)."""
        return _joined_pairs(self.tokens)

    @property
    def joinable_count(self) -> int:
        """How many tokens may be written joined with another (names, patronymics, particles)."""
        return sum(t.may_join for t in self.tokens)

    @property
    def distinctive_tokens(self) -> tuple[NameToken, ...]:
        """The tokens that can carry a match (names and patronymics)."""
        return tuple(t for t in self.tokens if t.role.is_distinctive)


def _read_table(name: str) -> Any:
    return json.loads(
        resources.files("sanctionmatch.normalize").joinpath(f"data/{name}").read_text("utf-8")
    )


@cache
def _titles() -> frozenset[tuple[str, ...]]:
    """Title phrases as token tuples; one-letter abbreviations (French ``M.``, Spanish ``D.``)
    are left out because in a name a single letter is far more often an initial."""
    table = _read_table("titles.json")["titles"]
    phrases = (tuple(tokenize_name(clean_text(t))) for titles in table.values() for t in titles)
    return frozenset(p for p in phrases if p and sum(len(t.rstrip(".")) for t in p) > 1)


@cache
def _legal_forms() -> dict[tuple[str, ...], str]:
    """Legal-form phrases as token tuples, each with its canonical form. A Cyrillic phrase of
    several words (Акционерное общество) is also entered under each Cyrillic romanisation
    system, since lists and payments write it out in Latin letters (Aktsionernoye
    obshchestvo)."""
    forms: dict[tuple[str, ...], str] = {}
    for entry in _read_table("legal_forms.json")["forms"]:
        canonical = entry["canonical"]
        for variant in (canonical, *entry["variants"]):
            key = tuple(tokenize_name(clean_text(variant)))
            if not key:
                continue
            forms.setdefault(key, canonical)
            # Only written-out phrases: romanised abbreviations (АТ, ПАТ, ТОО -> at, pat, too)
            # are words and given names in Latin text; the table lists the ones it wants.
            if len(key) > 1 and any(_is_cyrillic(word) for word in key):
                for system in load_systems().values():
                    if system.script is Script.CYRILLIC:
                        spelt = tuple(ascii_fold(system.romanize_word(word)) for word in key)
                        if all(spelt):
                            forms.setdefault(spelt, canonical)
    # Full stops are not part of a phrase: S.A, S.A. and S. A. are one legal form.
    for key, canonical in list(forms.items()):
        forms.setdefault(tuple(word.rstrip(".") for word in key), canonical)
    return forms


#: Legal-form words at least this long are recognised with a typo (``LIMITD``, ``COMAPNY``):
#: one edit, two from :data:`_LEGAL_TWO_EDITS` letters, or from
#: :data:`LEGAL_TWO_TYPOS_MIN_WORD` letters inside a phrase another word of which is written
#: right (``LIKTED LIABILITY COMPANY``); tokens shorter than :data:`LEGAL_TYPO_MIN_TOKEN`
#: never are. A phrase of one word is recognised with a typo only from
#: :data:`_LEGAL_FUZZY_SINGLE` letters (``BEHRAD`` is a name one swap from ``BERHAD``). The
#: scorer holds the other name's misspellings of a legal form to the same lengths
#: (``score.MISSPELT_LEGAL_FORM_COST``), and a name keeps these words
#: (:attr:`NameForm.legal_words`) for them.
LEGAL_TYPO_MIN_WORD = 5
LEGAL_TYPO_MIN_TOKEN = 4
LEGAL_TWO_TYPOS_MIN_WORD = 7
_LEGAL_TWO_EDITS = 9
_LEGAL_FUZZY_SINGLE = 7
#: The most readings of a span of tokens tried against the legal-form phrases.
_LEGAL_MAX_READINGS = 64


@cache
def _legal_vocabulary() -> tuple[frozenset[str], dict[str, str], tuple[str, ...]]:
    """The words of legal-form phrases, the abbreviations read as those words (``co`` for
    ``company`` in Joint Stock Co.), and the words long enough to be recognised with a typo."""
    table = _read_table("legal_forms.json")["word_abbreviations"]
    abbreviations = {
        clean_text(short): clean_text(word) for short, word in table.items() if short != "_about"
    }
    words = frozenset(word.rstrip(".") for key in _legal_forms() for word in key)
    fuzzy = tuple(sorted(w for w in words if len(w) >= LEGAL_TYPO_MIN_WORD))
    return words, abbreviations, fuzzy


def legal_typo_words() -> tuple[str, ...]:
    """The words of the legal-form phrases long enough to be told through a typo
    (:data:`LEGAL_TYPO_MIN_WORD`: ``limited``, ``company``, ``общество``)."""
    return _legal_vocabulary()[2]


def _singled(word: str) -> set[str]:
    """The word with one letter of a doubled letter written once (``cjssc`` -> ``cjsc``)."""
    return {word[:k] + word[k + 1 :] for k in range(1, len(word)) if word[k] == word[k - 1]}


#: A legal-form word is read with a letter doubled or a doubled letter written once
#: (``CJSSC``, ``SARLL``, ``OO`` for ``OOO``) from this many letters, or when it is one letter
#: repeated (``OOO``): shorter ones doubled are names (``Assa`` is not ``ASA``, ``Saal`` not
#: ``SAL``).
_LEGAL_DOUBLING_MIN_WORD = 4


@cache
def _legal_doubling() -> tuple[dict[str, str], frozenset[str]]:
    """The spellings of legal-form words with a doubled letter written once, and the words
    that may be read with one letter doubled."""
    words, _, _ = _legal_vocabulary()
    eligible = frozenset(
        w for w in words if len(w) >= _LEGAL_DOUBLING_MIN_WORD or (len(w) > 1 and len(set(w)) == 1)
    )
    singled: dict[str, str] = {}
    for word in sorted(eligible):
        for spelling in _singled(word):
            singled.setdefault(spelling, word)
    return singled, eligible


class _LegalReading(NamedTuple):
    """A legal-form word a token may stand for, and how many typos that reading takes."""

    word: str
    edits: int


@lru_cache(maxsize=65536)
def _legal_readings(token: str) -> tuple[_LegalReading, ...]:
    """The legal-form words a token may stand for, best first: the word an abbreviation
    stands for, the word with a doubled letter written once or a letter doubled, the word
    itself, then every word within two edits (:data:`LEGAL_TYPO_MIN_WORD`); the token
    itself when it is none of these. Several are kept because one spelling can read two
    ways: ``LIMITE`` is French *limitée* with a letter written once, and *limited* with one
    dropped (``LIMITE LIABILITY COMPANY``)."""
    bare = token.rstrip(".")
    words, abbreviations, fuzzy = _legal_vocabulary()
    readings: dict[str, int] = {}
    if bare in abbreviations:
        readings[abbreviations[bare]] = 0
    singled, doubled = _legal_doubling()
    if bare in singled and len(bare) > 1:  # OO is OOO (sp. z o.o. has oo); never one
        # letter, which is an initial (K. is not KK)
        readings.setdefault(singled[bare], 0)
    if bare in words:
        readings.setdefault(bare, 0)
    for spelling in sorted(_singled(bare)):
        if spelling in doubled:
            readings.setdefault(spelling, 0)
    if len(bare) >= LEGAL_TYPO_MIN_TOKEN:
        found = process.extract(bare, fuzzy, scorer=OSA.distance, score_cutoff=2, limit=None)
        for word, edits, _ in sorted(found, key=lambda hit: (hit[1], hit[0])):
            if edits > 0 and (edits == 1 or len(word) >= LEGAL_TWO_TYPOS_MIN_WORD):
                readings.setdefault(word, int(edits))
    if not readings:
        readings[bare] = 0
    return tuple(_LegalReading(word, edits) for word, edits in readings.items())


def _legal_span_reading(readings: tuple[_LegalReading, ...]) -> bool:
    """Whether a span's words may be read through these readings' typos: a lone word with
    one typo only when it is long (:data:`_LEGAL_FUZZY_SINGLE`); two typos in a word only when
    it is long (:data:`_LEGAL_TWO_EDITS`), or, inside a phrase, when another word of the
    phrase is read without any."""
    if len(readings) == 1:
        word, edits = readings[0]
        return edits == 0 or (
            len(word) >= _LEGAL_FUZZY_SINGLE and (edits == 1 or len(word) >= _LEGAL_TWO_EDITS)
        )
    exact = any(reading.edits == 0 for reading in readings)
    return all(
        reading.edits < 2 or len(reading.word) >= _LEGAL_TWO_EDITS or exact for reading in readings
    )


def _match_legal_forms(tokens: list[str]) -> list[tuple[int, int, str, tuple[str, ...]]]:
    """Greedy longest-first spans of ``tokens`` that are legal forms, with the canonical form
    and the words of the table the span was read as.

    A span matches as written (with or without full stops), or with each word read through
    :func:`_legal_readings`: abbreviated (Joint Stock Co.) or mistyped (Limitd Liability
    Comapny), as :func:`_legal_span_reading` allows."""
    forms = _legal_forms()
    read = [_legal_readings(token) for token in tokens]
    spans: list[tuple[int, int, str, tuple[str, ...]]] = []
    position = 0
    while position < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - position), 0, -1):
            end = position + size
            words = tuple(t.rstrip(".") for t in tokens[position:end])
            canonical = forms.get(words)
            if canonical is None:
                for readings in islice(product(*read[position:end]), _LEGAL_MAX_READINGS):
                    words = tuple(reading.word for reading in readings)
                    found = forms.get(words)
                    if found is not None and _legal_span_reading(readings):
                        canonical = found
                        break
            if canonical is not None:
                spans.append((position, end, canonical, words))
                position = end
                break
        else:
            position += 1
    return spans


@cache
def _given_name_equivalents() -> dict[str, frozenset[str]]:
    table = _read_table("name_parts.json")
    groups = [
        *table["given_name_equivalents"],
        *table["arabic_name_equivalents"],
        *table["organisation_word_equivalents"],
    ]
    equivalents: dict[str, frozenset[str]] = {}
    for group in groups:
        for spelling in group:
            equivalents[spelling] = equivalents.get(spelling, frozenset()) | frozenset(group)
    return equivalents


@cache
def _name_parts() -> tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, str], ...]]:
    table = _read_table("name_parts.json")
    particles = frozenset(table["particles"])
    suffixes = table["patronymic_suffixes"]
    patronymic = tuple(sorted({*suffixes["latin"], *suffixes["cyrillic"]}, key=len, reverse=True))
    inflection: dict[tuple[str, str], None] = {}
    for groups in table["inflection"].values():
        for pairs in groups.values():
            for ending, nominative in pairs:
                inflection[(ending, nominative)] = None
    return particles, patronymic, tuple(inflection)


@cache
def _honorific_names() -> frozenset[str]:
    return frozenset(_read_table("name_parts.json")["honorific_names"])


def is_honorific_name(token: NameToken) -> bool:
    """Whether a name token is an honorific that is also a name (Sayyid, سید: see
    ``honorific_names`` in ``data/name_parts.json``), which one name may carry and another
    leave out.

    >>> from sanctionmatch.normalize import normalize_name
    >>> [is_honorific_name(t) for t in normalize_name("Seyed Ali").tokens]
    [False, True]
    """
    return token.role is TokenRole.NAME and token.text in _honorific_names()


@cache
def _given_names_by_skeleton() -> dict[str, str]:
    """The East Slavic given names of the equivalents table by skeleton, each to the first
    name of its group (Volodymyr, Vladimir and Uladzimir to one)."""
    found: dict[str, str] = {}
    for group in _read_table("name_parts.json")["given_name_equivalents"]:
        first = min(group)
        for name in group:
            found.setdefault(skeleton(name), first)
    return found


#: Letters a patronymic ending may have taken from the father's name (Serhij-ovytj,
#: Sergey-evich: the y of Sergey is in the ending), tried back on the stem.
_STEM_TAILS = ("", "y", "i")
_LATIN_PATRONYMIC = re.compile(r"[a-z]+")


@lru_cache(maxsize=65536)
def patronymic_keys(spelling: str) -> frozenset[str]:
    """Keys that make the patronymics of one father's name in Russian, Ukrainian and
    Belarusian equal (Volodymyrivna = Vladimirovna = Uladzimirauna, Serhijovytj =
    Sergeyevich): the father's name's group in the given-name equivalents and the gender,
    written ``~vladimir~ovna``; empty for a spelling that is not such a patronymic.

    >>> sorted(patronymic_keys("volodymyrivna")) == sorted(patronymic_keys("vladimirovna"))
    True
    """
    if not _LATIN_PATRONYMIC.fullmatch(spelling):
        return frozenset()
    by_skeleton = _given_names_by_skeleton()
    keys = set()
    for suffix in _name_parts()[1]:
        if not suffix.isascii() or not spelling.endswith(suffix):
            continue
        gender = "ovna" if spelling.endswith("a") else "ovich"
        stem = spelling[: len(spelling) - len(suffix)]
        for taken in range(min(3, len(suffix)) + 1):
            for tail in _STEM_TAILS:
                father = by_skeleton.get(skeleton(stem + suffix[:taken] + tail))
                if father is not None:
                    keys.add(f"~{father}~{gender}")
    return frozenset(keys)


def load_patronymic_suffixes() -> tuple[str, ...]:
    """The endings of East Slavic patronymics, Latin and Cyrillic, longest first."""
    return _name_parts()[1]


_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ`][^\W_]+)*\.?")
_WORD = r"[^\W_]+(?:['’ʼ`][^\W_]+)*"
_HYPHENATED = re.compile(rf"{_WORD}(?:[-\u2010\u2011]{_WORD})+")
_MAX_PHRASE = 5


def tokenize_name(cleaned: str) -> list[str]:
    """Split a cleaned name into tokens: letters and digits, apostrophes kept inside a token.

    Hyphens, commas, quotes and brackets separate tokens; a trailing full stop stays on the
    token so that ``d.`` reads as an initial.

    >>> tokenize_name("peskov, d. s. «transneft» al-tikriti o'neil")
    ['peskov', 'd.', 's.', 'transneft', 'al', 'tikriti', "o'neil"]
    """
    return _TOKEN.findall(cleaned)


def hyphenated_compounds(cleaned: str, kept: set[str]) -> tuple[tuple[str, ...], ...]:
    """The hyphenated words of a cleaned name as the tokens they split into, only those of
    the tokens in ``kept`` (titles and legal forms are gone), where at least two are left.

    >>> hyphenated_compounds("bu-il choi, jean-marie d.", {"bu", "il", "choi", "jean", "marie"})
    (('bu', 'il'), ('jean', 'marie'))
    """
    found = set()
    for match in _HYPHENATED.finditer(cleaned):
        parts = tuple(part for part in tokenize_name(match.group()) if part in kept)
        if len(parts) >= 2:
            found.add(parts)
    return tuple(sorted(found))


def is_title(cleaned: str) -> bool:
    """Whether a cleaned word or phrase is a title or honorific (``president``, ``г-н``).

    >>> is_title("kremlin"), is_title("prasident"), is_title("г-н")
    (False, True, True)
    """
    return tuple(tokenize_name(cleaned)) in _titles()


def _match_phrases(
    tokens: list[str], phrases: frozenset[tuple[str, ...]]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Greedy longest-first spans of ``tokens`` that are phrases of the table, with the key."""
    spans: list[tuple[int, int, tuple[str, ...]]] = []
    position = 0
    while position < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - position), 0, -1):
            window = tuple(tokens[position : position + size])
            key = next(
                (k for k in (window, tuple(t.rstrip(".") for t in window)) if k in phrases), None
            )
            if key is not None:
                spans.append((position, position + size, key))
                position += size
                break
        else:
            position += 1
    return spans


@lru_cache(maxsize=65536)
def _is_arabic(word: str) -> bool:
    return any(script_of(c) is Script.ARABIC for c in word)


def is_arabic_script(text: str) -> bool:
    """Whether ``text`` has Arabic-script letters (which write no short vowels)."""
    return _is_arabic(text)


#: Consonant keys of at least this many consonants are strong evidence of the same name;
#: shorter ones (Ali is ``l``, Amr ``mr``) are weaker (see ``score.CONSONANT_SIMILARITY``).
MIN_CONSONANTS = 3
#: An Arabic-script token gets at most this many keys (letters with several romanisations
#: multiply them; past this, each further letter keeps its first one).
MAX_CONSONANT_KEYS = 32
_DOUBLED = re.compile(r"(.)\1+")
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")


@cache
def _consonant_tables() -> tuple[
    dict[str, tuple[str, ...]], str, re.Pattern[str], dict[str, str], str
]:
    table = _read_table("arabic_consonants.json")
    letters = {letter: tuple(options) for letter, options in table["arabic_letters"].items()}
    rewrites = {source: target for source, target, _ in table["latin_rewrites"]}
    pattern = re.compile("|".join(sorted(map(re.escape, rewrites), key=len, reverse=True)))
    return letters, table["semivowels"], pattern, rewrites, table["latin_vowels"]


@cache
def _separable_rewrites() -> tuple[re.Pattern[str], frozenset[str]]:
    """The Latin rewrites without the digraphs that may be two letters (``separable_digraphs``
    in ``data/arabic_consonants.json``), and those digraphs."""
    _, _, _, rewrites, _ = _consonant_tables()
    separable = frozenset(_read_table("arabic_consonants.json")["separable_digraphs"]["digraphs"])
    kept = sorted((source for source in rewrites if source not in separable), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, kept))), separable


def _is_semivowel(letter: str) -> bool:
    """Whether an Arabic-script letter may be written as a Latin semivowel (و, ي, ی)."""
    letters, semivowels, _, _, _ = _consonant_tables()
    return any(option in semivowels for option in letters.get(letter, ()))


def _consonant_key(letters: list[str]) -> str:
    """Collapse doubled letters (Arabic writes a doubled consonant once)."""
    return _DOUBLED.sub(r"\1", "".join(letters))


#: Latin ``Abdul``, ``Abdel``, ``Abdur``, ``Abdus``: Abd with the article, which Arabic
#: script writes on the next word (عبد الحبیب, Abdul Habib); they also have the key ``bd``.
_ABD_WITH_ARTICLE = re.compile(r"abd[aeiou]{1,2}[lrsdtzn]")


def _latin_consonant_keys(spelling: str) -> set[str]:
    """The spelling's consonants, digraphs read as one letter and, where it has a separable
    one (Fathi, Ishaq), also as two."""
    _, _, pattern, rewrites, _ = _consonant_tables()
    keys = _latin_rewritten_keys(spelling, pattern.sub(lambda m: rewrites[m.group()], spelling))
    separable_pattern, separable = _separable_rewrites()
    if any(digraph in spelling for digraph in separable):
        rewritten = separable_pattern.sub(lambda m: rewrites[m.group()], spelling)
        keys |= _latin_rewritten_keys(spelling, rewritten)
    return keys


def _latin_rewritten_keys(spelling: str, rewritten: str) -> set[str]:
    """The consonants of a spelling with its digraphs rewritten; where a semivowel follows
    an opening vowel (Ayman, Ayham, Awad, Ayyub), also the key that keeps it, as Arabic
    script writes it (أيمن, عوض)."""
    _, semivowels, _, _, vowels = _consonant_tables()
    words = [rewritten]
    if len(spelling) > 2 and spelling.endswith("h") and spelling[-2:] not in _H_DIGRAPHS:
        words.append(rewritten[:-1])  # the final h left out, before doubled letters collapse
    keys = set()
    for word in words:
        kept = [
            c
            for at, c in enumerate(word)
            if c.isalpha() and c not in vowels and (at == 0 or c not in semivowels)
        ]
        keys.add(_consonant_key(kept))
        if len(word) > 1 and word[0] in vowels and word[1] in semivowels:
            keys.add(_consonant_key([word[1], *kept]))
    return keys


#: Latin digraphs whose h is part of one consonant, never a final h to leave out (Sheikh).
_H_DIGRAPHS = frozenset({"kh", "gh", "sh", "th", "dh", "zh", "ph", "ch"})
#: The letters of a final h that a Latin spelling may leave out (ه, and ھ as Urdu writes it).
_ARABIC_FINAL_H = frozenset("هھ")


_ABD_AND_ARTICLE = "عبدال"
#: The article inside a word (after two letters or more) before a sun letter, to which Arabic
#: assimilates its l (ad-Din, ar-Rahman; ALA-LC romanisation notes).
_INNER_ARTICLE = re.compile("ال(?=[تثدذرزسشصضطظلن])")
_INNER_ARTICLE_SEMIVOWEL = re.compile("ال(?=[ويی])")


#: The silent final ه of a Persian word before the suffix ای / ئی (-ei, -i): a zero-width
#: non-joiner keeps the two apart in writing (خامنه‌ای, Khamenei), the clean-up drops it like
#: any invisible character, and the ه is then inside the word; it is also keyed left out.
_SILENT_H_BEFORE_SUFFIX = re.compile("[هھ](?=(?:ا[یي]|ئ[یي])$)")


def _arabic_consonant_keys(text: str) -> set[str]:
    letters, semivowels, _, _, _ = _consonant_tables()
    bare = _ARABIC_MARKS.sub("", text)
    words = [(bare, 0)]
    if bare.startswith("ال") and len(bare) > 3:
        # the article: al-Zawahiri is keyed with and without it, and و or ي right after it
        # also as the consonant that starts the name (الوليد, al-Walid)
        words += [(bare[2:], 0), (bare, 2)]
    if bare.startswith(_ABD_AND_ARTICLE) and len(bare) > len(_ABD_AND_ARTICLE) + 1:
        # Abd with the article as one word is also keyed without it, as the Latin Abd and
        # name written apart are (عبدالكريم, Abd al-Karim: the article is paired apart)
        words.append(("عبد" + bare[len(_ABD_AND_ARTICLE) :], 0))
    for inner in _INNER_ARTICLE.finditer(bare, 2):
        # an article inside a word before a sun letter, whose l Latin spellings assimilate
        # (عزالدين Ezzedine, نورالدین Nooruddin): also keyed without that l
        words.append((bare[: inner.start()] + bare[inner.start() + 2 :], 0))
    for inner in _INNER_ARTICLE_SEMIVOWEL.finditer(bare, 2):
        # و or ي right after an article inside a word opens the next name, as after an
        # opening article (أبواليزيد, Abu al-Yazid)
        words.append((bare, inner.end()))
    if len(bare) > 2 and letters.get(bare[0]) == ("",) and _is_semivowel(bare[1]):
        # و or ي after an opening alef, hamza or ain is also the consonant of Ayman (أيمن),
        # Ayyub (أيوب) or Awad (عوض)
        words.append((bare, 1))
    keys: set[str] = set()
    for word, start in words:
        options: list[tuple[str, ...]] = []
        for at, c in enumerate(word):
            found = letters.get(c)
            if found is None:
                continue
            if at and at != start and any(option in semivowels for option in found):
                found = ("",)  # و and ي inside a word are long vowels
            options.append(found)
        prefixes = [""]
        for found in options:
            if len(prefixes) * len(found) > MAX_CONSONANT_KEYS:
                found = found[:1]
            prefixes = [p + option for p in prefixes for option in found]
        keys.update(_consonant_key(list(p)) for p in prefixes)
    if len(bare) > 2 and bare[-1] in _ARABIC_FINAL_H:
        # the final ه left out, before doubled letters collapse: خواه keeps خ's h
        keys |= _arabic_consonant_keys(bare[:-1])
    silent = _SILENT_H_BEFORE_SUFFIX.search(bare, 2)
    if silent is not None:
        keys |= _arabic_consonant_keys(bare[: silent.start()] + bare[silent.end() :])
    return keys


@cache
def _long_vowel_letters() -> tuple[dict[str, str], dict[str, str]]:
    """The Latin letters each long-vowel letter may be written with, inside a word and at its
    end ("" for none needed)."""
    table = _read_table("arabic_consonants.json")
    inside, final = (
        {letter: latin for letter, latin in table[part].items() if letter != "_about"}
        for part in ("long_vowels", "final_long_vowels")
    )
    return inside, {**inside, **final}


#: A word as consonants and the vowels between them: the consonants (each as the letters it
#: may be written with) and, for each gap before, between and after them, what it holds.
_Skeleton = tuple[tuple[frozenset[str], ...], tuple[tuple[str, ...], ...]]


def _arabic_vowel_skeleton(text: str) -> _Skeleton:
    """The consonants of an Arabic-script word and, per gap, the Latin letters each long
    vowel letter in it may be written with (an opening alef and letters that are nothing, as
    ain and hamza, leave no mark)."""
    letters, _, _, _, _ = _consonant_tables()
    inside, final = _long_vowel_letters()
    consonants: list[frozenset[str]] = []
    gaps: list[list[str]] = [[]]
    word = _ARABIC_MARKS.sub("", text)
    for at, letter in enumerate(word):
        if letter in inside and (at or letter in "اآ"):
            written = final[letter] if at == len(word) - 1 else inside[letter]
            # the alef of an article inside a word is any vowel (Abdullah, Abdel, Azizullah)
            article = letter == "ا" and word[at + 1 : at + 2] == "ل"
            if at and written and not article:
                gaps[-1].append(written)
            continue
        found = frozenset(option for option in letters.get(letter, ()) if option)
        if not found:
            continue
        if consonants and found == consonants[-1] and not gaps[-1]:
            continue  # a doubled consonant: Arabic writes it once, Latin often twice
        consonants.append(found)
        gaps.append([])
    if consonants and consonants[-1] == {"h"}:  # final h (see _consonant_key)
        consonants.pop()
        gaps[-2].extend(gaps.pop())
    return tuple(consonants), tuple(tuple(gap) for gap in gaps)


def _latin_vowel_skeleton(spelling: str) -> _Skeleton:
    """The consonants of a Latin spelling (digraphs as one letter) and, per gap, its vowels
    and semivowels."""
    _, semivowels, pattern, rewrites, vowels = _consonant_tables()
    rewritten = pattern.sub(lambda m: rewrites[m.group()], spelling)
    consonants: list[frozenset[str]] = []
    gaps: list[list[str]] = [[]]
    for at, letter in enumerate(rewritten):
        if not letter.isalpha():
            continue
        if letter in vowels or (at and letter in semivowels):
            gaps[-1].append(letter)
            continue
        if consonants and consonants[-1] == {letter} and not gaps[-1]:
            continue
        consonants.append(frozenset({letter}))
        gaps.append([])
    if consonants and consonants[-1] == {"h"}:
        consonants.pop()
        gaps[-2].extend(gaps.pop())
    return tuple(consonants), tuple(tuple(gap) for gap in gaps)


@cache
def _known_spellings() -> dict[str, frozenset[str]]:
    table = _read_table("arabic_consonants.json")["known_spellings"]
    return {word: frozenset(latin) for word, latin in table.items() if word != "_about"}


def is_known_spelling(arabic: str, spellings: frozenset[str]) -> bool:
    """Whether one of ``spellings`` is a spelling the lists give a short Arabic-script word
    (عبد / Abdul, آغا / Agha: ``known_spellings`` in ``data/arabic_consonants.json``), the
    word also read without the article it carries (العلي / AL-ALI, whose Latin article is
    paired apart).

    >>> is_known_spelling("العلي", frozenset({"ali"})), is_known_spelling("علي", frozenset({"al"}))
    (True, False)
    """
    bare = _ARABIC_MARKS.sub("", arabic)
    known = _known_spellings().get(bare)
    if known is None and bare.startswith("ال"):
        known = _known_spellings().get(bare[2:])
    return known is not None and not known.isdisjoint(spellings)


#: The long-vowel letters that end a word as a vowel every romanisation writes (-i of a
#: nisba, -a of an alif maqsura): ی, ي, ى, ې, ے. A final و is left out, being silent in عمرو.
_FINAL_WRITTEN_VOWELS = frozenset("یيىېے")
#: The letters a Latin spelling may end with for such a final vowel.
_LATIN_FINAL_VOWELS = frozenset("aeiouy")


def final_vowel_unwritten(arabic: str, spellings: frozenset[str]) -> bool:
    """Whether an Arabic-script word of three letters or more ends with a long vowel that
    none of the Latin spellings ends with (جباری against Jaber, احمدی against Akhmadov):
    the -i of a nisba makes another name (Jaberi is of the Jaber family), so the consonants
    alone must not pair them.

    >>> final_vowel_unwritten("جباری", frozenset({"jaber"}))
    True
    >>> final_vowel_unwritten("جباری", frozenset({"jabbari"}))
    False
    >>> final_vowel_unwritten("موسی", frozenset({"musa"}))
    False
    """
    bare = _ARABIC_MARKS.sub("", arabic)
    if len(bare) < 3 or bare[-1] not in _FINAL_WRITTEN_VOWELS:
        return False
    return not any(spelling[-1:] in _LATIN_FINAL_VOWELS for spelling in spellings)


@lru_cache(maxsize=65536)
def long_vowels_agree(arabic: str, latin: str) -> bool | None:
    """Whether a Latin spelling writes the consonants of an Arabic-script word in order and a
    vowel that may stand for each long vowel letter in the same place (علی / Ali, فدوی /
    Fadavi, سعيد / Said): True; False where a long vowel has no such vowel (سعيد / Saad);
    None where the consonants do not line up or the word writes no long vowel after its first
    consonant (سعد / Said). The article ال may be left out on the Latin side."""
    arabic_consonants, arabic_gaps = _arabic_vowel_skeleton(arabic)
    latin_consonants, latin_gaps = _latin_vowel_skeleton(latin)
    if (
        len(arabic_consonants) == len(latin_consonants) + 1
        and arabic.startswith("ال")
        and arabic_consonants[0] == {"l"}
    ):
        arabic_consonants, arabic_gaps = arabic_consonants[1:], arabic_gaps[1:]
    # Only long vowels after the first consonant count: before it, an opening ain or alef
    # lets the Latin side write any vowel (عامر is Amer or Aamer, عماد Imad or Emad).
    if len(arabic_consonants) != len(latin_consonants) or not any(arabic_gaps[1:]):
        return None
    for ours, theirs in zip(arabic_consonants, latin_consonants, strict=True):
        if ours.isdisjoint(theirs):
            return None
    for required, written in zip(arabic_gaps[1:], latin_gaps[1:], strict=True):
        letters = set("".join(written))
        if any(letters.isdisjoint(options) for options in required):
            return False
    return True


@lru_cache(maxsize=65536)
def consonant_keys_of(text: str, spellings: frozenset[str]) -> frozenset[str]:
    """A token's consonants, for comparing Arabic script with Latin spellings.

    Arabic script writes no short vowels, so محمد is ``mhmd`` whether the Latin side writes
    Muhammad, Mohammed or Mohamad. Arabic and Persian letters map to the consonants
    romanisations write for them (``data/arabic_consonants.json``; ذ is d or z, ق k or g),
    long-vowel letters, alef, hamza and ain to nothing; Latin spellings lose their vowels,
    w, y and v except as first letter (Yousef, يوسف: ``ysf``) and write digraphs as one
    letter (kh, sh, gh, dj). Doubled letters go on both sides, and a final h that is no
    digraph's (ه; Latin h after a vowel) may. An Arabic token
    with the article ال also has a key without it.

    >>> sorted(consonant_keys_of("محمد", frozenset({"mhmd"})))
    ['mhmd']
    >>> sorted(consonant_keys_of("mohammed", frozenset({"mohammed"})))
    ['mhmd']
    >>> sorted(consonant_keys_of("يوسف", frozenset({"ywsf"})))
    ['ysf']
    >>> sorted(consonant_keys_of("yousef", frozenset({"yousef"})))
    ['ysf']
    """
    if _is_arabic(text):
        keys = _arabic_consonant_keys(text)
    else:
        keys = {key for spelling in spellings for key in _latin_consonant_keys(spelling)}
        if any(_ABD_WITH_ARTICLE.fullmatch(spelling) for spelling in spellings):
            keys.add("bd")
    keys.discard("")
    return frozenset(keys)


def _is_cyrillic(word: str) -> bool:
    return any(script_of(c) is Script.CYRILLIC for c in word)


_ABD = re.compile(r"abd([aeiou]{0,2})(.+)")
#: Stems of Abd compounds that are Allah (Abdullah, Abdallah): their spellings are given-name
#: equivalents already, and their stem is too short to key on.
_ABD_ALLAH = frozenset({"lah", "llah", "la", "lla", "allah", "ullah"})


@lru_cache(maxsize=65536)
def abd_keys(spelling: str) -> frozenset[str]:
    """Keys under which the spellings of one Arabic ``Abd al-X`` compound agree.

    Lists write ʿAbd al-Karīm as Abdelkarim, Abdul Karim, Abd-al-Karim, Abdulkarim; with the
    article assimilated to a sun letter as Abderrahmane, Abdur Rehman, Abdus Samad. The key is
    ``abd`` and X, after the vowel and the ``l`` of the article and the doubled sun letter are
    taken off (each way of reading the vowels, since Abdiaziz is Abd + Aziz); the spelling of
    two tokens written as one (``abd`` + ``karim``) has the same key. Stems of fewer than
    three letters, and Allah, give none.

    >>> sorted(abd_keys("abdelkarim"))
    ['abdelkarim', 'abdkarim', 'abdlkarim']
    >>> "abdrahmane" in abd_keys("abderrahmane") & abd_keys("abdelrahmane")
    True
    """
    found = _ABD.fullmatch(spelling)
    if found is None:
        return frozenset()
    vowels, rest = found.groups()
    keys: set[str] = set()
    for consumed in range(len(vowels) + 1):  # none: abd + aziz written as one
        tail = vowels[consumed:] + rest
        stems = {tail}
        if consumed and tail.startswith("l"):
            stems.add(tail[1:])
        for stem in list(stems):
            if len(stem) > 1 and stem[0] == stem[1]:
                stems.add(stem[1:])
        keys.update("abd" + stem for stem in stems if len(stem) >= 3 and stem not in _ABD_ALLAH)
    return frozenset(keys)


#: ``ch`` is х in Swedish, German, Czech and Polish spellings (Chamtjijev, Michail) and ч in
#: English ones: a token with ``ch`` also has the skeleton of the first reading (``tch`` and
#: ``sch`` are ч and ш either way).
_CH_AS_KH = re.compile(r"(?<![ts])ch")


@lru_cache(maxsize=1 << 18)  # an index holds its tokens anyway; a small cache would thrash
def _make_token(text: str, role: TokenRole) -> NameToken:
    bare = text.rstrip(".")
    words = {bare}
    if role is not TokenRole.LEGAL_FORM and _is_cyrillic(bare):
        _, _, inflection = _name_parts()
        for ending, nominative in inflection:
            if bare.endswith(ending) and len(bare) - len(ending) >= 3:
                words.add(bare[: len(bare) - len(ending)] + nominative)
    spellings: set[str] = set()
    for word in words:
        spellings |= romanize_variants(word)
    if not spellings:
        spellings = {bare}
    forms = set(spellings)
    equivalents = _given_name_equivalents()
    for spelling in spellings:
        forms |= equivalents.get(spelling, frozenset())
        if role is TokenRole.PATRONYMIC:
            forms |= patronymic_keys(spelling)
    own_skeletons = frozenset(skeleton(spelling) for spelling in spellings) | {
        skeleton(_CH_AS_KH.sub("kh", spelling)) for spelling in spellings if "ch" in spelling
    }
    abd = {skeleton(key) for spelling in spellings for key in abd_keys(spelling)}
    return NameToken(
        text=bare,
        role=role,
        spellings=frozenset(spellings),
        forms=frozenset(forms),
        skeletons=own_skeletons | {skeleton(form) for form in forms - spellings} | abd,
        own_skeletons=own_skeletons,
    )


#: Joined spellings are made from every spelling of both tokens while there are at most this
#: many combinations (Latin tokens have one or a few), else from their plain ASCII spellings.
MAX_JOINED_SPELLINGS = 16


@lru_cache(maxsize=1024)
def _joined_pairs(tokens: tuple[NameToken, ...]) -> tuple[JoinedToken, ...]:
    names = [i for i, t in enumerate(tokens) if t.may_join]
    if not 2 <= len(names) <= MAX_JOINABLE_TOKENS:
        return ()
    return tuple(
        JoinedToken(i, j, _join(tokens[i], tokens[j]))
        for i in names
        for j in names
        if i != j and _may_join_together(tokens[i], tokens[j])
    )


def _may_join_together(first: NameToken, second: NameToken) -> bool:
    """A single letter joins only a name or patronymic (Shams-u, One-P), never another
    letter or a particle: two initials are no name (and the index finds an alias through
    the names a joined pair holds)."""
    if first.role is TokenRole.INITIAL:
        return second.role.is_distinctive
    if second.role is TokenRole.INITIAL:
        return first.role.is_distinctive
    return True


@lru_cache(maxsize=65536)
def _join(first: NameToken, second: NameToken) -> NameToken:
    if len(first.forms) * len(second.forms) <= MAX_JOINED_SPELLINGS:
        spellings = {a + b for a in first.forms for b in second.forms}
    else:
        spellings = {ascii_fold(first.text) + ascii_fold(second.text)}
    spellings.discard("")
    forms = frozenset(spellings or {first.text + second.text})
    keys = frozenset(skeleton(spelling) for spelling in forms) | {
        skeleton(key) for spelling in forms for key in abd_keys(spelling)
    }
    return NameToken(
        text=f"{first.text}+{second.text}",
        role=TokenRole.NAME,
        spellings=forms,
        forms=forms,
        skeletons=keys,
        own_skeletons=keys,
        joined_consonants=(
            _joined_consonant_keys(first, second)
            if first.is_arabic or second.is_arabic or _compound_pair(first, second)
            else None
        ),
    )


@cache
def _compound_element_keys() -> tuple[frozenset[str], frozenset[str]]:
    """The consonant keys of the first and second words of Arabic and Persian compound names
    (``compound_elements`` in ``data/arabic_consonants.json``)."""
    table = _read_table("arabic_consonants.json")["compound_elements"]
    first, second = (
        frozenset(key for word in table[part] for key in consonant_keys_of(word, frozenset({word})))
        for part in ("first", "second")
    )
    return first, second


def _compound_pair(first: NameToken, second: NameToken) -> bool:
    """Whether two Latin tokens may be the parts of a compound name that Arabic script writes
    as one word: the first has the consonants of a first element (Abdul, Ali, Mohammad) or
    the second of a second one (Rahman, Reza, Zadeh, Allah). Only these pairs are keyed, since
    keying every pair of every Latin alias cost 9 s of build time and 240 MB."""
    if _LATIN_ARTICLE.fullmatch(first.text) or _LATIN_ARTICLE.fullmatch(second.text):
        return False  # the article is no element: its l would pass for Ali's
    firsts, seconds = _compound_element_keys()
    return not firsts.isdisjoint(first.consonant_keys) or not seconds.isdisjoint(
        second.consonant_keys
    )


#: The Arabic article as Latin spellings write it apart from the name: al, el, ul, il, and
#: with its l assimilated to a "sun letter" (as-Sahrawi, ad-Din, ash-Shar, at-Tawil).
_LATIN_ARTICLE = re.compile(r"[aeiu]l|[aeiu](?:sh|th|dh|zh|[tdrzsn])")


def is_latin_article(text: str) -> bool:
    """Whether a Latin token is the Arabic article written apart (al, el, as, ad...)."""
    return _LATIN_ARTICLE.fullmatch(text) is not None


def article_consonant_key(article: NameToken, name: NameToken, key: str) -> str | None:
    """The consonant key of a Latin article and the name after it written as one Arabic word
    (al + Assad -> ``lsd``, as in الاسد), given ``key`` of the name; None when ``article`` is
    not the Arabic article, or is a sun-letter form (``as``) before a name that does not
    start with its letter."""
    text = article.text
    if not _LATIN_ARTICLE.fullmatch(text):
        return None
    if not text.endswith("l") and not any(s.startswith(text[1:]) for s in name.spellings):
        return None
    return _DOUBLED.sub(r"\1", "l" + key)


def _joined_consonant_keys(first: NameToken, second: NameToken) -> frozenset[str]:
    """The consonant keys of two tokens written as one: each key of the first followed by
    each of the second (also without its article: عبد الرحمن as Abdurrahman), a letter
    doubled across the join written once. A key that is one part's own key (Ayyub ``b`` and
    Bashir ``bsr`` run together as ``bsr``) is left out: it is no evidence of the join, and
    would let the pair stand for a word that has only that part (بشیر)."""
    seconds = set(second.consonant_keys)
    if _is_arabic(second.text) and second.text.startswith("ال"):
        seconds |= {key[1:] for key in seconds if key.startswith("l") and len(key) > 1}
    joined = {_DOUBLED.sub(r"\1", a + b) for a in first.consonant_keys for b in seconds}
    if _is_arabic(first.text) and _is_arabic(second.text):
        # also read as the one word a Latin spelling writes: the first part's final ه is no
        # longer final, and و or ي opening the second is inside it (آدینه وند, Adinehvand;
        # نیک ورز, Nikvarz)
        joined |= _arabic_consonant_keys(first.text + second.text)
    return frozenset(joined - seconds - first.consonant_keys)


#: An Arabic-script word is matched against several Latin tokens written as one (a word
#: run together, ناصرملکی for Nasser MALEKI) only on a consonant key of at least this many
#: letters: shorter keys are made by too many pairs of short names.
MIN_RUN_KEY = 5
#: The most Latin tokens one Arabic-script word may run together (بشارالاسد is Bashar, al,
#: Assad; ياسرعزيزعباس is Yasr, Aziz, Abas).
MAX_RUN_TOKENS = 4


def runs_spelling(key: str, tokens: Sequence[tuple[int, NameToken]]) -> list[tuple[int, ...]]:
    """The runs of two to :data:`MAX_RUN_TOKENS` of ``tokens`` (each with its position),
    in any order, whose consonant keys written end to end make ``key``, the key of one
    Arabic-script word: the other name's words run together without their spaces, as
    Arabic script hides a lost space after a letter that does not join the next (ناصر|ملکی).
    Keys are written end to end by :func:`keys_end_to_end`. Each run holds at least one
    name or patronymic.

    >>> tokens = list(enumerate(normalize_name("Nasser MALEKI").tokens))
    >>> [[tokens[k][1].text for k in run] for run in runs_spelling("nsrmlk", tokens)]
    [['nasser', 'maleki']]
    """
    if len(key) < MIN_RUN_KEY:
        return []
    found: list[tuple[int, ...]] = []

    def extend(written: str, run: tuple[int, ...]) -> None:
        if written == key:
            if len(run) >= 2 and any(tokens[k][1].role.is_distinctive for k in run):
                found.append(tuple(tokens[k][0] for k in run))
            return
        if len(run) == MAX_RUN_TOKENS:
            return
        for k, (_, token) in enumerate(tokens):
            if k in run:
                continue
            for part in sorted(token.consonant_keys):
                longer = keys_end_to_end(written, part)
                if longer is not None and key.startswith(longer):
                    extend(longer, (*run, k))

    extend("", ())
    return found


def keys_end_to_end(first: str, second: str) -> str | None:
    """Two consonant keys written as one word's: a letter doubled across the join is written
    once, as consonant keys write doubled letters; ``None`` when ``second`` adds no letter."""
    joined = _DOUBLED.sub(r"\1", first + second)
    return None if joined == first else joined


def run_token(parts: Sequence[NameToken], key: str) -> NameToken:
    """The tokens of a run (:func:`runs_spelling`) as one name token with the key they make."""
    spelling = "".join(ascii_fold(part.text) for part in parts) or key
    return NameToken(
        text="+".join(part.text for part in parts),
        role=TokenRole.NAME,
        spellings=frozenset({spelling}),
        forms=frozenset({spelling}),
        skeletons=frozenset(),
        own_skeletons=frozenset(),
        joined_consonants=frozenset({key}),
    )


#: A word of at most this many letters written with a full stop (``Ind.``, ``Dev.``, ``Inv.``)
#: is an abbreviation and matches like an initial: any name that starts with its letters.
#: Abbreviations a table knows (``Intl.``, ``Mohd.``) stay names that match their equivalents.
MAX_ABBREVIATION_LETTERS = 4


@lru_cache(maxsize=65536)
def _title_reading(token: str) -> str:
    """A Greek word as the one-word Latin title it spells (Χατζή, Μουλλάχ, Ντρ.), else the
    word: the titles table has Latin and Cyrillic titles, and Greek writes foreign ones by
    sound."""
    bare = token.rstrip(".")
    if bare and script_of(bare[0]) is Script.GREEK:
        titles = _titles()
        for spelling in sorted(romanize_variants(bare)):
            if (spelling,) in titles:
                return spelling
            if (spelling + ".",) in titles and token.endswith("."):
                return spelling + "."
    return token


@lru_cache(maxsize=65536)
def _foreign_spellings(bare: str) -> frozenset[str]:
    """The Latin spellings of a Greek or Cyrillic word (none for other scripts, whose
    particles the table writes in their own letters)."""
    script = script_of(bare[0])
    if script not in (Script.GREEK, Script.CYRILLIC):
        return frozenset()
    return romanize_variants(bare)


#: A particle of at least this many letters is read with one consonant doubled (``Abbu`` for
#: ``Abu``); shorter ones doubled are names or other particles (``Lee``, ``All``, ``Doo``), as
#: are long ones with a vowel doubled (``Deen``, ``Been``).
_PARTICLE_DOUBLING_MIN = 3
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=65536)
def _particle_spelling(token: str) -> str:
    """A Latin token that is a particle with one consonant doubled, as that particle; else
    the token."""
    if not token.isascii() or token.endswith("."):
        return token
    particles = _name_parts()[0]
    if token in particles:
        return token
    for k in range(1, len(token)):
        if token[k] == token[k - 1] and token[k] not in _VOWELS:
            spelling = token[:k] + token[k + 1 :]
            if len(spelling) >= _PARTICLE_DOUBLING_MIN and spelling in particles:
                return spelling
    return token


def _role_of(token: str, name_length: int) -> TokenRole:
    particles, patronymic, _ = _name_parts()
    bare = token.rstrip(".")
    if (len(bare) == 1 and bare.isalpha()) or (token.endswith(".") and len(bare) <= 2):
        return TokenRole.INITIAL
    if (
        token.endswith(".")
        and len(bare) <= MAX_ABBREVIATION_LETTERS
        and bare.isalpha()
        and bare not in _given_name_equivalents()
    ):
        return TokenRole.INITIAL  # an abbreviation (Ind., Dev., Inv.): matches as a prefix
    if bare in particles or (not bare.isascii() and particles & _foreign_spellings(bare)):
        return TokenRole.PARTICLE  # al, or Greek αλ, Cyrillic аль, абу
    if name_length >= 3 and len(bare) > 6 and bare.endswith(patronymic):
        return TokenRole.PATRONYMIC
    return TokenRole.NAME


def _can_carry_a_name(token: str) -> bool:
    """Whether a token left after titles are dropped may be a name: not an initial and not a
    particle (``Abu Iman`` keeps Iman, though ``imán`` is a Spanish title)."""
    return _role_of(_particle_spelling(token), 1) not in (TokenRole.INITIAL, TokenRole.PARTICLE)


def normalize_name(name: str, *, keep_titles: bool = False, legal_forms: bool = True) -> NameForm:
    """Turn a name into a :class:`NameForm`: cleaned, tokenised, tagged, romanised.

    ``keep_titles`` keeps honorifics as names (an organisation's "Emir" is part of its name);
    ``legal_forms=False`` reads no legal forms (a person's name: ``Yu Liang PAO``).

    Raises :class:`~sanctionmatch.errors.EmptyNameError` if nothing of a name is left, and
    :class:`~sanctionmatch.errors.InputTooLongError` past ``limits.MAX_NAME_LENGTH``.

    >>> form = normalize_name("President Vladimir Vladimirovich PUTIN")
    >>> [(t.text, t.role.value) for t in form.tokens]
    [('putin', 'name'), ('vladimir', 'name'), ('vladimirovich', 'patronymic')]
    >>> form.dropped
    ('president',)
    """
    check_text_argument(name, what="a name", limit=MAX_NAME_LENGTH)
    cleaned = clean_text(name)
    raw = tokenize_name(cleaned)
    if not raw:
        raise EmptyNameError(f"a name needs at least one letter or digit, got {name!r}")
    dropped: list[str] = []
    if not keep_titles:
        spans = _match_phrases([_title_reading(token) for token in raw], _titles())
        in_titles = {k for start, end, _ in spans for k in range(start, end)}
        if spans and not any(
            k not in in_titles and _can_carry_a_name(token) for k, token in enumerate(raw)
        ):
            # no name without them: the title nearest the end is the name (Lt. Col. El
            # Capitan keeps Capitan, Abu Iman keeps Iman)
            spans = spans[:-1]
        if sum(end - start for start, end, _ in spans) < len(raw):
            for start, end, _ in reversed(spans):
                dropped[:0] = raw[start:end]
                del raw[start:end]
    legal: list[str] = []
    legal_words: list[str] = []
    short_legal_form = False
    for start, end, canonical, words in reversed(_match_legal_forms(raw) if legal_forms else ()):
        if end - start < len(raw):
            legal.append(canonical)
            legal_words[:0] = (w for w in words if len(w) >= LEGAL_TYPO_MIN_WORD)
            short_legal_form |= all(len(word.rstrip(".")) <= 3 for word in raw[start:end])
            del raw[start:end]
    raw = [_particle_spelling(token) for token in raw[:MAX_NAME_TOKENS]]
    tokens = [_make_token(text, _role_of(text, len(raw))) for text in raw]
    tokens += [_make_token(form, TokenRole.LEGAL_FORM) for form in legal]
    tokens.sort(key=lambda t: (t.role.value, t.text))
    named = {t.text for t in tokens if t.role is not TokenRole.LEGAL_FORM}
    return NameForm(
        original=name,
        cleaned=cleaned,
        tokens=tuple(tokens),
        dropped=tuple(dropped),
        short_legal_form=short_legal_form,
        compounds=hyphenated_compounds(cleaned, named),
        legal_words=tuple(legal_words),
    )


@lru_cache(maxsize=4096)
def person_reading(form: NameForm) -> NameForm | None:
    """The name read as a person's, with no legal forms, when a legal form was read from
    short words (see :attr:`NameForm.short_legal_form`); else ``None``. A query of unknown
    schema is compared under both readings and keeps the better score: ``GUSACHENKA S. A.``
    is a person with two initials more often than a company.

    >>> [t.text for t in person_reading(normalize_name("DROGANOV, A O")).tokens]
    ['a', 'o', 'droganov']
    """
    if not form.short_legal_form:
        return None
    return replace(normalize_name(form.original, legal_forms=False), read_as_person=True)
