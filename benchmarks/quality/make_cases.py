"""Build the labelled cases of the quality benchmark from the real lists, reproducibly.

Reads the EU, OFAC SDN and UN lists in ../shared/data/lists and the Wikidata English-Russian
name tokens in ../shared/data/translit, and writes one JSON object per line to
``benchmarks/quality/cases.jsonl`` (about 60,000 cases, too big to commit: it is regenerated,
in about a minute, by this script or by ``run.py`` when it is missing) and a small manifest
``cases.manifest.json`` (the seed, the input files with their SHA-256, the counts per class,
the SHA-256 of the cases file).

Each case is a pair of names with a label:

- positives (``label`` 1): a listed name and a variant of it, per variant class of
  :mod:`sanctionmatch.variants` (up to ``--per-class`` per class, one name per entity before
  any entity gives a second), plus ``translit-cyrillic-wikidata``: list names whose every
  token has an English-Russian pair in Wikidata, written in the other script;
- hard negatives (``label`` 0): names of two different people (or organisations) that share
  something: a surname, a given name and patronymic, a family (Peskov / Peskova, a father and
  a child whose patronymic is his given name), a token with a common name, a country, or all
  names but one across scripts (a person's Arabic-script name and another's Latin name);
- random negatives (``label`` 0): names that are on no list (Wikidata tokens, or a given name
  and a surname of two different listed people put together), each paired with a listed name
  that shares the most tokens with it, as a screening index would retrieve it.

Two entities count as different people only if no name of one is a name of the other (after
folding case, accents and common romanisation differences), their birth dates are not
compatible (the same date, or one a prefix of the other), and, when they are on different
lists, both have birth dates (without them the same person on the EU and OFAC lists cannot be
told apart) -- organisations on different lists are never paired.

    python benchmarks/quality/make_cases.py            # seed 20240513, 1000 per class
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from sanctionmatch.models import Entity, EntitySchema
from sanctionmatch.sources import load_many
from sanctionmatch.variants import (
    TITLES_LATIN,
    VARIANT_CLASSES,
    VariantClass,
    cyrillic_language,
    person_parts,
    script_of_text,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
LIST_FILES = [
    DATA / "lists" / "eu" / "20240513-FULL-1_1.xml",
    DATA / "lists" / "ofac" / "SDN_2024-05-07.xml",
    DATA / "lists" / "un" / "consolidated_2026-02-27.xml",
]
WIKIDATA = DATA / "translit" / "wikidata_en_ru_name_tokens.tsv"
HERE = Path(__file__).resolve().parent
CASES = HERE / "cases.jsonl"
MANIFEST = HERE / "cases.manifest.json"

SEED = 20240513
PER_CLASS = 1000
HARD_SIZES = {
    "neg-same-surname": 2000,
    "neg-same-given-patronymic": 1000,
    "neg-relatives-gendered": 1000,
    "neg-relatives-parent-child": 1000,
    "neg-common-name": 1500,
    "neg-same-country": 2000,
    "neg-cross-script": 1000,
}
RANDOM_SIZES = {"neg-random-wikidata": 10000, "neg-random-recombined": 10000}
WIKIDATA_CLASS = "translit-cyrillic-wikidata"
SCHEMAS = (EntitySchema.PERSON, EntitySchema.ORGANIZATION)


# --------------------------------------------------------------------------------------------
# Keys: the folding that decides "the same name" (independent of the scorers benchmarked)
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+")
_PATRONYMIC = re.compile(
    r"(ovich|evich|ovych|evych|ovitj|evitj|vich|vitj|ovna|evna|ichna|ovič|evič|вич|вна|ична)$",
    re.IGNORECASE,
)


def token_key(token: str) -> str:
    """A token folded to ASCII, lower case, with the commonest romanisation differences gone
    (kh/h, ph/f, w/v, j/y/i, ou/u, doubled letters)."""
    t = re.sub(r"[^a-z]", "", unidecode(token).lower())
    for a, b in (
        ("x", "ks"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("j", "i"),
        ("y", "i"),
        ("ou", "u"),
    ):
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", t)


def name_keys(name: str) -> frozenset[str]:
    """The set of token keys of a name (particles and initials kept: they are part of it)."""
    return frozenset(k for k in map(token_key, _TOKEN.findall(name)) if k)


def skeleton_key(name: str) -> frozenset[str]:
    """The name's token keys without their inner vowels (the first and last letters kept, so
    that Peskov / Peskova and Alexander / Alexandra stay apart): one key for the spellings of
    one name (Abdallah / Abdullah, Ermias / Ermies)."""
    return frozenset(
        k if len(k) <= 2 else k[0] + re.sub(r"[aeiou]", "", k[1:-1]) + k[-1]
        for k in map(token_key, _TOKEN.findall(name))
        if k
    )


def is_patronymic(token: str) -> bool:
    return len(token) > 6 and bool(_PATRONYMIC.search(token))


def is_latin(name: str) -> bool:
    return script_of_text(name) == "LATIN" and not re.search(r"[^\x00-\u024f\s]", name)


# --------------------------------------------------------------------------------------------
# Entities and the "different people" rule
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listed:
    """One entity with the derived data the builders need."""

    entity: Entity
    source: str
    keys: frozenset[frozenset[str]]
    skeletons: frozenset[frozenset[str]]

    @property
    def id(self) -> str:
        return self.entity.id

    @property
    def schema(self) -> str:
        return self.entity.schema_.value

    def names(self, *, latin: bool = False) -> list[str]:
        names = [n.full for n in self.entity.names]
        return [n for n in names if is_latin(n)] if latin else names


def _dates_compatible(a: Entity, b: Entity) -> bool:
    for x in a.birth_dates:
        for y in b.birth_dates:
            if x.value.startswith(y.value) or y.value.startswith(x.value):
                return True
            if (x.circa or y.circa) and abs(x.year - y.year) <= 1:
                return True
    return False


def _contained(a: Listed, b: Listed) -> bool:
    """Whether a name of two words or more of one is, up to spelling, part of a name of the
    other (Aleksey KRIVORUCHKO in Alexei Yuryevich KRIVORUCHKO)."""
    return any(
        len(x) >= 2 and (x <= y or y <= x) and len(y) >= 2 for x in a.skeletons for y in b.skeletons
    )


def different_people(a: Listed, b: Listed) -> bool:
    """Whether two listed entities are surely different subjects (see the module docstring)."""
    if a.id == b.id or a.keys & b.keys or a.skeletons & b.skeletons:
        return False
    if _dates_compatible(a.entity, b.entity):
        return False
    if a.source != b.source:
        # the same person on two lists may have dates that disagree: only pairs with dates on
        # both sides and no name of one inside a name of the other
        if a.schema != "Person" or not (a.entity.birth_dates and b.entity.birth_dates):
            return False
        if _contained(a, b):
            return False
    return True


def load_entities() -> list[Listed]:
    missing = [p for p in [*LIST_FILES, WIKIDATA] if not p.is_file()]
    if missing:
        raise SystemExit(f"real data not found: {', '.join(map(str, missing))}")
    listed = []
    for loaded in load_many(LIST_FILES):
        for entity in loaded.entities:
            if entity.schema_ not in SCHEMAS:
                continue
            keys = frozenset(k for k in (name_keys(n.full) for n in entity.names) if k)
            skeletons = frozenset(k for k in (skeleton_key(n.full) for n in entity.names) if k)
            listed.append(Listed(entity, entity.listings[0].source.value, keys, skeletons))
    return listed


def load_wikidata() -> list[tuple[str, str, int]]:
    rows = []
    with WIKIDATA.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            latin, cyrillic, count = line.rstrip("\n").split("\t")
            rows.append((latin, cyrillic, int(count)))
    return rows


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


@dataclass
class Case:
    label: int
    family: str
    klass: str
    list_name: str
    query: str
    entity: str
    schema: str
    other_entity: str | None = None

    def as_json(self, number: int) -> dict[str, Any]:
        return {
            "id": f"{'pos' if self.label else 'neg'}-{number:06d}",
            "label": self.label,
            "family": self.family,
            "class": self.klass,
            "list_name": self.list_name,
            "query": self.query,
            "entity": self.entity,
            "other_entity": self.other_entity,
            "schema": self.schema,
        }


def class_rng(seed: int, name: str) -> random.Random:
    """One generator per class, so that adding a class changes no other class's cases."""
    return random.Random(f"{seed}:{name}")


def round_robin(groups: Sequence[Sequence[Any]], rng: random.Random) -> Iterator[Any]:
    """Items of shuffled groups, one from each group in turn (each group shuffled too)."""
    order = [list(g) for g in groups]
    rng.shuffle(order)
    for group in order:
        rng.shuffle(group)
    for layer in itertools.zip_longest(*order):
        for item in layer:
            if item is not None:
                yield item


def _name_language(entity: Entity, full: str) -> str | None:
    return next((n.language for n in entity.names if n.full == full), None)


def transform_cases(
    variant_class: VariantClass, listed: Sequence[Listed], per_class: int, seed: int
) -> list[Case]:
    rng = class_rng(seed, variant_class.name)
    languages: tuple[str | None, ...] | None = None
    if variant_class.name.startswith("translit-cyrillic-"):
        languages = (None, variant_class.name.split("-")[2])
    elif variant_class.name == "translit-greek":
        # from the list's own spelling, not from its Swedish or Czech one (Greek writers
        # transcribe the name, not another language's transcription of it)
        languages = (None, "en")
    groups = []
    for item in listed:
        if item.schema not in variant_class.applies_to:
            continue
        names = list(dict.fromkeys(item.names()))
        if languages is not None:  # the list's own language tag must not contradict it
            names = [n for n in names if _name_language(item.entity, n) in languages]
        if names:
            groups.append([(item, names)])
    cases: list[Case] = []
    seen: set[tuple[str, str]] = set()
    # one name per entity first; entities whose names do not apply drop out at once
    pending = list(round_robin(groups, rng))
    tried: dict[str, int] = defaultdict(int)
    while pending and len(cases) < per_class:
        next_round = []
        for item, names in pending:
            if len(cases) >= per_class:
                break
            order = names[:]
            rng.shuffle(order)
            for name in order[tried[item.id] :]:
                tried[item.id] += 1
                variant = variant_class.generate(name, rng)
                if variant is None or variant == name or (name, variant) in seen:
                    continue
                seen.add((name, variant))
                cases.append(
                    Case(
                        1,
                        variant_class.family,
                        variant_class.name,
                        name,
                        variant,
                        item.id,
                        item.schema,
                    )
                )
                next_round.append((item, names))
                break
        pending = next_round
    return cases


def pair_cases(
    variant_class: VariantClass, listed: Sequence[Listed], per_class: int, seed: int
) -> list[Case]:
    rng = class_rng(seed, variant_class.name)
    groups = []
    for item in listed:
        pairs = variant_class.pairs_of(item.entity)
        if pairs:
            groups.append([(item, pair) for pair in pairs])
    cases = []
    for item, (reference, variant) in itertools.islice(round_robin(groups, rng), per_class):
        cases.append(
            Case(
                1,
                variant_class.family,
                variant_class.name,
                reference,
                variant,
                item.id,
                item.schema,
            )
        )
    return cases


_FIRST_SOUNDS = ("aeiouy", "bvw", "cksqhgx", "dt", "fpv", "gjhkx", "jyie", "lr", "mn", "szcxtj")


def plausible_pair(latin: str, cyrillic: str) -> bool:
    """Whether a Wikidata pair is a transcription at all, not a translation or a wrong
    pairing (МАЛЫЙ / exiguus, Алексей / logvynenko, Орлов / souther): first sounds alike,
    lengths alike."""
    a = "".join(c for c in unidecode(latin).lower() if c.isalpha())
    b = "".join(c for c in unidecode(cyrillic).lower() if c.isalpha())
    if not a or not b or not 0.6 <= len(a) / len(b) <= 1.7:
        return False
    return any(a[0] in group and b[0] in group for group in _FIRST_SOUNDS)


def _wikidata_maps(
    rows: Iterable[tuple[str, str, int]],
) -> tuple[dict[str, str], dict[str, str]]:
    """Latin -> Cyrillic and Cyrillic -> Latin: the most frequent pairing of each token, among
    the pairs seen at least twice that are plausible transcriptions."""
    forward: dict[str, Counter[str]] = defaultdict(Counter)
    backward: dict[str, Counter[str]] = defaultdict(Counter)
    for latin, cyrillic, count in rows:
        if count < 2 or not plausible_pair(latin, cyrillic):
            continue
        forward[latin.lower()][cyrillic.lower()] += count
        backward[cyrillic.lower()][latin.lower()] += count

    def best(table: dict[str, Counter[str]]) -> dict[str, str]:
        # an ASCII spelling (the English one) before Latvian or Czech ones (Oleg, not Oļegs)
        return {k: min(v, key=lambda s: (not s.isascii(), -v[s], s)) for k, v in table.items()}

    return best(forward), best(backward)


def _case_like(template: str, word: str) -> str:
    letters = [c for c in template if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    return word[:1].upper() + word[1:]


def wikidata_translit(name: str, table: dict[str, str]) -> str | None:
    """``name`` with every word replaced by its Wikidata counterpart in the other script;
    patronymics Wikidata lacks are left out (Wikidata pairs given names and surnames)."""
    words = name.replace(",", " ").split()
    out = []
    for position, word in enumerate(words):
        token = word.strip(".-'’").lower()
        if token in table:
            out.append(_case_like(word, table[token]))
        elif 0 < position < len(words) - 1 and not word.isupper() and is_patronymic(token):
            continue
        else:
            return None
    return " ".join(out) if len(out) >= 2 else None


def wikidata_cases(
    listed: Sequence[Listed], rows: Sequence[tuple[str, str, int]], per_class: int, seed: int
) -> list[Case]:
    rng = class_rng(seed, WIKIDATA_CLASS)
    to_cyrillic, to_latin = _wikidata_maps(rows)
    groups = []
    for item in listed:
        if item.schema != "Person":
            continue
        found = []
        for name in dict.fromkeys(item.names()):
            script = script_of_text(name)
            if script == "CYRILLIC" and cyrillic_language(name) == "ru":
                variant = wikidata_translit(name, to_latin)
            elif script == "LATIN" and is_latin(name):
                variant = wikidata_translit(name, to_cyrillic)
            else:
                continue
            if variant and variant.casefold() != name.casefold():
                found.append((item, (name, variant)))
        if found:
            groups.append(found[:3])
    return [
        Case(1, "transliteration", WIKIDATA_CLASS, reference, variant, item.id, item.schema)
        for item, (reference, variant) in itertools.islice(round_robin(groups, rng), per_class)
    ]


# --------------------------------------------------------------------------------------------
# Hard negatives
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonName:
    item: Listed
    full: str
    given: tuple[str, ...]
    surname: tuple[str, ...]

    @property
    def surname_key(self) -> str:
        return "".join(token_key(t) for t in self.surname)

    @property
    def patronymic(self) -> str | None:
        if len(self.given) >= 2 and is_patronymic(self.given[-1]):
            return self.given[-1]
        return None


_NOT_GIVEN_NAMES = frozenset(
    [w.lower().strip(".") for title in TITLES_LATIN for w in title.split()]
    + [
        "abu",
        "abou",
        "umm",
        "al",
        "el",
        "ul",
        "ibn",
        "bin",
        "ben",
        "bint",
        "bn",
        "ould",
        "de",
        "del",
        "la",
        "le",
        "van",
        "von",
        "da",
        "di",
        "dos",
        "haji",
        "hajji",
        "hadji",
        "mullah",
        "mulla",
        "maulana",
        "mawlawi",
        "maulvi",
        "shaykh",
        "sheikh",
        "sheik",
        "sayyid",
        "sayed",
        "syed",
        "chef",
        "jr",
        "sr",
        "junior",
        "senior",
        "mufti",
        "qari",
        "hafiz",
    ]
)


def is_title_or_particle(token: str) -> bool:
    """Whether a word in the given-name part is no given name (Abu, Haji, Mullah, Jr.): such
    words never stand for a person's given name in the negatives built here."""
    return token.lower().strip(".,'’") in _NOT_GIVEN_NAMES


def person_names(listed: Sequence[Listed]) -> list[PersonName]:
    out = []
    for item in listed:
        if item.schema != "Person":
            continue
        for full in dict.fromkeys(item.names(latin=True)):
            parts = person_parts(full)
            if parts is None:
                continue
            given, surname = parts
            given = [g for g in given if len(g.strip(".")) > 1 and not is_title_or_particle(g)]
            if given and surname:
                out.append(PersonName(item, full, tuple(given), tuple(surname)))
    return out


def _pairs_from_groups(
    groups: dict[Any, list[PersonName]],
    rng: random.Random,
    wanted: int,
    *,
    per_group: int = 10,
    accept: Any = None,
) -> list[tuple[PersonName, PersonName]]:
    """Pairs of names of different people within each group, at most ``per_group`` per group,
    groups taken in a random order, until ``wanted``."""
    keys = sorted(groups, key=repr)
    rng.shuffle(keys)
    found: list[tuple[PersonName, PersonName]] = []
    used: set[tuple[str, str]] = set()
    for _layer in range(per_group):
        for key in keys:
            members = groups[key]
            by_entity: dict[str, list[PersonName]] = defaultdict(list)
            for m in members:
                by_entity[m.item.id].append(m)
            ids = sorted(by_entity)
            if len(ids) < 2:
                continue
            for _ in range(4):  # a few tries for this group in this layer
                a_id, b_id = rng.sample(ids, 2)
                pair_key = (min(a_id, b_id), max(a_id, b_id))
                if pair_key in used:
                    continue
                a, b = rng.choice(by_entity[a_id]), rng.choice(by_entity[b_id])
                if not different_people(a.item, b.item):
                    used.add(pair_key)
                    continue
                if accept is not None and not accept(a, b):
                    continue
                used.add(pair_key)
                found.append((a, b))
                break
            if len(found) >= wanted:
                return found
    return found


def _negative(klass: str, a: PersonName, b: PersonName, family: str = "hard-negative") -> Case:
    return Case(0, family, klass, a.full, b.full, a.item.id, a.item.schema, b.item.id)


def same_surname(names: Sequence[PersonName], seed: int, wanted: int) -> list[Case]:
    rng = class_rng(seed, "neg-same-surname")
    groups: dict[str, list[PersonName]] = defaultdict(list)
    for n in names:
        if len(n.surname_key) >= 2:
            groups[n.surname_key].append(n)

    def different_given(a: PersonName, b: PersonName) -> bool:
        return token_key(a.given[0]) != token_key(b.given[0])

    pairs = _pairs_from_groups(groups, rng, wanted, accept=different_given)
    return [_negative("neg-same-surname", a, b) for a, b in pairs]


def same_given_patronymic(names: Sequence[PersonName], seed: int, wanted: int) -> list[Case]:
    rng = class_rng(seed, "neg-same-given-patronymic")
    groups: dict[tuple[str, str], list[PersonName]] = defaultdict(list)
    for n in names:
        if n.patronymic:
            groups[(token_key(n.given[0]), token_key(n.patronymic))].append(n)

    def different_surname(a: PersonName, b: PersonName) -> bool:
        return masculine_base(a.surname_key) != masculine_base(b.surname_key)

    pairs = _pairs_from_groups(groups, rng, wanted, accept=different_surname)
    return [_negative("neg-same-given-patronymic", a, b) for a, b in pairs]


_FEMININE = (
    ("skaia", "sk"),
    ("skaa", "sk"),
    ("ckaia", "ck"),
    ("aia", ""),
    ("ova", "ov"),
    ("eva", "ev"),
    ("iova", "iov"),
    ("ina", "in"),
)
_MASCULINE = (
    ("ski", "sk"),
    ("skii", "sk"),
    ("cki", "ck"),
    ("oi", ""),
    ("ii", ""),
    ("ov", "ov"),
    ("ev", "ev"),
    ("in", "in"),
)


def masculine_base(key: str) -> str:
    """A surname key without its Slavic gender ending (peskova and peskov -> peskov)."""
    for ending, base in (*_FEMININE, *_MASCULINE):
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            return key[: len(key) - len(ending)] + base
    return key


def is_feminine(key: str) -> bool:
    return any(key.endswith(e) and len(key) - len(e) >= 3 for e, _ in _FEMININE)


def relatives_gendered(names: Sequence[PersonName], seed: int, wanted: int) -> list[Case]:
    """Peskov / Peskova: a masculine and the feminine form of one Slavic surname."""
    rng = class_rng(seed, "neg-relatives-gendered")
    groups: dict[str, list[PersonName]] = defaultdict(list)
    for n in names:
        if len(n.surname) == 1:
            groups[masculine_base(n.surname_key)].append(n)

    def gendered(a: PersonName, b: PersonName) -> bool:
        return is_feminine(a.surname_key) != is_feminine(b.surname_key) and (
            masculine_base(a.surname_key) != a.surname_key
            or masculine_base(b.surname_key) != b.surname_key
        )

    pairs = _pairs_from_groups(groups, rng, wanted, per_group=6, accept=gendered)
    return [_negative("neg-relatives-gendered", a, b) for a, b in pairs]


def _patronymic_stem(patronymic: str) -> str:
    key = token_key(patronymic)
    key = re.sub(r"(ovich|evich|ovna|evna|ievich|ievna|ich|ichna|ovic|evic|ovitj|evitj)$", "", key)
    return key


def relatives_parent_child(names: Sequence[PersonName], seed: int, wanted: int) -> list[Case]:
    """A father and a child: the child's patronymic is made of the father's given name and
    their surnames are one (up to gender)."""
    rng = class_rng(seed, "neg-relatives-parent-child")
    by_surname: dict[str, list[PersonName]] = defaultdict(list)
    for n in names:
        by_surname[masculine_base(n.surname_key)].append(n)
    candidates: list[tuple[PersonName, PersonName]] = []
    for base in sorted(by_surname):
        members = by_surname[base]
        for child in members:
            if not child.patronymic:
                continue
            stem = _patronymic_stem(child.patronymic)
            if len(stem) < 3:
                continue
            for parent in members:
                if parent.item.id == child.item.id or parent.item.entity.gender == "female":
                    continue
                if is_feminine(parent.surname_key):
                    continue
                given = token_key(parent.given[0])
                if len(given) >= 3 and (given.startswith(stem) or stem.startswith(given)):
                    candidates.append((child, parent))
    rng.shuffle(candidates)
    out, used = [], set()
    for child, parent in candidates:
        pair_key = (child.item.id, parent.item.id)
        if pair_key in used or not different_people(child.item, parent.item):
            continue
        used.add(pair_key)
        out.append(_negative("neg-relatives-parent-child", child, parent))
        if len(out) >= wanted:
            break
    return out


class ListedNames:
    """Every listed name's token keys, to tell whether a made-up name is (nearly) listed."""

    def __init__(self, listed: Sequence[Listed]) -> None:
        self.by_token: dict[str, list[int]] = defaultdict(list)
        self.keys: list[frozenset[str]] = []
        self.names: list[tuple[str, Listed]] = []
        for item in listed:
            for full in dict.fromkeys(item.names()):
                keys = name_keys(full)
                if not keys:
                    continue
                index = len(self.keys)
                self.keys.append(keys)
                self.names.append((full, item))
                for k in keys:
                    self.by_token[k].append(index)
        self.by_deletion: dict[str, list[str]] = defaultdict(list)
        for token in sorted(self.by_token):
            for variant in self._deletions(token):
                self.by_deletion[variant].append(token)
        self.latin = [is_latin(full) for full, _ in self.names]
        self._near_cache: dict[str, frozenset[int]] = {}

    @staticmethod
    def _deletions(key: str) -> set[str]:
        return {key, *(key[:i] + key[i + 1 :] for i in range(len(key)))}

    def _near_indices(self, key: str) -> frozenset[int]:
        """The listed names holding ``key`` or a token one edit away from it (a deletion
        index: two tokens one edit apart share a deletion variant)."""
        cached = self._near_cache.get(key)
        if cached is None:
            tokens: set[str] = set()
            for variant in self._deletions(key):
                tokens.update(self.by_deletion.get(variant, ()))
            indices: set[int] = set()
            for token in tokens:
                if Levenshtein.distance(key, token) <= 1:
                    indices.update(self.by_token[token])
            cached = self._near_cache[key] = frozenset(indices)
        return cached

    def near_listed(self, name: str) -> bool:
        """Whether ``name`` could be a listed name, a typo of one, or a listed name with more
        words: a listed name has, for every token of ``name``, the same token or one a
        single edit away, or ``name`` has such a token for every token of a listed name of
        two words or more."""
        keys = name_keys(name)
        if not keys:
            return False
        near = [self._near_indices(k) for k in keys]
        covered: Counter[int] = Counter()
        for indices in near:
            covered.update(indices)
        for index, count in covered.items():
            if count == len(keys):
                return True  # every token of name is near a token of this listed name
            listed = self.keys[index]
            if (
                len(listed) >= 2
                and count >= len(listed)
                and all(
                    any(k == x or Levenshtein.distance(k, x) <= 1 for k in keys) for x in listed
                )
            ):
                return True  # every token of this listed name is near a token of name
        return False

    def partner(
        self, name: str, rng: random.Random, *, schema: str = "Person", latin: bool = True
    ) -> tuple[str, Listed] | None:
        """The listed name sharing the most tokens with ``name`` (ties broken at random), or
        a random listed name if none shares a token."""
        shared: Counter[int] = Counter()
        for k in name_keys(name):
            for index in self.by_token.get(k, ()):
                shared[index] += 1

        def fits(index: int) -> bool:
            return self.names[index][1].schema == schema and (not latin or self.latin[index])

        best = [i for i in sorted(shared) if fits(i)]
        if best:
            top = max(shared[i] for i in best)
            return self.names[rng.choice([i for i in best if shared[i] == top])]
        for _ in range(1000):
            index = rng.randrange(len(self.names))
            if fits(index):
                return self.names[index]
        return None


def common_tokens(rows: Sequence[tuple[str, str, int]], minimum: int) -> list[str]:
    tokens = sorted(
        {
            latin.capitalize()
            for latin, _, count in rows
            if count >= minimum and latin.isalpha() and len(latin) >= 3 and latin.isascii()
        }
    )
    return tokens


def common_name(
    names: Sequence[PersonName],
    common: Sequence[str],
    registry: ListedNames,
    seed: int,
    wanted: int,
) -> list[Case]:
    """A listed person's given name or surname with common other tokens (Dmitry Anderson,
    George PESKOV): a name on no list that shares a token with a listed one."""
    rng = class_rng(seed, "neg-common-name")
    order = list(names)
    rng.shuffle(order)
    out: list[Case] = []
    seen_entities: Counter[str] = Counter()
    for n in order:
        if seen_entities[n.item.id] >= 2:
            continue
        if rng.random() < 0.5:  # keep the surname, new given name
            query = f"{rng.choice(common)} {' '.join(n.surname)}"
        else:  # keep the first given name, new surname (as the list writes surnames)
            surname = rng.choice(common)
            surname = surname.upper() if all(s.isupper() for s in n.surname) else surname
            query = f"{n.given[0]} {surname}"
        if registry.near_listed(query):
            continue
        seen_entities[n.item.id] += 1
        out.append(
            Case(0, "hard-negative", "neg-common-name", n.full, query, n.item.id, n.item.schema)
        )
        if len(out) >= wanted:
            break
    return out


def same_country(listed: Sequence[Listed], seed: int, wanted: int) -> list[Case]:
    """Two different entities of one schema and nationality, any of their names."""
    rng = class_rng(seed, "neg-same-country")
    groups: dict[tuple[str, str], list[Listed]] = defaultdict(list)
    for item in listed:
        for country in item.entity.nationalities:
            groups[(country, item.schema)].append(item)
    keys = sorted(k for k, v in groups.items() if len(v) >= 2)
    weights = [len(groups[k]) for k in keys]
    out: list[Case] = []
    used: set[tuple[str, str]] = set()
    attempts = 0
    while len(out) < wanted and attempts < wanted * 20:
        attempts += 1
        key = rng.choices(keys, weights)[0]
        a, b = rng.sample(groups[key], 2)
        pair_key = (min(a.id, b.id), max(a.id, b.id))
        if pair_key in used or not different_people(a, b):
            continue
        used.add(pair_key)
        name_a, name_b = rng.choice(a.names()), rng.choice(b.names())
        out.append(
            Case(0, "hard-negative", "neg-same-country", name_a, name_b, a.id, a.schema, b.id)
        )
    return out


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_DIGRAPHS = (
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("th", "t"),
    ("dh", "d"),
    ("zh", "z"),
    ("ph", "f"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
)


def consonant_key(token: str) -> str:
    """A token's consonants in Latin letters, crudely the same for an Arabic-script word and
    its romanisations (محمد and Mohammed: ``mhmd``): ``unidecode``, digraphs as one letter,
    vowels, w, y and v dropped (Arabic script writes long vowels with و and ي), the article
    of an Arabic-script word dropped, doubled letters once. Independent of the scorers."""
    if _ARABIC_SCRIPT.match(token) and token.startswith("ال") and len(token) > 3:
        token = token[2:]
    t = re.sub(r"[^a-z]", "", unidecode(token).lower())
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouwyv]", "", t))


@cache
def _consonant_keys(name: str) -> frozenset[str]:
    """The name's consonant keys of three letters or more (shorter ones, Ali's ``l`` or
    Abd's ``bd``, are shared by too many names to say anything). Remembered: a Latin name is
    compared with every Arabic-script name that shares a key with it."""
    return frozenset(k for k in map(consonant_key, _TOKEN.findall(name)) if len(k) >= 3)


def cross_script(listed: Sequence[Listed], seed: int, wanted: int) -> list[Case]:
    """A person's name in Arabic script against the Latin name of another person that has
    all of its names but one, by consonants (محمد حسن قطانة against *Mohammad Hassan
    NASRALLAH*): what the rules that match across scripts must not match. At most two
    partners per Arabic-script name."""
    rng = class_rng(seed, "neg-cross-script")
    persons = [item for item in listed if item.schema == "Person"]
    by_key: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for at, item in enumerate(persons):
        for name in item.names(latin=True):
            for key in _consonant_keys(name):
                by_key[key].append((at, name))
    arabic = [
        (at, name)
        for at, item in enumerate(persons)
        for name in item.names()
        if _ARABIC_SCRIPT.search(name) and len(_consonant_keys(name)) >= 2
    ]
    rng.shuffle(arabic)
    out: list[Case] = []
    used: set[tuple[str, str]] = set()
    for at, name in arabic:
        keys = _consonant_keys(name)
        candidates = sorted(
            {
                (other, latin)
                for key in sorted(keys)
                for other, latin in by_key[key]
                if other != at and len(_consonant_keys(latin)) >= 2
            }
        )
        rng.shuffle(candidates)
        # the partners that share the most names first; all of them but one at least
        shared = [(len(keys & _consonant_keys(latin)), other, latin) for other, latin in candidates]
        partners = [
            (other, latin)
            for count, other, latin in sorted(shared, key=lambda found: -found[0])
            if count >= len(keys) - 1
        ]
        taken = 0
        for other, latin in partners:
            a, b = persons[at], persons[other]
            pair_key = (min(a.id, b.id), max(a.id, b.id))
            if pair_key in used or not different_people(a, b):
                continue
            used.add(pair_key)
            out.append(
                Case(0, "hard-negative", "neg-cross-script", latin, name, b.id, b.schema, a.id)
            )
            taken += 1
            if taken == 2 or len(out) >= wanted:
                break
        if len(out) >= wanted:
            break
    return out


# --------------------------------------------------------------------------------------------
# Random negatives
# --------------------------------------------------------------------------------------------


def random_wikidata(
    rows: Sequence[tuple[str, str, int]], registry: ListedNames, seed: int, wanted: int
) -> list[Case]:
    """Two or three Wikidata name tokens (half drawn by frequency, half uniformly)."""
    rng = class_rng(seed, "neg-random-wikidata")
    tokens = [(latin, count) for latin, _, count in rows if latin.isalpha() and len(latin) >= 2]
    words = [t for t, _ in tokens]
    weights = [c for _, c in tokens]
    out: list[Case] = []
    seen: set[str] = set()
    while len(out) < wanted:
        size = 2 if rng.random() < 0.7 else 3
        if rng.random() < 0.5:
            picked = rng.choices(words, weights, k=size)
        else:
            picked = [rng.choice(words) for _ in range(size)]
        if len(set(picked)) < size:
            continue
        parts = [p.capitalize() for p in picked]
        if rng.random() < 0.5:
            parts[-1] = parts[-1].upper()
        query = " ".join(parts)
        if query in seen or registry.near_listed(query):
            continue
        partner = registry.partner(query, rng)
        if partner is None:
            continue
        seen.add(query)
        full, item = partner
        out.append(
            Case(0, "random-negative", "neg-random-wikidata", full, query, item.id, item.schema)
        )
    return out


def _feminine_patronymic(patronymic: str) -> bool:
    return patronymic.lower().endswith(("na", "ná", "ична"))


def random_recombined(
    names: Sequence[PersonName], registry: ListedNames, seed: int, wanted: int
) -> list[Case]:
    """A given name of one listed person, the surname of another, sometimes the patronymic of
    a third: a name that no list holds."""
    rng = class_rng(seed, "neg-random-recombined")
    patronymics: dict[bool, list[str]] = defaultdict(list)
    for n in names:
        if n.patronymic:
            patronymics[_feminine_patronymic(n.patronymic)].append(n.patronymic)
    out: list[Case] = []
    seen: set[str] = set()
    attempts = 0
    while len(out) < wanted and attempts < wanted * 10:
        attempts += 1
        a, b = rng.choice(names), rng.choice(names)
        if a.item.id == b.item.id:
            continue
        parts = [a.given[0]]
        if a.patronymic and rng.random() < 0.5:  # a Slavic name gets another's patronymic
            parts.append(rng.choice(patronymics[_feminine_patronymic(a.patronymic)]))
        parts += list(b.surname)
        query = " ".join(parts)
        if query in seen or registry.near_listed(query):
            continue
        partner = registry.partner(query, rng)
        if partner is None:
            continue
        seen.add(query)
        full, item = partner
        out.append(
            Case(0, "random-negative", "neg-random-recombined", full, query, item.id, item.schema)
        )
    return out


# --------------------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(seed: int, per_class: int, *, log: Any = print) -> list[Case]:
    started = time.perf_counter()
    listed = load_entities()
    rows = load_wikidata()
    log(
        f"{len(listed):,} persons and organisations from {len(LIST_FILES)} lists "
        f"({time.perf_counter() - started:.1f} s)"
    )
    cases: list[Case] = []
    for variant_class in VARIANT_CLASSES.values():
        made = (pair_cases if variant_class.is_pair_class else transform_cases)(
            variant_class, listed, per_class, seed
        )
        cases += made
    cases += wikidata_cases(listed, rows, per_class, seed)
    log(f"{len(cases):,} positives ({time.perf_counter() - started:.1f} s)")
    names = person_names(listed)
    registry = ListedNames(listed)
    common = common_tokens(rows, minimum=20)
    hard = [
        *same_surname(names, seed, HARD_SIZES["neg-same-surname"]),
        *same_given_patronymic(names, seed, HARD_SIZES["neg-same-given-patronymic"]),
        *relatives_gendered(names, seed, HARD_SIZES["neg-relatives-gendered"]),
        *relatives_parent_child(names, seed, HARD_SIZES["neg-relatives-parent-child"]),
        *common_name(names, common, registry, seed, HARD_SIZES["neg-common-name"]),
        *same_country(listed, seed, HARD_SIZES["neg-same-country"]),
        *cross_script(listed, seed, HARD_SIZES["neg-cross-script"]),
    ]
    log(f"{len(hard):,} hard negatives ({time.perf_counter() - started:.1f} s)")
    rand = [
        *random_wikidata(rows, registry, seed, RANDOM_SIZES["neg-random-wikidata"]),
        *random_recombined(names, registry, seed, RANDOM_SIZES["neg-random-recombined"]),
    ]
    log(f"{len(rand):,} random negatives ({time.perf_counter() - started:.1f} s)")
    return cases + hard + rand


def write(cases: Sequence[Case], seed: int, per_class: int, out: Path, manifest: Path) -> None:
    lines = []
    positives = negatives = 0
    for case in cases:
        if case.label:
            positives += 1
            number = positives
        else:
            negatives += 1
            number = negatives
        lines.append(json.dumps(case.as_json(number), ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts = Counter((c.family, c.klass) for c in cases)
    manifest.write_text(
        json.dumps(
            {
                "seed": seed,
                "per_class": per_class,
                "inputs": {os.path.relpath(p, ROOT): sha256(p) for p in [*LIST_FILES, WIKIDATA]},
                "cases_file": out.name,
                "cases_sha256": sha256(out),
                "cases": len(cases),
                "counts": {f"{f}/{k}": n for (f, k), n in sorted(counts.items())},
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-class", type=int, default=PER_CLASS)
    parser.add_argument("--out", type=Path, default=CASES)
    args = parser.parse_args(argv)
    cases = build(args.seed, args.per_class)
    manifest = args.out.with_name(args.out.stem + ".manifest.json")
    write(cases, args.seed, args.per_class, args.out, manifest)
    counts = Counter((c.family, c.klass) for c in cases)
    width = max(len(k) for _, k in counts)
    for (family, klass), n in sorted(counts.items()):
        print(f"  {family:<16} {klass:<{width}} {n:>6,}")
    size = args.out.stat().st_size
    print(
        f"{len(cases):,} cases -> {args.out} ({size / 2**20:.1f} MiB), sha256 "
        f"{sha256(args.out)[:16]}…"
    )


if __name__ == "__main__":
    sys.exit(main())
