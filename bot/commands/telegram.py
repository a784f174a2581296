"""`kuulo telegram whoami`: the bot's name and the chat, topic and user ids it sees, to fill in `telegram:`."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import click

from kuulo.bot.cli import State, cli
from kuulo.bot.config_chat import TELEGRAM_API
from kuulo.bot.errors import KuuloError
from kuulo.handlers.console import safe


@cli.group("telegram")
def telegram_group() -> None:
    """The Telegram bot (the desk and Telegram-group sources); the token comes from TELEGRAM_BOT_TOKEN.

    \b
    Example:
      TELEGRAM_BOT_TOKEN=123:ABC… kuulo --config team.yaml telegram whoami
    """


@telegram_group.command("whoami")
@click.option("--wait", type=click.IntRange(0, 50), default=0, show_default=True,
              help="Seconds to wait for an update (write in the group meanwhile).")
@click.pass_obj
def whoami_cmd(state: State, wait: int) -> None:
    """Print the bot's name and the chat, topic and user ids in its pending updates.

    Updates are only read, never confirmed, so `kuulo run` still gets them. Telegram keeps a
    bot's updates for 24 hours; write something in the group (or press a button) first. It
    cannot read while `kuulo run` polls or a webhook is set (Telegram allows one reader).

    \b
    Example:
      TELEGRAM_BOT_TOKEN=123:ABC… kuulo --config team.yaml telegram whoami --wait 30
    """
    from kuulo.handlers.telegram.app import token_from_env

    cfg = state.config()
    api_url = cfg.telegram.api_url if cfg.telegram else TELEGRAM_API
    token = token_from_env(os.environ)
    me, updates = asyncio.run(_read(token, api_url, wait))
    privacy = "off (it reads every group message)" if me.get("can_read_all_group_messages") else \
        "on (it sees commands and replies to it only; turn it off with @BotFather /setprivacy for a source)"
    click.echo(f"bot:     @{safe(me.get('username'))} ({safe(me.get('first_name'))}), id {me.get('id')}")
    click.echo(f"privacy: {privacy}")
    chats, users = _seen(updates)
    if not chats and not users:
        click.echo("no pending updates: write in the group (or to the bot), then run this again (or use --wait 30)")
    for chat_id, chat in sorted(chats.items()):
        topics = f" topics {', '.join(str(t) for t in sorted(chat['topics']))}" if chat["topics"] else ""
        name = f" @{safe(chat['username'])}" if chat.get("username") else ""
        click.echo(f"chat:    {chat_id} {safe(chat['type'])} {safe(chat['title'])}{name}{topics}")
    for user_id, user in sorted(users.items()):
        click.echo(f"user:    {user_id} {safe(user)}")


async def _read(token: str, api_url: str, wait: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from telegram import error as tg

    from kuulo.handlers.telegram.app import ALLOWED_UPDATES, build_application
    from kuulo.handlers.telegram.transport import mask

    bot = build_application(token, api_url).bot
    try:
        await bot.initialize()
        updates = await bot.get_updates(timeout=wait, allowed_updates=list(ALLOWED_UPDATES))
        return bot.bot.to_dict(), [u.to_dict() for u in updates]
    except tg.InvalidToken:
        raise KuuloError("Telegram refused TELEGRAM_BOT_TOKEN") from None
    except tg.Conflict:
        raise KuuloError("Telegram: another reader has the updates (kuulo run, or a webhook is set): "
                         "stop kuulo run first") from None
    except tg.TelegramError as exc:
        raise KuuloError(f"Telegram: {mask(str(exc), token)} (api_url {mask(api_url, token)})") from None
    finally:
        try:
            await bot.shutdown()
        except tg.TelegramError:
            pass


def _seen(updates: list[dict[str, Any]]) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:
    """The chats (type, title, username, topics) and users (name) in a list of updates."""
    chats: dict[int, dict[str, Any]] = {}
    users: dict[int, str] = {}
    for update in updates:
        query = update.get("callback_query") or {}
        message = update.get("message") or update.get("edited_message") or query.get("message") or {}
        for person in (message.get("from"), query.get("from")):
            if person and not person.get("is_bot"):
                name = " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p)
                users[person["id"]] = f"@{person['username']} ({name})" if person.get("username") else name
        chat = message.get("chat")
        if chat:
            seen = chats.setdefault(chat["id"], {"type": chat.get("type"), "username": chat.get("username"),
                                                 "title": chat.get("title") or chat.get("first_name") or "",
                                                 "topics": set()})
            if message.get("is_topic_message") and message.get("message_thread_id"):
                seen["topics"].add(message["message_thread_id"])
    return chats, users
