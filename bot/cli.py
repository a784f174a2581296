"""The `kuulo` command line: one group, errors shown in one place, exit codes that scripts can rely on."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

import click

from kuulo.bot.config import Config, load_config
from kuulo.bot.errors import ConfigError, KuuloError
from kuulo.bot.heap import hold, release
from kuulo.storage.db import DAMAGED_HINT

EXIT_ERROR = 1
EXIT_CONFIG = 2
EXIT_REJECTED = 3
LOCAL_CONFIG = "kuulo.yaml"


class State:
    """What the group passes to its commands: the config path, loaded on first use."""

    def __init__(self, config_path: str | None):
        self.config_path = config_path
        self._config: Config | None = None

    def config(self) -> Config:
        """--config, $KUULO_CONFIG, ./kuulo.yaml, or the embedded default."""
        if self._config is None:
            if self.config_path:
                self._config = load_config(self.config_path)
            elif Path(LOCAL_CONFIG).is_file():
                self._config = load_config(LOCAL_CONFIG)
            else:
                from kuulo.bot.app import default_config

                self._config = default_config(str(Path.cwd() / "kuulo.db"))
            release()  # the start-up's modules and config, kept for good
        return self._config


class Utf8Text(click.ParamType):
    """Text typed on the command line that Kuulo stores or looks up: bytes that are not UTF-8 are refused (Python reads
    them as lone surrogates, which SQLite cannot take)."""

    name = "TEXT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            self.fail(f"not valid UTF-8 (byte 0x{ord(text[exc.start]) & 0xFF:02x} at character {exc.start + 1})",
                      param, ctx)
        return text


TEXT = Utf8Text()


class KuuloGroup(click.Group):
    """The command group; --config may also follow the command's name (kuulo check-config --config team.yaml)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        return super().parse_args(ctx, config_first(args))


def config_first(args: list[str]) -> list[str]:
    """The arguments with the first --config (before any `--`) moved to the front, where the group reads it."""
    end = args.index("--") if "--" in args else len(args)
    for i, arg in enumerate(args[:end]):
        if arg == "--config" and i + 1 < end:
            return [*args[i:i + 2], *args[:i], *args[i + 2:]]
        if arg.startswith("--config="):
            return [arg, *args[:i], *args[i + 1:]]
    return list(args)


@click.group(cls=KuuloGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--config", "config_path", envvar="KUULO_CONFIG", metavar="PATH",
              help="Config file (or $KUULO_CONFIG; default ./kuulo.yaml, else the embedded demo config).")
@click.version_option(package_name="kuulo")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Kuulo: brand mentions to chat alerts, a case ledger and honest response-time reports.

    \b
    Example:
      kuulo demo
      kuulo --config team.yaml import posts.jsonl
    """
    ctx.obj = State(config_path)


def output_file(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A file an option writes (--chart, --ics), checked before any work: its folder exists and it is no folder."""
    if value is not None and value != "-":
        path = Path(value)
        if path.is_dir():
            raise click.BadParameter(f"{value} is a folder; name a file in it", ctx=ctx, param=param)
        if not path.parent.is_dir():
            raise click.BadParameter(f"the folder {path.parent} does not exist", ctx=ctx, param=param)
    return value


def _database_error(exc: sqlite3.DatabaseError) -> str:
    """What a database error met mid-command asks of the user: wait for another process, free the disk or the file,
    or see to a damaged file."""
    from kuulo.handlers.console import safe  # a stranger's text: defused, as in main

    said, name = safe(exc, None), getattr(exc, "sqlite_errorname", "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return (f"the database cannot be written ({said}): another process kept it locked for 30 s (an import, a "
                "poll, kuulo run's write); try again")
    if name.startswith("SQLITE_FULL"):
        return f"the database cannot be written ({said}): free space on its disk and try again"
    if name.startswith("SQLITE_READONLY"):
        return f"the database cannot be written ({said}): the file or its folder is read-only for this user"
    return f"the database cannot be read ({said}); `kuulo doctor` checks it; if it is damaged, {DAMAGED_HINT}"


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point: KuuloError becomes a clear message and an exit status."""
    hold()  # no garbage collection until the config is read (bot/heap.py)
    from kuulo.bot import commands  # noqa: F401  (registers the commands on `cli`)
    from kuulo.handlers.console import log_to_terminal

    log_to_terminal(logging.WARNING)  # as Python's last-resort handler printed warnings, but defused
    try:
        return _run(argv)
    finally:
        release()


def _run(argv: list[str] | None) -> Any:
    """The command, its errors as messages and exit statuses."""
    from kuulo.handlers.console import safe  # a stranger's text: defused, in errors and logs

    try:
        return cli.main(args=argv, prog_name="kuulo", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return _exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.message = safe(exc.message, None)  # a path or value typed on the command line may hold terminal escapes
        exc.show()
        return _exit(exc.exit_code)
    except ConfigError as exc:
        click.echo(f"config error: {safe(exc, None)}", err=True)
        return _exit(EXIT_CONFIG)
    except KuuloError as exc:
        click.echo(f"error: {safe(exc, None)}", err=True)
        return _exit(EXIT_ERROR)
    except sqlite3.DatabaseError as exc:  # locked past the 30 s wait, full, read-only; a page damaged after opening
        click.echo(f"error: {_database_error(exc)}", err=True)
        return _exit(EXIT_ERROR)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _exit(EXIT_ERROR)
    except OSError as exc:  # a file named on the command line: --chart in a missing folder, --ics at a folder
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {safe(where + (exc.strerror or str(exc)), None)}", err=True)
        return _exit(EXIT_ERROR)


def _exit(code: int) -> Any:
    sys.exit(code)
