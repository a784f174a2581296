"""Garbage collection held while a command starts and while an engine builds its tables.

What a command makes as it starts (its modules, its config, its engine's tables: about a million objects with 195
brands) lasts until it exits and holds no garbage, yet each collection walked all of it: 0.18 s of a 1 s start-up.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_held = {"start-up": False}  # collection held by hold(), until release()
_kept = {"start-up": False, "engine": False}  # frozen for good once a process: the first start-up's, the first engine's


def hold() -> None:
    """Collect nothing until release(): called as a command starts."""
    if gc.isenabled():
        gc.disable()
        _held["start-up"] = True


def release() -> None:
    """Collect again, what the start-up made (modules, the config) kept as old (_keep)."""
    if _held["start-up"]:
        _held["start-up"] = False
        _keep("start-up")
        gc.enable()


@contextlib.contextmanager
def building() -> Iterator[None]:
    """No collection while an engine builds its tables, which are then kept as old (_keep); it ends a start-up."""
    # a 147-brand config's 690,000 forms: collections took a quarter of the build and found nothing to free
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        _keep("engine")
        if enabled:
            gc.enable()
        release()


def _keep(what: str) -> None:
    """What exists now counts as old: frozen for good the first time for `what`, later only aged."""
    # gc.freeze: a command's start-up and its engine live until it exits, and no collection walks them again; a later
    # start-up or engine (a test's) may be let go, so everything frozen goes back to the oldest generation
    gc.freeze()
    if _kept[what]:
        gc.unfreeze()
    _kept[what] = True
