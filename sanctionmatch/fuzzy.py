"""Fuzzy look-up of a word in a vocabulary: every word within the scorer's spelling cut-off.

The index asks, for each spelling of a query token, which of the ~100k distinct spellings of
the listed aliases have a normalised OSA similarity (Levenshtein with swaps of neighbours) of
at least 0.75 with it. Scanning the whole vocabulary with rapidfuzz costs about 4 ms per
spelling; this module answers the same question from precomputed keys, exactly.

Why the keys find every neighbour. A similarity of at least ``c`` between words of lengths
``m`` and ``n`` means at most ``D = floor((1 - c) * max(m, n))`` OSA edits (one for c = 0.75
and words of 4 to 7 letters, two for 8 to 11). Two words within one edit (a substitution,
insertion, deletion or swap) share a string made by deleting at most one letter from each:

- words of 4 to 7 letters are stored under their one-deletion variants; a query looks up its
  variants with up to ``D`` deletions (it may be the longer word of the pair); words of 3
  letters, near only four-letter words that hold them after one deletion, are stored under
  themselves;
- words of 8 to 11 letters (two edits) are stored under the one-deletion variants of their
  first half and of their second half: whatever the two edits are, one half of the query
  (cut within a letter of the same place) is within one edit of the same half of the word,
  since only a swap across the cut touches both halves;
- longer words (rare, three or more edits) are kept in lists by length and scanned with
  rapidfuzz, as are the 8-to-11-letter words when the query itself is that long.

Two edits in a word of 5 to 7 letters (similarity 0.6 to 0.71, below the cut-off) are asked
for apart, by :meth:`FuzzyVocabulary.within_two_edits`, for the scorer's two-edit rule: such
words are also stored, in a table of their own, under their variants of up to two deletions,
where a query looks up its own such variants (any two OSA edits leave a common string after
at most two deletions from each word). A word of four letters pairs so only with a word of six
that holds it after two deletions: a four-letter query is itself one of that word's keys, and a
six-letter query looks up its four-letter deletions among the stored words.

Every candidate a key yields is checked with the real similarity before it is returned, so
the keys can only make the answer slower, never different. ``tests/property`` compares the
answer with a scan of the whole vocabulary on generated words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["LEFT_OUT_LENGTHS", "TWO_EDIT_LENGTHS", "FuzzyVocabulary", "may_pair_two_edits_apart"]

#: Words shorter than this match only exactly (the scorer's ``MIN_FUZZY_LENGTH``). At the
#: 0.75 cut-off a word of this length is near only words one letter longer that hold it after
#: one deletion, so it is stored under itself alone (as one of their deletion keys).
_MIN_LENGTH = 3
#: The longest words stored under whole-word deletion keys, and under half-word keys.
_WHOLE_MAX = 7
_HALVES_MAX = 15
#: The lengths of words whose neighbours two edits away are kept apart (for the scorer's
#: two-edit rule: below five letters two edits leave too little of a name; from eight, two
#: edits are within the 0.75 cut-off anyway).
TWO_EDIT_LENGTHS = range(5, _WHOLE_MAX + 1)
#: The one pair of lengths outside :data:`TWO_EDIT_LENGTHS` that may also be two edits apart:
#: a word of four letters is a word of six with two letters left out (Klid / Khalid, ACIA /
#: GARCIA), and nothing else, since the lengths differ by the two edits. Four letters two edits
#: from five (Gora / Golda) or from four (Omar / Omrw) are changed letters, as often another
#: name as a typo, and stay apart (quality benchmark: noise-typo-2 gains 8 cases with this
#: pair; the four-to-five pair gained 9 more and flagged GORA / GOLDA, a hard negative).
LEFT_OUT_LENGTHS = (4, 6)


def may_pair_two_edits_apart(length: int, other: int) -> bool:
    """Whether words of these lengths may pair two edits apart (the scorer's two-edit rule).

    >>> may_pair_two_edits_apart(5, 7), may_pair_two_edits_apart(6, 4)
    (True, True)
    >>> may_pair_two_edits_apart(4, 5), may_pair_two_edits_apart(4, 4)
    (False, False)
    """
    if length in TWO_EDIT_LENGTHS and other in TWO_EDIT_LENGTHS:
        return True
    return (min(length, other), max(length, other)) == LEFT_OUT_LENGTHS


def _one_deletions(word: str) -> Iterator[str]:
    """The word and every word made by deleting one of its letters."""
    yield word
    for position in range(len(word)):
        yield word[:position] + word[position + 1 :]


def _deletions(word: str, depth: int) -> set[str]:
    """Every word made by deleting at most ``depth`` letters (the word itself included)."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {shorter for longer in frontier for shorter in _one_deletions(longer) if shorter}
        found |= frontier
    return found


def _max_edits(length: int, cutoff: float) -> int:
    """The most edits a word of ``length`` letters may be from another of at most that length
    while their normalised similarity stays at or above ``cutoff``."""
    return int((1.0 - cutoff) * length + 1e-9)


class FuzzyVocabulary:
    """Distinct words, each with an integer id (its position), searchable by similarity.

    >>> vocabulary = FuzzyVocabulary(["peskov", "peskova", "pevtsov", "putin"])
    >>> sorted(vocabulary.words[i] for i in vocabulary.near("peskow", 0.75))
    ['peskov']
    >>> sorted(vocabulary.words[i] for i in vocabulary.near("peskow", 0.7))
    ['peskov', 'peskova']
    """

    __slots__ = ("_by_length", "_keys", "_position", "_two_edit_keys", "words")

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words: list[str] = []
        self._position: dict[str, int] = {}
        self._keys: dict[str, int | Sequence[int]] = {}
        self._two_edit_keys: dict[str, int | Sequence[int]] = {}
        self._by_length: dict[int, tuple[list[str], list[int]]] = {}
        for word in words:
            self.add(word)

    def __len__(self) -> int:
        return len(self.words)

    def position(self, word: str) -> int | None:
        """The id of ``word`` if the vocabulary holds it."""
        return self._position.get(word)

    def add(self, word: str) -> int:
        """Add ``word`` (once) and return its id."""
        position = self._position.get(word)
        if position is not None:
            return position
        position = self._position[word] = len(self.words)
        self.words.append(word)
        length = len(word)
        if length < _MIN_LENGTH:
            return position
        if length == _MIN_LENGTH:
            keys: set[str] = {word}
        elif length <= _WHOLE_MAX:
            keys = set(_one_deletions(word))
            if length in TWO_EDIT_LENGTHS:
                _store(self._two_edit_keys, _deletions(word, 2), position)
        else:
            bucket = self._by_length.setdefault(length, ([], []))
            bucket[0].append(word)
            bucket[1].append(position)
            if length > _HALVES_MAX:
                return position
            # Up to three edits, one of which may be a swap across the cut that touches
            # both halves: the word with that swap undone is keyed too.
            cut = length // 2
            swapped = word[: cut - 1] + word[cut] + word[cut - 1] + word[cut + 1 :]
            keys = _half_keys(word, length) | _half_keys(swapped, length)
        _store(self._keys, keys, position)
        return position

    def compact(self) -> None:
        """Hold each key's ids in a tuple rather than a list, once the words are all added.

        The garbage collector stops tracking a tuple of integers, but visits every list on
        each full pass: on the real lists that is about half a million objects fewer for it.
        Words added later are still filed.
        """
        for table in (self._keys, self._two_edit_keys):
            for key, having in table.items():
                if isinstance(having, list):
                    table[key] = tuple(having)

    def near(self, word: str, cutoff: float) -> set[int]:
        """The ids of the words whose similarity with ``word`` is at least ``cutoff`` (an exact
        match only, for words shorter than three letters on either side).

        Cut-offs below 0.75 allow more edits than the keys were made for, so they scan the
        whole vocabulary.
        """
        found: set[int] = set()
        exact = self._position.get(word)
        if exact is not None:
            found.add(exact)
        length = len(word)
        if length < _MIN_LENGTH:
            return found
        words = self.words
        if cutoff < _KEYED_CUTOFF:
            _scan(word, cutoff, words, range(len(words)), found)
            return found
        candidates = self._keyed_candidates(word, cutoff)
        candidates.difference_update(found)
        if candidates:  # verified in one rapidfuzz call rather than one Python call each
            ids = list(candidates)
            _scan(word, cutoff, [words[i] for i in ids], ids, found)
        by_length = self._by_length
        for other in _scanned_lengths(length, cutoff, max(by_length, default=0)):
            bucket = by_length.get(other)
            if bucket is not None:
                _scan(word, cutoff, bucket[0], bucket[1], found)
        return found

    def within_two_edits(self, word: str) -> set[int]:
        """The ids of the words at most two OSA edits from ``word`` whose length may pair so
        with its own (:func:`may_pair_two_edits_apart`); ``word`` itself among them when it is
        stored and of :data:`TWO_EDIT_LENGTHS` letters.

        >>> vocabulary = FuzzyVocabulary(["salem", "salim", "sultan", "peskov", "klid"])
        >>> sorted(vocabulary.words[i] for i in vocabulary.within_two_edits("salrenm"))
        ['salem']
        >>> sorted(vocabulary.words[i] for i in vocabulary.within_two_edits("khalid"))
        ['klid']
        """
        length = len(word)
        short, long = LEFT_OUT_LENGTHS
        words = self.words
        if length == short:
            stored = _postings(self._two_edit_keys, (word,))
            return {i for i in stored if len(words[i]) == long}
        if length not in TWO_EDIT_LENGTHS:
            return set()
        variants = _deletions(word, 2)
        candidates = _postings(self._two_edit_keys, variants)
        if length == long:
            for shorter in variants:
                position = self._position.get(shorter) if len(shorter) == short else None
                if position is not None:
                    candidates.add(position)
        ids = list(candidates)
        return {
            ids[at]
            for _, _, at in process.extract(
                word, [words[i] for i in ids], scorer=OSA.distance, score_cutoff=2, limit=None
            )
        }

    def _keyed_candidates(self, word: str, cutoff: float) -> set[int]:
        """Ids that share a key with ``word``: a superset of its neighbours among the stored
        words of 3 to 15 letters."""
        length = len(word)
        edits = _max_edits(length, cutoff)
        lookups: set[str] = set()
        if length - edits <= _WHOLE_MAX:
            # Whole-word keys hold one deletion; the query, if the longer, may need more.
            lookups |= {k for k in _deletions(word, max(1, edits)) if len(k) >= _MIN_LENGTH - 1}
        prefixes: dict[int, set[str]] = {}
        suffixes: dict[int, set[str]] = {}
        for other in _keyed_lengths(length, cutoff):
            cut = other // 2
            for size in (cut - 1, cut, cut + 1):
                if size not in prefixes:
                    prefixes[size] = set(_one_deletions(word[:size]))
                lookups.update(f"<{other}{key}" for key in prefixes[size])
            for size in (other - cut - 1, other - cut, other - cut + 1):
                if size not in suffixes:
                    suffixes[size] = set(_one_deletions(word[-size:]))
                lookups.update(f">{other}{key}" for key in suffixes[size])
        return _postings(self._keys, lookups)


def _store(table: dict[str, int | Sequence[int]], keys: Iterable[str], position: int) -> None:
    """File ``position`` under each of ``keys`` (a lone id is stored bare, to save memory)."""
    for key in keys:
        having = table.get(key)
        if having is None:
            table[key] = position
        elif isinstance(having, int):
            table[key] = [having, position]
        elif isinstance(having, list):
            having.append(position)
        else:  # compacted
            table[key] = [*having, position]


def _scan(word: str, cutoff: float, words: list[str], ids: Sequence[int], found: set[int]) -> None:
    """Add to ``found`` the ids of ``words`` (of three letters or more) within ``cutoff``."""
    # rapidfuzz applies a cut-off as a distance, which can round away a similarity of
    # exactly ``cutoff``: ask for a hair less and compare the similarity itself.
    for other_word, similarity, at in process.extract(
        word,
        words,
        scorer=OSA.normalized_similarity,
        score_cutoff=max(0.0, cutoff - 1e-6),
        limit=None,
    ):
        if similarity >= cutoff and len(other_word) >= _MIN_LENGTH:
            found.add(ids[at])


@lru_cache(maxsize=4096)
def _keyed_lengths(length: int, cutoff: float) -> tuple[int, ...]:
    """The lengths of stored words under half-word keys that a query of ``length`` letters
    can be near (within the three edits those keys were made for)."""
    out = []
    for other in range(_WHOLE_MAX + 1, _HALVES_MAX + 1):
        edits = _max_edits(max(length, other), cutoff)
        if abs(other - length) <= edits <= 3:
            out.append(other)
    return tuple(out)


@lru_cache(maxsize=4096)
def _scanned_lengths(length: int, cutoff: float, longest: int) -> tuple[int, ...]:
    """The lengths of stored words (up to ``longest``) that must be scanned for a query of
    ``length`` letters (see :func:`_scanned`)."""
    return tuple(
        other for other in range(_WHOLE_MAX + 1, longest + 1) if _scanned(length, other, cutoff)
    )


def _half_keys(word: str, length: int) -> set[str]:
    """The keys of a word of 8 to 15 letters: one-deletion variants of each half, tagged
    with the half and the word's length."""
    cut = length // 2
    return {
        *(f"<{length}{key}" for key in _one_deletions(word[:cut])),
        *(f">{length}{key}" for key in _one_deletions(word[cut:])),
    }


#: The lowest cut-off the keys are made for (at most one edit in 7 letters, two in 11).
_KEYED_CUTOFF = 0.75 - 1e-9


def _scanned(length: int, other_length: int, cutoff: float) -> bool:
    """Whether the stored words of ``other_length`` letters (8 or more) must be scanned for a
    query of ``length`` letters: they can be near it, and they are too long for keys, or the
    pair allows more than the two edits their half-word keys were made for."""
    edits = _max_edits(max(length, other_length), cutoff)
    if abs(length - other_length) > edits:
        return False
    return other_length > _HALVES_MAX or edits > 3


def _postings(table: dict[str, int | Sequence[int]], keys: Iterable[str]) -> set[int]:
    """The word numbers ``table`` holds under any of ``keys`` (one number is stored bare)."""
    found: set[int] = set()
    for key in keys:
        having = table.get(key)
        if having is None:
            continue
        if isinstance(having, int):
            found.add(having)
        else:
            found.update(having)
    return found
