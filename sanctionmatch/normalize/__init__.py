"""Stage 1, normalise: a name in any script and spelling becomes comparable tokens.

The steps, each a module of its own:

- :mod:`.unicode`: NFKC, invisible characters, accents, case, look-alike letters;
- :mod:`.translit`: every common romanisation of Cyrillic and Greek (tables in ``data/``),
  ``unidecode`` for other scripts;
- :mod:`.skeleton`: one key for the spellings romanisation systems give one name;
- :mod:`.names`: tokens tagged as names, patronymics, initials, particles or legal forms,
  titles dropped, canonical order so that name order does not matter.

>>> [t.text for t in normalize_name("PESKOV, Dmitry Sergeyevich").tokens]
['dmitry', 'peskov', 'sergeyevich']
"""

from __future__ import annotations

from .names import (
    NameForm,
    NameToken,
    TokenRole,
    is_title,
    load_patronymic_suffixes,
    normalize_name,
    person_reading,
    tokenize_name,
)
from .skeleton import skeleton
from .translit import ascii_fold, romanize, romanize_variants
from .unicode import Script, clean_text, fold_homoglyphs, fold_name_homoglyphs, script_of

__all__ = [
    "NameForm",
    "NameToken",
    "Script",
    "TokenRole",
    "ascii_fold",
    "clean_text",
    "fold_homoglyphs",
    "fold_name_homoglyphs",
    "is_title",
    "load_patronymic_suffixes",
    "normalize_name",
    "person_reading",
    "romanize",
    "romanize_variants",
    "script_of",
    "skeleton",
    "tokenize_name",
]
