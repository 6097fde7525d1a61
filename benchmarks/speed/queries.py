"""Seeded query sets for the speed benchmark: listed names with edits, and ordinary names.

A listed query is a name of a listed entity after one edit a screening system meets every
day (a typo, a reorder, a comma form, a dropped middle name, initials, a case or accent
change), or unchanged; an ordinary query is a given name and a surname (sometimes a middle
name) drawn from the Wikidata English-Russian name tokens in ../shared/data/translit, which
are mostly people on no list. Both come from ``random.Random(seed)``, so a run is repeatable.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from pathlib import Path

from sanctionmatch import variants
from sanctionmatch.models import Entity

ROOT = Path(__file__).resolve().parents[2]
TRANSLIT = ROOT.parent / "shared" / "data" / "translit" / "wikidata_en_ru_name_tokens.tsv"

Edit = Callable[[str, random.Random], str | None]
EDITS: dict[str, Edit] = {
    "unchanged": lambda name, rng: name,
    "typo-1": variants.typo_1,
    "typo-2": variants.typo_2,
    "order-swap": variants.order_swap,
    "order-comma": variants.order_comma,
    "drop-middle": variants.drop_middle,
    "initials": variants.initials,
    "case": variants.case,
    "diacritics": variants.diacritics,
}


def name_tokens(path: Path = TRANSLIT, minimum: int = 2) -> list[str]:
    """Latin name tokens seen at least ``minimum`` times in the Wikidata set, capitalised."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        tokens = {
            row["latin"].capitalize()
            for row in rows
            if int(row["count"]) >= minimum and row["latin"].isalpha() and len(row["latin"]) > 1
        }
    return sorted(tokens)


def ordinary_name(tokens: Sequence[str], rng: random.Random) -> str:
    """A given name, sometimes a middle name, and a surname from ``tokens``."""
    count = rng.choice((2, 2, 2, 3))
    return " ".join(rng.choice(tokens) for _ in range(count))


def listed_name(entities: Sequence[Entity], rng: random.Random) -> tuple[str, str]:
    """A name of a random listed entity after a random edit, and the edit's name."""
    while True:
        entity = rng.choice(entities)
        name = rng.choice(entity.names).full
        edit = rng.choice(sorted(EDITS))
        edited = EDITS[edit](name, rng)
        if edited and edited.strip():
            return edited, edit


def query_set(
    entities: Sequence[Entity], size: int, seed: int, listed_share: float = 0.4
) -> list[tuple[str, str]]:
    """``size`` queries, each with its kind (an edit's name, or ``ordinary``)."""
    rng = random.Random(seed)
    tokens = name_tokens()
    queries: list[tuple[str, str]] = []
    for _ in range(size):
        if rng.random() < listed_share:
            queries.append(listed_name(entities, rng))
        else:
            queries.append((ordinary_name(tokens, rng), "ordinary"))
    return queries
