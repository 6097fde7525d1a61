"""The Screener: the pipeline behind one object, from list files to typed results.

>>> screener = Screener.default()
>>> result = screener.screen("Dmitriy Peskov")
>>> result.matches[0].entity.caption
'Dmitry Sergeyevich PESKOV'
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from pydantic import ValidationError

from ._version import __version__
from .collection import frozen_for_fork
from .errors import InvalidInputError
from .evidence import MAX_BONUS, weigh_facts
from .index import NORMALIZATION_VERSION, AliasHit, NameIndex, Retrieval
from .limits import MAX_TEXT_LENGTH, check_text_argument
from .models import (
    Entity,
    EntitySchema,
    IndexInfo,
    ListProvenance,
    ListSource,
    Match,
    Mention,
    QueryFacts,
    ScreeningResult,
    TextScreeningResult,
)
from .normalize import NameForm, normalize_name
from .persist import read_index, write_index
from .score import MIN_ALIGNED_SIMILARITY, explain_alignment
from .sources import LoadedList, load_default, load_many

__all__ = ["DEFAULT_LIMIT", "DEFAULT_THRESHOLD", "Screener"]

#: The score at and above which a name is reported as a match (see docs/scoring.md).
DEFAULT_THRESHOLD = 0.8
#: How many matches a name returns at most, by default.
DEFAULT_LIMIT = 10
#: How many queries' normalised forms are remembered (least recently used go first).
QUERY_CACHE_SIZE = 65536


def _check_threshold(threshold: float) -> float:
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise InvalidInputError(f"threshold must be a number, got {type(threshold).__name__}")
    if not MIN_ALIGNED_SIMILARITY <= threshold <= 1.0:
        raise InvalidInputError(
            f"threshold must be between {MIN_ALIGNED_SIMILARITY} and 1.0, got {threshold!r}"
        )
    return float(threshold)


def _check_limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidInputError(f"limit must be a whole number of at least 1, got {limit!r}")
    return limit


def _check_facts(
    birth_date: str | None, nationality: str | None, schema: EntitySchema | str | None
) -> QueryFacts | None:
    if birth_date is None and nationality is None and schema is None:
        return None
    try:
        return QueryFacts.model_validate(
            {
                "birth_date": birth_date,
                "nationality": nationality.lower() if isinstance(nationality, str) else nationality,
                "schema": schema,
            }
        )
    except ValidationError as error:
        first = error.errors()[0]
        raise InvalidInputError(
            f"{first['loc'][0]} {first['input']!r}: expected "
            + {
                "birth_date": "YYYY, YYYY-MM or YYYY-MM-DD",
                "nationality": "an ISO 3166-1 alpha-2 code such as 'ru'",
                "schema": "Person, Organization, Vessel or Aircraft",
            }[str(first["loc"][0])]
        ) from None


#: Batches smaller than this are screened in the calling process (forking costs more).
PARALLEL_MINIMUM = 2000
#: Names per task sent to a worker process.
PARALLEL_CHUNK = 1000
_WORKER_SCREENER: Screener | None = None


def _search_chunk(names: list[str], threshold: float, limit: int) -> list[list[AliasHit]]:
    """Search one batch in a forked worker, with the screener it inherited."""
    screener = _WORKER_SCREENER
    if screener is None:  # pragma: no cover - only if a worker was not forked from us
        raise RuntimeError("screen_many worker has no screener")
    index = screener.index
    return [index.search(_query_form(name), threshold=threshold, limit=limit) for name in names]


def _query_form(name: str) -> NameForm:
    """The query's normalised form: a typed error for a non-string (before the cache,
    which would fail to hash a list), else the remembered form."""
    if not isinstance(name, str):
        return normalize_name(name)  # raises InvalidInputError naming the type
    return _normalized_query(name)


@lru_cache(maxsize=QUERY_CACHE_SIZE)
def _normalized_query(name: str) -> NameForm:
    """A query's normalised form; remembered, since a ``NameForm`` is immutable and screening
    repeats names (batches of payments, the stretches of a text)."""
    return normalize_name(name)


def _match_order(match: Match) -> tuple[float, str]:
    return -match.score, match.entity.id


def _provenance_of_entities(entities: tuple[Entity, ...]) -> tuple[ListProvenance, ...]:
    """Provenance for entities given in memory: one entry per list source, hashed content."""
    by_source: dict[ListSource, list[Entity]] = {}
    for entity in entities:
        by_source.setdefault(entity.listings[0].source, []).append(entity)
    provenance = []
    for source in sorted(by_source, key=lambda s: s.value):
        members = sorted(by_source[source], key=lambda e: e.id)
        digest = hashlib.sha256()
        for entity in members:
            digest.update(entity.model_dump_json().encode() + b"\n")
        provenance.append(
            ListProvenance(
                source=source,
                title=source.title,
                file="<in memory>",
                sha256=digest.hexdigest(),
                entity_count=len(members),
                alias_count=sum(len(e.names) for e in members),
            )
        )
    return tuple(provenance)


class Screener:
    """Screens names and texts against an index of listed entities.

    Build one with :meth:`default` (the bundled lists), :meth:`from_files` or
    :meth:`from_entities`, then call :meth:`screen`, :meth:`screen_many` or
    :meth:`screen_text`. A Screener is immutable and safe to share between threads.
    """

    __slots__ = ("_info", "index")

    def __init__(self, index: NameIndex, lists: Iterable[ListProvenance]) -> None:
        self.index = index
        lists = tuple(lists)
        self._info = IndexInfo(
            fingerprint=index.fingerprint,
            library_version=__version__,
            lists=lists,
            entity_count=len(index.entities),
            alias_count=index.alias_count,
        )

    @classmethod
    def from_loaded(
        cls,
        loaded: Iterable[LoadedList],
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> Screener:
        """A screener over lists already read with :mod:`sanctionmatch.sources`.

        ``progress(done, total)`` is called as aliases are normalised (for progress bars).
        """
        loaded = list(loaded)
        entities = [entity for lst in loaded for entity in lst.entities]
        index = NameIndex(entities, progress=progress)
        return cls(index, [lst.provenance for lst in loaded])

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> Screener:
        """A screener over list files in any supported format (detected from content).

        OFAC ``alt.csv``/``add.csv`` given with their ``sdn.csv`` are joined to it.
        """
        paths = list(paths)
        if not paths:
            raise InvalidInputError("from_files needs at least one list file")
        return cls.from_loaded(load_many(paths))

    @classmethod
    def default(cls) -> Screener:
        """A screener over the bundled fixture lists (EU, OFAC SDN and UN extracts)."""
        return cls.from_loaded(load_default())

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> Screener:
        """A screener over any iterable of :class:`~sanctionmatch.models.Entity`.

        >>> from sanctionmatch.models import Entity
        >>> e = Entity.model_validate({"id": "other:1", "schema": "Person",
        ...     "names": [{"full": "Ivan Ivanov"}], "listings": [{"source": "other"}]})
        >>> Screener.from_entities([e]).screen("IVANOV, Ivan").matches[0].score
        1.0
        """
        entities = tuple(entities)
        for position, entity in enumerate(entities):
            if not isinstance(entity, Entity):
                raise InvalidInputError(
                    f"entities[{position}] must be an Entity, got {type(entity).__name__}"
                )
        return cls(NameIndex(entities), _provenance_of_entities(entities))

    def save(self, path: str | Path) -> None:
        """Write the index to ``path`` (atomically), for :meth:`load` to read back fast.

        The file is versioned and checksummed, holds no code (JSON, not pickle), and keeps the
        provenance of every list, so results from a loaded index say exactly what a fresh
        build would.
        """
        write_index(
            path,
            library_version=__version__,
            normalization_version=NORMALIZATION_VERSION,
            fingerprint=self.index.fingerprint,
            lists=self._info.lists,
            entities=self.index.entities,
            aliases=self.index.aliases,
            joined=self.index.joined_skeletons,
        )

    @classmethod
    def load(cls, path: str | Path) -> Screener:
        """A screener from an index file written by :meth:`save`.

        Raises :class:`~sanctionmatch.persist.IndexFileError` if the file is truncated,
        altered, of another format version, or not an index file at all.
        """
        loaded = read_index(path, normalization_version=NORMALIZATION_VERSION)
        index = NameIndex.from_normalized(
            loaded.entities, loaded.aliases, fingerprint=loaded.fingerprint, joined=loaded.joined
        )
        return cls(index, loaded.lists)

    @property
    def info(self) -> IndexInfo:
        """The lists and index fingerprint every result carries."""
        return self._info

    def _to_match(self, hit: AliasHit, facts: QueryFacts | None = None) -> Match:
        entity = self.index.entities[hit.entity_index]
        name = entity.names[hit.name_index]
        adjustment, evidence = weigh_facts(entity, facts) if facts else (0.0, ())
        return Match(
            entity=entity,
            score=round(min(1.0, max(0.0, hit.score + adjustment)), 6),
            name_score=round(hit.score, 6),
            matched_name=name.full,
            matched_name_kind=name.kind,
            explanation=explain_alignment(hit.alignment),
            evidence=evidence,
        )

    def _plain_result(
        self,
        name: str,
        threshold: float,
        limit: int,
        hits: list[AliasHit],
        retrieval: Retrieval = "candidates",
    ) -> ScreeningResult:
        matches = tuple(self._to_match(hit) for hit in hits)
        return ScreeningResult(
            query=name,
            threshold=threshold,
            limit=limit,
            retrieval=retrieval,
            matches=matches,
            index=self._info,
        )

    def screen(
        self,
        name: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        retrieval: Retrieval = "candidates",
        birth_date: str | None = None,
        nationality: str | None = None,
        schema: EntitySchema | str | None = None,
    ) -> ScreeningResult:
        """The listed entities whose names match ``name``, best first.

        ``birth_date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``nationality`` (ISO 3166-1
        alpha-2) and ``schema`` (``Person``, ``Organization``...) are optional facts about the
        screened party: each one the list also records moves a match's score (see
        :mod:`sanctionmatch.evidence`), and each match says so in ``evidence``. A match whose
        name reached the threshold but which the facts took below it is kept in
        ``set_aside``, never dropped silently.

        Raises :class:`~sanctionmatch.errors.EmptyNameError` (a ``ValueError``) for a name with
        no letter or digit and :class:`~sanctionmatch.errors.InputTooLongError` past the limit.

        >>> Screener.default().screen("Zelensky").matches
        ()
        >>> r = Screener.default().screen("Dmitry Peskov", birth_date="1967-10-17")
        >>> r.matches[0].score, r.matches[0].name_score, r.matches[0].evidence[0].outcome
        (0.959091, 0.909091, 'match')
        """
        threshold = _check_threshold(threshold)
        limit = _check_limit(limit)
        facts = _check_facts(birth_date, nationality, schema)
        query = _query_form(name)
        if facts is None:
            hits = self.index.search(query, threshold=threshold, limit=limit, retrieval=retrieval)
            return self._plain_result(name, threshold, limit, hits, retrieval)
        hits = self.index.search(query, threshold=threshold - MAX_BONUS, retrieval=retrieval)
        weighed = [self._to_match(hit, facts) for hit in hits]
        kept = sorted((m for m in weighed if m.score >= threshold), key=_match_order)
        set_aside = sorted(
            (m for m in weighed if m.score < threshold <= m.name_score), key=_match_order
        )
        return ScreeningResult(
            query=name,
            threshold=threshold,
            limit=limit,
            retrieval=retrieval,
            facts=facts,
            matches=tuple(kept[:limit]),
            set_aside=tuple(set_aside),
            index=self._info,
        )

    def screen_many(
        self,
        names: Iterable[str],
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
        jobs: int = 1,
    ) -> list[ScreeningResult]:
        """:meth:`screen` for each name, in input order.

        ``jobs`` greater than 1 screens batches in that many worker processes (``0`` means
        one per core); the results are the same as with one job, in the same order. Workers
        are forked, so they share this screener's index without copying or reloading it;
        where the platform cannot fork, or the batch is small, names are screened here.
        """
        if isinstance(names, str | bytes):
            raise InvalidInputError("names must be an iterable of names, not one string")
        try:
            names = list(names)
        except TypeError:
            raise InvalidInputError(
                f"names must be an iterable of names, got {type(names).__name__}"
            ) from None
        threshold = _check_threshold(threshold)
        limit = _check_limit(limit)
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 0:
            raise InvalidInputError(f"jobs must be 0 (one per core) or more, got {jobs!r}")
        workers = jobs or os.cpu_count() or 1
        can_fork = "fork" in multiprocessing.get_all_start_methods()
        if workers == 1 or not can_fork or len(names) < PARALLEL_MINIMUM:
            return [self.screen(name, threshold=threshold, limit=limit) for name in names]
        chunks = [names[k : k + PARALLEL_CHUNK] for k in range(0, len(names), PARALLEL_CHUNK)]
        global _WORKER_SCREENER  # the forked workers inherit it
        _WORKER_SCREENER = self
        results: list[ScreeningResult] = []
        try:
            context = multiprocessing.get_context("fork")
            with (
                frozen_for_fork(),
                ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool,
            ):
                # Workers send back only the hits (most names have none); the results, which
                # carry entities and provenance, are made here while the workers go on.
                batches = pool.map(_search_chunk, chunks, repeat(threshold), repeat(limit))
                for chunk, batch in zip(chunks, batches, strict=True):
                    results += [
                        self._plain_result(name, threshold, limit, hits)
                        for name, hits in zip(chunk, batch, strict=True)
                    ]
        finally:
            _WORKER_SCREENER = None
        return results

    def screen_text(
        self,
        text: str,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = DEFAULT_LIMIT,
    ) -> TextScreeningResult:
        """Find the mentions of listed persons and organisations in free text.

        An empty or blank text has no mentions (an empty result, not an error).

        >>> r = Screener.default().screen_text("Kremlin spokesman Dmitry Peskov said no.")
        >>> [(m.text, m.start, m.end) for m in r.mentions]
        [('Dmitry Peskov', 18, 31)]
        """
        from .text import find_mentions

        check_text_argument(text, what="a text", limit=MAX_TEXT_LENGTH)
        threshold = _check_threshold(threshold)
        limit = _check_limit(limit)
        mentions = [
            Mention(
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                matches=tuple(self._to_match(hit) for hit in hits),
            )
            for span, hits in find_mentions(text, self.index, threshold=threshold, limit=limit)
        ]
        return TextScreeningResult(
            text_length=len(text),
            threshold=threshold,
            limit=limit,
            mentions=tuple(mentions),
            index=self._info,
        )
