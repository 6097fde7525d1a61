"""Skeleton keys: one key for the spellings that romanisation systems give the same name.

``Zelensky``, ``Zelenskyy``, ``Zelenskiy`` and ``Selenskyj`` all have the skeleton
``selenski``; ``Peskov`` and ``Peskow`` share ``peskov``; ``Tschernyschenko`` and
``Chernyshenko`` share ``cernisenko``. The scorer gives equal skeletons a high but not
perfect similarity, and compares skeletons fuzzily where spellings differ more.

The rewrite rules are data: ``data/skeleton.json``, applied in order.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from importlib import resources

__all__ = ["skeleton"]


@cache
def _load_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    raw = json.loads(
        resources.files("sanctionmatch.normalize")
        .joinpath("data/skeleton.json")
        .read_text(encoding="utf-8")
    )
    return tuple((re.compile(pattern), replacement) for pattern, replacement, _ in raw["rules"])


@lru_cache(maxsize=65536)
def skeleton(spelling: str) -> str:
    """The romanisation-insensitive key of an ASCII-folded token.

    >>> [skeleton(s) for s in ("zelensky", "zelenskyy", "zelenskiy", "selenskyj")]
    ['selenski', 'selenski', 'selenski', 'selenski']
    """
    key = spelling
    for pattern, replacement in _load_rules():
        key = pattern.sub(replacement, key)
    return key or spelling
