"""`kuulo explain`: the verdict on a text or a file of posts, with its reasons, for tuning packs."""

from __future__ import annotations

from dataclasses import replace

import click

from kuulo.bot.app import build_engine
from kuulo.bot.cli import State, cli
from kuulo.bot.importer import read_rows
from kuulo.bot.limits import SHOWN_TEXT_CHARS
from kuulo.handlers.console import brand_list, json_line, safe
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
                click.echo(f"{safe(row.where, None)}: {safe(row.error, SHOWN_TEXT_CHARS)}", err=True)
                if fmt == "json":
                    click.echo(json_line({"id": None, "line": _number(row.where), "error": row.error}))
                continue
            m = row.mention
            verdict = engine.evaluate(m.text, platform=m.platform, author=m.author, lang=m.lang)
            own = engine.own_brand(m.platform, m.author)
            if own:  # a brand reply: it answers a case, it never opens one
                verdict = replace(verdict, needs_reply=False, suggestions=())
            _show(verdict, m.id, m.text, fmt, own=own, line=_number(row.where), who=m.author)
    return 3 if bad else 0


def _number(where: str) -> int:
    """The line number of a row's "file:line"."""
    return int(where.rsplit(":", 1)[1])


def _reasons(shown: bool, terms: tuple[str, ...], sep: str) -> str:
    return f"yes ({sep.join(map(safe, terms))})" if shown else "no"


_NOT_COUNTED, _NOT_ASKED = "'?' not counted", "not asked"  # a discounted '?' (its sentence holds it), or words


def _show(verdict: Verdict, post_id: str | None, text: str, fmt: str, *, own: str | None = None,
          line: int | None = None, who: str = "") -> None:
    """One verdict: a JSON object (in --file mode with its line and own_post), or the reasons as text."""
    if fmt == "json":
        extra = {} if line is None else {"line": line, "own_post": own}
        discounted = [{"text": sentence, "why": why} for sentence, why in verdict.question_discounted]
        click.echo(json_line(verdict.to_json(post_id) | {"question_discounted": discounted} | extra))
        return
    head = f"[{safe(post_id)}] " if post_id else ""
    click.echo(f"{head}{safe(text, SHOWN_TEXT_CHARS)}")
    if own:
        click.echo(f"  own post:    {safe(who)} is {safe(own)}'s own account: a brand reply, it opens no case")
    click.echo(f"  brands:      {_first_of(brand_list(verdict.to_json()['brands'])) or 'none'}")
    click.echo(f"  question:    {_reasons(verdict.is_question, verdict.question_reasons, '; ')}"
               + "".join(f"; {_NOT_COUNTED if '?' in sentence else _NOT_ASKED}: '{safe(sentence)}', {safe(why)}"
                         for sentence, why in verdict.question_discounted))  # a '?', or words told apart
    click.echo(f"  negative:    {_reasons(verdict.negative, verdict.negative_terms, ', ')}")
    click.echo(f"  categories:  {', '.join(map(safe, verdict.categories)) or 'none'}"
               + (f" ({', '.join(map(safe, verdict.category_terms))})" if verdict.category_terms else ""))
    for note in verdict.notes:  # why an ambiguous name was taken or refused, a word did not count
        click.echo(f"  why:         {safe(note, SHOWN_TEXT_CHARS)}")
    click.echo(f"  needs reply: {'yes' if verdict.needs_reply else 'no'} · priority {verdict.priority}"
               f" · lang {safe(verdict.lang)}")
    for n, s in enumerate(verdict.suggestions, 1):
        limit = f" [{len(s.text)}/{s.limit}{' OVER LIMIT' if s.over_limit else ''}]" if s.limit else ""
        click.echo(f"  reply {n} ({safe(s.template)}): {safe(s.text, None)}{limit}")
    click.echo("")


def _first_of(items: list[str], limit: int = SHOWN_TEXT_CHARS) -> str:
    """The items joined, as many as fit in limit characters, and how many more were found (a post of 3,000 hashtags
    of a brand's names: one line, not 90,000 characters)."""
    shown, size = [], 0
    for item in items:
        if shown and size + len(item) > limit:
            return ", ".join(shown) + f", … {len(items) - len(shown):,} more"
        shown.append(item)
        size += len(item) + 2
    return ", ".join(shown)
