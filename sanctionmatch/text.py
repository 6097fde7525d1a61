"""Mentions of listed names in free text: news stories, payment messages, notes.

A mention is a run of name-like words: capitalised (or all upper case) words in any script,
initials such as ``D.``, with no sentence punctuation between them. Titles (``President``,
``пресс-секретарь``) and common capitalised words (``Kremlin``, ``Monday``) end a run; so do
commas, except after an upper-case surname (``PESKOV, Dmitry Sergeyevich``, as payment
messages write names). Every stretch of up to :data:`MAX_MENTION_TOKENS` words of a run is
screened, and the best-scoring stretches that do not overlap are kept; a stretch that leaves
out a neighbouring word of its run is judged as if that word were unmatched
(:data:`NEIGHBOUR_COST`), so a match must cover the name, not a fragment of a longer one. A
single word is a mention only of an organisation, spelt the same (``Transneft``,
``Транснефти``): alone, a capitalised word is far more often a place or a surname already
named in full than a listed person or vessel.

Invisible characters and look-alike letters inside a word stay inside the mention's span (so
``text[start:end]`` is what the reader sees) and are folded away when the name is scored.
Russian and Ukrainian case endings are handled by the normaliser (``Дмитрия Пескова``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .errors import EmptyNameError
from .index import AliasHit, NameIndex
from .models import EntitySchema
from .normalize import NameToken, clean_text, is_title, normalize_name
from .score import SKELETON_FACTOR

__all__ = ["MAX_MENTION_TOKENS", "Span", "find_mentions", "find_name_runs"]

#: The longest stretch of words screened as one name.
MAX_MENTION_TOKENS = 4
#: Weight charged, when choosing mentions, for each side on which a stretch leaves out a
#: name-like neighbour of its run: "Emmanuel" of "Emmanuel Macron" is judged as a name with
#: an unmatched word beside it, not as a name on its own.
NEIGHBOUR_COST = 0.25

_INVISIBLE = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"
_WORD = re.compile(
    rf"[^\W\d_{_INVISIBLE}]"
    rf"(?:[\w\u0300-\u036f{_INVISIBLE}]|['’ʼ-](?=[^\W\d_]))*",
)
_POSSESSIVE = re.compile(r"['’]s$")
_INVISIBLE_CHARS = re.compile(f"[{_INVISIBLE}]")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    visible: str
    upper_surname: bool


@cache
def _stopwords() -> frozenset[str]:
    table = json.loads(
        resources.files("sanctionmatch.normalize")
        .joinpath("data/text_stopwords.json")
        .read_text(encoding="utf-8")
    )
    return frozenset(clean_text(word) for words in table["words"].values() for word in words)


def _is_name_like(visible: str) -> bool:
    if not visible[:1].isupper():
        return False
    cleaned = clean_text(visible)
    return cleaned not in _stopwords() and not is_title(cleaned)


def _words(text: str) -> Iterator[_Word]:
    for found in _WORD.finditer(text):
        start, end = found.span()
        word = found.group()
        possessive = _POSSESSIVE.search(word)
        if possessive:
            end -= 2
            word = word[:-2]
        if end - start and text[end : end + 1] == "." and len(_INVISIBLE_CHARS.sub("", word)) == 1:
            end += 1
        visible = _INVISIBLE_CHARS.sub("", text[start:end])
        letters = [c for c in visible if c.isalpha()]
        upper = len(letters) >= 2 and all(c.isupper() for c in letters)
        yield _Word(start, end, visible, upper)


def _joined(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end : right.start]
    if not gap or gap.isspace():
        return "\n" not in gap
    return left.upper_surname and gap.strip() == "," and "\n" not in gap


def find_name_runs(text: str) -> list[list[_Word]]:
    """Runs of adjacent name-like words, in text order."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in _words(text):
        if not _is_name_like(word.visible):
            if current:
                runs.append(current)
            current = []
            continue
        if current and not _joined(text, current[-1], word):
            runs.append(current)
            current = []
        current.append(word)
    if current:
        runs.append(current)
    return runs


def _is_one_word_match(hit: AliasHit, index: NameIndex) -> bool:
    """Whether a one-word stretch may stand for the hit's entity: only an organisation, and
    only with the same spelling (up to romanisation), since single capitalised words in text
    are mostly surnames already named in full, places and common words (Kazan, Maria)."""
    entity = index.entities[hit.entity_index]
    return entity.schema_ is EntitySchema.ORGANIZATION and all(
        pair.similarity >= SKELETON_FACTOR for pair in hit.alignment.pairs
    )


def _discounted(hit: AliasHit, cost: float) -> float:
    """The hit's score with ``cost`` added to its unmatched weight."""
    total = hit.alignment.total_weight
    return hit.score * total / (total + cost) if cost else hit.score


def find_mentions(
    text: str, index: NameIndex, *, threshold: float, limit: int
) -> list[tuple[Span, list[AliasHit]]]:
    """The non-overlapping spans of ``text`` that match listed names, in text order."""
    scored: list[tuple[float, int, int, Span, list[AliasHit]]] = []
    memo: dict[NameToken, set[int]] = {}  # each word's index look-ups, shared by its stretches
    searched: dict[str, list[AliasHit]] = {}  # each distinct stretch is searched once
    for run in find_name_runs(text):
        for first in range(len(run)):
            for last in range(first, min(first + MAX_MENTION_TOKENS, len(run))):
                span = Span(run[first].start, run[last].end)
                stretch = text[span.start : span.end]
                hits = searched.get(stretch)
                if hits is None:
                    try:
                        query = normalize_name(stretch)
                    except EmptyNameError:
                        query = None
                    hits = searched[stretch] = (
                        []
                        if query is None
                        else index.search(query, threshold=threshold, limit=limit, memo=memo)
                    )
                if first == last:
                    hits = [hit for hit in hits if _is_one_word_match(hit, index)]
                cost = NEIGHBOUR_COST * ((first > 0) + (last < len(run) - 1))
                hits = [hit for hit in hits if _discounted(hit, cost) >= threshold]
                if hits:
                    best = max(_discounted(hit, cost) for hit in hits)
                    scored.append((-best, -(last - first), span.start, span, hits))
    scored.sort(key=lambda item: item[:3])
    # Best spans first; a span is taken when it overlaps none taken so far. Spans are a few
    # words long, so marking the characters they cover keeps this linear on any text.
    covered = bytearray(len(text))
    taken: list[tuple[Span, list[AliasHit]]] = []
    for _, _, _, span, hits in scored:
        if any(covered[span.start : span.end]):
            continue
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        taken.append((span, hits))
    taken.sort(key=lambda item: item[0].start)
    return taken
