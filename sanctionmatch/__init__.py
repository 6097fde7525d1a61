"""sanctionmatch: screen names and free text against sanctions lists.

The pipeline has four stages, each a module: :mod:`~sanctionmatch.normalize` (names become
comparable tokens in every romanisation), :mod:`~sanctionmatch.index` (every alias of every
listed entity, with candidate retrieval), :mod:`~sanctionmatch.score` (name-aware pair scores
with explanations) and :mod:`~sanctionmatch.models` (typed results with provenance).

>>> from sanctionmatch import Screener, compare_names
>>> Screener.default().screen("PESKOV, Dmitriy").matches[0].entity.id
'eu:...'
"""

from __future__ import annotations

from ._version import __version__
from .errors import (
    EmptyNameError,
    InputTooLongError,
    InvalidInputError,
    SanctionMatchError,
    SourceError,
)
from .models import (
    BirthDate,
    Entity,
    EntitySchema,
    Explanation,
    IndexInfo,
    ListFile,
    Listing,
    ListProvenance,
    ListSource,
    Match,
    Mention,
    Name,
    NameComparison,
    NameKind,
    ScreeningResult,
    TextScreeningResult,
    TokenAlignment,
    UnmatchedToken,
)
from .score import compare_names
from .screen import DEFAULT_LIMIT, DEFAULT_THRESHOLD, Screener

__all__ = [
    "DEFAULT_LIMIT",
    "DEFAULT_THRESHOLD",
    "BirthDate",
    "EmptyNameError",
    "Entity",
    "EntitySchema",
    "Explanation",
    "IndexInfo",
    "InputTooLongError",
    "InvalidInputError",
    "ListFile",
    "ListProvenance",
    "ListSource",
    "Listing",
    "Match",
    "Mention",
    "Name",
    "NameComparison",
    "NameKind",
    "SanctionMatchError",
    "Screener",
    "ScreeningResult",
    "SourceError",
    "TextScreeningResult",
    "TokenAlignment",
    "UnmatchedToken",
    "__version__",
    "compare_names",
]
