"""Variant generators: the spellings in which a listed name reaches a screening system.

Each *variant class* is one way a name changes between a sanctions list and a payment, a
passport or a news story: another romanisation, another word order, initials, a typo, a
look-alike letter, a legal form in another language. Two kinds of class:

- a **transform** is a plain, seeded function ``(name, rng) -> str | None``: it returns a
  variant of ``name`` drawn with ``rng`` (a :class:`random.Random`), or ``None`` when the class
  does not apply to the name (a Cyrillic romanisation of a Latin-only name, initials of a
  one-word name). Whether it applies depends on the name only, never on ``rng``; the same
  ``rng`` state always gives the same variant;
- a **pair generator** ``(entity) -> list[(reference, variant)]`` reads ground truth out of one
  listed :class:`~sanctionmatch.models.Entity`: the EU list's own romanisations of one person in
  several languages, its Cyrillic, Arabic-script or Han names beside its Latin ones.

:data:`VARIANT_CLASSES` holds every class by name with its family (``transliteration``,
``order-and-form``, ``noise``, ``organisation``), a description and the schemas it applies to.
The quality benchmark (``benchmarks/quality``) and the hypothesis strategies of
:mod:`sanctionmatch.strategies` are built on it. The tables here (look-alike letters, titles,
legal forms, Arabic spellings) are written independently of the normaliser's own tables, so
that a variant the normaliser does not know shows as a miss instead of being hidden.

>>> import random
>>> VARIANT_CLASSES["order-comma"].generate("Dmitry Sergeyevich PESKOV", random.Random(0))
'PESKOV, Dmitry Sergeyevich'
>>> VARIANT_CLASSES["translit-cyrillic-ru-german"].generate("Дмитрий ПЕСКОВ", random.Random(0))
'Dmitri PESKOW'
>>> VARIANT_CLASSES["order-comma"].generate("Transneft", random.Random(0)) is None
True
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from unidecode import unidecode

from .models import Entity
from .normalize.translit import load_systems
from .normalize.unicode import fold_name_homoglyphs

__all__ = [
    "FAMILIES",
    "VARIANT_CLASSES",
    "Family",
    "NamePair",
    "PairGenerator",
    "Transform",
    "VariantClass",
    "cyrillic_language",
    "person_parts",
    "script_of_text",
]

Family = Literal["transliteration", "order-and-form", "noise", "organisation"]
#: The families, in the order reports list them.
FAMILIES: tuple[Family, ...] = ("transliteration", "order-and-form", "noise", "organisation")
#: ``(name, rng) -> variant``, or ``None`` when the class does not apply to the name.
Transform = Callable[[str, random.Random], "str | None"]
#: ``(reference, variant)``: two names of one listed entity.
NamePair = tuple[str, str]
#: ``(entity) -> pairs``: the ground-truth pairs of one class that an entity holds.
PairGenerator = Callable[[Entity], "list[NamePair]"]

PERSON = frozenset({"Person"})
ORGANISATION = frozenset({"Organization"})
PERSON_OR_ORGANISATION = frozenset({"Person", "Organization"})


@dataclass(frozen=True, slots=True)
class VariantClass:
    """One variant class: what it is, whom it applies to, and how to make its variants.

    Exactly one of ``transform`` and ``pairs`` is set.

    Attributes:
        name: the class's name, such as ``"noise-typo-1"``.
        family: ``transliteration``, ``order-and-form``, ``noise`` or ``organisation``.
        description: one sentence for reports.
        applies_to: the entity schemas (``"Person"``, ``"Organization"``) whose names it varies.
        transform: the seeded transform, for classes that vary one name.
        pairs: the pair generator, for classes whose ground truth is in a listed entity.
    """

    name: str
    family: Family
    description: str
    applies_to: frozenset[str]
    transform: Transform | None = None
    pairs: PairGenerator | None = None

    @property
    def is_pair_class(self) -> bool:
        """Whether the class reads pairs out of an entity instead of varying one name."""
        return self.pairs is not None

    def generate(self, name: str, rng: random.Random) -> str | None:
        """A variant of ``name``, or ``None`` when the class does not apply to it.

        Raises:
            TypeError: for a pair class, which has no transform.
        """
        if self.transform is None:
            raise TypeError(f"{self.name} is a pair class: use pairs_of(entity)")
        return self.transform(name, rng)

    def pairs_of(self, entity: Entity) -> list[NamePair]:
        """The ``(reference, variant)`` pairs the entity holds for this class.

        Raises:
            TypeError: for a transform class.
        """
        if self.pairs is None:
            raise TypeError(f"{self.name} is a transform class: use generate(name, rng)")
        if entity.schema_.value not in self.applies_to:
            return []
        return self.pairs(entity)


# --------------------------------------------------------------------------------------------
# Scripts, words and case
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHES = "'’ʼ`‘´"


def _char_script(char: str) -> str:
    if not char.isalpha():
        return ""
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "KANGXI")):
        return "HAN"
    return name.split(" ", 1)[0]


def script_of_text(text: str) -> str:
    """The script most letters of ``text`` are in: ``LATIN``, ``CYRILLIC``, ``GREEK``,
    ``ARABIC``, ``HAN``, ``HANGUL``..., or ``""`` without letters.

    >>> script_of_text("Дмитрий Peskov"), script_of_text("金正恩"), script_of_text("42")
    ('CYRILLIC', 'HAN', '')
    """
    counts: dict[str, int] = {}
    for char in text:
        script = _char_script(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return ""
    return max(sorted(counts), key=lambda s: counts[s])


def _scripts(text: str) -> set[str]:
    return {s for s in map(_char_script, text) if s}


def _is_latin_only(text: str) -> bool:
    return _scripts(text) == {"LATIN"}


def _match_case(template: str, word: str) -> str:
    """``word`` in the case of ``template``: upper, capitalised or lower."""
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if letters and letters[0].isupper():
        return word[:1].upper() + word[1:].lower()
    return word.lower()


def _replace(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


_ALPHABETS = frozenset({"LATIN", "CYRILLIC", "GREEK"})


def _letter_spans(
    name: str, *, min_length: int = 1, script: str | None = None, alphabetic: bool = False
) -> list[re.Match[str]]:
    """Runs of letters of at least ``min_length``, optionally all in one script, or all in
    an alphabet with vowels (Latin, Cyrillic, Greek: typos and vowels of Arabic or Han
    writing are another matter)."""
    return [
        m
        for m in _WORD.finditer(name)
        if len(m.group()) >= min_length
        and (script is None or _scripts(m.group()) == {script})
        and (not alphabetic or _scripts(m.group()) <= _ALPHABETS)
    ]


def _pick_weighted_position(
    spans: Sequence[re.Match[str]], rng: random.Random
) -> tuple[re.Match[str], int]:
    """A letter position uniform over all letters of ``spans``: (span, offset in span)."""
    total = sum(len(m.group()) for m in spans)
    k = rng.randrange(total)
    for m in spans:
        if k < len(m.group()):
            return m, k
        k -= len(m.group())
    raise AssertionError("unreachable")


# --------------------------------------------------------------------------------------------
# Person names: given names and surname
# --------------------------------------------------------------------------------------------

_PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "ben",
        "bint",
        "bn",
        "ould",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "das",
        "du",
        "van",
        "von",
        "der",
        "den",
        "le",
        "la",
    ]
)


def _is_caps(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def person_parts(name: str) -> tuple[list[str], list[str]] | None:
    """Split a person's name into (given tokens, surname tokens), or ``None`` for one word.

    The surname is the part before a comma (``PESKOV, Dmitry``), else the run of upper-case
    words in a mixed-case name (``Dmitry Sergeyevich PESKOV``, ``KIM Jong Un``), else the last
    word.

    >>> person_parts("Dmitry Sergeyevich PESKOV")
    (['Dmitry', 'Sergeyevich'], ['PESKOV'])
    >>> person_parts("PESKOV, Dmitry")
    (['Dmitry'], ['PESKOV'])
    >>> person_parts("Nicolas MADURO MOROS")
    (['Nicolas'], ['MADURO', 'MOROS'])

    Names that hold other names in brackets or after a semicolon (``حاجى مالك نورزى (Hajji
    Malik Noorzai; Haji Malek Noorzai)``, as some list entries do) have no such parts: ``None``.
    """
    if re.search(r"[()\[\];]", name):
        return None
    if "," in name:
        head, tail = name.split(",", 1)
        surname, given = head.split(), tail.replace(",", " ").split()
        if surname and given:
            return given, surname
        return None
    tokens = name.split()
    if len(tokens) < 2:
        return None
    caps = [i for i, t in enumerate(tokens) if _is_caps(t)]
    contiguous = bool(caps) and caps == list(range(caps[0], caps[-1] + 1))
    at_an_end = bool(caps) and (caps[0] == 0 or caps[-1] == len(tokens) - 1)
    if contiguous and at_an_end and len(caps) < len(tokens):
        surname = tokens[caps[0] : caps[-1] + 1]
        given = tokens[: caps[0]] + tokens[caps[-1] + 1 :]
        return given, surname
    return tokens[:-1], tokens[-1:]


def _surname_first(name: str) -> bool:
    """Whether the name's surname comes first (comma form or ``KIM Jong Un``)."""
    if "," in name:
        return True
    tokens = name.split()
    return len(tokens) >= 2 and _is_caps(tokens[0]) and not _is_caps(tokens[-1])


# --------------------------------------------------------------------------------------------
# Transliteration
# --------------------------------------------------------------------------------------------

_CYRILLIC_UK = frozenset("їєґ")


def cyrillic_language(name: str) -> Literal["ru", "uk", "be"] | None:
    """The East Slavic language a Cyrillic name's letters point to, or ``None`` without
    Cyrillic letters: ``ў``, or ``і`` beside ``ы`` or ``э``, is Belarusian; ``ї``, ``є``,
    ``ґ``, ``і`` or an apostrophe inside a word is Ukrainian; anything else is read as Russian
    (``Зеленський`` is spelt the same in both).

    >>> [cyrillic_language(n) for n in ("Олексій", "Аляксандр Рыгоравіч", "Песков", "Peskov")]
    ['uk', 'be', 'ru', None]
    >>> cyrillic_language("Володимир Андрiйович")  # with a Latin i, as the EU list has it
    'uk'

    """
    lower = name.lower()
    if not any(_char_script(c) == "CYRILLIC" for c in lower):
        return None
    # a Latin i inside a Cyrillic word is the Cyrillic і (the EU list writes Андрiйович)
    lower = "".join(
        w.replace("i", "і") if script_of_text(w) == "CYRILLIC" else w
        for w in re.split(r"(\W)", lower)
    )
    letters = set(lower)
    if "ў" in letters or ("і" in letters and letters & set("ыэ")):
        return "be"
    if letters & _CYRILLIC_UK or "і" in letters:
        return "uk"
    if re.search(r"[а-яё][" + _APOSTROPHES + r"][а-яё]", lower):
        return "uk"
    return "ru"


def _strip_stress(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in "\u0300\u0301"))


def _romanizer(system_name: str) -> Transform:
    language = system_name.split(":", 1)[0]

    def romanize_cyrillic(name: str, rng: random.Random) -> str | None:
        if cyrillic_language(name) != language:
            return None
        system = load_systems()[system_name]
        # stress marks (Серге́й, as the EU list writes some names) are not romanised, and a
        # Latin look-alike inside a Cyrillic word (the EU list's CАТ) is read as the Cyrillic
        # letter it imitates, as a romaniser reading the name would
        out = name = fold_name_homoglyphs(_strip_stress(name))
        for m in reversed(_letter_spans(name)):
            word = m.group()
            if script_of_text(word) != "CYRILLIC":
                continue
            romanised = system.romanize_word(word.lower())
            out = _replace(out, m.start(), m.end(), _match_case(word, romanised))
        return out

    romanize_cyrillic.__name__ = f"romanize_{system_name.replace(':', '_')}"
    return romanize_cyrillic


# Latin to Greek, as the Greek press writes foreign names (Ντμίτρι Πεσκόφ, Σεργκέι Λαβρόφ).
_GREEK_GROUPS = (
    ("shch", "σ"),
    ("dzh", "τζ"),
    ("sch", "σ"),
    ("tch", "τσ"),
    ("tj", "τσ"),
    ("sj", "σ"),
    ("zh", "ζ"),
    ("sh", "σ"),
    ("kh", "χ"),
    ("ch", "τσ"),
    ("ts", "τσ"),
    ("tz", "τζ"),
    ("th", "θ"),
    ("ph", "φ"),
    ("ps", "ψ"),
    ("ks", "ξ"),
    ("dj", "τζ"),
    ("gh", "γ"),
    ("nd", "ντ"),
    ("mb", "μπ"),
    ("ng", "γκ"),
    ("ou", "ου"),
    ("oo", "ου"),
    ("ee", "ι"),
)
_GREEK_LETTERS = {
    "a": "α",
    "b": "μπ",
    "c": "κ",
    "d": "ντ",
    "e": "ε",
    "f": "φ",
    "g": "γκ",
    "h": "χ",
    "i": "ι",
    "j": "τζ",
    "k": "κ",
    "l": "λ",
    "m": "μ",
    "n": "ν",
    "o": "ο",
    "p": "π",
    "q": "κ",
    "r": "ρ",
    "s": "σ",
    "t": "τ",
    "u": "ου",
    "v": "β",
    "w": "β",
    "x": "ξ",
    "y": "ι",
    "z": "ζ",
}
_GREEK_TONOS = {"α": "ά", "ε": "έ", "η": "ή", "ι": "ί", "ο": "ό", "υ": "ύ", "ω": "ώ"}
_LATIN_VOWELS = frozenset("aeiouy")
_KEEP_DOUBLE = frozenset("lmn")


def _word_to_greek(word: str, rng: random.Random) -> str:
    latin = "".join(c for c in unidecode(word).lower() if c.isalpha())
    # doubled consonants are written once, except l, m, n (Άννα, Μολλά)
    latin = re.sub(
        r"([b-df-hj-np-tv-z])\1",
        lambda m: m.group(0) if m.group(1) in _KEEP_DOUBLE else m.group(1),
        latin,
    )
    out: list[str] = []
    i = 0
    while i < len(latin):
        rest = latin[i:]
        if rest.startswith("iy") and len(rest) > 2 and rest[2] in _LATIN_VOWELS - {"y"}:
            out.append("ι")  # Kupriyanov -> Κουπριάνοφ
            i += 2
            continue
        if (
            rest[0] == "j"
            and i > 0
            and latin[i - 1] in _LATIN_VOWELS
            and (len(rest) == 1 or rest[1] in _LATIN_VOWELS)
        ):
            out.append("ι")  # Slavic j: Nikolajevna -> Νικολαιέβνα, Sergej -> Σεργκέι
            i += 1
            continue
        if rest[0] == "y" and len(rest) > 1 and rest[1] in _LATIN_VOWELS - {"y"}:
            out.append("γι" if i == 0 else "ι")  # Yaroslav -> Γιαροσλάβ, Vyacheslav -> Βιατσ...
            i += 1
            continue
        if rest[0] == "c" and len(rest) > 1 and rest[1] in "eiy":
            out.append("σ")
            i += 1
            continue
        if rest[0] in "vw" and i == len(latin) - 1 and i > 0:
            out.append("φ")  # Peskov -> Πεσκόφ
            i += 1
            continue
        for group, greek in _GREEK_GROUPS:
            if rest.startswith(group):
                out.append(greek)
                i += len(group)
                break
        else:
            out.append(_GREEK_LETTERS.get(rest[0], rest[0]))
            i += 1
    greek = "".join(out)
    if greek.endswith("σ"):
        greek = greek[:-1] + "ς"
    vowels = [
        k
        for k, c in enumerate(greek)
        if c in _GREEK_TONOS and not (c in "ο" and greek[k + 1 : k + 2] == "υ")
    ]
    # the accent falls on one of the last three vowels (the stress is not in the Latin)
    if len(vowels) > 1:
        k = rng.choice(vowels[-3:])
        greek = greek[:k] + _GREEK_TONOS[greek[k]] + greek[k + 1 :]
    if _is_caps(word):
        return "".join(unicodedata.normalize("NFD", greek.upper())).replace("\u0301", "")
    return greek[:1].upper() + greek[1:]


def to_greek(name: str, rng: random.Random) -> str | None:
    """A Latin-script name written in Greek letters as the Greek press writes foreign names.

    >>> to_greek("Dmitry PESKOV", random.Random(1))
    'Ντμίτρι ΠΕΣΚΟΦ'
    """
    if not _is_latin_only(name):
        return None
    out = name
    for m in reversed(_letter_spans(name)):
        out = _replace(out, m.start(), m.end(), _word_to_greek(m.group(), rng))
    return out


def _inside_word(name: str, m: re.Match[str], *, standalone: bool) -> bool:
    """Whether a match is part of a longer word: joined by an apostrophe (BIN'ALI), or, for
    ``standalone`` words, by anything but a space (AL-BIN)."""
    before = name[m.start() - 1] if m.start() else " "
    after = name[m.end()] if m.end() < len(name) else " "
    if standalone:
        return not (before.isspace() and after.isspace())
    joined_after = after in _APOSTROPHES and name[m.end() + 1 : m.end() + 2].isalpha()
    joined_before = before in _APOSTROPHES and name[m.start() - 2 : m.start() - 1].isalpha()
    return joined_after or joined_before


def _replace_token_from_groups(
    name: str, rng: random.Random, groups: Sequence[Sequence[str]], *, standalone: bool = False
) -> str | None:
    """Replace one word that belongs to a spelling group with another member of its group."""
    index = {member.lower(): tuple(group) for group in groups for member in group}
    spans = [
        m
        for m in _WORD.finditer(name)
        if m.group().lower() in index and not _inside_word(name, m, standalone=standalone)
    ]
    if not spans or not _is_latin_only(name):
        return None
    m = rng.choice(spans)
    word = m.group()
    choices = [g for g in index[word.lower()] if g.lower() != word.lower()]
    return _replace(name, m.start(), m.end(), _match_case(word, rng.choice(choices)))


_MUHAMMAD = (
    ("Mohammed", "Muhammad", "Mohamad", "Mohamed", "Muhammed", "Mohammad", "Mohamud", "Muhamad"),
)


def arabic_muhammad(name: str, rng: random.Random) -> str | None:
    """Another common romanisation of Muhammad (Mohammed, Mohamad, Muhammed...).

    >>> arabic_muhammad("Mohammed Ali", random.Random(3))
    'Mohammad Ali'
    """
    return _replace_token_from_groups(name, rng, _MUHAMMAD)


_ARTICLE = re.compile(
    r"(?<![^\W\d_])(?P<article>al|el|ul|ash|a[dnrstz]|u[dnrstz])(?P<sep>[-\s‐])(?=[^\W\d_]{2})",
    re.IGNORECASE,
)
_SUN_LETTERS = (
    ("sh", "ash"),
    ("d", "ad"),
    ("n", "an"),
    ("r", "ar"),
    ("s", "as"),
    ("t", "at"),
    ("z", "az"),
)


def _is_arabic_article(name: str, m: re.Match[str]) -> bool:
    article, sep = m.group("article").lower(), m.group("sep")
    following = name[m.end() :].lower()
    if article == "al":
        return True  # al- and Al with a space: Spanish and others write no "al" before a name
    if sep == " ":
        return False  # "El Chapo", "La Paz": a spaced el/ul/as/an is too often not Arabic
    if article in ("el", "ul"):
        return True
    return following.startswith(article[1:])  # ar-Rahman, as-Sayed, ash-Shifa


def arabic_article(name: str, rng: random.Random) -> str | None:
    """The Arabic article spelt otherwise: al-/el-/ul-, the sun-letter form (ar-Rahman ↔
    al-Rahman), a hyphen or a space.

    >>> arabic_article("Saddam Hussein AL-TIKRITI", random.Random(0))
    'Saddam Hussein EL-TIKRITI'
    """
    if not _is_latin_only(name):
        return None
    found = [m for m in _ARTICLE.finditer(name) if _is_arabic_article(name, m)]
    if not found:
        return None
    m = rng.choice(found)
    article, sep = m.group("article"), m.group("sep")
    following = name[m.end() :].lower()
    forms = {"al", "el"}
    if article.lower() == "ul" or (m.start() > 0 and name[m.start() - 1] == "-"):
        forms.add("ul")  # Zia-ul-Haq, Abd-ul-Rahman: only inside a compound
    forms |= {form for letters, form in _SUN_LETTERS[:1] if following.startswith(letters)}
    if not following.startswith("sh"):
        forms |= {form for letters, form in _SUN_LETTERS[1:] if following.startswith(letters)}
    options = [
        (f, s) for f in sorted(forms) for s in ("-", " ") if (f, s) != (article.lower(), sep)
    ]
    form, new_sep = rng.choice(options)
    return _replace(name, m.start(), m.end(), _match_case(article, form) + new_sep)


_ABD = re.compile(
    r"(?<![^\W\d_])(?:abd(?:[-\s]*(?:[ae]l|ul|[aeu][rnstdz])[-\s]*|[-\s]+)|abd[ou]?ul|abd[ae]l|"
    r"abdur|abdar)(?P<rest>[^\W\d_]{3,})",
    re.IGNORECASE,
)
_ABD_FORMS = (
    "Abd al-{}",
    "Abd-al-{}",
    "Abd Al {}",
    "Abdul {}",
    "Abdul-{}",
    "Abdel {}",
    "Abdel-{}",
    "Abdul{}",
    "Abdel{}",
    "Abd el-{}",
)


def arabic_abd(name: str, rng: random.Random) -> str | None:
    """Abd al-X written otherwise: Abdul X, Abdel-X, Abdulx, Abd-al-X...

    >>> arabic_abd("Abd al-Rahman Mustafa", random.Random(2))
    'Abd Al Rahman Mustafa'
    """
    if not _is_latin_only(name):
        return None
    found = [(m, rest) for m in _ABD.finditer(name) if (rest := _abd_rest(m)) is not None]
    if not found:
        return None
    m, rest = rng.choice(found)
    caps = _is_caps(m.group(0))
    rest = rest.lower()
    current = re.sub(r"\s+", " ", m.group(0)).lower()
    options = []
    for form in _ABD_FORMS:
        new = form.format(rest if form.endswith("l{}") else rest.capitalize())
        if new.lower() != current:
            options.append(new.upper() if caps else new)
    return _replace(name, m.start(), m.end(), rng.choice(options))


def _abd_rest(m: re.Match[str]) -> str | None:
    """The name after Abd and its article, or ``None`` if the parse is unsound: a sun-letter
    article (ar-, ur-, as-...) must be followed by its own consonant (Abderrezak = Abd
    er-Rezak); written once and joined, the consonant is the name's (Abdurahman = Abd
    ur-Rahman); spaced, it is no article (Abded Abed)."""
    whole, rest = m.group(0), m.group("rest")
    if rest.lower() in ("lah", "llah", "la"):
        return None  # Abdullah, Abdallah are names of their own
    head = whole[: len(whole) - len(rest)].lower()
    article = re.sub(r"[-\s]", "", head)[3:]
    if len(article) == 2 and article[1] in "rnstdz" and not rest.lower().startswith(article[1]):
        return None if head[-1] in "- " else article[1] + rest
    return rest


_IBN = (("bin", "ibn", "ben"),)


def arabic_ibn(name: str, rng: random.Random) -> str | None:
    """ibn, bin and ben swapped (son of).

    >>> arabic_ibn("Usama bin Muhammad bin Awad BIN LADIN", random.Random(0))
    'Usama bin Muhammad ben Awad BIN LADIN'
    """
    if len(name.split()) < 3:
        return None  # "son of" stands between two names
    return _replace_token_from_groups(name, rng, _IBN, standalone=True)


#: Common Arabic (and Persian, Turkish) given names and their frequent Latin spellings.
ARABIC_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("Hussein", "Husain", "Hussain", "Husayn", "Hossein", "Houssein", "Husein"),
    ("Hassan", "Hasan", "Hasen"),
    ("Osama", "Usama", "Oussama"),
    ("Omar", "Umar", "Omer"),
    ("Abu", "Abou"),
    ("Yusuf", "Youssef", "Yousef", "Yousif", "Yusef", "Yousuf"),
    ("Ahmed", "Ahmad", "Ahmet"),
    ("Mahmoud", "Mahmud", "Mahmood"),
    ("Khalid", "Khaled"),
    ("Said", "Saeed", "Saied", "Sayed", "Sayeed"),
    ("Abdullah", "Abdallah", "Abdalla", "Abdulla"),
    ("Ibrahim", "Ebrahim", "Ibraheem", "Brahim"),
    ("Mustafa", "Mostafa", "Moustafa", "Mustapha"),
    ("Hamid", "Hameed", "Hamed"),
    ("Rashid", "Rasheed", "Rachid", "Rashed"),
    ("Karim", "Kareem", "Kerim"),
    ("Jamal", "Gamal", "Djamal"),
    ("Nasser", "Nasir", "Naser", "Nassir", "Nacer"),
    ("Qasim", "Qasem", "Kassem", "Kasim", "Ghasem", "Qassim"),
    ("Faisal", "Faysal", "Feisal", "Faycal"),
    ("Hamza", "Hamzah", "Hamsa"),
    ("Yasin", "Yassin", "Yaseen", "Yassine"),
    ("Ismail", "Ismael", "Esmail", "Ismayil"),
    ("Suleiman", "Sulaiman", "Soleiman", "Sulayman", "Suleyman", "Soliman"),
    ("Mohsen", "Muhsin", "Mohsin"),
    ("Abbas", "Abas"),
    ("Jafar", "Jaafar", "Djafar"),
    ("Mansour", "Mansur", "Mansoor"),
    ("Anwar", "Anouar", "Anvar"),
    ("Walid", "Waleed", "Oualid"),
    ("Majid", "Majed", "Maged", "Madjid"),
    ("Nur", "Noor", "Nour"),
    ("Tariq", "Tarek", "Tareq", "Tarik"),
    ("Zaid", "Zayd", "Zeid"),
    ("Othman", "Uthman", "Osman", "Usman"),
    ("Salah", "Saleh", "Salih"),
    ("Fatima", "Fatimah", "Fatma"),
    ("Aisha", "Ayesha", "Aicha", "Aysha"),
    ("Hadi", "Hady"),
    ("Adel", "Adil"),
    ("Amin", "Ameen", "Emin"),
    ("Bashir", "Basheer", "Bachir"),
    ("Habib", "Habeeb"),
    ("Hakim", "Hakeem"),
    ("Jalal", "Djalal"),
    ("Khalil", "Khaleel"),
    ("Latif", "Lateef"),
    ("Munir", "Muneer", "Mounir"),
    ("Nabil", "Nabeel"),
    ("Rahim", "Raheem"),
    ("Rauf", "Raouf", "Raoof"),
    ("Sharif", "Sherif", "Shareef"),
    ("Tahir", "Taher"),
    ("Wasim", "Waseem"),
    ("Zakaria", "Zakariya", "Zakariyya", "Zakariyah"),
    ("Zuhair", "Zouhair", "Zuhayr"),
    ("Ayman", "Aiman", "Aymen"),
    ("Hashim", "Hashem", "Hachem"),
    ("Kamal", "Kamel"),
    ("Badr", "Bader", "Badar"),
    ("Ayub", "Ayoub", "Ayyub"),
    ("Yunus", "Younis", "Younes", "Yunis"),
    ("Musa", "Moussa", "Mousa"),
    ("Isa", "Issa", "Eesa"),
    ("Idris", "Idriss", "Edris"),
)


def arabic_spelling(name: str, rng: random.Random) -> str | None:
    """Another frequent Latin spelling of a common Arabic given name (Hussein/Husayn,
    Osama/Usama, Yusuf/Youssef...).

    >>> arabic_spelling("Osama BIN LADEN", random.Random(0))
    'Oussama BIN LADEN'
    """
    return _replace_token_from_groups(name, rng, ARABIC_SPELLINGS)


# --------------------------------------------------------------------------------------------
# Order and form
# --------------------------------------------------------------------------------------------


def order_swap(name: str, rng: random.Random) -> str | None:
    """The surname moved to the other end, without a comma (``PESKOV Dmitry Sergeyevich``;
    a surname-first name becomes given-first).

    >>> order_swap("Dmitry Sergeyevich PESKOV", random.Random(0))
    'PESKOV Dmitry Sergeyevich'
    >>> order_swap("PESKOV, Dmitry", random.Random(0))
    'Dmitry PESKOV'
    """
    parts = person_parts(name)
    if parts is None:
        return None
    given, surname = parts
    if _surname_first(name):
        return " ".join(given + surname)
    return " ".join(surname + given)


def order_comma(name: str, rng: random.Random) -> str | None:
    """``SURNAME, Given Middle`` as payment messages and lists write it.

    >>> order_comma("Nicolas MADURO MOROS", random.Random(0))
    'MADURO MOROS, Nicolas'
    """
    if "," in name:
        return None
    parts = person_parts(name)
    if parts is None:
        return None
    given, surname = parts
    return f"{' '.join(surname)}, {' '.join(given)}"


# The first word of a compound name (Abd al-Rahman, Abu Bakr, Umm Layth): neither it nor the
# word after it is a middle name of its own.
_COMPOUND_HEADS = frozenset(["abd", "abdul", "abdel", "abu", "abou", "umm", "nur", "ould"])


@cache
def _leading_honorifics() -> frozenset[str]:
    """One-word titles (lower case, no full stop) and the Burmese honorifics U and Daw, which
    lists write before a person's given names."""
    words = (t.lower().rstrip(".") for t in (*TITLES_LATIN, *TITLES_CYRILLIC) if " " not in t)
    return frozenset(words) | {"u", "daw"}


def drop_middle(name: str, rng: random.Random) -> str | None:
    """One middle name or patronymic left out (with its ``bin``/``ibn`` particle).

    >>> drop_middle("Dmitry Sergeyevich PESKOV", random.Random(0))
    'Dmitry PESKOV'
    """
    parts = person_parts(name)
    if parts is None:
        return None
    given, surname = parts
    first = 0  # the first given name: an honorific before it (Dr Kan ZAW, U Thein SOE) is not
    while first < len(given) - 1 and given[first].lower().rstrip(".") in _leading_honorifics():
        first += 1
    droppable = [
        i
        for i, t in enumerate(given)
        if i > first
        and t.lower() not in _PARTICLES | _COMPOUND_HEADS
        and given[i - 1].lower().rstrip("-") not in _COMPOUND_HEADS
        and _scripts(t) <= _ALPHABETS
    ]
    if not droppable:
        return None
    i = rng.choice(droppable)
    drop = {i}
    if i > 0 and given[i - 1].lower() in _PARTICLES and i - 1 > 0:
        drop.add(i - 1)
    kept = [t for k, t in enumerate(given) if k not in drop]
    if _surname_first(name):
        return f"{' '.join(surname)}, {' '.join(kept)}" if "," in name else " ".join(surname + kept)
    return " ".join(kept + surname)


def initials(name: str, rng: random.Random) -> str | None:
    """Given names and patronymic as initials: ``D. S. Peskov``, ``D.S. PESKOV``,
    ``Dmitry S. Peskov``, ``PESKOV, D. S.``, ``D. Peskov``.

    >>> initials("Dmitry Sergeyevich PESKOV", random.Random(0))
    'Dmitry S. PESKOV'
    """
    if script_of_text(name) not in ("LATIN", "CYRILLIC", "GREEK"):
        return None  # Arabic, Han, Hangul names are not abbreviated to initials
    parts = person_parts(name)
    if parts is None:
        return None
    given, surname = parts
    given = [t for t in given if t.lower() not in _PARTICLES and any(c.isalpha() for c in t)]
    if not given or all(len([c for c in t if c.isalpha()]) <= 1 for t in given):
        return None

    def letter(token: str) -> str:
        return next(c for c in token if c.isalpha()).upper()

    styles = ["all", "middle"] if len(given) > 1 else ["all"]
    if len(given) == 2 and re.search(r"(vich|vitj|vych|vna|ovič|evič|вич|вна)$", given[1].lower()):
        styles.append("first")  # D. Peskov: the patronymic, not a name, left out
    style = rng.choice(styles)
    if style == "all":
        letters = [letter(t) for t in given]
        kept: list[str] = []
    elif style == "first":
        letters, kept = [letter(given[0])], []
    else:
        letters, kept = [letter(t) for t in given[1:]], [given[0]]
    sep = rng.choice([". ", ".", " "])
    abbreviated = (sep.join(letters) + ("." if "." in sep else "")).strip()
    front = " ".join([*kept, abbreviated])
    place = rng.choice(["before", "after", "comma"])
    if place == "before":
        return f"{front} {' '.join(surname)}"
    if place == "after":
        return f"{' '.join(surname)} {front}"
    return f"{' '.join(surname)}, {front}"


_SPLIT_PREFIXES = ("abdoul", "abdul", "abdel", "abdal", "abdur", "abdar", "abou", "abu")
_JOIN_FIRST = frozenset(["abdul", "abdel", "abd", "abu", "abou", "al", "el", "nur", "ul", "ud"])
_NOT_SPLIT = frozenset(
    [
        "abdullah",
        "abdallah",
        "abdulla",
        "abdalla",
        "abubakar",
        "abubakr",
        "abulfaz",
        "abdurrahman",
        "abdulaziz",
    ]
)


# One syllable of a romanised Korean or Chinese name (Jong, Un, Chol, Sam, Guang, Xiao).
_SYLLABLE = re.compile(
    r"(?:ch|ts|ss|kk|tt|pp|jj|sh|zh|[bcdfghjklmnpqrstwxyz])?[aeiouwy]{1,3}(?:ng|n|m|l|k|p|t|r)?",
    re.IGNORECASE,
)


def _is_syllable(word: str) -> bool:
    return (
        2 <= len(word) <= 5
        and word.lower() not in _PARTICLES
        and _SYLLABLE.fullmatch(word) is not None
    )


def join_split(name: str, rng: random.Random) -> str | None:
    """Two words joined or one split: ``Abdul Rahman`` ↔ ``Abdulrahman``, ``Abu Bakr`` ↔
    ``Abubakr``, ``Jong Un`` ↔ ``Jongun``, ``Yong-Chol`` → ``Yongchol``.

    >>> join_split("Abdulrahman Mustafa", random.Random(0))
    'Abdul Rahman Mustafa'
    >>> join_split("KIM Jong Un", random.Random(0))
    'KIM Jongun'
    """
    ops: list[tuple[int, int, str]] = []
    for m in _WORD.finditer(name):
        word = m.group()
        low = word.lower()
        if low in _NOT_SPLIT:
            continue
        for prefix in _SPLIT_PREFIXES:
            if low.startswith(prefix) and len(low) - len(prefix) >= 3:
                head, tail = word[: len(prefix)], word[len(prefix) :]
                tail = tail if _is_caps(word) else tail[:1].upper() + tail[1:]
                ops.append((m.start(), m.end(), f"{head} {tail}"))
                break
    words = list(re.finditer(r"\S+", name))
    for a, b in itertools.pairwise(words):
        first, second = a.group(), b.group()
        if not (first.isalpha() and second.isalpha()):
            continue
        short = _is_syllable(first) and _is_syllable(second)
        same_case = _is_caps(first) == _is_caps(second) and (
            not _is_caps(first) or _is_caps(name.replace(" ", ""))
        )
        if first.lower() in _JOIN_FIRST or (
            short and same_case and second.lower() not in _PARTICLES
        ):
            joined = first + (second if _is_caps(first) and _is_caps(second) else second.lower())
            ops.append((a.start(), b.end(), joined))
    for m in re.finditer(r"(?<=[^\W\d_])-(?=[^\W\d_])", name):
        before = name[: m.start()].split()[-1] if name[: m.start()].split() else ""
        after = re.match(r"[^\W\d_]+", name[m.end() :])
        if after and len(before) <= 5 and len(after.group()) <= 5 and not _is_caps(after.group()):
            ops.append((m.start(), m.end() + len(after.group()), after.group().lower()))
    if not ops:
        return None
    start, end, new = rng.choice(ops)
    return _replace(name, start, end, new)


_HYPHEN_PREFIXES = frozenset(["al", "el", "ul", "abd", "abu", "abou", "abdul", "abdel"])


def hyphen(name: str, rng: random.Random) -> str | None:
    """A hyphen made a space or dropped, or two words hyphenated (``Al-Tikriti`` ↔ ``Al
    Tikriti``, ``BENAVIDES TORRES`` → ``BENAVIDES-TORRES``, ``Jong Un`` → ``Jong-Un``).

    >>> hyphen("Saddam Hussein AL-TIKRITI", random.Random(0))
    'Saddam Hussein ALTIKRITI'
    """
    ops: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?<=[^\W\d_])[-‐‑](?=[^\W\d_])", name):
        ops.append((m.start(), m.end(), " "))
        before = re.findall(r"[^\W\d_]+$", name[: m.start()])
        # dropped only after a prefix (Al-Tikriti -> ALTIKRITI, T-Rubber -> TRubber)
        if before and (before[0].lower() in _HYPHEN_PREFIXES or len(before[0]) == 1):
            ops.append((m.start(), m.end(), ""))
    words = list(re.finditer(r"\S+", name))
    parts = person_parts(name) if "," not in name else None
    surname = set(parts[1]) if parts else set()
    for a, b in itertools.pairwise(words):
        first, second = a.group(), b.group()
        if not (first.isalpha() and second.isalpha()):
            continue
        acronym = any(len(w) <= 3 and _is_caps(w) for w in (first, second))
        both_surname = first in surname and second in surname and not acronym
        prefix = first.lower() in _HYPHEN_PREFIXES
        syllables = (
            _is_syllable(first)
            and _is_syllable(second)
            and _is_caps(first) == _is_caps(second)
            and (not _is_caps(first) or _is_caps(name.replace(" ", "")))
        )
        if both_surname or prefix or syllables:
            ops.append((a.end(), b.start(), "-"))
    if not ops:
        return None
    start, end, new = rng.choice(ops)
    return _replace(name, start, end, new)


def apostrophe(name: str, rng: random.Random) -> str | None:
    """An apostrophe dropped, made a space or written with another apostrophe character
    (``Gama'a`` → ``Gamaa``, ``O'Neil`` → ``O’Neil``, ``Zelens'kyy`` → ``Zelens kyy``).

    >>> apostrophe("Ibrahim 'Awwad AL-BADRI", random.Random(0))
    'Ibrahim `Awwad AL-BADRI'
    """
    found = [
        m
        for m in re.finditer(f"[{_APOSTROPHES}]", name)
        if (m.start() + 1 < len(name) and name[m.start() + 1].isalpha())
        or (m.start() > 0 and name[m.start() - 1].isalpha())
    ]
    if not found:
        return None
    m = rng.choice(found)
    inside = (
        0 < m.start() < len(name) - 1
        and name[m.start() - 1].isalpha()
        and name[m.start() + 1].isalpha()
    )
    options = ["", *(c for c in _APOSTROPHES if c != m.group())]
    if inside:
        options.append(" ")
    return _replace(name, m.start(), m.end(), rng.choice(options))


# --------------------------------------------------------------------------------------------
# Noise
# --------------------------------------------------------------------------------------------

_QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_JCUKEN = ("йцукенгшщзхъ", "фывапролджэ", "ячсмитьбю")


def _neighbours(rows: Sequence[str]) -> dict[str, str]:
    where = {c: (r, k) for r, row in enumerate(rows) for k, c in enumerate(row)}
    out: dict[str, str] = {}
    for c, (r, k) in where.items():
        near = []
        for dr in (-1, 0, 1):
            for dk in (-1, 0, 1):
                if (dr, dk) == (0, 0):
                    continue
                rr, kk = r + dr, k + dk
                if 0 <= rr < len(rows) and 0 <= kk < len(rows[rr]):
                    near.append(rows[rr][kk])
        out[c] = "".join(near)
    return out


_NEIGHBOURS = {**_neighbours(_QWERTY), **_neighbours(_JCUKEN)}


def _typo_once(name: str, rng: random.Random) -> str | None:
    spans = _letter_spans(name, min_length=4, alphabetic=True)
    if not spans:
        return None
    m, k = _pick_weighted_position(spans, rng)
    word = m.group()
    char = word[k]
    near = _NEIGHBOURS.get(char.lower(), "")
    ops = ["delete"]
    if near:
        ops += ["substitute", "insert"]
    if k + 1 < len(word) and word[k + 1].lower() != char.lower():
        ops.append("transpose")
    op = rng.choice(ops)
    if op == "delete":
        new = word[:k] + word[k + 1 :]
    elif op == "transpose":
        new = word[:k] + word[k + 1] + char + word[k + 2 :]
    else:
        typed = rng.choice(near)
        typed = typed.upper() if char.isupper() else typed
        new = (
            word[:k] + typed + word[k + 1 :] if op == "substitute" else word[:k] + typed + word[k:]
        )
    return _replace(name, m.start(), m.end(), new)


def typo_1(name: str, rng: random.Random) -> str | None:
    """One keyboard typo (a neighbouring key typed instead or as well, a letter left out, two
    letters swapped) in a word of four letters or more, any letter equally likely.

    >>> typo_1("Dmitry Sergeyevich PESKOV", random.Random(0))
    'Dmitry Sergeyveich PESKOV'
    """
    return _typo_once(name, rng)


def typo_2(name: str, rng: random.Random) -> str | None:
    """Two keyboard typos, in one word or two.

    >>> typo_2("Dmitry Sergeyevich PESKOV", random.Random(0))
    'Dnmitry Sergeyveich PESKOV'
    """
    once = _typo_once(name, rng)
    if once is None:
        return None
    for _ in range(10):
        twice = _typo_once(once, rng)
        if twice is not None and twice != name:
            return twice
    return once


_VOWELS = frozenset("aeiouyаеёиоуыэюяіїєαεηιουω")


def drop_vowel(name: str, rng: random.Random) -> str | None:
    """One vowel after the first letter of a word of four letters or more left out
    (``Peskov`` → ``Peskv``, ``Mohammed`` → ``Mohmmed``).

    >>> drop_vowel("Dmitry PESKOV", random.Random(0))
    'Dmitry PESKV'
    """
    places = [
        (m, k)
        for m in _letter_spans(name, min_length=4, alphabetic=True)
        for k in range(1, len(m.group()))
        if m.group()[k].lower() in _VOWELS
    ]
    if not places:
        return None
    m, k = rng.choice(places)
    return _replace(name, m.start() + k, m.start() + k + 1, "")


def double_letter(name: str, rng: random.Random) -> str | None:
    """A doubled letter written once, or a letter doubled (``Hassan`` ↔ ``Hasan``,
    ``Peskov`` → ``Pesskov``).

    >>> double_letter("Hassan Nasrallah", random.Random(0))
    'Hassan Nasrrallah'
    """
    ops: list[tuple[int, int, str]] = []
    for m in _letter_spans(name, min_length=3, alphabetic=True):
        word = m.group()
        for k in range(1, len(word)):
            if word[k].lower() == word[k - 1].lower():
                ops.append((m.start() + k, m.start() + k + 1, ""))
            elif (
                k < len(word)
                and word[k].lower() not in _VOWELS
                and (k + 1 >= len(word) or word[k + 1].lower() != word[k].lower())
            ):
                ops.append((m.start() + k, m.start() + k + 1, word[k] * 2))
    if not ops:
        return None
    start, end, new = rng.choice(ops)
    return _replace(name, start, end, new)


#: Latin letters and look-alikes from Cyrillic and Greek (visual only, never transliterations).
HOMOGLYPHS_FROM_LATIN: dict[str, str] = {
    "a": "аα",
    "c": "сϲ",
    "e": "е",
    "i": "іι",
    "j": "ј",
    "o": "оο",
    "p": "рρ",
    "s": "ѕ",
    "x": "хχ",
    "y": "уγ",
    "h": "һ",
    "A": "АΑ",
    "B": "ВΒ",
    "C": "СϹ",
    "E": "ЕΕ",
    "H": "НΗ",
    "I": "ІΙ",
    "J": "Ј",
    "K": "КΚ",
    "M": "МΜ",
    "N": "Ν",
    "O": "ОΟ",
    "P": "РΡ",
    "S": "Ѕ",
    "T": "ТΤ",
    "X": "ХΧ",
    "Y": "УΥ",
    "Z": "Ζ",
}
#: Cyrillic letters and their Latin look-alikes.
HOMOGLYPHS_FROM_CYRILLIC: dict[str, str] = {
    "а": "a",
    "е": "e",
    "о": "o",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "і": "i",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "Х": "X",
}


def homoglyph(name: str, rng: random.Random) -> str | None:
    """One or two letters of a word replaced by look-alikes from another script: Cyrillic or
    Greek inside a Latin word (``Pеskov`` with Cyrillic ``е``), Latin inside a Cyrillic word.

    >>> homoglyph("Dmitry PESKOV", random.Random(0)) != "Dmitry PESKOV"
    True
    """
    places: list[tuple[int, str]] = []
    for m in _letter_spans(name, min_length=2):
        table = {"LATIN": HOMOGLYPHS_FROM_LATIN, "CYRILLIC": HOMOGLYPHS_FROM_CYRILLIC}.get(
            script_of_text(m.group())
        )
        if table is None:
            continue
        places += [(m.start() + k, table[c]) for k, c in enumerate(m.group()) if c in table]
    if not places:
        return None
    chosen = rng.sample(places, k=min(len(places), rng.choice([1, 1, 2])))
    out = list(name)
    for position, options in chosen:
        out[position] = rng.choice(options)
    return "".join(out)


#: Characters that render as nothing (or nearly): zero-width space, non-joiner, joiner, word
#: joiner, BOM, soft hyphen, invisible separator and times, Mongolian vowel separator,
#: combining grapheme joiner.
INVISIBLE = (
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u2063",
    "\u2062",
    "\u180e",
    "\u034f",
)


def invisible(name: str, rng: random.Random) -> str | None:
    """One to three invisible characters inserted inside words.

    >>> invisible("Peskov", random.Random(0)).encode("unicode_escape")
    b'P\\\\u2063e\\\\u2062sk\\\\u180eov'
    """
    inner = [
        m.start() + k for m in _letter_spans(name, min_length=2) for k in range(1, len(m.group()))
    ]
    if not inner:
        return None
    positions = sorted(rng.sample(inner, k=min(len(inner), rng.choice([1, 1, 2, 3]))), reverse=True)
    out = name
    for position in positions:
        out = out[:position] + rng.choice(INVISIBLE) + out[position:]
    return out


_ACCENTED = {
    "a": "áàâäãåā",
    "c": "čçć",
    "d": "ď",
    "e": "éèêëěē",
    "g": "ğ",
    "i": "íìîïī",
    "l": "ł",
    "n": "ñńň",
    "o": "óòôöõøō",
    "r": "ř",
    "s": "šśş",
    "t": "ţť",
    "u": "úùûüůū",
    "y": "ý",
    "z": "žźż",
}


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    ).translate(str.maketrans("øØłŁđĐ", "oOlLdD"))


def diacritics(name: str, rng: random.Random) -> str | None:
    """Accents dropped from a Latin name that has them, or one or two added to one that has
    none (``Peskov`` → ``Peškov``); in Cyrillic, ``ё`` written ``е`` or the other way round.

    >>> diacritics("Dmitrij Sergejevič Peskov", random.Random(0))
    'Dmitrij Sergejevic Peskov'
    """
    script = script_of_text(name)
    if script == "LATIN":
        stripped = _strip_marks(name)
        if stripped != name:
            return stripped
        places = [i for i, c in enumerate(name) if c.lower() in _ACCENTED]
        if not places:
            return None
        out = list(name)
        for i in rng.sample(places, k=min(len(places), rng.choice([1, 1, 2]))):
            accented = rng.choice(_ACCENTED[name[i].lower()])
            out[i] = accented.upper() if name[i].isupper() else accented
        return "".join(out)
    if script == "CYRILLIC":
        if any(c in "ёЁ" for c in name):
            return name.replace("ё", "е").replace("Ё", "Е")
        places = [i for i, c in enumerate(name) if c in "еЕ" and i > 0 and name[i - 1].isalpha()]
        if not places:
            return None
        i = rng.choice(places)
        return name[:i] + ("ё" if name[i] == "е" else "Ё") + name[i + 1 :]
    return None


def case(name: str, rng: random.Random) -> str | None:
    """Another letter case: all upper, all lower, capitalised words, or surname in capitals.

    >>> case("Dmitry Sergeyevich PESKOV", random.Random(0))
    'Dmitry Sergeyevich Peskov'
    """
    if not any(c.isalpha() and c.lower() != c.upper() for c in name):
        return None
    options = {
        name.upper(),
        name.lower(),
        " ".join(w[:1].upper() + w[1:].lower() for w in name.split(" ")),
    }
    parts = person_parts(name)
    if parts is not None and "," not in name:
        given, surname = parts
        options.add(" ".join([*given, *(s.upper() for s in surname)]))
    options.discard(name)
    if not options:
        return None
    return rng.choice(sorted(options))


#: Honorifics, ranks and offices put before a person's name (Latin script).
TITLES_LATIN = (
    "Mr",
    "Mr.",
    "Mrs",
    "Ms.",
    "Dr",
    "Dr.",
    "Prof.",
    "Professor",
    "Sheikh",
    "Shaykh",
    "Haji",
    "Hajji",
    "Mullah",
    "Mawlawi",
    "Maulana",
    "Imam",
    "Ayatollah",
    "Emir",
    "President",
    "Vice President",
    "Prime Minister",
    "Minister",
    "Deputy Minister",
    "General",
    "Gen.",
    "Major General",
    "Lieutenant General",
    "Colonel",
    "Col.",
    "Lt. Col.",
    "Major",
    "Captain",
    "Admiral",
    "Brigadier",
    "Ambassador",
    "Governor",
    "Senator",
    "Judge",
    "His Excellency",
    "H.E.",
    "Sir",
)
#: The same in Cyrillic, for Cyrillic names.
TITLES_CYRILLIC = (
    "г-н",
    "господин",
    "госпожа",
    "генерал",
    "полковник",
    "президент",
    "министр",
    "депутат",
    "губернатор",
    "пан",
)


def title(name: str, rng: random.Random) -> str | None:
    """An honorific, rank or office put before the name (``Dr``, ``Sheikh``, ``President``,
    ``г-н``).

    >>> title("Dmitry PESKOV", random.Random(0))
    'Gen. Dmitry PESKOV'
    """
    script = script_of_text(name)
    titles = {"LATIN": TITLES_LATIN, "CYRILLIC": TITLES_CYRILLIC}.get(script)
    if titles is None:
        return None
    chosen = rng.choice(titles)
    if _is_caps(name.replace(" ", "")):
        chosen = chosen.upper()
    return f"{chosen} {name}"


# --------------------------------------------------------------------------------------------
# Organisations
# --------------------------------------------------------------------------------------------

#: Legal forms that translate one another (the forms a list, a registry and a payment use).
LEGAL_FORM_FAMILIES: tuple[tuple[str, ...], ...] = (
    ("OOO", "ООО", "LLC", "L.L.C.", "Limited Liability Company", "TOV", "ТОВ"),
    ("AO", "АО", "JSC", "J.S.C.", "Joint Stock Company", "Joint-Stock Company"),
    ("PAO", "ПАО", "PJSC", "Public Joint Stock Company", "Public Joint-Stock Company"),
    ("ZAO", "ЗАО", "CJSC", "Closed Joint Stock Company", "Closed Joint-Stock Company"),
    ("OAO", "ОАО", "OJSC", "Open Joint Stock Company", "Open Joint-Stock Company"),
    ("GmbH", "G.m.b.H.", "Gesellschaft mit beschränkter Haftung"),
    ("S.A.", "SA", "S.A", "Sociedad Anonima", "Société Anonyme"),
    ("S.A.L.", "SAL", "S.A.L"),
    ("S.A. de C.V.", "SA de CV", "S.A. DE C.V.", "Sociedad Anonima de Capital Variable"),
    ("Ltd", "Ltd.", "Limited", "LTD"),
    ("Co., Ltd.", "Co. Ltd", "Company Limited"),
    ("Inc", "Inc.", "Incorporated"),
    ("Corp", "Corp.", "Corporation"),
    ("PLC", "P.L.C.", "Public Limited Company"),
    ("AG", "Aktiengesellschaft"),
    ("FZE", "Free Zone Establishment"),
    ("FZCO", "FZC", "Free Zone Company"),
    ("LLP", "Limited Liability Partnership"),
    ("S.R.L.", "SRL", "Societa a responsabilita limitata"),
    ("SARL", "S.A.R.L.", "Société à responsabilité limitée"),
    ("Sp. z o.o.", "Sp. z o. o."),
)
_LEGAL_FORM_PATTERN = re.compile(
    "|".join(
        rf"(?<![^\W_]){re.escape(form)}(?![^\W_])"
        for form in sorted(
            {f for family in LEGAL_FORM_FAMILIES for f in family}, key=len, reverse=True
        )
    ),
    re.IGNORECASE,
)
_FAMILY_OF = {form.lower(): family for family in LEGAL_FORM_FAMILIES for form in family}
# "Corporation", "Limited", "Company Limited" are also plain words of a name: only swapped.
_ADDABLE = ("OOO", "AO", "PAO", "GmbH", "S.A.", "Ltd", "Inc")


def legal_form(name: str, rng: random.Random) -> str | None:
    """The legal form swapped for its equivalent in another language or form (``OOO`` ↔
    ``ООО`` ↔ ``LLC``, ``AO`` ↔ ``JSC``, ``S.A.`` ↔ ``SA``), moved to the other end, dropped, or
    added where there is none.

    >>> legal_form("OOO Transneft", random.Random(1))
    'L.L.C. Transneft'
    """
    if not any(c.isalpha() for c in name):
        return None
    found = [m for m in _LEGAL_FORM_PATTERN.finditer(name) if m.group().lower() in _FAMILY_OF]
    if not found:
        script = script_of_text(name)
        if script not in ("LATIN", "CYRILLIC"):
            return None  # no legal form of ours is written in Arabic or Han script
        family = _FAMILY_OF[rng.choice(_ADDABLE).lower()]
        forms = [f for f in family if script_of_text(f) == script] or list(family)
        if script == "CYRILLIC" and not any(script_of_text(f) == script for f in family):
            forms = ["ООО", "АО", "ПАО"]
        form = rng.choice(forms)
        return f"{form} {name}" if rng.random() < 0.5 else f"{name} {form}"
    m = rng.choice(found)
    family = _FAMILY_OF[m.group().lower()]
    others = [f for f in family if f.lower() != m.group().lower()]
    rest = (name[: m.start()] + name[m.end() :]).strip(" ,")
    rest = re.sub(r"\s{2,}", " ", rest)
    op = rng.choice(["swap", "swap", "move", "drop"] if rest else ["swap"])
    if op == "drop" and any(c.isalpha() for c in rest):
        return rest
    new = rng.choice(others)
    if op == "move" and rest:
        at_start = m.start() <= len(name) - m.end()
        return f"{rest} {new}" if at_start else f"{new} {rest}"
    return _replace(name, m.start(), m.end(), new)


_QUOTE_PAIRS = (('"', '"'), ("«", "»"), ("“", "”"), ("„", "“"), ("'", "'"), ("‘", "’"))
_QUOTE_CHARS = "\"«»“”„'‘’"


def quotes(name: str, rng: random.Random) -> str | None:
    """Quotation marks around the name removed, changed (``"…"``, ``«…»``, ``„…“``) or added
    around the part after the legal form.

    >>> quotes('OOO "Transneft"', random.Random(0))
    'OOO „Transneft“'
    """
    if not any(c.isalpha() for c in name):
        return None
    present = [
        i
        for i, c in enumerate(name)
        if c in _QUOTE_CHARS
        and not (0 < i < len(name) - 1 and name[i - 1].isalpha() and name[i + 1].isalpha())
    ]
    if len(present) >= 2:
        bare = "".join(c for i, c in enumerate(name) if i not in present)
        bare = re.sub(r"\s{2,}", " ", bare).strip()
        if rng.random() < 0.5:
            return bare
        opening, closing = rng.choice(_QUOTE_PAIRS)
        out = list(name)
        out[present[0]], out[present[-1]] = opening, closing
        changed = "".join(out)
        return changed if changed != name else bare
    m = _LEGAL_FORM_PATTERN.search(name)
    opening, closing = rng.choice(_QUOTE_PAIRS)
    if m and m.start() == 0 and name[m.end() :].strip():
        return f"{name[: m.end()]} {opening}{name[m.end() :].strip()}{closing}"
    if m and m.end() == len(name) and name[: m.start()].strip():
        return f"{opening}{name[: m.start()].strip()}{closing} {name[m.start() :]}"
    return f"{opening}{name}{closing}"


def the(name: str, rng: random.Random) -> str | None:
    """``The`` dropped from the front of an organisation's name, or added.

    >>> the("The Islamic Group", random.Random(0)), the("ISLAMIC GROUP", random.Random(0))
    ('Islamic Group', 'THE ISLAMIC GROUP')
    """
    if not _is_latin_only(name):
        return None
    m = re.match(r"the\s+", name, re.IGNORECASE)
    if m:
        rest = name[m.end() :]
        return rest if any(c.isalpha() for c in rest) else None
    return f"{'THE' if _is_caps(name.replace(' ', '')) else 'The'} {name}"


#: Words of organisation names and their usual abbreviations.
ORGANISATION_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("Company", "Co."),
    ("Corporation", "Corp."),
    ("International", "Intl"),
    ("Industries", "Ind."),
    ("Industrial", "Indl"),
    ("Manufacturing", "Mfg."),
    ("Technology", "Tech."),
    ("Technologies", "Techs"),
    ("Engineering", "Eng."),
    ("Establishment", "Est."),
    ("Organization", "Org."),
    ("Organisation", "Org."),
    ("Association", "Assn."),
    ("Brothers", "Bros."),
    ("Group", "Grp"),
    ("Holding", "Hldg"),
    ("Holdings", "Hldgs"),
    ("Development", "Dev."),
    ("Investment", "Inv."),
    ("Investments", "Invts"),
    ("Services", "Svcs"),
    ("Management", "Mgmt"),
    ("Trading", "Trdg"),
    ("Shipping", "Shpg"),
    ("Import", "Imp."),
    ("Export", "Exp."),
    ("Import/Export", "I/E"),
    ("Saint", "St."),
    ("Mount", "Mt."),
    ("Department", "Dept."),
    ("National", "Natl"),
)
_ABBREVIATION_OF = {w.lower(): a for w, a in ORGANISATION_ABBREVIATIONS}
_EXPANSION_OF = {a.lower().rstrip("."): w for w, a in ORGANISATION_ABBREVIATIONS}


def abbreviation(name: str, rng: random.Random) -> str | None:
    """A word of an organisation's name abbreviated, or an abbreviation written out
    (``International`` ↔ ``Intl``, ``Corporation`` ↔ ``Corp.``, ``Import/Export`` ↔ ``I/E``).

    >>> abbreviation("KOREA MINING DEVELOPMENT TRADING CORPORATION", random.Random(0))
    'KOREA MINING DEVELOPMENT TRDG CORPORATION'
    """
    ops: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[^\W\d_]+(?:/[^\W\d_]+)?\.?", name):
        word = m.group()
        bare = word.rstrip(".")
        if bare.lower() in _ABBREVIATION_OF:
            new, end = _ABBREVIATION_OF[bare.lower()], m.start() + len(bare)
        elif bare.lower() in _EXPANSION_OF:
            new, end = _EXPANSION_OF[bare.lower()], m.end()
        else:
            continue
        if _is_caps(bare):
            new = new.upper()
        elif bare.islower():
            new = new.lower()
        ops.append((m.start(), end, new))
    if not ops:
        return None
    start, end, new = rng.choice(ops)
    return _replace(name, start, end, new)


# --------------------------------------------------------------------------------------------
# Pair generators: ground truth read out of one listed entity
# --------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return "".join(c for c in unidecode(text).lower() if c.isalnum() or c == " ")


def _bigrams(text: str) -> set[str]:
    compact = "".join(text.split())
    return {compact[i : i + 2] for i in range(len(compact) - 1)}


def _similarity_key(text: str, *, consonants: bool) -> set[str]:
    folded = _fold(text)
    if consonants:
        folded = re.sub(r"[aeiouyw']", "", folded)
        folded = re.sub(r"(.)\1+", r"\1", folded)
    return _bigrams(folded)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _corresponding_pairs(
    variants: Iterable[str],
    references: Sequence[str],
    *,
    consonants: bool = False,
    minimum: float = 0.25,
) -> list[NamePair]:
    """Each variant with the reference alias it renders (the most alike by character
    bigrams of the ASCII-folded names, a measure that is none of the benchmarked scorers);
    variants alike to no reference (a translated nickname, another alias) are left out."""
    pairs: list[NamePair] = []
    seen: set[str] = set()
    keys = [_similarity_key(r, consonants=consonants) for r in references]
    for variant in variants:
        if variant.casefold() in seen:
            continue
        seen.add(variant.casefold())
        key = _similarity_key(variant, consonants=consonants)
        scored = [(_jaccard(key, k), -i) for i, k in enumerate(keys)]
        if not scored:
            continue
        best, negative_index = max(scored)
        reference = references[-negative_index]
        if best >= minimum and reference.casefold() != variant.casefold():
            pairs.append((reference, variant))
    return pairs


def _latin_references(entity: Entity) -> list[str]:
    """The entity's Latin names in the list's own (untagged or English) spelling."""
    return [n.full for n in entity.names if n.language in (None, "en") and _is_latin_only(n.full)]


def eu_language_pairs(entity: Entity) -> list[NamePair]:
    """The EU list's romanisation of a person for one EU language (``sv`` ``Dmitrij
    Sergejevitj PESKOV``, ``sl`` ``Dmitrij Sergejevič Peskov``) with the list's own spelling
    of the same alias (``Dmitry Sergeyevich PESKOV``)."""
    if not entity.id.startswith("eu:"):
        return []
    references = _latin_references(entity)
    variants = [
        n.full
        for n in entity.names
        if n.language not in (None, "en")
        and _is_latin_only(n.full)
        and not re.search(r"[()\"“”«»]", n.full)
    ]
    return _corresponding_pairs(variants, references)


def cyrillic_list_pairs(entity: Entity) -> list[NamePair]:
    """A person's Cyrillic name on the list with the list's Latin spelling of it."""
    references = _latin_references(entity)
    variants = [
        n.full
        for n in entity.names
        if script_of_text(n.full) == "CYRILLIC" and _scripts(n.full) == {"CYRILLIC"}
    ]
    return _corresponding_pairs(variants, references)


def arabic_script_pairs(entity: Entity) -> list[NamePair]:
    """A person's name in Arabic script on the list with the list's Latin spelling of it."""
    references = _latin_references(entity)
    variants = [n.full for n in entity.names if _scripts(n.full) == {"ARABIC"}]
    return _corresponding_pairs(variants, references, consonants=True, minimum=0.15)


_HAN_IN_BRACKETS = re.compile(r"^(?P<latin>[^()（）]+?)\s*[(（](?P<han>[^()（）]+)[)）]\s*$")


def chinese_pairs(entity: Entity) -> list[NamePair]:
    """A person's name in Han characters with its pinyin spelling on the list (``王君正`` and
    ``Junzheng WANG``; ``Jin Tiesan (金铁三)`` gives its two halves)."""
    references = _latin_references(entity)
    variants: list[str] = []
    pairs: list[NamePair] = []
    for n in entity.names:
        if _scripts(n.full) == {"HAN"}:
            variants.append(n.full)
            continue
        m = _HAN_IN_BRACKETS.match(n.full)
        if m and _scripts(m.group("han")) == {"HAN"} and _is_latin_only(m.group("latin")):
            pairs.append((m.group("latin").strip(), m.group("han").strip()))
    bracketed = {han for _, han in pairs}
    pairs += _corresponding_pairs(
        (v for v in variants if v not in bracketed), references, minimum=0.1
    )
    return pairs


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------


_LANGUAGE_NAMES = {"ru": "Russian", "uk": "Ukrainian", "be": "Belarusian"}


def _cyrillic_classes() -> list[VariantClass]:
    classes = []
    for system_name, system in sorted(load_systems().items()):
        if system.script.value != "Cyrl" or system.language not in ("ru", "uk", "be"):
            continue
        slug = system_name.replace(":", "-").replace("_", "-")
        classes.append(
            VariantClass(
                name=f"translit-cyrillic-{slug}",
                family="transliteration",
                description=f"a {_LANGUAGE_NAMES[system.language]} Cyrillic name romanised "
                f"under {system.title}",
                applies_to=PERSON_OR_ORGANISATION,
                transform=_romanizer(system_name),
            )
        )
    return classes


def _registry() -> dict[str, VariantClass]:
    classes: list[VariantClass] = [
        *_cyrillic_classes(),
        VariantClass(
            "translit-cyrillic-list",
            "transliteration",
            "a person's Cyrillic name on a list against the list's own Latin spelling of it",
            PERSON,
            pairs=cyrillic_list_pairs,
        ),
        VariantClass(
            "translit-eu-languages",
            "transliteration",
            "the EU list's romanisation of a person for another EU language (sv, cs, sl, fr, "
            "de, pl...) against its English spelling",
            PERSON,
            pairs=eu_language_pairs,
        ),
        VariantClass(
            "translit-greek",
            "transliteration",
            "a Latin-script name written in Greek letters as the Greek press writes foreign "
            "names (Ντμίτρι Πεσκόφ)",
            PERSON,
            transform=to_greek,
        ),
        VariantClass(
            "translit-arabic-muhammad",
            "transliteration",
            "Muhammad spelt otherwise (Mohammed, Mohamad, Mohamed, Muhammed...)",
            PERSON,
            transform=arabic_muhammad,
        ),
        VariantClass(
            "translit-arabic-article",
            "transliteration",
            "the Arabic article as al-, el-, ul- or a sun-letter form (ar-, as-, ad-...), with "
            "a hyphen or a space",
            PERSON_OR_ORGANISATION,
            transform=arabic_article,
        ),
        VariantClass(
            "translit-arabic-abd",
            "transliteration",
            "Abd al-X as Abdul X, Abdel-X, Abdulx, Abd-al-X...",
            PERSON,
            transform=arabic_abd,
        ),
        VariantClass(
            "translit-arabic-ibn",
            "transliteration",
            "ibn, bin and ben swapped",
            PERSON,
            transform=arabic_ibn,
        ),
        VariantClass(
            "translit-arabic-spelling",
            "transliteration",
            "another frequent spelling of a common Arabic given name (Hussein/Husayn, "
            "Osama/Usama, Yusuf/Youssef...)",
            PERSON,
            transform=arabic_spelling,
        ),
        VariantClass(
            "translit-arabic-script",
            "transliteration",
            "a person's name in Arabic script on a list against the list's Latin spelling of it",
            PERSON,
            pairs=arabic_script_pairs,
        ),
        VariantClass(
            "translit-chinese",
            "transliteration",
            "a person's name in Han characters against its pinyin on the list",
            PERSON,
            pairs=chinese_pairs,
        ),
        VariantClass(
            "order-surname-first",
            "order-and-form",
            "the surname moved to the other end of the name, no comma",
            PERSON,
            transform=order_swap,
        ),
        VariantClass(
            "order-comma",
            "order-and-form",
            "SURNAME, Given Middle",
            PERSON,
            transform=order_comma,
        ),
        VariantClass(
            "form-drop-middle",
            "order-and-form",
            "a middle name or patronymic left out",
            PERSON,
            transform=drop_middle,
        ),
        VariantClass(
            "form-initials",
            "order-and-form",
            "given names and patronymic as initials (D. S. Peskov, Peskov D.S., Dmitry S. "
            "Peskov, D. Peskov)",
            PERSON,
            transform=initials,
        ),
        VariantClass(
            "form-join-split",
            "order-and-form",
            "two words joined or one split (Abdul Rahman / Abdulrahman, Jong Un / Jongun)",
            PERSON,
            transform=join_split,
        ),
        VariantClass(
            "form-hyphen",
            "order-and-form",
            "a hyphen made a space or dropped, or two words hyphenated",
            PERSON_OR_ORGANISATION,
            transform=hyphen,
        ),
        VariantClass(
            "form-apostrophe",
            "order-and-form",
            "an apostrophe dropped, made a space or written with another character",
            PERSON_OR_ORGANISATION,
            transform=apostrophe,
        ),
        VariantClass(
            "noise-typo-1",
            "noise",
            "one keyboard typo in a word of four letters or more",
            PERSON_OR_ORGANISATION,
            transform=typo_1,
        ),
        VariantClass(
            "noise-typo-2",
            "noise",
            "two keyboard typos",
            PERSON_OR_ORGANISATION,
            transform=typo_2,
        ),
        VariantClass(
            "noise-drop-vowel",
            "noise",
            "one vowel left out",
            PERSON_OR_ORGANISATION,
            transform=drop_vowel,
        ),
        VariantClass(
            "noise-double-letter",
            "noise",
            "a doubled letter written once, or a letter doubled",
            PERSON_OR_ORGANISATION,
            transform=double_letter,
        ),
        VariantClass(
            "noise-homoglyph",
            "noise",
            "one or two letters replaced by look-alikes from another script",
            PERSON_OR_ORGANISATION,
            transform=homoglyph,
        ),
        VariantClass(
            "noise-invisible",
            "noise",
            "one to three invisible characters inside words",
            PERSON_OR_ORGANISATION,
            transform=invisible,
        ),
        VariantClass(
            "noise-diacritics",
            "noise",
            "accents dropped or added (ё/е in Cyrillic)",
            PERSON_OR_ORGANISATION,
            transform=diacritics,
        ),
        VariantClass(
            "noise-case",
            "noise",
            "another letter case",
            PERSON_OR_ORGANISATION,
            transform=case,
        ),
        VariantClass(
            "noise-title",
            "noise",
            "an honorific, rank or office before the name (Dr, Sheikh, President, г-н)",
            PERSON,
            transform=title,
        ),
        VariantClass(
            "org-legal-form",
            "organisation",
            "the legal form swapped for an equivalent (OOO/ООО/LLC, AO/JSC, PAO/PJSC, GmbH, "
            "S.A., Ltd), moved, dropped or added",
            ORGANISATION,
            transform=legal_form,
        ),
        VariantClass(
            "org-quotes",
            "organisation",
            "quotation marks removed, changed or added",
            ORGANISATION,
            transform=quotes,
        ),
        VariantClass(
            "org-the",
            "organisation",
            "'The' dropped or added",
            ORGANISATION,
            transform=the,
        ),
        VariantClass(
            "org-abbreviation",
            "organisation",
            "a word abbreviated or an abbreviation written out (International/Intl, "
            "Corporation/Corp.)",
            ORGANISATION,
            transform=abbreviation,
        ),
    ]
    return {c.name: c for c in classes}


#: Every variant class by name, transliteration first, then order and form, noise and
#: organisations.
VARIANT_CLASSES: dict[str, VariantClass] = _registry()
