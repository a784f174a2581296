"""`kuulo explain`: the verdict on a text or a file of posts, with its reasons, for tuning packs."""

from __future__ import annotations

import json

import click

from kuulo.bot.app import build_engine
from kuulo.bot.cli import State, cli
from kuulo.bot.importer import read_rows
from kuulo.handlers.console import brand_list, safe
from kuulo.rules.verdict import Verdict


@cli.command("explain")
@click.argument("text", required=False)
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False), help="Explain every post of a JSONL/CSV file.")
@click.option("--platform", default="", help="Platform of the text (sets the reply length limit).")
@click.option("--author", default="{author}", help="Author of the text (fills {author}; shown as is when not given).")
@click.option("--lang", help="Language code, if known (fi, en).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def explain_cmd(state: State, text: str | None, path: str | None, platform: str, author: str, lang: str | None,
                fmt: str) -> int:
    """Show what the rules decide about a post, and why.

    \b
    Example:
      kuulo explain "Miksi Nordean sovellus ei toimi?"
      kuulo explain --file posts.jsonl --format json
    """
    if (text is None) == (path is None):
        raise click.UsageError("give either a TEXT or --file PATH")
    engine = build_engine(state.config())
    if text is not None:
        _show(engine.evaluate(text, platform=platform, author=author, lang=lang), None, text, fmt)
        return 0
    bad = 0
    with open(path, "rb") as stream:
        for row in read_rows(stream, path):
            if row.error:
                bad += 1
                click.echo(f"{row.where}: {row.error}", err=True)
                continue
            m = row.mention
            own = engine.own_brand(m.platform, m.author)
            if own:
                if fmt == "text":
                    click.echo(f"[{m.platform} {m.id}] {safe(m.author)} is {own}'s own account: a brand reply\n")
                continue
            _show(engine.evaluate(m.text, platform=m.platform, author=m.author, lang=m.lang), m.id, m.text, fmt)
    return 3 if bad else 0


def _show(verdict: Verdict, post_id: str | None, text: str, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(verdict.to_json(post_id), ensure_ascii=False))
        return
    head = f"[{post_id}] " if post_id else ""
    click.echo(f"{head}{safe(text)}")
    click.echo(f"  brands:      {', '.join(brand_list(verdict.to_json()['brands'])) or 'none'}")
    click.echo(f"  question:    {'yes (' + '; '.join(verdict.question_reasons) + ')' if verdict.is_question else 'no'}")
    click.echo(f"  negative:    {'yes (' + ', '.join(verdict.negative_terms) + ')' if verdict.negative else 'no'}")
    click.echo(f"  categories:  {', '.join(verdict.categories) or 'none'}"
               + (f" ({', '.join(verdict.category_terms)})" if verdict.category_terms else ""))
    click.echo(f"  needs reply: {'yes' if verdict.needs_reply else 'no'} · priority {verdict.priority} · lang {verdict.lang}")
    for n, s in enumerate(verdict.suggestions, 1):
        limit = f" [{len(s.text)}/{s.limit}{' OVER LIMIT' if s.over_limit else ''}]" if s.limit else ""
        click.echo(f"  reply {n} ({s.template}): {safe(s.text)}{limit}")
    click.echo("")

