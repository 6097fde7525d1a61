"""Garbage-collector pauses while the long-lived objects of lists and indexes are made.

Reading the real lists and building their index make about two million small objects that
live as long as the screener. CPython's cyclic collector runs a full pass over every
tracked object each time the long-lived ones have grown by a quarter, so building pays
for about twenty full passes that find nothing to free: about 12 of 40 seconds on the
OFAC, EU and UN lists (``benchmarks/speed/run.py``). These objects hold no reference
cycles worth collecting, so the collector waits until they are made.

A long-running screening service can go further once its screener is built: Python's
``gc.freeze()`` moves every object alive at that moment out of the collector's sight,
so later full passes (about 1.5 seconds each on the real lists) skip the index. That is
a choice for the application, which owns the whole process; the library does not make it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_was_enabled = False
_collect_pending = False


@contextmanager
def collection_paused(*, collect_after: bool = False) -> Iterator[None]:
    """Hold back the cyclic garbage collector inside the block, and restore it after.

    Nested and concurrent pauses (two threads each building an index) end when the last
    one does; the collector is re-enabled only if it was enabled when the first began.
    ``collect_after`` (here or in a nested pause) then runs one full pass, so that the
    objects made move to the oldest generation now, while the caller builds, rather than at
    some later query, and forked workers do not write to every one of them on their first
    pass. Usable as a decorator.
    """
    global _pauses, _was_enabled, _collect_pending
    with _lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            _collect_pending = _collect_pending or collect_after
            if _pauses == 0:
                collect, _collect_pending = _collect_pending, False
                if _was_enabled:
                    gc.enable()
                    if collect:
                        gc.collect()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """Keep the collector off the objects alive now while forked workers run.

    A forked worker shares its parent's memory until it writes to a page; a collector pass
    writes to every object it visits, so without this each worker would soon hold its own
    copy of the index. This is what the ``gc.freeze`` documentation advises before a fork.
    The objects are handed back to the collector after the block, unless the application
    had frozen objects itself (then their freezing is its business, and this does nothing).
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
