"""Invariants of normalisation on any Unicode input."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from sanctionmatch.errors import EmptyNameError, InvalidInputError
from sanctionmatch.limits import MAX_NAME_LENGTH, MAX_NAME_TOKENS
from sanctionmatch.normalize import clean_text, normalize_name
from sanctionmatch.strategies import any_unicode_text

NAME_LIKE = st.text(
    st.sampled_from(list("abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюяіїєαβγδ .,-'’")),
    min_size=1,
    max_size=60,
)


@given(any_unicode_text())
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@given(any_unicode_text())
def test_clean_text_output_is_bounded(text: str) -> None:
    # NFKC expands one code point to at most 18 (U+FDFA); nothing else adds characters.
    assert len(clean_text(text)) <= 18 * len(text)


@given(any_unicode_text(max_size=MAX_NAME_LENGTH))
def test_normalize_never_crashes_on_any_unicode(text: str) -> None:
    try:
        form = normalize_name(text)
    except EmptyNameError:
        return
    except InvalidInputError as error:
        assert "lone surrogate" in str(error)
        return
    assert 1 <= len(form.tokens) <= MAX_NAME_TOKENS + 5
    assert all(token.forms and token.skeletons for token in form.tokens)


@given(NAME_LIKE)
def test_normalize_is_idempotent_on_its_cleaned_text(name: str) -> None:
    try:
        form = normalize_name(name)
    except EmptyNameError:
        return
    assert normalize_name(form.cleaned).tokens == form.tokens


@given(NAME_LIKE, st.randoms(use_true_random=False))
def test_token_order_does_not_matter(name: str, random: object) -> None:
    words = name.split()
    shuffled = list(words)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    try:
        a = normalize_name(" ".join(words))
    except EmptyNameError:
        return
    assert normalize_name(" ".join(shuffled)).tokens == a.tokens


@given(st.one_of(st.integers(), st.none(), st.binary()))
def test_non_strings_are_a_typed_error(value: object) -> None:
    try:
        normalize_name(value)  # type: ignore[arg-type]
    except InvalidInputError as error:
        assert "must be a str" in str(error)
    else:
        raise AssertionError("a non-string name was accepted")


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_the_ascii_shortcut_of_clean_text_agrees_with_the_general_path(text: str) -> None:
    from sanctionmatch.normalize.unicode import _clean_once

    general = text
    for _ in range(4):
        general = _clean_once(general)
    assert clean_text(text) == general


#: Latin letters with a Cyrillic look-alike, upper and lower case (data/homoglyphs.json).
_IMITATED = "ABCEHIKMOPTXYaceiopxy"


@st.composite
def _names_with_look_alikes(draw: st.DrawFn) -> tuple[str, str]:
    """A Latin name of one to four words and the same name with one word's letters, all but
    at least one, swapped for their Cyrillic look-alikes, the name's letters staying mostly
    Latin (evasive input: a word may be mostly Cyrillic, the name is not)."""
    from sanctionmatch.normalize.unicode import _load_homoglyphs

    _, to_cyrillic = _load_homoglyphs()
    letters = st.text(st.sampled_from(_IMITATED), min_size=2, max_size=8)
    words = draw(st.lists(letters, min_size=1, max_size=4))
    at = draw(st.integers(0, len(words) - 1))
    word = words[at]
    places = draw(st.sets(st.integers(0, len(word) - 1), min_size=1, max_size=len(word) - 1))
    assume(2 * len(places) < sum(map(len, words)))
    disguised = "".join(to_cyrillic[c] if k in places else c for k, c in enumerate(word))
    return " ".join(words), " ".join([*words[:at], disguised, *words[at + 1 :]])


@given(_names_with_look_alikes())
def test_look_alikes_in_a_mostly_latin_name_are_folded_away(names: tuple[str, str]) -> None:
    latin, disguised = names
    assert clean_text(disguised) == clean_text(latin)
