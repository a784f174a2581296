"""Garbage collection held while a command starts and an engine builds: never left off, kept for good once a process."""

from __future__ import annotations

import gc

import pytest

from kuulo.bot import heap
from kuulo.bot.app import build_engine, default_config
from kuulo.bot.cli import main

MADE = 5_000


@pytest.fixture
def fresh(monkeypatch):
    """A process that has held and kept nothing yet; what a test freezes is let go after it."""
    monkeypatch.setitem(heap._held, "start-up", False)
    for what in heap._kept:
        monkeypatch.setitem(heap._kept, what, False)
    gc.unfreeze()
    assert gc.isenabled()
    yield
    gc.unfreeze()
    gc.enable()


def made() -> list[list[int]]:
    """Objects the collector tracks."""
    return [[n] for n in range(MADE)]


def test_a_held_start_up_collects_nothing_then_keeps_what_it_made(fresh):
    heap.hold()
    assert not gc.isenabled()
    kept = made()
    heap.release()
    assert gc.isenabled()
    assert gc.get_freeze_count() >= MADE
    assert kept


def test_the_first_engine_is_frozen_for_good_a_later_one_only_aged(fresh):
    with heap.building():
        assert not gc.isenabled()
        first = made()
    assert gc.isenabled() and gc.get_freeze_count() >= MADE
    with heap.building():
        second = made()
    assert gc.isenabled() and gc.get_freeze_count() == 0  # a test's engines may be let go: nothing stays frozen
    assert first and second


def test_a_built_engine_ends_a_held_start_up(fresh):
    heap.hold()
    engine = build_engine(default_config(":memory:"))  # kuulo demo builds its own config, never asks State.config
    assert gc.isenabled()
    assert engine.evaluate("Miksi Nordean sovellus ei toimi?").is_question


def test_collection_the_caller_turned_off_stays_off(fresh):
    gc.disable()
    heap.hold()
    heap.release()
    with heap.building():
        pass
    assert not gc.isenabled()


@pytest.mark.parametrize("args", [["explain", "Miksi Nordean sovellus ei toimi?"],
                                  ["--config", "missing.yaml", "explain", "text"],  # a config error
                                  ["explain"],  # a usage error
                                  ["--help"]])
def test_no_command_leaves_collection_off(fresh, args, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    try:
        main(args)
    except SystemExit:
        pass
    assert gc.isenabled()
    assert "Traceback" not in capsys.readouterr().err
