"""Country names as lists write them, mapped to ISO 3166-1 alpha-2 codes.

OFAC, the UN and the UK name countries in words ("Russia", "Russian Federation",
"Korea, North", "Iran (Islamic Republic of)"); entities keep ISO codes so that nationality
can be compared across lists. The table is data (``data/countries.json``: code -> names, from
ISO 3166-1 and the spellings found in the official lists).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

__all__ = ["country_code"]

_NOISE = re.compile(r"[^a-z0-9]+")


def _key(name: str) -> str:
    return _NOISE.sub(" ", name.casefold()).strip()


@cache
def _load_countries() -> dict[str, str]:
    table = json.loads(
        resources.files("sanctionmatch.sources")
        .joinpath("data/countries.json")
        .read_text(encoding="utf-8")
    )
    return {
        _key(name): code.lower() for code, names in table["countries"].items() for name in names
    }


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code (lower case) of a country name, or None if unknown.

    >>> country_code("Russia"), country_code("RUSSIAN FEDERATION"), country_code("Atlantis")
    ('ru', 'ru', None)
    """
    return _load_countries().get(_key(name))
