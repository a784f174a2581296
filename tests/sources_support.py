"""What the source tests share: `kuulo poll` on a team config file, and a poll across a restart.

Importing this module registers the `poll` command on `cli`."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable, Mapping

from click.testing import CliRunner, Result

from kuulo.bot.app import Services, build_services, default_config
from kuulo.bot.cli import cli
from kuulo.bot.clock import FrozenClock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.sources.base import Source
from kuulo.bot.sources.poller import poll_once

importlib.import_module("kuulo.bot.commands.poll")  # registers `poll` on `cli`

TEAM = """
database: {db}
brands:
  - name: Nordea
    handles: [NordeaSuomi, nordea]
    hashtags: ["#nordea"]
packs: [banking-fi, sentiment-fi, sentiment-en]
"""


def team_config(tmp_path: Path, sources: str) -> Path:
    """tmp_path/team.yaml: the Nordea brand and the packs on tmp_path/kuulo.db, then `sources` (YAML)."""
    path = tmp_path / "team.yaml"
    path.write_text(TEAM.format(db=tmp_path / "kuulo.db") + sources, encoding="utf-8")
    return path


def kuulo(*args: str, env: Mapping[str, str]) -> Result:
    """`kuulo ARGS` in-process: an exception stays on the result, the command's exit status is `return_value`."""
    return CliRunner().invoke(cli, list(args), env=env, standalone_mode=False)


def assert_a_restart_misses_nothing(tmp_path: Path, clock: FrozenClock, cfg: SourceConfig,
                                    source_for: Callable[[Services], Source], post_while_down: Callable[[], list[str]],
                                    ids: Callable[[Services], list[str]], *, before: int = 1) -> None:
    """Poll on a fresh database (`before` new mentions) and stop; post_while_down() posts and returns the new ids;
    30 minutes later a new process on the same file polls exactly those, and the poll after it nothing."""
    database = str(tmp_path / "restart.db")
    first = build_services(default_config(database), clock=clock)
    assert poll_once(first, cfg, source_for(first)).new == before
    first.db.close()
    while_down = post_while_down()
    clock.advance(minutes=30)
    second = build_services(default_config(database), clock=clock)
    result = poll_once(second, cfg, source_for(second))
    assert (result.new, result.duplicates) == (len(while_down), 0)
    again = poll_once(second, cfg, source_for(second))
    assert (again.new, again.duplicates) == (0, 0)
    assert len(ids(second)) == before + len(while_down) and set(while_down) <= set(ids(second))
