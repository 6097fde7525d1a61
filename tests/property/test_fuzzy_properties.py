"""The fuzzy vocabulary's keyed look-up returns exactly what a scan of every word returns."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from sanctionmatch.fuzzy import TWO_EDIT_LENGTHS, FuzzyVocabulary
from sanctionmatch.score import MIN_ALIGNED_SIMILARITY, SKELETON_FACTOR

# A small alphabet makes near neighbours (one to four edits apart) common.
WORDS = st.text(alphabet="abcdeko", min_size=1, max_size=22)
CUTOFFS = st.sampled_from(
    [
        MIN_ALIGNED_SIMILARITY - 1e-9,  # spellings
        MIN_ALIGNED_SIMILARITY / SKELETON_FACTOR - 1e-9,  # skeletons
        0.9,
        0.6,  # below what the keys are made for: scans
    ]
)


@st.composite
def edited(draw: st.DrawFn, word: str) -> str:
    """``word`` after up to four random edits (substitution, insertion, deletion, swap)."""
    letters = list(word)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from("sidt"))
        at = draw(st.integers(0, len(letters)))
        letter = draw(st.sampled_from("abcdekoz"))
        if kind == "s" and at < len(letters):
            letters[at] = letter
        elif kind == "i":
            letters.insert(at, letter)
        elif kind == "d" and at < len(letters):
            del letters[at]
        elif kind == "t" and at + 1 < len(letters):
            letters[at], letters[at + 1] = letters[at + 1], letters[at]
    return "".join(letters) or word


@st.composite
def vocabulary_and_query(draw: st.DrawFn) -> tuple[list[str], str]:
    words = draw(st.lists(WORDS, min_size=1, max_size=40))
    source = draw(st.sampled_from(words))
    return words, draw(edited(source))


def scan(words: list[str], query: str, cutoff: float) -> set[str]:
    if len(query) < 3:
        return {query} & set(words)
    return {
        w
        for w in words
        if w == query or (len(w) >= 3 and OSA.normalized_similarity(query, w) >= cutoff)
    }


@settings(max_examples=1500, deadline=None)
@given(vocabulary_and_query(), CUTOFFS)
def test_keyed_lookup_equals_a_scan_of_every_word(
    case: tuple[list[str], str], cutoff: float
) -> None:
    words, query = case
    vocabulary = FuzzyVocabulary(words)
    found = {vocabulary.words[i] for i in vocabulary.near(query, cutoff)}
    assert found == scan(words, query, cutoff)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_ids_are_positions_and_repeated_words_are_stored_once(words: list[str]) -> None:
    vocabulary = FuzzyVocabulary(words)
    assert vocabulary.words == list(dict.fromkeys(words))
    for word in words:
        position = vocabulary.position(word)
        assert position is not None and vocabulary.words[position] == word
        assert position in vocabulary.near(word, 0.99)


def scan_two_edits(words: list[str], query: str) -> set[str]:
    def lengths_pair(a: int, b: int) -> bool:
        return (a in TWO_EDIT_LENGTHS and b in TWO_EDIT_LENGTHS) or {a, b} == {4, 6}

    return {w for w in words if lengths_pair(len(query), len(w)) and OSA.distance(query, w) <= 2}


@settings(max_examples=1500, deadline=None)
@given(vocabulary_and_query())
@example((["khalid", "klid", "kalid", "khaled"], "klid"))
@example((["klid", "kid", "lid", "kaid", "khalid"], "khalid"))
def test_two_edit_lookup_equals_a_scan_of_every_word(case: tuple[list[str], str]) -> None:
    """The scorer's two-edit pairs (5 to 7 letters each, or 4 letters left of 6) are found by
    keys, never missed."""
    words, query = case
    vocabulary = FuzzyVocabulary(words)
    found = {vocabulary.words[i] for i in vocabulary.within_two_edits(query)}
    assert found == scan_two_edits(words, query)


@settings(max_examples=500, deadline=None)
@given(vocabulary_and_query(), st.integers(0, 40), CUTOFFS)
@example((["abcde", "abcdf", "abcdk"], "abcdx"), 2, 0.9)
def test_a_compacted_vocabulary_finds_the_same_words_and_takes_more(
    case: tuple[list[str], str], split: int, cutoff: float
) -> None:
    """Compacting (the index does it once built) changes how ids are held, not what is found;
    words added after it are filed as before."""
    words, query = case
    vocabulary = FuzzyVocabulary(words[:split])
    vocabulary.compact()
    for word in words[split:]:
        vocabulary.add(word)
    vocabulary.compact()
    assert {vocabulary.words[i] for i in vocabulary.near(query, cutoff)} == scan(
        words, query, cutoff
    )
    assert {vocabulary.words[i] for i in vocabulary.within_two_edits(query)} == (
        scan_two_edits(words, query)
    )
    # A word is usually reachable through several keys, so look at every key's ids too.
    plain = FuzzyVocabulary(words)
    for table, reference in (
        (vocabulary._keys, plain._keys),
        (vocabulary._two_edit_keys, plain._two_edit_keys),
    ):
        assert {k: sorted(v) if isinstance(v, list | tuple) else [v] for k, v in table.items()} == {
            k: sorted(v) if isinstance(v, list | tuple) else [v] for k, v in reference.items()
        }
