"""Stage 3, score: how alike two names are, in [0, 1], with the reasons as data.

A name is a bag of tagged tokens (see :mod:`sanctionmatch.normalize`). Scoring pairs tokens
across the two names in any order, best pairs first, and takes a weighted mean:

    score = sum(weight * similarity of aligned pairs)
            / (sum(weight of aligned pairs) + sum(cost of tokens left unpaired))

- token similarity is the best of: equal spellings under some romanisation (1.0), equal
  skeletons (0.95), or rapidfuzz's normalised OSA (Levenshtein with transpositions)
  similarity of spellings (or 0.95 times that of skeletons); an initial matches a name
  or particle (``A.`` for ``Abu``) starting with its letter at 0.85, and so does an
  abbreviation (``Ind.``) a name starting with its letters;
- pairs below :data:`MIN_ALIGNED_SIMILARITY` are not paired at all, except two names of 5 to
  7 letters two edits apart (``SALRENM`` / ``SALEM``), or a name of 4 letters that is one of
  6 with two letters left out (``Klid`` / ``Khalid``), not in Arabic script (spelt by its
  consonants only), which pair at their similarity less :data:`TWO_EDIT_PENALTY` (0.55 to
  0.66): a weak pair, never the only evidence;
- names weigh 1, patronymics and initials 0.5, particles and legal forms 0.2 when paired;
  an unpaired name or patronymic that conflicts with an unpaired one on the other side costs
  1; one that only one side has (an omitted middle name, second surname or patronymic) costs
  0.4 for a name and 0.2 for a patronymic; an initial 0.3, a particle or legal form 0.1. So a
  missing patronymic costs little, a different surname or patronymic a lot;
- at least one pair of names (or patronymics) must align, other than a two-edit pair, else
  the score is 0: initials, particles, legal forms and two-edit pairs alone are no evidence
  (unless the two names are the same tokens, such as ``D.`` and ``D.``, which score 1.0 like
  any two equal names);
- spellings shorter than :data:`MIN_FUZZY_LENGTH` letters match exactly or not at all.

The score is symmetric and ignores token order: the pairing and its tie-breaks depend only on
the tokens, never on which side or position they came from. Equal names score exactly 1.0.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .fuzzy import TWO_EDIT_LENGTHS, may_pair_two_edits_apart
from .models import Explanation, NameComparison, TokenAlignment, UnmatchedToken
from .normalize import NameForm, NameToken, TokenRole, normalize_name, person_reading
from .normalize.names import (
    LEGAL_TWO_TYPOS_MIN_WORD,
    LEGAL_TYPO_MIN_TOKEN,
    MIN_CONSONANTS,
    article_consonant_key,
    consonant_keys_of,
    final_vowel_unwritten,
    is_arabic_script,
    is_honorific_name,
    is_known_spelling,
    is_latin_article,
    legal_typo_words,
    long_vowels_agree,
    run_token,
    runs_spelling,
)
from .normalize.translit import ascii_fold

__all__ = [
    "COMPOUND_PART_COST",
    "CONSONANT_SIMILARITY",
    "INITIAL_SIMILARITY",
    "KNOWN_SPELLING_RULE",
    "LONG_VOWEL_SIMILARITY",
    "MIN_ALIGNED_SIMILARITY",
    "MIN_FUZZY_LENGTH",
    "MISSPELT_LEGAL_FORM_COST",
    "MISSPELT_TITLE_COST",
    "MISSPELT_TITLE_SIMILARITY",
    "RUN_TOGETHER_RULE",
    "SHORT_CONSONANT_SIMILARITY",
    "SKELETON_FACTOR",
    "TITLE_INITIAL_COST",
    "TWO_EDIT_PENALTY",
    "TWO_EDIT_RULE",
    "Alignment",
    "Pair",
    "align_names",
    "best_alignment",
    "compare_names",
    "explain_alignment",
    "joined_similarity",
    "legal_misspellers",
    "misspellable_titles",
    "readings",
    "token_similarity",
]

#: The similarity of two spellings, in [0, 1]: rapidfuzz's normalised optimal-string-alignment
#: similarity (Levenshtein with a swap of two neighbouring letters as one edit: WAZIR/WZAIR).
#: Indel similarity was tried first and let Putin ~ Punti and Peskov ~ Pevtsov reach 0.8 on
#: the real lists; plain Levenshtein counted a typed swap as two edits (quality benchmark:
#: noise-typo-1 recall 0.859 -> 0.938 with OSA). The index retrieves with the same function.
spelling_similarity = OSA.normalized_similarity

#: Similarity given to a pair of spellings that differ but share a skeleton (or the factor on
#: the fuzzy similarity of skeletons).
SKELETON_FACTOR = 0.95
#: Similarity of an Arabic-script token and a Latin one with the same consonants (محمد and
#: Mohammed): unvocalised script cannot tell Hasan from Husayn, so less than a skeleton match.
CONSONANT_SIMILARITY = 0.9
#: The same for consonant keys of one or two consonants (Ali / علي is ``l``, Amr / عمرو is
#: ``mr``): many names share them, so they align, but at the lowest similarity that does.
SHORT_CONSONANT_SIMILARITY = 0.75
#: The same for a key of two consonants when the Latin spelling also writes a vowel where the
#: Arabic word writes each of its long vowels after the first consonant (فدوی / Fadavi,
#: سعيد / Said; not سعد / Said, which writes none). One consonant (Ali) stays at the lower
#: similarity; two where a long vowel has no Latin vowel (سعيد / Saad) do not align.
LONG_VOWEL_SIMILARITY = 0.85
#: The rule of a short Arabic-script word against a spelling the lists give it (عبد /
#: Abdul), which aligns at :data:`CONSONANT_SIMILARITY` though its key is short.
KNOWN_SPELLING_RULE = "known-spelling"
#: Pairs of tokens less alike than this are not aligned.
MIN_ALIGNED_SIMILARITY = 0.75
#: Similarity of an initial with a name that starts with its letter.
INITIAL_SIMILARITY = 0.85
#: Spellings shorter than this match only exactly or by skeleton, never fuzzily. At the
#: :data:`MIN_ALIGNED_SIMILARITY` cut-off a three-letter spelling aligns only with a
#: four-letter one that has one letter more (Ole / Oleg, Amn / Amin: 0.75), while two
#: three-letter names a letter apart (Max / Mak: 0.67) and two-letter ones (Li / Lu) never do.
#: Four letters (before this was three) missed a dropped vowel or a typo in a short name:
#: quality benchmark noise-drop-vowel 0.931 -> 0.996 and noise-typo-1 0.970 -> 0.989, with no
#: change in the false-positive rate on the hard negatives.
MIN_FUZZY_LENGTH = 3
#: Cost of an unpaired name token when the other name has no unpaired name token left (a
#: middle name, a second surname or an unknown honorific that one side simply omits), instead
#: of the full cost 1.0 of a name that conflicts with an unpaired name on the other side.
EXTRA_NAME_COST = 0.4

#: What a pair of names two edits apart (5 to 7 letters each, or 4 and 6, so below
#: :data:`MIN_ALIGNED_SIMILARITY`) loses from its similarity: two typos in a short name
#: (``Kswmel`` / ``Kamel``, ``SALRENM`` / ``SALEM``) are common, but so are different names two
#: letters apart, and such a pair must not weigh like a one-typo pair. Quality benchmark at
#: 0.05: noise-typo-2 recall 0.791 -> see docs/quality.md; with no penalty, the random
#: negatives' false positives went from 4 to 6 in 20,000.
TWO_EDIT_PENALTY = 0.05
#: The rule a two-edit pair carries; such a pair alone never makes a score (see
#: :func:`align_names`).
TWO_EDIT_RULE = "two-edits"
#: The least similarity two words that may pair two edits apart have (5 letters: 1 - 2/5; 4
#: and 6 letters have 1 - 2/6).
_TWO_EDIT_FLOOR = 1.0 - 2.0 / TWO_EDIT_LENGTHS[0] - 1e-9

TokenScore = tuple[float, str, str, str]  # similarity, rule, left form, right form
_NO_MATCH: TokenScore = (0.0, "different", "", "")


def _best_fuzzy(left: frozenset[str], right: frozenset[str]) -> tuple[float, str, str]:
    best = (0.0, "", "")
    for a in sorted(left):
        if len(a) < MIN_FUZZY_LENGTH:
            continue
        for b in sorted(right):
            if len(b) < MIN_FUZZY_LENGTH:
                continue
            similarity = spelling_similarity(a, b)
            if similarity > best[0]:
                best = (similarity, a, b)
    return best


def _initial_similarity(initial: NameToken, other: NameToken) -> TokenScore:
    letters = initial.initial
    if other.role is TokenRole.INITIAL:
        theirs = other.initial
        if theirs == letters:
            return 1.0, "initial", letters, theirs
        if theirs.startswith(letters) or letters.startswith(theirs):  # D. and Dm.
            return INITIAL_SIMILARITY, "initial", letters, theirs
        return _NO_MATCH
    if other.role.is_distinctive or other.role is TokenRole.PARTICLE:  # A. for Abu
        for form in sorted(other.forms):
            if form.startswith(letters):
                return (INITIAL_SIMILARITY, "initial", letters, form)
    return _NO_MATCH


@lru_cache(maxsize=1 << 18)
def token_similarity(left: NameToken, right: NameToken) -> TokenScore:
    """Similarity of two tokens in [0, 1], the rule that gave it and the spellings compared.

    >>> from sanctionmatch.normalize import normalize_name
    >>> a, = normalize_name("Зеленський").tokens
    >>> b, = normalize_name("Zelenskyy").tokens
    >>> token_similarity(a, b)[:2]
    (1.0, 'romanisation')
    """
    if left.role is TokenRole.INITIAL:
        return _initial_similarity(left, right)
    if right.role is TokenRole.INITIAL:
        similarity, rule, ours, theirs = _initial_similarity(right, left)
        return similarity, rule, theirs, ours
    if not left.role.is_distinctive or not right.role.is_distinctive:
        if left.role is right.role and left.forms & right.forms:
            form = min(left.forms & right.forms)
            return 1.0, left.role.value, form, form
        if left.role is right.role and left.is_arabic != right.is_arabic:
            # أبو / Abu, بن / bin: a particle is one of a few words, so its consonants name it;
            # an opening و may be a vowel (ولد / Ould)
            shared_consonants = _particle_keys(left) & _particle_keys(right)
            if shared_consonants:
                key = min(shared_consonants)
                return 1.0, left.role.value, key, key
        return _NO_MATCH
    shared = left.forms & right.forms
    if shared:
        form = min(shared)
        if left.text == right.text:
            return 1.0, "exact", form, form
        if form.startswith("~"):  # see normalize.names.patronymic_keys
            return 1.0, "patronymic-of-equivalent-name", form, form
        return 1.0, "romanisation", form, form
    shared_skeletons = left.skeletons & right.skeletons
    if shared_skeletons:
        key = min(shared_skeletons)
        return SKELETON_FACTOR, "spelling-variant", key, key
    if left.is_arabic != right.is_arabic:
        shared_consonants = left.consonant_keys & right.consonant_keys
        if shared_consonants:
            key = min(shared_consonants, key=lambda k: (-len(k), k))
            arabic, latin = (left, right) if left.is_arabic else (right, left)
            if len(key) >= MIN_CONSONANTS:
                if final_vowel_unwritten(arabic.text, latin.spellings):
                    return _NO_MATCH
                return CONSONANT_SIMILARITY, "consonants", key, key
            if is_known_spelling(arabic.text, latin.spellings):
                return CONSONANT_SIMILARITY, KNOWN_SPELLING_RULE, key, key
            if len(key) == MIN_CONSONANTS - 1:
                agree = {long_vowels_agree(arabic.text, s) for s in sorted(latin.spellings)}
                if True in agree:
                    return LONG_VOWEL_SIMILARITY, "consonants-and-long-vowels", key, key
                if agree == {False}:  # a long vowel the Latin spelling writes no vowel for
                    return _NO_MATCH
            return SHORT_CONSONANT_SIMILARITY, "consonants", key, key
    fuzzy, a, b = _best_fuzzy(left.spellings, right.spellings)
    fuzzy_skeleton, sa, sb = _best_fuzzy(left.own_skeletons, right.own_skeletons)
    if SKELETON_FACTOR * fuzzy_skeleton > fuzzy:
        return SKELETON_FACTOR * fuzzy_skeleton, "fuzzy-skeleton", sa, sb
    if (
        _TWO_EDIT_FLOOR <= fuzzy < MIN_ALIGNED_SIMILARITY
        and left.role is TokenRole.NAME
        and right.role is TokenRole.NAME
        and not (left.is_arabic or right.is_arabic)  # their spellings are consonants only
    ):
        two_edits = _best_two_edits(left.spellings, right.spellings)
        if two_edits is not None:
            return two_edits
    return fuzzy, "fuzzy", a, b


def _best_two_edits(left: frozenset[str], right: frozenset[str]) -> TokenScore | None:
    """The most similar pair of spellings at most two edits apart (5 to 7 letters each, or
    4 letters left of 6: :func:`~sanctionmatch.fuzzy.may_pair_two_edits_apart`), at its
    similarity less :data:`TWO_EDIT_PENALTY` (the index finds the same pairs with
    :meth:`~sanctionmatch.fuzzy.FuzzyVocabulary.within_two_edits`)."""
    best: TokenScore | None = None
    for a in sorted(left):
        for b in sorted(right):
            if (
                not may_pair_two_edits_apart(len(a), len(b))
                or OSA.distance(a, b, score_cutoff=2) > 2
            ):
                continue
            similarity = spelling_similarity(a, b) - TWO_EDIT_PENALTY
            if best is None or similarity > best[0]:
                best = (similarity, TWO_EDIT_RULE, a, b)
    return best


def _particle_keys(particle: NameToken) -> frozenset[str]:
    keys = particle.consonant_keys
    if particle.is_arabic:
        keys |= {key[1:] for key in keys if key[:1] in "wv" and len(key) > 1}
    return keys


def _pair_weight(left: NameToken, right: NameToken) -> float:
    return (left.role.weight + right.role.weight) / 2


class Pair(NamedTuple):
    """Tokens aligned across the two names: one token each, or two of one side joined."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    left_token: NameToken
    right_token: NameToken
    scored: TokenScore

    @property
    def similarity(self) -> float:
        """The similarity of the pair."""
        return self.scored[0]

    @property
    def weight(self) -> float:
        """What the pair weighs in the score."""
        return _pair_weight(self.left_token, self.right_token)


class Alignment:
    """The pairing of two names' tokens and the score it gives (internal, no pydantic)."""

    __slots__ = ("left", "pairs", "right", "score", "total_weight")

    def __init__(
        self,
        left: NameForm,
        right: NameForm,
        pairs: tuple[Pair, ...],
        score: float,
        total_weight: float,
    ) -> None:
        self.left = left
        self.right = right
        self.pairs = pairs
        self.score = score
        self.total_weight = total_weight


def _tie_key(token: NameToken) -> tuple[str, str]:
    return token.role.value, token.text


def _candidate_pairs(left: NameForm, right: NameForm, joins: bool) -> list[Pair]:
    """Every pair of tokens similar enough to align: single tokens, and, where the names have
    different numbers of name tokens and particles (and ``joins`` is true), two tokens of one
    side written as one of the other."""
    pairs = [
        Pair((i,), (j,), a, b, scored)
        for i, a in enumerate(left.tokens)
        for j, b in enumerate(right.tokens)
        if (scored := token_similarity(a, b))[0] >= MIN_ALIGNED_SIMILARITY
        or scored[1] == TWO_EDIT_RULE
    ]
    pairs += _article_pairs(left, right, pairs)
    # Equal counts can still hide a join across scripts: the Latin side's separate article
    # (al-Drissi) makes up for the two Arabic words of one Latin one (نور الدين / Noureddine).
    if joins and (left.joinable_count != right.joinable_count or _arabic_on_one_side(left, right)):
        for joined in left.joined:
            for j, b in enumerate(right.tokens):
                if b.role.is_distinctive and (found := joined_similarity(joined.token, b)):
                    parts = (joined.first, joined.second)
                    pairs.append(Pair(parts, (j,), joined.token, b, found))
        for joined in right.joined:
            for i, a in enumerate(left.tokens):
                if a.role.is_distinctive and (found := joined_similarity(joined.token, a)):
                    parts = (joined.first, joined.second)
                    pairs.append(Pair((i,), parts, a, joined.token, _swap(found)))
        pairs += _run_pairs(left, right)
    return pairs


#: The rule of an Arabic-script word that is several Latin tokens run together (ناصرملکی
#: / Nasser MALEKI, بشارالاسد / Bashar AL-ASSAD): Arabic script hides a lost space after
#: a letter that does not join the next, and lists keep such words.
RUN_TOGETHER_RULE = "run-together"


def _run_pairs(left: NameForm, right: NameForm) -> list[Pair]:
    """Each Arabic-script name of one side paired, at :data:`CONSONANT_SIMILARITY`, with the
    run of the other side's Latin tokens whose consonant keys written end to end are its own
    (:func:`~sanctionmatch.normalize.names.runs_spelling`): the longest such run, so that an
    article in it is not left over."""
    found = []
    for arabic_on_left in (True, False):
        form, other = (left, right) if arabic_on_left else (right, left)
        arabic = [
            (i, t) for i, t in enumerate(form.tokens) if t.role.is_distinctive and t.is_arabic
        ]
        if not arabic:
            continue
        latin = [
            (k, t) for k, t in enumerate(other.tokens) if t.role.is_joinable and not t.is_arabic
        ]
        if len(latin) < 2:
            continue
        for i, token in arabic:
            runs = [
                (run, key)
                for key in sorted(token.consonant_keys)
                for run in runs_spelling(key, latin)
            ]
            if not runs:
                continue
            run, key = max(runs, key=lambda found: (len(found[0]), sorted(found[0]), found[1]))
            joined = run_token([other.tokens[k] for k in run], key)
            scored: TokenScore = (CONSONANT_SIMILARITY, RUN_TOGETHER_RULE, key, key)
            if arabic_on_left:
                found.append(Pair((i,), run, token, joined, scored))
            else:
                found.append(Pair(run, (i,), joined, token, scored))
    return found


def _arabic_on_one_side(left: NameForm, right: NameForm) -> bool:
    return any(t.is_arabic for t in left.tokens) != any(t.is_arabic for t in right.tokens)


def _article_pairs(left: NameForm, right: NameForm, pairs: list[Pair]) -> list[Pair]:
    """Each Latin name paired by consonants with an Arabic-script word that carries the
    article ال, paired again together with the Latin side's separate article (``AL-ASSAD``
    and الاسد, ``as-Sahrawi`` and الصحراوي), at the same similarity: the article is in the
    Arabic word, so it is not missing. Not behind ``joins``: the index's ceilings already count
    every particle as paired."""
    found = []
    for pair in pairs:
        similarity, rule, key, _ = pair.scored
        if rule not in ("consonants", "consonants-and-long-vowels", KNOWN_SPELLING_RULE):
            continue
        latin_on_left = not pair.left_token.is_arabic
        latin_form = left if latin_on_left else right
        latin_index = pair.left[0] if latin_on_left else pair.right[0]
        latin = latin_form.tokens[latin_index]
        arabic = pair.right_token if latin_on_left else pair.left_token
        if not arabic.text.startswith("ال"):
            continue
        for k, article in enumerate(latin_form.tokens):
            if article.role is not TokenRole.PARTICLE:
                continue
            joined_key = article_consonant_key(article, latin, key)
            if joined_key is None or joined_key not in arabic.consonant_keys:
                continue
            parts = (k, latin_index)  # the article first, as it is written
            scored = (similarity, "article-with-name", key, key)
            if latin_on_left:
                found.append(Pair(parts, pair.right, latin, arabic, scored))
            else:
                found.append(Pair(pair.left, parts, arabic, latin, scored))
    return found


def joined_similarity(joined: NameToken, other: NameToken) -> TokenScore | None:
    """Two tokens written as one against a single token: only an equal spelling (1.0), an
    equal skeleton (0.95) or, for two Arabic-script tokens against a Latin one or two Latin
    parts of a compound name against an Arabic-script word, equal consonant keys of at least
    :data:`MIN_CONSONANTS` letters (0.9: حمید الله / Hamidullah, Abdul Rahman / عبدالرحمان)
    count, never a fuzzy one, so that the index finds such pairs by exact look-up.

    Only those pairs are keyed by consonants (``NameToken.joined_consonants``): keying every
    pair of every Latin alias cost 9 s of build time and 240 MB on the real lists."""
    shared = joined.forms & other.forms
    if shared:
        form = min(shared)
        return 1.0, "joined", form, form
    shared = joined.skeletons & other.skeletons
    if shared:
        key = min(shared)
        return SKELETON_FACTOR, "joined-spelling-variant", key, key
    if joined.joined_consonants is not None and joined.is_arabic != other.is_arabic:
        both = joined.consonant_keys & other.consonant_keys
        long_keys = [key for key in both if len(key) >= MIN_CONSONANTS]
        if long_keys:
            key = min(long_keys, key=lambda k: (-len(k), k))
            return CONSONANT_SIMILARITY, "joined-consonants", key, key
    return None


def _swap(scored: TokenScore) -> TokenScore:
    similarity, rule, left_form, right_form = scored
    return similarity, rule, right_form, left_form


def _unpaired_costs(left: list[NameToken], right: list[NameToken]) -> dict[TokenRole, float]:
    """What an unpaired token costs, by role: a name or patronymic left unpaired on both sides
    is a conflict (two different people: Sergey Sergeevich / Sergey Borisovich Ivanov) and
    costs 1.0; one that only one side has is an omission and costs less."""
    costs = {role: role.missing_cost for role in TokenRole}
    for role, omitted in ((TokenRole.NAME, EXTRA_NAME_COST), (TokenRole.PATRONYMIC, None)):
        in_left = any(t.role is role for t in left)
        in_right = any(t.role is role for t in right)
        if in_left and in_right:
            costs[role] = 1.0
        elif omitted is not None:
            costs[role] = omitted
    return costs


#: What a part of a hyphenated name costs unpaired when another part of the same word is
#: paired with an initial (``B.`` for ``Bu-il``, ``A.`` for ``Ahmad-Reza``, ``T.`` for
#: ``Турпал-Али``): the initial stands for the whole word (quality benchmark: form-initials
#: recall 0.974 -> see docs/quality.md).
COMPOUND_PART_COST = 0.1
#: What an initial costs unpaired when it is the initial of a title the other name had
#: dropped (``M. Fazlullah`` for ``Mullah Fazlullah``, ``D. Ibrahim`` for ``Dr. Ibrahim``).
TITLE_INITIAL_COST = 0.1
#: What a name token costs unpaired when it is a misspelling of a title the other name had
#: dropped (``Generl Mupenzi`` for ``General Mupenzi``, ``MULANA FAZLULLAH`` for ``MAULANA
#: FAZLULLAH``): the typo kept the word from being read as a title, and it names nobody.
MISSPELT_TITLE_COST = 0.1
#: How close a token must be to a dropped title word of at least
#: :data:`MIN_MISSPELT_TITLE_LENGTH` letters (one edit in five to nine letters, two from ten).
MISSPELT_TITLE_SIMILARITY = 0.8
MIN_MISSPELT_TITLE_LENGTH = 5
#: What a name token costs unpaired when it misspells a word of a legal form the other name
#: has (``IAN LNITED`` for ``IAN LIMITED``, ``TAERIO IKMITED``): the typos kept it from being
#: read as the legal form, whose own cost it then is. One edit away in a word of five or six
#: letters, two in a longer one, in tokens of four letters or more: the lengths at which the
#: normaliser reads a legal form through typos (``names.LEGAL_TWO_TYPOS_MIN_WORD``).
MISSPELT_LEGAL_FORM_COST = 0.1
#: What an honorific that is also a name (Sayyid, سید) costs when only one name has it and
#: the other has no name of its own left unpaired: the lists write it before some people's
#: names and leave it out of others' (سید علی زارع نوری / Ali Zare NOURI), as a title.
HONORIFIC_NAME_COST = 0.1


class Unpaired(NamedTuple):
    """A token left without a partner, what it costs and the rule that set the cost."""

    token: NameToken
    cost: float
    reason: str


def _compound_parts_initialled(form: NameForm, initialled: set[str]) -> set[str]:
    """The texts of the parts of ``form``'s hyphenated names one of whose parts an initial
    stands for."""
    return {part for compound in form.compounds if initialled & set(compound) for part in compound}


def _excusing_titles(form: NameForm) -> list[str]:
    """The titles ``form`` dropped that can excuse a name of the other name: those long enough
    for a misspelling to be told, and those in Arabic script, which a Latin name may spell
    (السيد is a title, and the surname El Sayed)."""
    return [
        title
        for title in form.dropped
        if len(ascii_fold(title)) >= MIN_MISSPELT_TITLE_LENGTH or is_arabic_script(title)
    ]


def honorific_names(form: NameForm) -> int:
    """How many honorific names ``form`` has (:data:`HONORIFIC_NAME_COST`): each may be
    excused unpaired."""
    return sum(is_honorific_name(token) for token in form.tokens)


def misspellable_titles(form: NameForm) -> int:
    """How many of the titles ``form`` dropped may excuse an unpaired name of the other name
    (:data:`MISSPELT_TITLE_COST`)."""
    return len(_excusing_titles(form))


def _misspells_legal_word(spelling: str, word: str) -> bool:
    """Whether ``spelling`` (folded) misspells the legal-form word ``word`` (folded): see
    :data:`MISSPELT_LEGAL_FORM_COST`."""
    if len(spelling) < LEGAL_TYPO_MIN_TOKEN:
        return False
    if spelling != word and spelling.endswith(word):
        return False  # a prefix makes another word (UNLIMITED is not LIMITED)
    allowed = 1 if len(word) < LEGAL_TWO_TYPOS_MIN_WORD else 2
    return OSA.distance(spelling, word, score_cutoff=allowed) <= allowed


@cache
def _folded_legal_vocabulary() -> tuple[str, ...]:
    """Every legal-form word a name may keep (:attr:`NameForm.legal_words`), folded."""
    return tuple(sorted({ascii_fold(word) for word in legal_typo_words()} - {""}))


@lru_cache(maxsize=65536)
def _may_misspell_a_legal_word(spelling: str) -> bool:
    """Whether a folded spelling misspells some legal-form word (:func:`legal_misspellers`)."""
    vocabulary = _folded_legal_vocabulary()
    near = process.extract(spelling, vocabulary, scorer=OSA.distance, score_cutoff=2, limit=None)
    return any(_misspells_legal_word(spelling, word) for word, _, _ in near)


def legal_misspellers(form: NameForm) -> int:
    """How many of ``form``'s names may misspell a word of some legal form, and so be excused
    by the other name's legal form (:data:`MISSPELT_LEGAL_FORM_COST`): an upper bound the
    index's ceilings use, so that legal-form words excuse nothing for most queries."""
    return sum(
        token.role is TokenRole.NAME
        and not token.is_arabic
        and _may_misspell_a_legal_word(ascii_fold(token.text))
        for token in form.tokens
    )


def _misspelt_title(token: NameToken, titles: list[str]) -> str | None:
    """The dropped title ``token`` spells or misspells, if any: within
    :data:`MISSPELT_TITLE_SIMILARITY` in one script, by consonants across scripts."""
    spelling = ascii_fold(token.text)
    for title in titles:
        if is_arabic_script(title) != token.is_arabic:
            keys = consonant_keys_of(title, frozenset({ascii_fold(title)}))
            if not keys.isdisjoint(token.consonant_keys):
                return title
        elif (
            len(ascii_fold(title)) >= MIN_MISSPELT_TITLE_LENGTH
            and spelling_similarity(spelling, ascii_fold(title)) >= MISSPELT_TITLE_SIMILARITY
        ):
            return title
    return None


def _misspelt_legal_word(token: NameToken, words: list[str]) -> str | None:
    """The word of the other name's legal forms ``token`` misspells, if any (see
    :data:`MISSPELT_LEGAL_FORM_COST`)."""
    if token.is_arabic:
        return None
    spelling = ascii_fold(token.text)
    for word in words:
        if _misspells_legal_word(spelling, ascii_fold(word)):
            return word
    return None


def _side_unpaired(
    form: NameForm, other: NameForm, paired: set[int], initialled: set[str]
) -> list[Unpaired]:
    """One side's unpaired tokens; those a rule excuses carry their cost, the rest -1 (their
    cost depends on both sides: :func:`_unpaired_costs`)."""
    covered = _compound_parts_initialled(form, initialled) if form.compounds else set()
    titles = [ascii_fold(title) for title in other.dropped]
    misspellable = _excusing_titles(other)
    legal_words = list(other.legal_words)
    articles = 0
    side = []
    for k, token in enumerate(form.tokens):
        if k in paired:
            continue
        misspelt = (
            _misspelt_title(token, misspellable)
            if misspellable and token.role is TokenRole.NAME
            else None
        )
        if token.text in covered:
            side.append(Unpaired(token, COMPOUND_PART_COST, "compound-part-initialled"))
        elif token.role is TokenRole.INITIAL and any(
            title.startswith(letter) for title in titles for letter in token.forms
        ):
            side.append(Unpaired(token, TITLE_INITIAL_COST, "initial-of-dropped-title"))
        elif misspelt is not None:
            misspellable.remove(misspelt)  # one title excuses one token
            across = is_arabic_script(misspelt) != token.is_arabic
            reason = "dropped-title-as-name" if across else "misspelt-dropped-title"
            side.append(Unpaired(token, MISSPELT_TITLE_COST, reason))
            if misspelt.startswith("ال"):
                articles += 1
        elif (
            legal_words
            and token.role is TokenRole.NAME
            and (legal_word := _misspelt_legal_word(token, legal_words)) is not None
        ):
            legal_words.remove(legal_word)  # one word excuses one token
            side.append(Unpaired(token, MISSPELT_LEGAL_FORM_COST, "misspelt-legal-form"))
        else:
            side.append(Unpaired(token, -1.0, f"unmatched-{token.role.value}"))
    if articles:  # the article of an Arabic title the Latin side wrote apart (al-Sayed)
        for at, unpaired in enumerate(side):
            if articles and unpaired.cost < 0 and is_latin_article(unpaired.token.text):
                side[at] = Unpaired(unpaired.token, 0.0, "article-of-dropped-title")
                articles -= 1
    return side


def _unpaired(
    left: NameForm, right: NameForm, pairs: Sequence[Pair]
) -> tuple[list[Unpaired], list[Unpaired]]:
    """The tokens of each side that no pair holds, each with its cost (see
    :func:`_unpaired_costs`, :data:`COMPOUND_PART_COST` and :data:`TITLE_INITIAL_COST`)."""
    paired_left = {i for p in pairs for i in p.left}
    paired_right = {j for p in pairs for j in p.right}
    initialled_left = {
        left.tokens[i].text
        for p in pairs
        if p.right_token.role is TokenRole.INITIAL
        for i in p.left
    }
    initialled_right = {
        right.tokens[j].text
        for p in pairs
        if p.left_token.role is TokenRole.INITIAL
        for j in p.right
    }
    sides = (
        _side_unpaired(left, right, paired_left, initialled_left),
        _side_unpaired(right, left, paired_right, initialled_right),
    )
    costs = _unpaired_costs(
        [u.token for u in sides[0] if u.cost < 0], [u.token for u in sides[1] if u.cost < 0]
    )
    unpaired_left, unpaired_right = (
        [u if u.cost >= 0 else _omission_or_conflict(u, costs) for u in side] for side in sides
    )
    return unpaired_left, unpaired_right


def _omission_or_conflict(unpaired: Unpaired, costs: dict[TokenRole, float]) -> Unpaired:
    """An unpaired token at the cost of its role (see :func:`_unpaired_costs`), or, for an
    honorific name that only one side has, :data:`HONORIFIC_NAME_COST`."""
    cost = costs[unpaired.token.role]
    if cost == EXTRA_NAME_COST and is_honorific_name(unpaired.token):
        return Unpaired(unpaired.token, HONORIFIC_NAME_COST, "omitted-honorific-name")
    return unpaired._replace(cost=cost)


def align_names(left: NameForm, right: NameForm, *, joins: bool = True) -> Alignment:
    """Pair the tokens of two names, best pairs first, and score the pairing.

    ``joins=False`` skips looking for two tokens written as one; the index passes it when its
    joined-token tables already showed that no such pair can align (it saves the costliest
    part of a comparison).

    >>> from sanctionmatch.normalize import normalize_name
    >>> a = align_names(normalize_name("D. Peskov"), normalize_name("Dmitry Sergeyevich Peskov"))
    >>> round(a.score, 3)
    0.84
    >>> round(align_names(normalize_name("Abdulrahman"), normalize_name("Abdul Rahman")).score, 3)
    1.0
    """
    if _order_key(right) < _order_key(left):
        candidates = [_mirrored(pair) for pair in _candidate_pairs(right, left, joins)]
    else:
        candidates = _candidate_pairs(left, right, joins)
    candidates.sort(
        key=lambda p: (
            -p.similarity,
            -p.weight,
            p.scored[1] != "article-with-name",  # before the same pair without the article
            p.scored[1] == RUN_TOGETHER_RULE,  # after the pairs of the words it runs together
            tuple(sorted((_tie_key(p.left_token), _tie_key(p.right_token)))),
        )
    )
    pairs = _greedy(candidates)
    best = _scored(left, right, pairs)
    for forced in _tied_joins(candidates, pairs)[:MAX_TIED_JOINS]:
        alignment = _scored(left, right, _greedy(candidates, forced))
        if alignment.score > best.score:
            best = alignment
    return best


def _order_key(form: NameForm) -> tuple[object, ...]:
    """What decides which of two names the candidate pairs are drawn up from. Pairs that tie
    (two ``Abd`` of one name against two of the other, beside a join that needs one of them)
    keep the order they were drawn up in, and the greedy pairing takes the first: drawing
    them up from the same name whichever comes first keeps the score symmetric. The key
    holds nothing of word order, which never changes a score either."""
    return (
        tuple((token.text, token.role.value) for token in form.tokens),
        sorted(form.compounds),
        sorted(form.legal_words),
        sorted(form.dropped),
        form.read_as_person,
    )


def _mirrored(pair: Pair) -> Pair:
    """``pair`` as drawn up from the other name."""
    return Pair(pair.right, pair.left, pair.right_token, pair.left_token, _swap(pair.scored))


#: How many joined pairs that tie with a single pair the greedy pairing took instead
#: (:func:`_tied_joins`) are each tried first, at most.
MAX_TIED_JOINS = 3


def _greedy(candidates: Sequence[Pair], first: Pair | None = None) -> list[Pair]:
    """Pairs taken best first (``first`` before all), each if none of its tokens is taken."""
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[Pair] = []
    for pair in candidates if first is None else (first, *candidates):
        if used_left.isdisjoint(pair.left) and used_right.isdisjoint(pair.right):
            used_left.update(pair.left)
            used_right.update(pair.right)
            pairs.append(pair)
    return pairs


def _tied_joins(candidates: Sequence[Pair], taken: Sequence[Pair]) -> list[Pair]:
    """The pairs of several tokens (a join or a run) the greedy pairing left out for a pair
    of single tokens as similar and heavy that holds one of them: عبدالولی with Abdul alone
    (consonants bdl, 0.9) instead of with Abdul Wali (bdlwl, 0.9), which leaves Wali unpaired.
    A tie says nothing of which is right, so the alignment tries each both ways."""
    joins = [pair for pair in candidates if len(pair.left) + len(pair.right) > 2]
    if not joins:
        return []
    chosen = {id(pair) for pair in taken}
    singles = [pair for pair in taken if len(pair.left) + len(pair.right) == 2]
    return [
        pair
        for pair in joins
        if id(pair) not in chosen
        and any(
            other.similarity == pair.similarity
            and other.weight == pair.weight
            and (other.left[0] in pair.left or other.right[0] in pair.right)
            for other in singles
        )
    ]


def _scored(left: NameForm, right: NameForm, pairs: Sequence[Pair]) -> Alignment:
    """The alignment of ``pairs``, with the tokens they leave unpaired at their costs."""
    unpaired_left, unpaired_right = _unpaired(left, right, pairs)
    weights = [pair.weight for pair in pairs]
    weights += [u.cost for u in (*unpaired_left, *unpaired_right)]
    total = sum(sorted(weights))
    distinctive = any(
        p.left_token.role.is_distinctive
        and p.right_token.role.is_distinctive
        and p.scored[1] != TWO_EDIT_RULE
        for p in pairs
    )
    if not distinctive or total <= 0:
        identical = len(pairs) == len(left.tokens) == len(right.tokens) and all(
            p.similarity == 1.0 for p in pairs
        )
        return Alignment(left, right, tuple(pairs), 1.0 if identical else 0.0, total)
    gained = sum(sorted(p.weight * p.similarity for p in pairs))
    return Alignment(left, right, tuple(pairs), min(1.0, gained / total), total)


def readings(form: NameForm) -> tuple[NameForm, ...]:
    """The ways a name is read: as normalised, and also as a person's when it holds a legal
    form written in short words that could be initials (``GUSACHENKA S. A.``)."""
    alternative = person_reading(form)
    return (form,) if alternative is None else (form, alternative)


def best_alignment(left: NameForm, right: NameForm, *, joins: bool = True) -> Alignment:
    """The best-scoring alignment over the :func:`readings` of both names (the first best,
    so a name read one way only is aligned once); symmetric like :func:`align_names`."""
    best: Alignment | None = None
    for left_reading in readings(left):
        for right_reading in readings(right):
            alignment = align_names(left_reading, right_reading, joins=joins)
            if best is None or alignment.score > best.score:
                best = alignment
    assert best is not None
    return best


def explain_alignment(alignment: Alignment) -> Explanation:
    """The alignment as a reviewer reads it: pairs, per-token similarity, costs, rules."""
    left, right, total = alignment.left, alignment.right, alignment.total_weight
    alignments = []
    rules: set[str] = set()
    for pair in alignment.pairs:
        similarity, rule, left_form, right_form = pair.scored
        rules.add(rule)
        alignments.append(
            TokenAlignment(
                query_token=" ".join(left.tokens[i].text for i in pair.left),
                candidate_token=" ".join(right.tokens[j].text for j in pair.right),
                query_form=left_form,
                candidate_form=right_form,
                similarity=round(similarity, 6),
                weight=pair.weight,
                contribution=round(pair.weight * similarity / total, 6) if total else 0.0,
                rule=rule,
            )
        )
    unpaired_left, unpaired_right = _unpaired(left, right, alignment.pairs)
    unmatched = [
        UnmatchedToken(side="query", token=u.token.text, role=u.token.role.value, weight=u.cost)
        for u in unpaired_left
    ] + [
        UnmatchedToken(side="candidate", token=u.token.text, role=u.token.role.value, weight=u.cost)
        for u in unpaired_right
    ]
    rules.update(u.reason for u in (*unpaired_left, *unpaired_right))
    if alignment.score == 0.0 and alignment.pairs:
        rules.add("no-distinctive-token-aligned")
    for side, form in (("query", left), ("candidate", right)):
        if form.dropped:
            rules.add(f"{side}-titles-dropped:{' '.join(form.dropped)}")
        if form.read_as_person:
            rules.add(f"{side}-read-without-legal-form")
    return Explanation(
        query_tokens=tuple(t.text for t in left.tokens),
        candidate_tokens=tuple(t.text for t in right.tokens),
        alignments=tuple(alignments),
        unmatched=tuple(unmatched),
        rules=tuple(sorted(rules)),
        total_weight=round(total, 6),
    )


def compare_names(left: str, right: str) -> NameComparison:
    """Score two names in [0, 1] and explain the score.

    Raises :class:`~sanctionmatch.errors.EmptyNameError` (a ``ValueError``) when either name
    has no letter or digit.

    >>> compare_names("Зеленський", "Zelenskyy").score
    1.0
    >>> compare_names("PESKOV, Dmitry Sergeyevich", "Dmitry Peskov").score > 0.85
    True
    """
    alignment = best_alignment(normalize_name(left), normalize_name(right))
    return NameComparison(
        left=left,
        right=right,
        score=round(alignment.score, 6),
        explanation=explain_alignment(alignment),
    )
