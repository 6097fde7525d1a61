"""The collector pauses around list loading and index building, and the freeze around forks,
leave the process's collector as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from sanctionmatch import Screener
from sanctionmatch.collection import collection_paused, frozen_for_fork


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_inside_a_pause_and_back_on_after() -> None:
    gc.enable()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_a_collector_the_application_disabled_off() -> None:
    gc.disable()
    with collection_paused(collect_after=True):
        pass
    assert not gc.isenabled()


def test_nested_pauses_end_with_the_outer_one_and_an_error_still_ends_them() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="inside"), collection_paused():
        with collection_paused(collect_after=True):
            pass
        assert not gc.isenabled()
        raise ValueError("inside")
    assert gc.isenabled()


def test_a_pause_with_collect_after_leaves_no_garbage_behind() -> None:
    gc.enable()
    gc.collect()

    class Cycle:
        pass

    with collection_paused(collect_after=True):
        a, b = Cycle(), Cycle()
        a.other, b.other = b, a  # type: ignore[attr-defined]
        del a, b
        assert any(type(o) is Cycle for o in gc.get_objects())
    assert not any(type(o) is Cycle for o in gc.get_objects())


def test_building_an_index_leaves_the_collector_on() -> None:
    gc.enable()
    Screener.default()
    assert gc.isenabled()


def test_the_freeze_around_forks_is_undone_after() -> None:
    gc.unfreeze()
    with frozen_for_fork():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_the_freeze_around_forks_leaves_the_applications_own_freeze_alone() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    with frozen_for_fork():
        pass
    assert gc.get_freeze_count() == frozen
