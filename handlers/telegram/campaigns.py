"""Moderating contest entries from Telegram: the daily digest in the alerts chat (HTML, every entrant's word escaped)
with Approve / Reject per waiting entry and Approve all eligible, for the desk's agents in its chats; Reject asks the
reason with a ForceReply prompt; each decision is a ledger event (bot/campaigns_moderation), the digest is redrawn."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta
from typing import Any, Awaitable, Callable, Sequence

from telegram import ForceReply, Message, ReplyParameters, Update
from telegram import error as tg
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.campaigns_moderation import approve, reject
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.handlers.desk.campaign_digest import WAITING_SHOWN, bar, digest_day, digest_entries, digest_facts, entry_key
from kuulo.handlers.desk.markup import neutral
from kuulo.handlers.telegram.alert import Keyboard
from kuulo.handlers.telegram.callbacks import CAMPAIGN, campaign_data, campaign_key, parse_campaign
from kuulo.handlers.telegram.desk import TelegramDeskState
from kuulo.handlers.telegram.listeners import actor_of, toast
from kuulo.handlers.telegram.outbound import NO_PREVIEW, markup_of
from kuulo.handlers.telegram.render import MESSAGE_TEXT, escape, fit, link, mention, plain, quote, short, units
from kuulo.handlers.telegram.transport import NOT_MODIFIED, call_api
from kuulo.storage import campaigns as rows
from kuulo.storage.cursors import get_cursor, set_cursor

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
CURSOR = "telegram_campaign_digest"  # + ":NAME": the local day of the last digest (Slack's is campaign_digest:NAME)
ENTRY_TEXT = 300  # characters of an entry's text in the digest, after escaping
ROOM_AFTER = 200  # kept free under 4,096 for the "more waiting" line
BUTTON_NAME = 24
# The reject prompt names the entry and the digest to redraw, before any entrant's text (an author cannot imitate it).
PROMPT = re.compile(r"\AReject entry ([0-9a-f]{8})\.([0-9a-f]{24}) of contest [A-Za-z0-9_.-]{1,64} "
                    r"\(digest (\d{1,19})\)")


def _label(text: str | None) -> str:
    """An entrant's name on a button (plain text: nothing to escape, but nothing invisible and nothing long)."""
    name = " ".join(neutral(text or "unknown").split())
    return name if len(name) <= BUTTON_NAME else name[:BUTTON_NAME - 1] + "…"


def _entry_html(n: int, entry: dict[str, Any]) -> str:
    photo = link(entry["media_url"], "photo")
    parts = [f"<b>{n}.</b> <b>{short(entry['author'] or '(unknown)', 80)}</b> on {short(entry['platform'], 40)}"
             + (f" · {photo}" if photo.startswith("<a ") else "")
             + (f" · {link(entry['url'], 'post')}" if entry["url"] else ""),
             quote(entry["text"] or "", ENTRY_TEXT) if entry["text"] else ""]
    if entry["note"]:
        parts.append(f"<i>{short(entry['note'], 300)}</i>")
    return "\n".join(p for p in parts if p)


def digest_html(campaign: Campaign, entries: Sequence[dict[str, Any]], *, new_since: float | None = None
                ) -> tuple[str, Keyboard | None]:
    """The digest's HTML (within 4,096) and its keyboard: a row per waiting entry shown, then Approve all."""
    facts = digest_facts(campaign, entries, new_since)
    head = [f"🏆 <b>Contest {escape(campaign.name)}</b>\n<b>{facts.total} entries</b> ({escape(facts.totals)})"
            + (f"\n{facts.fresh} new since the last digest" if facts.fresh is not None else "")]
    if facts.days:
        top = max(n for _, n in facts.days)
        head.append("<b>Entries per day</b>\n" + "\n".join(f"<code>{day[5:]}</code> {bar(n, top)} {n}"
                                                          for day, n in facts.days))
    if facts.liked:
        head.append("<b>Most liked eligible</b>\n" + "\n".join(
            f"{e['like_count']} ♥ {link(e['url'], e['author'] or e['id'])}" for e in facts.liked))
    text = "\n\n".join(head)
    if facts.waiting:
        text += "\n\n<b>Waiting for moderation</b>"
    rows_out, shown = [], 0
    for e in facts.waiting[:WAITING_SHOWN]:
        block = "\n" + _entry_html(shown + 1, e)
        if units(text + block) > MESSAGE_TEXT - ROOM_AFTER:
            break
        text, shown = text + block, shown + 1
        key = entry_key(e["platform"], e["id"])
        rows_out.append([{"text": f"✅ {shown} {_label(e['author'])}",
                          "callback_data": campaign_data(campaign.name, key, "approve")},
                         {"text": f"✖ Reject {shown}…",
                          "callback_data": campaign_data(campaign.name, key, "reject")}])
    if len(facts.waiting) > shown:
        text += (f"\n<i>{len(facts.waiting) - shown} more waiting: kuulo campaign entries {escape(campaign.name)} "
                 "--status eligible</i>")
    if facts.waiting:
        rows_out.append([{"text": f"Approve all eligible ({len(facts.waiting)})",
                          "callback_data": campaign_data(campaign.name, None, "all", facts.shown)}])
    return fit(text, MESSAGE_TEXT), ({"inline_keyboard": rows_out} if rows_out else None)


def reject_prompt(campaign: Campaign, entry: dict[str, Any], digest_id: int, user_id: int, who: str) -> str:
    """The ForceReply message asking an agent why an entry is rejected; it names the entry and its digest."""
    author = short(entry["author"] or "(unknown)", 80)
    return fit(f"Reject entry {campaign_key(campaign.name)}.{entry_key(entry['platform'], entry['id'])} of contest "
               f"{escape(campaign.name)} (digest {digest_id}): the entry by <b>{author}</b> on "
               f"{short(entry['platform'], 40)}.\n{mention(user_id, who)}, answer this message with the reason.")


def prompt_of(text: str | None) -> tuple[str, str, int] | None:
    """(campaign key, entry key, digest message id) of a reject prompt, or None."""
    found = PROMPT.match(text or "")
    return (found.group(1), found.group(2), int(found.group(3))) if found else None


def _campaign(desk: TelegramDeskState, key: str) -> Campaign:
    for campaign in desk.services.config.campaigns:
        if campaign_key(campaign.name) == key:
            return campaign
    raise KuuloError("this contest is no longer in Kuulo's config: nothing was changed")


def _entry(desk: TelegramDeskState, campaign: Campaign, key: str) -> dict[str, Any]:
    found = desk.read(rows.entry_by_key, campaign.name, key)
    if found is None:
        raise KuuloError(f"that entry is no longer in contest {campaign.name}: nothing was changed")
    return found


def _send(desk: TelegramDeskState, what: str, chat: int, call: Callable[[], Awaitable[Any]]) -> Any:
    """One Bot API call from a worker thread on the bot's loop, paced with the desk's messages to that chat."""
    handler = desk.handler
    with handler.pacer.turn(chat):
        return handler.loop.call(call_api(what, handler.token, call))


def post_digest(desk: TelegramDeskState, campaign: Campaign, new_since: float | None = None) -> str:
    """Post a campaign's digest to the alerts chat (and topic), its chart as a photo under it; 'CHAT:MESSAGE'."""
    entries = desk.read(digest_entries, campaign)
    html, keyboard = digest_html(campaign, entries, new_since=new_since)
    bot, chat, topic = desk.handler.bot, desk.telegram.chat, desk.telegram.topic
    sent = _send(desk, f"sendMessage (digest of {campaign.name})", chat, lambda: bot.send_message(
        chat, html, parse_mode="HTML", reply_markup=markup_of(keyboard), message_thread_id=topic,
        link_preview_options=NO_PREVIEW))
    days = digest_facts(campaign, entries).days
    if days:
        from kuulo.bot.chart import entries_chart_png

        png = entries_chart_png(days, f"{campaign.name}: entries per day")
        try:  # the digest is out: a lost chart must not post it again
            _send(desk, f"sendPhoto (chart of {campaign.name})", chat, lambda: bot.send_photo(
                chat, png, filename=f"kuulo-{campaign.name}-entries.png", caption=f"{campaign.name}: entries per day",
                message_thread_id=topic,
                reply_parameters=ReplyParameters(sent.message_id, allow_sending_without_reply=True)))
        except TransportError as exc:
            log.warning("campaign %s: the digest went out without its chart (%s)", campaign.name, exc)
    return f"{chat}:{sent.message_id}"


def daily_digests(desk: TelegramDeskState) -> list[str]:
    """The digest of every campaign running now, once per local day after the daily summary's time (else 09:00),
    with the entries of the day before as new (a `kuulo run` job; remembered across restarts); the names posted."""
    now = desk.services.clock.now()
    today = digest_day(now, desk.services.config.tz, desk.telegram.daily.time if desk.telegram.daily else None)
    if today is None:
        return []
    posted = []
    for campaign in desk.services.config.campaigns:
        key = f"{CURSOR}:{campaign.name}"
        if campaign.status_at(now) != "running" or (desk.read(get_cursor, key) or "") >= today:
            continue
        post_digest(desk, campaign, new_since=(now - timedelta(days=1)).timestamp())
        desk.change(set_cursor, key, today, now.timestamp())
        posted.append(campaign.name)
    return posted


async def redraw(desk: TelegramDeskState, context: Context, campaign: Campaign, chat: int, message_id: int) -> None:
    """Edit a digest message to the entries as they stand now (its buttons go with the last waiting entry)."""
    entries = await asyncio.to_thread(desk.read, digest_entries, campaign)
    html, keyboard = digest_html(campaign, entries)
    try:
        await context.bot.edit_message_text(html, chat_id=chat, message_id=message_id, parse_mode="HTML",
                                            reply_markup=markup_of(keyboard), link_preview_options=NO_PREVIEW)
    except tg.BadRequest as exc:
        if NOT_MODIFIED not in str(exc).lower():
            raise


async def on_button(update: Update, context: Context) -> None:
    """Approve, Reject (asks the reason) or Approve all: refused with a toast unless an agent pressed it in a desk
    chat."""
    desk: TelegramDeskState = context.bot_data["desk"]
    query = update.callback_query
    message = query.message if isinstance(query.message, Message) else None
    refusal = desk.may_act(message.chat.id if message else None, query.from_user.id)  # no message: refused too
    if refusal or message is None:
        log.info("refused digest button %r from %s", query.data, query.from_user.id)
        await query.answer(refusal, show_alert=True)
        return
    try:
        press = parse_campaign(query.data)
        campaign = _campaign(desk, press.campaign)
        if press.action == "all":
            done = await asyncio.to_thread(desk.change, approve, campaign, None, by=actor_of(query.from_user),
                                           now=desk.now_ts(), shown=press.shown)
        else:
            entry = await asyncio.to_thread(_entry, desk, campaign, press.entry)
            if press.action == "reject":
                await message.reply_html(reject_prompt(campaign, entry, message.message_id, query.from_user.id,
                                                       query.from_user.username or query.from_user.full_name),
                                         reply_markup=ForceReply(selective=True,
                                                                 input_field_placeholder="Why is it rejected?"))
                await query.answer()
                return
            done = await asyncio.to_thread(desk.change, approve, campaign, [f"{entry['platform']}:{entry['id']}"],
                                           by=actor_of(query.from_user), now=desk.now_ts())
    except KuuloError as exc:  # a stale or forged button, a frozen contest, an ineligible entry: said, nothing changes
        await query.answer(toast(str(exc)), show_alert=True)
        return
    await query.answer(toast(f"Approved {done} entr{'y' if done == 1 else 'ies'} in {campaign.name}"))
    await redraw(desk, context, campaign, message.chat.id, message.message_id)


async def on_reason(update: Update, context: Context) -> None:
    """The answer to a reject prompt: the entry is rejected with it as the reason, and the digest redrawn."""
    desk: TelegramDeskState = context.bot_data["desk"]
    message = update.effective_message
    target = message.reply_to_message
    named = prompt_of(target.text) if target is not None and target.from_user is not None and \
        target.from_user.id == context.bot.id else None
    if named is None:
        return  # someone imitating the prompt: not Kuulo's question
    refusal = desk.may_act(message.chat.id, message.from_user.id if message.from_user else None)
    if refusal:
        await message.reply_text(refusal)
        return
    campaign_ref, entry_ref, digest_id = named
    try:
        if not (message.text or "").strip():
            raise KuuloError("Say why the entry is rejected.")
        campaign = _campaign(desk, campaign_ref)
        entry = await asyncio.to_thread(_entry, desk, campaign, entry_ref)
        await asyncio.to_thread(desk.change, reject, campaign, [f"{entry['platform']}:{entry['id']}"],
                                reason=message.text or "", by=actor_of(message.from_user), now=desk.now_ts())
    except KuuloError as exc:
        await message.reply_text(plain(f"{exc} (nothing was rejected; answer the prompt again)"))
        return
    await message.reply_html(f"Rejected the entry by <b>{short(entry['author'] or '(unknown)', 80)}</b> in "
                             f"{escape(campaign.name)}.")
    await redraw(desk, context, campaign, message.chat.id, digest_id)


class _RejectPrompt(filters.MessageFilter):
    """A reply to a message that reads like Kuulo's reject prompt (on_reason checks the bot wrote it)."""

    def filter(self, message: Message) -> bool:
        return message.reply_to_message is not None and prompt_of(message.reply_to_message.text) is not None


def register(application: Application, desk: TelegramDeskState) -> None:
    """The digest's buttons and the reject reasons; before the desk's listeners, whose button handler takes the rest."""
    application.bot_data["desk"] = desk
    application.add_handler(CallbackQueryHandler(on_button, pattern=rf"^{CAMPAIGN}:"))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.REPLY & filters.TEXT
                                           & ~filters.COMMAND & _RejectPrompt(), on_reason))
