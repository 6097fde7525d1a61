"""Typed data of sanctionmatch: list entities in, screening results out.

These pydantic models are the boundary of the library. Lists are read into :class:`Entity`
objects (from the official formats or from our native JSON, :class:`ListFile`); screening
returns :class:`ScreeningResult` and :class:`TextScreeningResult`, which serialise to JSON and
carry the provenance an auditor needs: which lists (file, SHA-256, publication date, entity
count), which index (fingerprint), which threshold and which library version produced them.

The hot path never builds a model per alias: the index keeps plain tuples and only the
matches that are returned become models.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from .errors import InvalidInputError

__all__ = [
    "PARTIAL_DATE_PATTERN",
    "BirthDate",
    "Entity",
    "EntitySchema",
    "Evidence",
    "Explanation",
    "IndexInfo",
    "ListFile",
    "ListInfo",
    "ListProvenance",
    "ListSource",
    "Listing",
    "Match",
    "Mention",
    "Name",
    "NameComparison",
    "NameKind",
    "QueryFacts",
    "ScreeningResult",
    "TextScreeningResult",
    "TokenAlignment",
    "UnmatchedToken",
]

#: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: lists often give only a year or a month.
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_ENTITY_ID = re.compile(r"^[a-z][a-z0-9_-]*:\S+$")


#: Text kept exactly as the caller gave it (the models otherwise strip surrounding
#: whitespace): a result must say what was screened, byte for byte.
VerbatimText = Annotated[str, StringConstraints(strip_whitespace=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _WithSchemaField(_Strict):
    """Models with a ``schema`` field (held as ``schema_``: BaseModel has a ``schema`` method)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )


class ListSource(StrEnum):
    """The publisher of a sanctions list; an entity id starts with the value's prefix."""

    EU = "eu"
    OFAC_SDN = "ofac-sdn"
    OFAC_CONSOLIDATED = "ofac-cons"
    UN = "un"
    UK = "uk"
    OPENSANCTIONS = "opensanctions"
    OTHER = "other"

    @property
    def title(self) -> str:  # type: ignore[override]
        """A human-readable name of the list."""
        return _SOURCE_TITLES[self]


_SOURCE_TITLES = {
    ListSource.EU: "EU consolidated financial sanctions list",
    ListSource.OFAC_SDN: "OFAC Specially Designated Nationals (SDN) list",
    ListSource.OFAC_CONSOLIDATED: "OFAC consolidated non-SDN list",
    ListSource.UN: "UN Security Council consolidated list",
    ListSource.UK: "UK sanctions list (OFSI consolidated list)",
    ListSource.OPENSANCTIONS: "OpenSanctions FollowTheMoney data",
    ListSource.OTHER: "other list",
}


class EntitySchema(StrEnum):
    """What kind of thing is listed; scoring treats persons and organisations differently."""

    PERSON = "Person"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    AIRCRAFT = "Aircraft"

    @property
    def is_person(self) -> bool:
        """True for natural persons, whose names have given names, patronymics and surnames."""
        return self is EntitySchema.PERSON


class NameKind(StrEnum):
    """How the list qualifies a name."""

    PRIMARY = "primary"
    ALIAS = "alias"
    WEAK_ALIAS = "weak-alias"
    FORMER = "former"


class Name(_Strict):
    """One name of an entity exactly as the list gives it.

    ``given``/``middle``/``family`` are kept when the list splits the name (EU, OFAC, UN do);
    ``language`` is the ISO 639-1 code where the list says which language a spelling is for.
    """

    full: Annotated[str, Field(min_length=1, max_length=1000)]
    kind: NameKind = NameKind.ALIAS
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] | None = None
    given: str | None = None
    middle: str | None = None
    family: str | None = None

    @field_validator("full")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        if not any(ch.isalnum() for ch in value):
            raise ValueError(f"a name needs at least one letter or digit, got {value!r}")
        return value


class Listing(_Strict):
    """An entity's entry on one list: under which programmes, since when, under which reference."""

    source: ListSource
    programmes: tuple[str, ...] = ()
    listed_on: date | None = None
    reference: str | None = None
    regulation: str | None = None


class BirthDate(_Strict):
    """A date of birth as precise as the list gives it (year, month or day), maybe approximate."""

    value: Annotated[str, Field(pattern=PARTIAL_DATE_PATTERN)]
    circa: bool = False

    @property
    def year(self) -> int:
        """The year of birth."""
        return int(self.value[:4])


class Entity(_WithSchemaField):
    """A listed person, organisation, vessel or aircraft with every name the list gives it.

    ``id`` is ``<source>:<native id>`` and stays the same across rebuilds of the same list file.
    The same person on two lists is two entities: their data is never merged.
    """

    id: Annotated[str, Field(min_length=3, max_length=200)]
    schema_: EntitySchema = Field(alias="schema")
    names: Annotated[tuple[Name, ...], Field(min_length=1)]
    listings: Annotated[tuple[Listing, ...], Field(min_length=1)]
    birth_dates: tuple[BirthDate, ...] = ()
    nationalities: tuple[Annotated[str, Field(pattern=r"^[a-z]{2}$")], ...] = ()
    gender: Literal["male", "female"] | None = None
    source_file: str | None = None
    notes: str | None = None

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ENTITY_ID.match(value):
            raise ValueError(f"an entity id is '<source>:<native id>', got {value!r}")
        return value

    @property
    def caption(self) -> str:
        """The name to show for the entity: its primary name, or its first name."""
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full

    @property
    def sources(self) -> tuple[ListSource, ...]:
        """The lists this entity is on."""
        return tuple(listing.source for listing in self.listings)

    @property
    def programmes(self) -> tuple[str, ...]:
        """Every sanctions programme of every listing, in list order, without repeats."""
        return tuple(dict.fromkeys(p for lst in self.listings for p in lst.programmes))


class ListInfo(_Strict):
    """What a native list file says about the list it holds."""

    source: ListSource
    title: str | None = None
    published: date | None = None
    extracted_from: str | None = None
    description: str | None = None


class ListFile(_Strict):
    """Our native list format: one list's metadata and its entities (see docs/native-format.md)."""

    format: Literal["sanctionmatch-list"]
    format_version: Literal[1]
    list: ListInfo
    entities: tuple[Entity, ...]

    @model_validator(mode="after")
    def _ids_unique_and_sourced(self) -> ListFile:
        seen: set[str] = set()
        for position, entity in enumerate(self.entities):
            if entity.id in seen:
                raise ValueError(f"entities[{position}].id: duplicate id {entity.id!r}")
            seen.add(entity.id)
        return self


class ListProvenance(_Strict):
    """One list behind an index: enough to tell an auditor exactly which file was screened."""

    source: ListSource
    title: str
    file: str
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    published: date | None = None
    entity_count: int
    alias_count: int


class IndexInfo(_Strict):
    """The index a result came from; ``fingerprint`` changes whenever any list content does."""

    fingerprint: str
    library_version: str
    lists: tuple[ListProvenance, ...]
    entity_count: int
    alias_count: int


class TokenAlignment(_Strict):
    """Two name tokens paired by the scorer and what the pair added to the score."""

    query_token: str
    candidate_token: str
    query_form: str
    candidate_form: str
    similarity: Annotated[float, Field(ge=0.0, le=1.0)]
    weight: float
    contribution: float
    rule: str


class UnmatchedToken(_Strict):
    """A token left without a partner and the weight it cost."""

    side: Literal["query", "candidate"]
    token: str
    role: str
    weight: float


class Explanation(_Strict):
    """Why a pair of names scored what it did, as data a reviewer can read back."""

    query_tokens: tuple[str, ...]
    candidate_tokens: tuple[str, ...]
    alignments: tuple[TokenAlignment, ...]
    unmatched: tuple[UnmatchedToken, ...]
    rules: tuple[str, ...]
    total_weight: float


class NameComparison(_Strict):
    """The result of :func:`sanctionmatch.compare_names`."""

    left: VerbatimText
    right: VerbatimText
    score: Annotated[float, Field(ge=0.0, le=1.0)]
    explanation: Explanation


class QueryFacts(_WithSchemaField):
    """What the caller knows about the screened party besides its name (all optional)."""

    birth_date: Annotated[str, Field(pattern=PARTIAL_DATE_PATTERN)] | None = None
    nationality: Annotated[str, Field(pattern=r"^[a-z]{2}$")] | None = None
    schema_: EntitySchema | None = Field(default=None, alias="schema")


class Evidence(_Strict):
    """A fact besides the name that raised or lowered a match's score, and by how much."""

    kind: Literal["birth-date", "nationality", "schema"]
    outcome: Literal["match", "mismatch", "unknown"]
    adjustment: float
    detail: str


class Match(_Strict):
    """A listed entity whose name scored at or above the threshold.

    ``name_score`` is the score of the names alone; ``score`` adds the ``evidence`` of the
    facts the caller gave (birth date, nationality, schema), if any.
    """

    entity: Entity
    score: Annotated[float, Field(ge=0.0, le=1.0)]
    name_score: Annotated[float, Field(ge=0.0, le=1.0)]
    matched_name: str
    matched_name_kind: NameKind
    explanation: Explanation
    evidence: tuple[Evidence, ...] = ()

    @property
    def sources(self) -> tuple[ListSource, ...]:
        """The lists of the matched entity."""
        return self.entity.sources


def screening_time() -> datetime:
    """When a result was made: now, in UTC, to the second; or the time the environment
    variable ``SOURCE_DATE_EPOCH`` gives (seconds since 1970), the reproducible-builds
    convention, so that a replay or a test can pin it and get byte-identical JSON."""
    pinned = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if pinned:
        try:
            return datetime.fromtimestamp(int(pinned), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise InvalidInputError(
                f"SOURCE_DATE_EPOCH must be whole seconds since 1970, got {pinned!r}"
            ) from None
    return datetime.now(UTC).replace(microsecond=0)


class ScreeningResult(_Strict):
    """Matches for one name, best first, with the settings and index that produced them.

    ``set_aside`` holds the matches whose names reached the threshold but which the given
    facts (a different birth date, nationality or schema) took below it: never hidden, only
    set apart, so a reviewer sees what the facts ruled out. ``threshold``, ``limit``,
    ``retrieval`` and ``facts`` are the options the screening ran with; ``screened_at``
    when it ran (see :func:`screening_time`).
    """

    query: VerbatimText
    threshold: float
    limit: int
    retrieval: Literal["candidates", "exhaustive"] = "candidates"
    facts: QueryFacts | None = None
    matches: tuple[Match, ...]
    set_aside: tuple[Match, ...] = ()
    index: IndexInfo
    screened_at: datetime = Field(default_factory=screening_time)

    @property
    def is_hit(self) -> bool:
        """True when at least one listed entity matched."""
        return bool(self.matches)


class Mention(_Strict):
    """A span of a text that names a listed entity; ``text == source[start:end]``."""

    start: int
    end: int
    text: VerbatimText
    matches: Annotated[tuple[Match, ...], Field(min_length=1)]


class TextScreeningResult(_Strict):
    """The mentions of listed entities found in a text, in text order, with the options the
    screening ran with and when (see :func:`screening_time`)."""

    text_length: int
    threshold: float
    limit: int
    mentions: tuple[Mention, ...]
    index: IndexInfo
    screened_at: datetime = Field(default_factory=screening_time)

    @property
    def is_hit(self) -> bool:
        """True when the text mentions at least one listed entity."""
        return bool(self.mentions)
