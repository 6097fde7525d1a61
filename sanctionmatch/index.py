"""Stage 2, index: every alias of every listed entity, normalised once, ready to search.

Retrieval has two modes that must agree above any threshold:

- ``"exhaustive"`` scores every alias: slow, obviously complete, the reference that tests and
  benchmarks compare against;
- ``"candidates"`` first finds the aliases that share a token spelling (or skeleton) with the
  query at the scorer's spelling similarity of at least ``MIN_ALIGNED_SIMILARITY``, over a
  vocabulary of the distinct spellings of all alias tokens, then scores only those.

Why that is complete: a score above 0 needs an aligned pair of distinctive tokens (names or
patronymics) whose similarity is at least ``MIN_ALIGNED_SIMILARITY``. That
similarity is the best spelling similarity of two spellings or ``SKELETON_FACTOR`` times that of
two skeletons, so looking both up in the vocabulary at those cut-offs finds every alias that
can score at all. Two tokens written as one (``Abdul Rahman`` / ``Abdulrahman``) align only
when the joined spelling or its skeleton equals the other token's (``score.joined_similarity``),
so the aliases' joined skeletons sit in a plain dictionary and the query's are looked up
exactly: those alignments are found too, at the cost of a hash look-up.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .collection import collection_paused
from .errors import InvalidInputError
from .fuzzy import TWO_EDIT_LENGTHS, FuzzyVocabulary
from .models import Entity, NameKind
from .normalize import NameForm, NameToken, TokenRole, normalize_name
from .normalize.names import MAX_RUN_TOKENS, MIN_CONSONANTS, MIN_RUN_KEY, keys_end_to_end
from .score import (
    COMPOUND_PART_COST,
    EXTRA_NAME_COST,
    HONORIFIC_NAME_COST,
    INITIAL_SIMILARITY,
    MIN_ALIGNED_SIMILARITY,
    MISSPELT_LEGAL_FORM_COST,
    MISSPELT_TITLE_COST,
    SKELETON_FACTOR,
    TWO_EDIT_PENALTY,
    Alignment,
    align_names,
    honorific_names,
    legal_misspellers,
    misspellable_titles,
    readings,
)

__all__ = ["NORMALIZATION_VERSION", "AliasHit", "NameIndex", "Retrieval"]

#: Bumped whenever normalisation or scoring changes what an index would contain.
NORMALIZATION_VERSION = "21"

Retrieval = Literal["candidates", "exhaustive"]
#: How many query tokens' look-ups an index remembers (least recently used go first).
NEAR_CACHE_SIZE = 65536
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class AliasHit:
    """The best-scoring alias of one entity for a query (internal; becomes a Match)."""

    entity_index: int
    name_index: int
    alignment: Alignment

    @property
    def score(self) -> float:
        """The alignment's score."""
        return self.alignment.score


class _Vocabulary:
    """Distinct token spellings, each with the distinct tokens that have it; a token's
    aliases are stored once, in ``postings``, however many spellings it has (a Cyrillic
    token has a dozen), which keeps a million-alias index in memory."""

    __slots__ = ("_postings", "_tokens_of", "_words")

    def __init__(self, postings: list[array[int]], entries: Iterable[tuple[str, int]]) -> None:
        """A vocabulary of the ``(spelling, token number)`` pairs in ``entries``."""
        self._words = FuzzyVocabulary()
        tokens_of: list[list[int]] = []
        for word, token in entries:
            position = self._words.add(word)
            if position == len(tokens_of):
                tokens_of.append([token])
            else:
                tokens_of[position].append(token)
        # Tuples, which the garbage collector does not visit (see FuzzyVocabulary.compact).
        self._words.compact()
        self._tokens_of = [tuple(tokens) for tokens in tokens_of]
        self._postings = postings

    def aliases_near(self, word: str, cutoff: float, into: set[int]) -> None:
        if cutoff >= 1.0:
            exact = self._words.position(word)
            positions: Iterable[int] = () if exact is None else (exact,)
        else:
            positions = self._words.near(word, cutoff)
        self._add_postings(positions, into)

    def aliases_within_two_edits(self, word: str, into: set[int]) -> None:
        """Add the aliases with a word of 5 to 7 letters two edits or fewer from ``word``."""
        self._add_postings(self._words.within_two_edits(word), into)

    def _add_postings(self, positions: Iterable[int], into: set[int]) -> None:
        postings = self._postings
        for position in positions:
            for token in self._tokens_of[position]:
                into.update(postings[token])


class NameIndex:
    """All aliases of a set of entities, normalised once, with candidate retrieval.

    >>> from sanctionmatch.models import Entity
    >>> e = Entity.model_validate({"id": "eu:1", "schema": "Person",
    ...     "names": [{"full": "Dmitry Sergeyevich PESKOV"}], "listings": [{"source": "eu"}]})
    >>> index = NameIndex([e])
    >>> hits = index.search(normalize_name("Peskov Dmitriy"), threshold=0.5)
    >>> [round(hit.score, 2) for hit in hits]
    [0.91]
    """

    __slots__ = (
        "_consonants",
        "_forms",
        "_honorifics",
        "_joined",
        "_legal_misspellers",
        "_legal_words",
        "_letters",
        "_near_cached",
        "_run_particles",
        "_run_prefixes",
        "_runs_cached",
        "_shapes",
        "_skeletons",
        "_split_cached",
        "_titles",
        "_two_edits_cached",
        "_with_compounds",
        "_with_initials",
        "_with_legal_misspellers",
        "_with_legal_words",
        "_with_titles",
        "_written_as_one_cached",
        "aliases",
        "entities",
        "fingerprint",
    )

    @collection_paused(collect_after=True)
    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.entities: tuple[Entity, ...] = tuple(sorted(entities, key=lambda e: e.id))
        seen: set[str] = set()
        for entity in self.entities:
            if entity.id in seen:
                raise InvalidInputError(
                    f"two entities have the id {entity.id!r}; ids must be unique"
                )
            seen.add(entity.id)
        aliases = [
            (
                entity_index,
                name_index,
                normalize_name(
                    name.full,
                    keep_titles=not entity.schema_.is_person,
                    legal_forms=not entity.schema_.is_person,
                ),
            )
            for entity_index, entity in enumerate(self.entities)
            for name_index, name in enumerate(entity.names)
        ]
        self._add_aliases(aliases)
        self.fingerprint = self._fingerprint()

    @classmethod
    @collection_paused(collect_after=True)
    def from_normalized(
        cls,
        entities: tuple[Entity, ...],
        aliases: list[tuple[int, int, NameForm]],
        *,
        fingerprint: str,
        joined: dict[str, tuple[int, ...]] | None = None,
    ) -> NameIndex:
        """An index from entities and their aliases normalised earlier (a saved index file).

        The caller vouches that ``aliases`` are what normalisation gives these entities and
        that ``fingerprint`` is theirs (a saved index is checksummed for this).
        """
        index = cls.__new__(cls)
        index.entities = entities
        index._add_aliases(aliases, joined=joined)
        index.fingerprint = fingerprint
        return index

    @property
    def joined_skeletons(self) -> dict[str, tuple[int, ...]]:
        """The skeletons of the aliases' joined token pairs, each with its aliases (for saving:
        they are the costly part of building)."""
        return self._joined

    def _add_aliases(
        self,
        aliases: list[tuple[int, int, NameForm]],
        *,
        joined: dict[str, tuple[int, ...]] | None = None,
    ) -> None:
        self.aliases = aliases
        # The aliases near a query token depend only on the token and this (immutable)
        # index, so they are remembered across queries: names repeat (Mohammed, Ivanov).
        self._near_cached = lru_cache(maxsize=NEAR_CACHE_SIZE)(self._near_token_uncached)
        self._split_cached = lru_cache(maxsize=NEAR_CACHE_SIZE)(self._split_uncached)
        self._two_edits_cached = lru_cache(maxsize=NEAR_CACHE_SIZE)(self._two_edits_uncached)
        self._runs_cached = lru_cache(maxsize=NEAR_CACHE_SIZE)(self._runs_uncached)
        self._written_as_one_cached = lru_cache(maxsize=NEAR_CACHE_SIZE)(
            self._written_as_one_uncached
        )
        pairs: dict[str, set[int]] = {}  # skeletons of aliases' joined token pairs
        consonants: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})  # Latin, Arabic
        postings: dict[NameToken, list[int]] = {}
        self._shapes = array("H", (_shape_of(form) for _, _, form in aliases))
        letters: dict[str, set[int]] = {}
        for alias, (_, _, form) in enumerate(aliases):
            for letter in _initial_letters(form):
                letters.setdefault(letter, set()).add(alias)
        self._letters = {letter: frozenset(having) for letter, having in letters.items()}
        self._with_initials = frozenset(
            alias
            for alias, (_, _, form) in enumerate(aliases)
            if any(token.role is TokenRole.INITIAL for token in form.tokens)
        )
        # Their unpaired parts of a hyphenated name cost little next to a query initial.
        self._with_compounds = frozenset(
            alias for alias, (_, _, form) in enumerate(aliases) if form.compounds
        )
        # A query name that misspells one of their dropped titles costs little, and so does
        # one that misspells a word of their legal forms; their names that may misspell a
        # legal-form word cost little beside a query with a legal form.
        self._titles = array("B", (min(misspellable_titles(f), 255) for _, _, f in aliases))
        # Their honorific names (Sayyid) cost little unpaired where the query omits them.
        self._honorifics = array("B", (min(honorific_names(f), 255) for _, _, f in aliases))
        self._with_titles = frozenset(alias for alias, count in enumerate(self._titles) if count)
        self._legal_words = array("B", (min(len(f.legal_words), 255) for _, _, f in aliases))
        self._with_legal_words = frozenset(
            alias for alias, count in enumerate(self._legal_words) if count
        )
        self._legal_misspellers = array(
            "B", (min(legal_misspellers(f), 255) for _, _, f in aliases)
        )
        self._with_legal_misspellers = frozenset(
            alias for alias, count in enumerate(self._legal_misspellers) if count
        )
        particle_keys: set[str] = set()  # of Latin particles, which runs may hold
        for alias, (_, _, form) in enumerate(aliases):
            for token in form.tokens:
                if token.role.is_distinctive:
                    postings.setdefault(token, []).append(alias)
                    for key in token.consonant_keys:
                        consonants[token.is_arabic].setdefault(key, set()).add(alias)
                elif token.role is TokenRole.PARTICLE and not token.is_arabic:
                    particle_keys.update(token.consonant_keys)
            if joined is None:
                for pair in form.joined:
                    for key in _joined_keys(pair.token):
                        pairs.setdefault(key, set()).add(alias)
        if joined is None:
            joined = {key: tuple(sorted(having)) for key, having in sorted(pairs.items())}
        self._joined = joined
        self._consonants = tuple(
            {key: tuple(sorted(having)) for key, having in table.items()} for table in consonants
        )
        self._run_particles = frozenset(particle_keys)
        # Every beginning of an Arabic-script alias word's key long enough to be a run of a
        # query's Latin tokens (score.RUN_TOGETHER_RULE), to stop looking early.
        self._run_prefixes = frozenset(
            key[:end]
            for key in self._consonants[True]
            if len(key) >= MIN_RUN_KEY
            for end in range(1, len(key) + 1)
        )
        token_postings = [array("i", having) for having in postings.values()]
        tokens = list(enumerate(postings))  # far fewer distinct tokens than aliases
        self._forms = _Vocabulary(
            token_postings, ((spelling, n) for n, token in tokens for spelling in token.forms)
        )
        self._skeletons = _Vocabulary(
            token_postings, ((key, n) for n, token in tokens for key in token.skeletons)
        )

    def _fingerprint(self) -> str:
        digest = hashlib.sha256()
        digest.update(f"sanctionmatch-index/{NORMALIZATION_VERSION}\n".encode())
        for entity in self.entities:
            digest.update(entity.model_dump_json().encode())
            digest.update(b"\n")
        return digest.hexdigest()

    @property
    def alias_count(self) -> int:
        """How many names of entities the index holds."""
        return len(self.aliases)

    def candidate_aliases(
        self, query: NameForm, *, memo: dict[NameToken, set[int]] | None = None
    ) -> set[int]:
        """The aliases that can score above 0 against ``query`` (a superset of the matches).

        ``memo`` keeps each token's look-ups for the caller's next queries (text screening
        asks for every stretch of a run, so the same words come back many times).
        """
        hits = self._token_hits(query, memo)
        found: set[int] = set()
        for having in hits.per_token:
            found |= having
        return found

    def _token_hits(self, query: NameForm, memo: dict[NameToken, set[int]] | None) -> _TokenHits:
        """For each distinctive token of ``query``, the aliases it can align with, and the
        aliases where two tokens written as one (on either side) can align."""
        tokens = query.distinctive_tokens
        per_token = [self._near_token(token, memo) for token in tokens]
        joined: set[int] = set()
        for token in tokens:  # the query token written split in an alias
            joined |= self._split_cached(token)
        distinctive_at = [k for k, token in enumerate(query.tokens) if token.role.is_distinctive]
        position = {k: at for at, k in enumerate(distinctive_at)}
        for pair in query.joined:  # the query's split tokens written as one in an alias
            found = self._written_as_one_cached(pair.token)
            if not found:
                continue
            joined |= found
            for part in (pair.first, pair.second):
                at = position.get(part)
                if at is not None:
                    per_token[at] = per_token[at] | found
        # Words run together: an Arabic-script query word that is several Latin alias
        # tokens, and several Latin query tokens that are one Arabic-script alias word.
        runs: set[int] = set()
        for at, token in enumerate(tokens):
            if token.is_arabic:
                found = self._runs_cached(token)
                if found:
                    runs |= found
                    per_token[at] = per_token[at] | found
        for run, found in self._latin_runs(query):
            runs |= found
            for part in run:
                at = position.get(part)
                if at is not None:
                    per_token[at] = per_token[at] | found
        joined |= runs
        # A two-edit pair counts only beside another pair of names (score.TWO_EDIT_RULE).
        two_edits = (
            [
                self._two_edits_cached(token)
                if token.role is TokenRole.NAME and not token.is_arabic
                else frozenset()
                for token in tokens
            ]
            if len(tokens) > 1
            else [frozenset() for _ in tokens]
        )
        return _TokenHits(tokens, per_token, joined, two_edits, runs)

    def _runs_uncached(self, token: NameToken) -> frozenset[int]:
        """The aliases where Latin tokens written end to end make the key of the
        Arabic-script ``token`` (score.RUN_TOGETHER_RULE): each way of cutting the key into
        keys of alias names (at least one) and particles, the aliases that have them all."""
        names = self._consonants[False]
        particles = self._run_particles
        found: set[int] = set()

        def cut(rest: str, parts: tuple[str, ...], last: str) -> None:
            if not rest:
                if len(parts) < 2:
                    return
                # A part that may be a particle's key is no name the alias must have; one of
                # the parts is a name's all the same.
                required = sorted((names[part] for part in parts if part not in particles), key=len)
                if not required:
                    for part in parts:
                        found.update(names.get(part, ()))
                    return
                having = set(required[0])
                for more in required[1:]:
                    having.intersection_update(more)
                found.update(having)
                return
            if len(parts) == MAX_RUN_TOKENS:
                return
            for end in range(1, len(rest) + 1):
                head = rest[:end]
                for part in (head, last + head) if last else (head,):
                    if part in names or part in particles:
                        cut(rest[end:], (*parts, part), part[-1])

        for key in token.consonant_keys:
            if len(key) >= MIN_RUN_KEY:
                cut(key, (), "")
        return frozenset(found)

    def _latin_runs(self, query: NameForm) -> list[tuple[tuple[int, ...], frozenset[int]]]:
        """Each run of the query's Latin tokens (two to ``MAX_RUN_TOKENS``, one a name or
        patronymic at least) whose keys written end to end are the key of an Arabic-script
        alias word, with the aliases that have such a word (score.RUN_TOGETHER_RULE)."""
        if not self._run_prefixes:
            return []
        latin = [
            (k, t) for k, t in enumerate(query.tokens) if t.role.is_joinable and not t.is_arabic
        ]
        if len(latin) < 2:
            return []
        words = self._consonants[True]
        prefixes = self._run_prefixes
        found: list[tuple[tuple[int, ...], frozenset[int]]] = []

        def extend(key: str, run: tuple[int, ...]) -> None:
            if (
                len(run) >= 2
                and len(key) >= MIN_RUN_KEY
                and key in words
                and any(query.tokens[k].role.is_distinctive for k in run)
            ):
                found.append((run, frozenset(words[key])))
            if len(run) == MAX_RUN_TOKENS:
                return
            for k, token in latin:
                if k in run:
                    continue
                for part in token.consonant_keys:
                    joined = keys_end_to_end(key, part)
                    if joined is not None and joined in prefixes:
                        extend(joined, (*run, k))

        extend("", ())
        return found

    def _near_token(self, token: NameToken, memo: dict[NameToken, set[int]] | None) -> set[int]:
        """The aliases one distinctive query token can align with (callers must not change
        the set: it is shared through the caches)."""
        if memo is None:
            return self._near_cached(token)
        found = memo.get(token)
        if found is None:
            found = memo[token] = self._near_cached(token)
        return found

    def _two_edits_uncached(self, token: NameToken) -> frozenset[int]:
        """The aliases where ``token`` (a name) may pair with a name two edits away
        (score.TWO_EDIT_RULE)."""
        found: set[int] = set()
        for spelling in token.spellings:
            self._forms.aliases_within_two_edits(spelling, found)
        return frozenset(found)

    def _split_uncached(self, token: NameToken) -> frozenset[int]:
        """The aliases where two tokens written as one equal ``token`` (by skeleton, or by
        consonants in the other script)."""
        found: set[int] = set()
        for key in token.skeletons:
            found.update(self._joined.get(key, ()))
        # Pairs of the other script only (see score.joined_similarity).
        tag = _LATIN_CONSONANT_TAG if token.is_arabic else _CONSONANT_TAG
        for key in _long_consonant_keys(token):
            found.update(self._joined.get(tag + key, ()))
        return frozenset(found)

    def _written_as_one_uncached(self, joined: NameToken) -> frozenset[int]:
        """The aliases with a distinctive token equal (by skeleton, or by consonants in the
        other script) to two query tokens written as one."""
        found: set[int] = set()
        for form in joined.forms:  # an equal spelling (score.joined_similarity: 1.0)
            self._forms.aliases_near(form, 1.0, found)
        for key in joined.skeletons:
            self._skeletons.aliases_near(key, 1.0, found)
        if joined.joined_consonants is not None:  # the other script's tokens
            other_script = self._consonants[not joined.is_arabic]
            for key in _long_consonant_keys(joined):
                found.update(other_script.get(key, ()))
        return frozenset(found)

    def _near_token_uncached(self, token: NameToken) -> set[int]:
        found: set[int] = set()
        # Arabic script against Latin spellings, and the other way round, by consonants.
        other_script = self._consonants[not token.is_arabic]
        for key in token.consonant_keys:
            found.update(other_script.get(key, ()))
        found |= self._split_cached(token)  # the query token written split in an alias
        for form in token.forms - token.spellings:  # equal forms: exact look-ups
            self._forms.aliases_near(form, 1.0, found)
        for key in token.skeletons - token.own_skeletons:
            self._skeletons.aliases_near(key, 1.0, found)
        for spelling in token.spellings:  # fuzzy similarity uses own spellings only
            self._forms.aliases_near(spelling, MIN_ALIGNED_SIMILARITY - _EPSILON, found)
        skeleton_cutoff = MIN_ALIGNED_SIMILARITY / SKELETON_FACTOR - _EPSILON
        for key in token.own_skeletons:
            self._skeletons.aliases_near(key, skeleton_cutoff, found)
        return found

    def search(
        self,
        query: NameForm,
        *,
        threshold: float,
        limit: int | None = None,
        retrieval: Retrieval = "candidates",
        memo: dict[NameToken, set[int]] | None = None,
    ) -> list[AliasHit]:
        """The best alias of each entity scoring at least ``threshold``, best first.

        Ties are ordered by entity id, so results are the same on every run and machine. A
        query without a name token (only initials, particles or legal forms, such as ``D.``
        or ``LLC``) matches nothing: such tokens are no evidence of who is meant.
        """
        if retrieval not in ("exhaustive", "candidates"):
            raise InvalidInputError(
                f"retrieval must be 'candidates' or 'exhaustive', got {retrieval!r}"
            )
        best: dict[int, AliasHit] = {}
        for reading in readings(query):
            if not reading.distinctive_tokens:
                continue
            if retrieval == "exhaustive":
                scored: Iterable[tuple[int, bool]] = ((a, True) for a in range(len(self.aliases)))
            else:
                scored = self._worth_scoring(reading, threshold, memo)
            for alias, joins in scored:
                entity_index, name_index, form = self.aliases[alias]
                alignment = align_names(reading, form, joins=joins)
                if alignment.score < threshold or alignment.score <= 0.0:
                    continue
                current = best.get(entity_index)
                if current is None or _better(alignment, name_index, current, self.entities):
                    best[entity_index] = AliasHit(entity_index, name_index, alignment)
        hits = sorted(best.values(), key=lambda h: (-h.score, self.entities[h.entity_index].id))
        return hits[:limit] if limit is not None else hits

    def _worth_scoring(
        self, query: NameForm, threshold: float, memo: dict[NameToken, set[int]] | None
    ) -> Iterator[tuple[int, bool]]:
        """The candidate aliases whose score can reach ``threshold``, each with whether two
        tokens written as one may align in it.

        An alias some of whose query tokens found nothing in it cannot score more than
        :meth:`_QueryProfile.ceiling` says, from how many tokens of each role each side has: those
        below the threshold are not scored at all (most candidates share one common token,
        such as Mohammed, and nothing else with the query).
        """
        hits = self._token_hits(query, memo)
        profile = _QueryProfile(query)
        pool = self._pool(hits, profile, threshold)
        is_patronymic = [token.role is TokenRole.PATRONYMIC for token in hits.tokens]
        # A query initial pairs only with an alias token that starts with its letter.
        initial_letters = [
            self._letters.get(token.initial[0], frozenset())
            for token in query.tokens
            if token.role is TokenRole.INITIAL
        ]
        ceilings: dict[tuple[int, int, int, int, int, bool, int, int, int], bool] = {}
        # Only the names that did not find an alias may pair in it two edits away.
        two_edit_sets = [
            (having, nearer)
            for having, nearer in zip(hits.two_edits, hits.per_token, strict=True)
            if having
        ]
        shapes = self._shapes
        titles = self._titles
        honorifics = self._honorifics
        legal_words = self._legal_words if profile.legal_misspellers else None
        legal_misspellers = self._legal_misspellers if profile.legal_words else None
        with_compounds = self._with_compounds
        joined = hits.joined
        runs = hits.runs
        for alias in pool:  # the order is irrelevant: ties are broken by entity and name
            names_hit = patronymics_hit = 0
            for patronymic, having in zip(is_patronymic, hits.per_token, strict=True):
                if alias in having:
                    if patronymic:
                        patronymics_hit += 1
                    else:
                        names_hit += 1
            joins = alias in joined
            span = (MAX_RUN_TOKENS if alias in runs else 2) if joins else 1
            usable = sum(alias in having for having in initial_letters)
            compounds = alias in with_compounds
            two_edit_names = sum(
                alias in having and alias not in nearer for having, nearer in two_edit_sets
            )
            key = (
                names_hit,
                patronymics_hit,
                shapes[alias],
                span,
                usable,
                compounds,
                titles[alias]
                + profile.honorifics
                + (min(legal_words[alias], profile.legal_misspellers) if legal_words else 0),
                profile.titles
                + honorifics[alias]
                + (min(legal_misspellers[alias], profile.legal_words) if legal_misspellers else 0),
                two_edit_names,
            )
            worth = ceilings.get(key)
            if worth is None:
                worth = ceilings[key] = _remembered_ceiling(profile, key) >= threshold - _EPSILON
            if worth:
                yield alias, joins

    def _pool(self, hits: _TokenHits, profile: _QueryProfile, threshold: float) -> set[int]:
        """The candidates worth a ceiling: all of them, or, when an alias with no initials,
        no joined tokens and no hyphenated names needs two or more of the query's tokens to
        reach ``threshold``, only those found by two tokens, those with initials, those with
        joined tokens, those with dropped titles (a query name may misspell one), those with
        legal-form words where a query name may misspell one and those with names that may
        misspell one where the query has legal-form words, those found
        by one token where another may pair two edits away and (for a query with initials)
        those with hyphenated names (set operations, so that a common token's thousands of
        aliases are never looped over)."""
        sets = hits.per_token
        if profile.plain_ceiling(1) >= threshold - _EPSILON:
            return set().union(*sets)
        pool: set[int] = set()
        for having in sets:  # never the union itself: common tokens have thousands
            pool |= having & hits.joined
            pool |= having & self._with_initials
            pool |= having & self._with_titles
            if profile.legal_misspellers:
                pool |= having & self._with_legal_words
            if profile.legal_words:
                pool |= having & self._with_legal_misspellers
            if profile.initials:
                pool |= having & self._with_compounds
        for first in range(len(sets)):
            for second in range(first + 1, len(sets)):
                pool |= sets[first] & sets[second]
        for first, having in enumerate(sets):
            for second, two_edits in enumerate(hits.two_edits):
                if first != second and two_edits:
                    pool |= having & two_edits
        return pool


#: Consonant keys of Arabic-script joined pairs share the joined-pairs table with
#: skeletons (which are plain letters) under this tag, and those of Latin pairs of a
#: compound name under the second.
_CONSONANT_TAG = "#consonants:"
_LATIN_CONSONANT_TAG = "#latin-consonants:"


def _long_consonant_keys(token: NameToken) -> list[str]:
    """The consonant keys a joined pair may align on (``score.joined_similarity``)."""
    return [key for key in token.consonant_keys if len(key) >= MIN_CONSONANTS]


def _joined_keys(joined: NameToken) -> list[str]:
    """The keys of an alias's joined pair in the joined-pairs table: its skeletons and, for an
    Arabic-script pair, its tagged consonant keys."""
    if joined.joined_consonants is None:  # a pair of Latin (or Cyrillic...) tokens
        return list(joined.skeletons)
    tag = _CONSONANT_TAG if joined.is_arabic else _LATIN_CONSONANT_TAG
    return [*joined.skeletons, *(tag + key for key in _long_consonant_keys(joined))]


def _better(
    alignment: Alignment, name_index: int, current: AliasHit, entities: Sequence[Entity]
) -> bool:
    """Prefer the higher score, then the list's primary name, then the earlier name."""
    if alignment.score != current.score:
        return alignment.score > current.score
    names = entities[current.entity_index].names
    rank_new = (names[name_index].kind is not NameKind.PRIMARY, name_index)
    rank_old = (names[current.name_index].kind is not NameKind.PRIMARY, current.name_index)
    return rank_new < rank_old


@dataclass(frozen=True, slots=True)
class _TokenHits:
    """What retrieval found for each distinctive query token, and where joins may align."""

    tokens: tuple[NameToken, ...]
    per_token: list[set[int]]
    joined: set[int]
    #: For each token, the aliases where it may pair two edits away (empty for all but names,
    #: and for a query of one token).
    two_edits: list[frozenset[int]]
    #: The aliases where a word may be several of the other side's run together.
    runs: set[int]


_SHAPE_LIMIT = 40  # more tokens of a role than MAX_NAME_TOKENS allows, per field


def _initial_letters(form: NameForm) -> set[str]:
    """The letters a query initial may pair on: those its distinctive tokens' spellings
    start with, and its own initials' (see ``score._initial_similarity``)."""
    letters: set[str] = set()
    for token in form.tokens:
        if token.role.is_distinctive or token.role is TokenRole.PARTICLE:
            letters.update(spelling[0] for spelling in token.forms if spelling)
        elif token.role is TokenRole.INITIAL:
            letters.add(token.initial[0])
    return letters


def _shape_of(form: NameForm) -> int:
    """How many names, patronymics and initials a name has, packed in one small integer."""
    counts = Counter(token.role for token in form.tokens)
    return (
        counts[TokenRole.NAME]
        + _SHAPE_LIMIT * counts[TokenRole.PATRONYMIC]
        + _SHAPE_LIMIT * _SHAPE_LIMIT * counts[TokenRole.INITIAL]
    )


class _QueryProfile:
    """The counts of a query's tokens by role, for :meth:`ceiling`. Profiles with equal
    counts are equal (and hash alike), so ceilings are remembered across queries
    (:func:`_remembered_ceiling`): most queries have one of a few dozen profiles."""

    __slots__ = (
        "_signature",
        "compounds",
        "honorifics",
        "initials",
        "legal_misspellers",
        "legal_words",
        "minor_weight",
        "names",
        "patronymics",
        "titles",
    )

    def __init__(self, query: NameForm) -> None:
        roles = Counter(token.role for token in query.tokens)
        self.compounds = bool(query.compounds)
        self.names = roles[TokenRole.NAME]
        self.patronymics = roles[TokenRole.PATRONYMIC]
        self.initials = roles[TokenRole.INITIAL]
        self.titles = misspellable_titles(query)
        self.honorifics = honorific_names(query)
        self.legal_words = len(query.legal_words)
        self.legal_misspellers = legal_misspellers(query)
        # The most the query's particles and legal forms can add to paired weight (a
        # particle paired with an alias's initial weighs more than with a particle).
        self.minor_weight = _PARTICLE_INITIAL_PAIR * roles[TokenRole.PARTICLE] + (
            TokenRole.LEGAL_FORM.weight * roles[TokenRole.LEGAL_FORM]
        )
        self._signature = (
            self.compounds,
            self.names,
            self.patronymics,
            self.initials,
            self.titles,
            self.honorifics,
            self.legal_words,
            self.legal_misspellers,
            self.minor_weight,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _QueryProfile) and self._signature == other._signature

    def __hash__(self) -> int:
        return hash(self._signature)

    def plain_ceiling(self, hit: int) -> float:
        """The highest score an alias with no initials and no joined tokens can get when
        ``hit`` of the query's names and patronymics found it (its best shape is the tokens
        that were found and nothing else)."""
        best = 0.0
        for patronymics_hit in range(min(hit, self.patronymics) + 1):
            names_hit = hit - patronymics_hit
            if names_hit <= self.names:
                shape = names_hit + _SHAPE_LIMIT * patronymics_hit
                ceiling = self.ceiling(
                    names_hit,
                    patronymics_hit,
                    shape,
                    1,
                    self.initials,
                    False,
                    self.honorifics,
                    self.titles + self.legal_words,
                )
                best = max(best, ceiling)
        return best

    def ceiling(
        self,
        names_hit: int,
        patronymics_hit: int,
        shape: int,
        span: int,
        initials: int,
        alias_compounds: bool,
        query_excused: int,
        alias_excused: int,
        two_edit_names: int = 0,
    ) -> float:
        """The highest score an alias of ``shape`` can get when ``names_hit`` of the query's
        names and ``patronymics_hit`` of its patronymics found it; each of those may pair
        with ``span`` of the alias's tokens written as one (1, 2 where joined pairs may align,
        ``MAX_RUN_TOKENS`` where words run together may); ``initials`` of the
        query's initials have a letter some alias token starts with; ``two_edit_names`` of
        the other names may pair two edits away, at most at ``_TWO_EDIT_MOST``.

        A query token that found nothing in the alias can only pair with one of its initials
        (at ``INITIAL_SIMILARITY``) or stay unpaired; the alias's names and patronymics beyond
        what the query's hits and initials can pair stay unpaired. With the paired weight W
        at most what the query's tokens can pair, and L the least the unpaired tokens and the
        initial pairs take off, the score is at most W / (W + L); each way of choosing which
        tokens pair is tried and the highest ceiling kept.

        Where a side has hyphenated names and the other side's initials may pair with it
        (``alias_compounds`` and query initials; query compounds and alias initials), each of
        its unpaired names and patronymics is taken to be a part of one, at
        ``COMPOUND_PART_COST`` and in conflict with nothing: the least it can cost. Likewise
        as many unpaired names of a side as can be excused (``query_excused`` of the query's,
        ``alias_excused`` of the alias's: the other side's dropped titles, its legal-form words
        where this side has names that may misspell one, and this side's own honorific names)
        are taken to be excused, at ``MISSPELT_TITLE_COST``, ``MISSPELT_LEGAL_FORM_COST`` or
        ``HONORIFIC_NAME_COST``.
        """
        best = 0.0
        for two_edit_pairs in range(min(two_edit_names, self.names - names_hit) + 1):
            best = max(
                best,
                self._ceiling(
                    names_hit,
                    patronymics_hit,
                    shape,
                    span,
                    initials,
                    alias_compounds,
                    query_excused,
                    alias_excused,
                    two_edit_pairs,
                ),
            )
        return best

    def _ceiling(
        self,
        names_hit: int,
        patronymics_hit: int,
        shape: int,
        span: int,
        initials: int,
        alias_compounds: bool,
        query_excused: int,
        alias_excused: int,
        two_edit_pairs: int,
    ) -> float:
        """:meth:`ceiling` with ``two_edit_pairs`` of the query's names paired two edits
        away."""
        alias_names = shape % _SHAPE_LIMIT
        alias_patronymics = (shape // _SHAPE_LIMIT) % _SHAPE_LIMIT
        alias_initials = shape // (_SHAPE_LIMIT * _SHAPE_LIMIT)
        names_left = self.names - names_hit - two_edit_pairs
        patronymics_left = self.patronymics - patronymics_hit
        paired_alias = (names_hit + patronymics_hit) * span + initials + two_edit_pairs
        extra_weight = self.minor_weight + initials * _NAME_INITIAL_PAIR
        hit_weight = (
            names_hit * _NAME_PAIR
            + patronymics_hit * _PATRONYMIC_PAIR
            + two_edit_pairs * _NAME_PAIR
        )
        two_edit_loss = two_edit_pairs * _NAME_PAIR * (1 - _TWO_EDIT_MOST)
        best = 0.0
        for alias_names_first in (True, False):
            if alias_names_first:
                used_names = min(alias_names, paired_alias)
                used_patronymics = min(alias_patronymics, paired_alias - used_names)
            else:
                used_patronymics = min(alias_patronymics, paired_alias)
                used_names = min(alias_names, paired_alias - used_patronymics)
            alias_names_left = alias_names - used_names
            alias_patronymics_left = alias_patronymics - used_patronymics
            for query_names_first in (True, False):
                if query_names_first:
                    names_to_initial = min(names_left, alias_initials)
                    patronymics_to_initial = min(
                        patronymics_left, alias_initials - names_to_initial
                    )
                else:
                    patronymics_to_initial = min(patronymics_left, alias_initials)
                    names_to_initial = min(names_left, alias_initials - patronymics_to_initial)
                query_names = names_left - names_to_initial
                query_patronymics = patronymics_left - patronymics_to_initial
                alias_covered = alias_compounds and initials > 0
                query_covered = self.compounds and names_to_initial + patronymics_to_initial > 0
                alias_plain_patronymics = 0 if alias_covered else alias_patronymics_left
                # Names that may misspell a title the other side dropped cost little and
                # conflict with nothing.
                query_misspelt = min(query_names, query_excused)
                alias_misspelt = min(alias_names_left, alias_excused)
                query_names -= query_misspelt
                alias_names_rest = alias_names_left - alias_misspelt
                alias_plain_names = 0 if alias_covered else alias_names_rest
                query_plain_names = 0 if query_covered else query_names
                query_plain_patronymics = 0 if query_covered else query_patronymics
                weight = (
                    hit_weight
                    + extra_weight
                    + names_to_initial * _NAME_INITIAL_PAIR
                    + patronymics_to_initial * _PATRONYMIC_INITIAL_PAIR
                )
                loss = (
                    two_edit_loss
                    + names_to_initial * _NAME_INITIAL_PAIR * (1 - INITIAL_SIMILARITY)
                    + patronymics_to_initial * _PATRONYMIC_INITIAL_PAIR * (1 - INITIAL_SIMILARITY)
                    + _unpaired_loss(
                        query_names,
                        query_patronymics,
                        alias_plain_names,
                        alias_plain_patronymics,
                        query_covered,
                    )
                    + (query_misspelt + alias_misspelt) * _EXCUSED_COST
                    + _unpaired_loss(
                        alias_names_rest,
                        alias_patronymics_left,
                        query_plain_names,
                        query_plain_patronymics,
                        alias_covered,
                    )
                )
                if weight > 0:
                    best = max(best, weight / (weight + loss))
        return best


@lru_cache(maxsize=1 << 16)
def _remembered_ceiling(
    profile: _QueryProfile, key: tuple[int, int, int, int, int, bool, int, int, int]
) -> float:
    """:meth:`_QueryProfile.ceiling` for an alias's counts, remembered across queries."""
    return profile.ceiling(*key)


_NAME_PAIR = TokenRole.NAME.weight
#: The most a pair of names two edits apart can score (7 letters: 1 - 2/7, less the penalty).
_TWO_EDIT_MOST = 1.0 - 2.0 / TWO_EDIT_LENGTHS[-1] - TWO_EDIT_PENALTY
#: The least an excused unpaired name costs (a compound part, a misspelt title, an honorific).
_EXCUSED_COST = min(
    MISSPELT_TITLE_COST, MISSPELT_LEGAL_FORM_COST, COMPOUND_PART_COST, HONORIFIC_NAME_COST
)
_PATRONYMIC_PAIR = (TokenRole.PATRONYMIC.weight + TokenRole.NAME.weight) / 2
_NAME_INITIAL_PAIR = (TokenRole.NAME.weight + TokenRole.INITIAL.weight) / 2
_PATRONYMIC_INITIAL_PAIR = (TokenRole.PATRONYMIC.weight + TokenRole.INITIAL.weight) / 2
_PARTICLE_INITIAL_PAIR = max(
    TokenRole.PARTICLE.weight, (TokenRole.PARTICLE.weight + TokenRole.INITIAL.weight) / 2
)


def _unpaired_loss(
    names: int, patronymics: int, other_names: int, other_patronymics: int, covered: bool
) -> float:
    """The least one side's unpaired names and patronymics cost, given the other side's
    unpaired ones that are not parts of an initialled hyphenated name."""
    if covered:
        return (names + patronymics) * COMPOUND_PART_COST
    return names * _name_cost(other_names) + patronymics * _patronymic_cost(other_patronymics)


def _name_cost(other_side_unpaired: int) -> float:
    """What an unpaired name costs (see ``score._unpaired_costs``): a conflict when the other
    side has an unpaired name too, else an omission."""
    return 1.0 if other_side_unpaired else EXTRA_NAME_COST


def _patronymic_cost(other_side_unpaired: int) -> float:
    return 1.0 if other_side_unpaired else TokenRole.PATRONYMIC.missing_cost
