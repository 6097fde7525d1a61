"""Every variant class of sanctionmatch.variants, on real listed names: each variant must
score at or above the default threshold against the name it was made from.

The names come from the bundled fixture lists (``sanctionmatch/data/lists/*.json``, so the
test needs no ../shared/data): for each class, up to ten names per schema and script the
class applies to, taken one per entity and in turn from the EU, OFAC and UN fixtures. Pair
classes (the EU list's per-language romanisations, Cyrillic, Arabic-script and Han names
beside Latin ones) draw from the pairs the fixture entities hold.

Examples are derandomised, so a class passes or fails the same way on every run. Classes on
which the scorer does not reach the threshold yet are marked ``xfail`` (not strict) with the
recall the quality benchmark measured on the real lists (benchmarks/quality, docs/quality.md);
the generators are never weakened to make a test pass.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanctionmatch import compare_names
from sanctionmatch.models import Entity
from sanctionmatch.screen import DEFAULT_THRESHOLD
from sanctionmatch.sources import load_default
from sanctionmatch.strategies import list_variant_pairs, variants_of
from sanctionmatch.variants import (
    FAMILIES,
    VARIANT_CLASSES,
    cyrillic_language,
    script_of_text,
)

NAMES_PER_GROUP = 10

TARGET_RECALL = 0.98
# The classes below the recall target on the real lists, and those some of whose examples
# here score below the threshold, with the recall at the default threshold that
# benchmarks/quality/run.py measured on the real lists (docs/quality.md, commit 3e107a0
# of 2026-12-06). Update from benchmarks/results/quality.json as the scorer improves.
BELOW_TARGET: dict[str, float] = {
    "noise-typo-2": 0.907,
    "translit-arabic-script": 0.949,
    # meets the target on the lists; the fixture's Latvian 'pulkvedis Mutebutsi' has the
    # rank where the English name has the given name Jules
    "translit-eu-languages": 0.983,
}


def _entities() -> list[list[Entity]]:
    return [list(loaded.entities) for loaded in load_default()]


ENTITIES = _entities()


def _group(schema: str, name: str) -> tuple[str, str]:
    script = script_of_text(name)
    if script == "CYRILLIC":
        script = f"CYRILLIC-{cyrillic_language(name)}"
    return schema, script


def _names_for(class_name: str) -> list[str]:
    """Up to ten names per (schema, script) the class applies to, one per entity, the lists
    taken in turn."""
    variant_class = VARIANT_CLASSES[class_name]
    probe = random.Random(0)
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for entities in itertools.zip_longest(*ENTITIES):
        for entity in entities:
            if entity is None or entity.schema_.value not in variant_class.applies_to:
                continue
            for name in dict.fromkeys(n.full for n in entity.names):
                group = groups[_group(entity.schema_.value, name)]
                if len(group) >= NAMES_PER_GROUP or name in group:
                    continue
                if variant_class.generate(name, probe) is not None:
                    group.append(name)
                    break  # one name per entity in each group
    return [name for key in sorted(groups) for name in groups[key]]


def _pair_entities(class_name: str) -> list[Entity]:
    variant_class = VARIANT_CLASSES[class_name]
    return [e for entities in ENTITIES for e in entities if variant_class.pairs_of(e)]


TRANSFORM_CLASSES = [c.name for c in VARIANT_CLASSES.values() if not c.is_pair_class]
PAIR_CLASSES = [c.name for c in VARIANT_CLASSES.values() if c.is_pair_class]
NAMES = {c: _names_for(c) for c in TRANSFORM_CLASSES}
PAIR_ENTITIES = {c: _pair_entities(c) for c in PAIR_CLASSES}


def _param(class_name: str, available: bool) -> object:
    marks = []
    if not available:
        marks.append(pytest.mark.skip(reason=f"{class_name}: no fixture name it applies to"))
    elif class_name in BELOW_TARGET:
        recall = BELOW_TARGET[class_name]
        why = (
            "below target"
            if recall < TARGET_RECALL
            else "meets the target on the lists, but fixture examples fall below the threshold"
        )
        marks.append(
            pytest.mark.xfail(
                strict=False, reason=f"{class_name}: recall {recall:.3f} {why}; issue 5"
            )
        )
    return pytest.param(class_name, marks=marks, id=class_name)


def _explain(original: str, variant: str) -> tuple[float, str]:
    result = compare_names(original, variant)
    return result.score, ", ".join(result.explanation.rules)


EXAMPLES = settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.mark.parametrize("class_name", [_param(c, bool(NAMES[c])) for c in TRANSFORM_CLASSES])
@EXAMPLES
@given(data=st.data())
def test_transform_variants_score_at_least_the_threshold(
    class_name: str, data: st.DataObject
) -> None:
    original = data.draw(st.sampled_from(NAMES[class_name]), label="original")
    drawn_class, variant = data.draw(variants_of(original, classes=[class_name]), label="variant")
    assert drawn_class == class_name
    score, rules = _explain(original, variant)
    assert score >= DEFAULT_THRESHOLD, (
        f"{class_name}: {original!r} -> {variant!r} scored {score:.3f} < {DEFAULT_THRESHOLD} "
        f"(rules: {rules})"
    )


@pytest.mark.parametrize("class_name", [_param(c, bool(PAIR_ENTITIES[c])) for c in PAIR_CLASSES])
@EXAMPLES
@given(data=st.data())
def test_list_pairs_score_at_least_the_threshold(class_name: str, data: st.DataObject) -> None:
    entity = data.draw(st.sampled_from(PAIR_ENTITIES[class_name]), label="entity")
    drawn_class, reference, variant = data.draw(
        list_variant_pairs(entity, classes=[class_name]), label="pair"
    )
    assert drawn_class == class_name
    score, rules = _explain(reference, variant)
    assert score >= DEFAULT_THRESHOLD, (
        f"{class_name}: {reference!r} -> {variant!r} ({entity.id}) scored {score:.3f} < "
        f"{DEFAULT_THRESHOLD} (rules: {rules})"
    )


@pytest.mark.parametrize("class_name", TRANSFORM_CLASSES)
def test_generators_are_pure_and_seeded(class_name: str) -> None:
    """Same name and seed, same variant; whether a class applies never depends on the seed;
    the input is never changed."""
    variant_class = VARIANT_CLASSES[class_name]
    names = NAMES[class_name] or ["Dmitry Sergeyevich PESKOV", "Дмитрий ПЕСКОВ", "OOO Transneft"]
    for name, seed in itertools.product(names, range(5)):
        first = variant_class.generate(name, random.Random(seed))
        again = variant_class.generate(name, random.Random(seed))
        assert first == again, (class_name, name, seed)
        applies = variant_class.generate(name, random.Random(seed + 100)) is not None
        assert (first is not None) == applies, (class_name, name, seed)
        assert first != name, f"{class_name} returned {name!r} unchanged"


def test_the_registry_is_consistent() -> None:
    assert len(VARIANT_CLASSES) >= 40
    for name, variant_class in VARIANT_CLASSES.items():
        assert variant_class.name == name
        assert variant_class.family in FAMILIES
        assert (variant_class.transform is None) != (variant_class.pairs is None)
        assert variant_class.applies_to <= {"Person", "Organization"}
        assert variant_class.description
    with pytest.raises(TypeError):
        VARIANT_CLASSES["translit-eu-languages"].generate("Peskov", random.Random(0))
    with pytest.raises(ValueError, match="unknown variant class"):
        variants_of("Peskov", classes=["no-such-class"])
