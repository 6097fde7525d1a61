"""Seeded synthetic lists of any size, made from real name tokens, for the scaling benchmark.

Each entity is a person or an organisation whose names are drawn from the Latin and Cyrillic
name tokens of the Wikidata English-Russian set (../shared/data/translit): a person has a
primary name of two or three tokens and up to three aliases (another spelling order, the
Cyrillic form, a dropped middle token); an organisation has tokens and a legal form.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path

from sanctionmatch.models import Entity

ROOT = Path(__file__).resolve().parents[2]
TRANSLIT = ROOT.parent / "shared" / "data" / "translit" / "wikidata_en_ru_name_tokens.tsv"
LEGAL_FORMS = ("LLC", "OOO", "JSC", "Ltd", "GmbH", "S.A.", "AO", "PAO")


def token_pairs(path: Path = TRANSLIT) -> list[tuple[str, str]]:
    """(Latin, Cyrillic) spellings of the same name token, capitalised."""
    with path.open(encoding="utf-8", newline="") as handle:
        return sorted(
            (row["latin"].capitalize(), row["cyrillic"].capitalize())
            for row in csv.DictReader(handle, delimiter="\t")
            if row["latin"].isalpha() and row["cyrillic"].isalpha() and len(row["latin"]) > 1
        )


def synthetic_entities(aliases: int, seed: int) -> Iterator[Entity]:
    """Entities with ``aliases`` names in all, from ``random.Random(seed)``."""
    rng = random.Random(seed)
    pairs = token_pairs()
    made = 0
    number = 0
    while made < aliases:
        number += 1
        chosen = [rng.choice(pairs) for _ in range(rng.choice((2, 2, 3)))]
        latin = " ".join(p[0] for p in chosen)
        if rng.random() < 0.15:
            names = [f"{latin} {rng.choice(LEGAL_FORMS)}"]
            schema = "Organization"
        else:
            schema = "Person"
            names = [latin]
            extra = [
                " ".join(p[0] for p in reversed(chosen)),
                " ".join(p[1] for p in chosen),
                " ".join(p[0] for p in chosen[::2]),
            ]
            names += rng.sample(extra, rng.randint(0, 3))
        names = list(dict.fromkeys(names))[: aliases - made]
        made += len(names)
        yield Entity.model_validate(
            {
                "id": f"synthetic:{number}",
                "schema": schema,
                "names": [{"full": name} for name in names],
                "listings": [{"source": "other", "programmes": ["SYNTHETIC"]}],
            }
        )
