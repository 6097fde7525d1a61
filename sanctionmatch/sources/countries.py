"""Country names as lists write them, mapped to ISO 3166-1 alpha-2 codes.

OFAC, the UN and the UK name countries in words ("Russia", "Russian Federation",
"Korea, North", "Iran (Islamic Republic of)"); entities keep ISO codes so that nationality
can be compared across lists. The table is data (``data/countries.json``: code -> names): every
ISO 3166-1 entry with its short, common and official English names, plus the spellings found
in the official lists. Kosovo gets ``xk``, the user-assigned code in general use.

Names of regions (OFAC's "Region: Gaza"), of dissolved states ("Netherlands Antilles",
"former Soviet Union") and placeholders ("undetermined") have no code on purpose: a reader
reports them rather than guess.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["country_code"]

_NOISE = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    """Case, accents, ``&``/``and`` and punctuation do not matter: "Côte d'Ivoire" is
    "Cote d Ivoire", "St. Kitts & Nevis" is "St Kitts and Nevis"."""
    text = unicodedata.normalize("NFKD", name.casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NOISE.sub(" ", text).strip()


@cache
def _load_countries() -> dict[str, str]:
    table = json.loads(
        resources.files("sanctionmatch.sources")
        .joinpath("data/countries.json")
        .read_text(encoding="utf-8")
    )
    countries: dict[str, list[str]] = table["countries"]
    return {_key(name): code.lower() for code, names in countries.items() for name in names}


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (lower case) of a country name, or None if unknown.

    >>> country_code("Russia"), country_code("RUSSIAN FEDERATION"), country_code("Atlantis")
    ('ru', 'ru', None)
    >>> country_code("Korea, North"), country_code("Côte d'Ivoire"), country_code("Region: Gaza")
    ('kp', 'ci', None)
    """
    return _load_countries().get(_key(name))
