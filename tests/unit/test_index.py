"""The index: every alias indexed once, best alias per entity, deterministic order."""

from __future__ import annotations

import pytest

from sanctionmatch import Entity
from sanctionmatch.index import NameIndex
from sanctionmatch.normalize import normalize_name


def person(entity_id: str, *names: str) -> Entity:
    return Entity.model_validate(
        {
            "id": entity_id,
            "schema": "Person",
            "names": [{"full": n} for n in names],
            "listings": [{"source": "other"}],
        }
    )


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex(
        [
            person(
                "other:2", "Dmitry Sergeyevich PESKOV", "Дмитрий Сергеевич Песков", "Dmitrij Peskov"
            ),
            person("other:1", "Elizaveta Dmitrievna PESKOVA"),
            person("other:3", "Nikolay Petrovich TOKAREV"),
        ]
    )


def test_every_alias_is_indexed(index: NameIndex) -> None:
    assert index.alias_count == 5
    assert [e.id for e in index.entities] == ["other:1", "other:2", "other:3"]


def test_one_hit_per_entity_with_its_best_alias(index: NameIndex) -> None:
    hits = index.search(normalize_name("Дмитрий Песков"), threshold=0.75)
    assert len(hits) == 1
    entity = index.entities[hits[0].entity_index]
    # "Dmitrij Peskov" is one romanisation of the query with no patronymic left unpaired.
    assert entity.names[hits[0].name_index].full == "Dmitrij Peskov"
    assert hits[0].score == 1.0


def test_candidates_narrow_the_search(index: NameIndex) -> None:
    candidates = index.candidate_aliases(normalize_name("Tokarev"))
    assert {index.entities[index.aliases[a][0]].id for a in candidates} == {"other:3"}


def test_unknown_retrieval_mode_is_refused(index: NameIndex) -> None:
    with pytest.raises(ValueError, match="retrieval must be"):
        index.search(normalize_name("Peskov"), threshold=0.8, retrieval="fast")  # type: ignore[arg-type]


def test_duplicate_entity_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="two entities have the id 'other:1'"):
        NameIndex([person("other:1", "A B"), person("other:1", "C D")])


def test_a_name_written_joined_is_retrieved_like_exhaustive_search() -> None:
    index = NameIndex([person("other:9", "Abdul Rahman AL-ZAHRANI"), person("other:8", "Li Wei")])
    query = normalize_name("Abdulrahman Alzahrani")
    fast = index.search(query, threshold=0.8)
    assert [index.entities[h.entity_index].id for h in fast] == ["other:9"]
    assert [(h.entity_index, h.score) for h in fast] == [
        (h.entity_index, h.score)
        for h in index.search(query, threshold=0.8, retrieval="exhaustive")
    ]


def test_a_name_two_edits_away_is_retrieved_like_exhaustive_search() -> None:
    """SALRENM finds SALEM only through the two-edit keys; Amr alone cannot carry the score
    (Amr SALIM is three edits away, and Amr alone is half the name)."""
    index = NameIndex(
        [
            person("other:7", "Amr SALEM"),
            person("other:6", "Amr SALIM"),
            person("other:5", "Amr Ahmed MOUSSA"),
        ]
    )
    query = normalize_name("Amr SALRENM")
    fast = index.search(query, threshold=0.8)
    assert [index.entities[h.entity_index].id for h in fast] == ["other:7"]
    assert [(h.entity_index, h.score) for h in fast] == [
        (h.entity_index, h.score)
        for h in index.search(query, threshold=0.8, retrieval="exhaustive")
    ]


@pytest.mark.parametrize(
    ("listed", "query"),
    [
        ("Khalid AL-BARNAWI", "Klid AL-BARNAWI"),  # the query's name has two letters left out
        ("Fuad SHONGOLE", "Fuxafd SHONGOLE"),  # the listed name has
    ],
)
def test_a_name_with_two_letters_left_out_is_retrieved_like_exhaustive_search(
    listed: str, query: str
) -> None:
    """A four-letter name is found from the six-letter one it is left of, either way round;
    Khalil, two edits from Khalid but not holding Klid, is not."""
    index = NameIndex(
        [
            person("other:7", listed),
            person("other:6", "Khalil AL-BARNAWI"),
            person("other:5", "Fuad Ahmed MOUSSA"),
        ]
    )
    form = normalize_name(query)
    fast = index.search(form, threshold=0.8)
    assert [index.entities[h.entity_index].id for h in fast] == ["other:7"]
    assert [(h.entity_index, h.score) for h in fast] == [
        (h.entity_index, h.score) for h in index.search(form, threshold=0.8, retrieval="exhaustive")
    ]


@pytest.mark.parametrize(
    ("query", "threshold"),
    [
        ("Ali HASHEMI", 0.9),  # the alias's honorific unpaired: 2 / 2.1, not 2 / 2.4
        ("Seyed Reza KARIMI", 0.9),  # the query's own honorific unpaired
    ],
)
def test_an_omitted_honorific_name_is_retrieved_like_exhaustive_search(
    query: str, threshold: float
) -> None:
    """The ceilings count an honorific name (Sayyid) as excused: without it, Ali HASHEMI's
    ceiling against Sayed Ali HASHEMI would be 0.833 and the alias lost at 0.9."""
    index = NameIndex(
        [
            person("other:4", "Sayed Ali HASHEMI"),
            person("other:3", "Reza KARIMI"),
            person("other:2", "Ali Reza HASHEMI"),
        ]
    )
    form = normalize_name(query)
    fast = index.search(form, threshold=threshold)
    slow = index.search(form, threshold=threshold, retrieval="exhaustive")
    assert fast and [(h.entity_index, h.score) for h in fast] == [
        (h.entity_index, h.score) for h in slow
    ]
