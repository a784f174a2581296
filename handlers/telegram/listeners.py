"""Buttons, replies and commands from Telegram: each is checked (the chat, the person), becomes a CaseCommand or a
desk answer, runs the synchronous core in a worker thread, and the outbox redraws the alert.

Registered on the python-telegram-bot Application by `register(application, desk)`.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import ForceReply, Message, Update, User
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from kuulo.bot.actors import actor_name
from kuulo.bot.case_views import read_shown_case
from kuulo.bot.cases import REPLYABLE, CaseCommand
from kuulo.bot.errors import KuuloError, MarkupError
from kuulo.handlers.desk import answers
from kuulo.handlers.desk.choices import case_command, plain_number, reply_limit, reply_problem
from kuulo.handlers.desk.markup import clock_time
from kuulo.handlers.telegram.alert import case_of_message, choice_keyboard, choice_question, reply_prompt
from kuulo.handlers.telegram.callbacks import parse_callback
from kuulo.handlers.telegram.desk import NOT_SUPERVISOR, TelegramDeskState
from kuulo.handlers.telegram.outbound import markup_of
from kuulo.handlers.telegram.render import MESSAGE_TEXT, TOAST_TEXT, escape, fit, plain, short
from kuulo.storage.cases import ACTIVE
from kuulo.storage.outbox import sent_ref

log = logging.getLogger(__name__)
ALERT_RECORD_TRIES, ALERT_RECORD_WAIT_S = 25, 0.2  # how long a reply waits for its alert's record (5 s)
Context = ContextTypes.DEFAULT_TYPE
COMMANDS = (("queue", "Open cases, oldest first"), ("case", "One case and its history: /case ID"),
            ("stats", "Numbers for the last days: /stats 7d (supervisors)"),
            ("report", "The response-time report: /report week|month|last-week|last-month|today|yesterday "
                       "(supervisors)"),
            ("routes", "Where alerts go, first match wins (supervisors)"), ("help", "The commands"))
HELP = ("<b>Kuulo</b> commands (in the team's chats):\n" + "\n".join(f"/{c} – {escape(d)}" for c, d in COMMANDS) +
        "\nAlert buttons carry <code>action:case[:choice]</code>: claim, reply, answered, dismiss, snooze, escalate."
        " Reply to an alert (or to Kuulo's prompt) to answer its case.")
CASE_USAGE = "usage: /case ID, e.g. /case 42"
DONE = {"claim": "Claimed", "answered": "Marked answered", "dismiss": "Dismissed", "snooze": "Snoozed",
        "escalate": "Escalated"}
FAILED = "Sorry, Kuulo could not do that (the error is in Kuulo's log)."
NOT_THE_ALERT = ("Nothing was recorded: this message is not the alert Kuulo keeps for its case (a copy, sent again "
                 "when Telegram answered late, or an older one). Reply to the case's newest alert, or find it with "
                 "/case.")


def actor_of(user: User) -> str:
    """How events record a Telegram person: 'name (id)'."""
    return actor_name(user.username or user.full_name or str(user.id), user.id)


def toast(text: str) -> str:
    """A callback answer's text within Telegram's 200 characters (plain text, which may name people)."""
    return plain(text, TOAST_TEXT)


async def on_button(update: Update, context: Context) -> None:
    """An alert or choice button: refused (a toast, nothing changes) unless an agent pressed it in a desk chat."""
    desk: TelegramDeskState = context.bot_data["desk"]
    query = update.callback_query
    message = query.message if isinstance(query.message, Message) else None
    refusal = desk.may_act(message.chat.id if message else None, query.from_user.id)
    if refusal:
        log.info("refused callback %r from %s", query.data, query.from_user.id)
        await query.answer(refusal, show_alert=True)
        return
    try:
        button = parse_callback(query.data)
        view = await asyncio.to_thread(read_shown_case, desk.read, desk.services.engine, button.case_id)
        if view is None:
            raise KuuloError(f"case {button.case_id} does not exist (a button from another database?)")
        if button.action == "reply":
            await _ask_for_reply(desk, message, view, plain_number(button.choice) or 1)
            await query.answer()
            return
        if button.action in ("dismiss", "snooze") and not button.choice:
            if view["state"] not in ACTIVE:
                raise KuuloError(f"case {view['id']} is {view['state'].replace('_', ' ')}: nothing to do now")
            await message.reply_text(choice_question(button.action, view["id"]),
                                     reply_markup=markup_of(choice_keyboard(button.action, view["id"])))
            await query.answer()
            return
        command = case_command(button.action, button.case_id, actor_of(query.from_user), button.choice,
                               desk.services.clock.now(), desk.services.config.tz)
        await asyncio.to_thread(desk.apply, command)
    except KuuloError as exc:  # a stale button, a closed case, a forged choice: said, and nothing changes
        await query.answer(toast(str(exc)), show_alert=True)
        return
    desk.changed.set()
    await query.answer(toast(f"{DONE[button.action]}: case #{button.case_id}"))
    if message is not None and button.choice and message.text and message.text.startswith(("Case #", "Snooze")):
        await message.edit_reply_markup(None)  # the choice is made: its buttons go


async def _ask_for_reply(desk: TelegramDeskState, message: Message | None, view: dict[str, Any], n: int) -> None:
    """A ForceReply prompt under the alert with the chosen suggestion; the agent's reply to it answers the case."""
    if view["state"] not in REPLYABLE:
        raise KuuloError(f"case {view['id']} is {view['state'].replace('_', ' ')}: nothing to reply to now")
    if message is None:
        raise KuuloError("the alert is too old to reply to from here: use /case and reply to the alert")
    sends = await asyncio.to_thread(desk.read, lambda db: desk.cases.reply_route(view["id"]) is not None)
    await message.reply_html(reply_prompt(view, n, sends=sends), reply_markup=ForceReply(
        selective=True, input_field_placeholder=f"Your reply to case #{view['id']}"))


async def _is_alert(desk: TelegramDeskState, case_id: int, ref: str) -> bool:
    """True when `ref` ("chat:message") is the alert Kuulo recorded for the case; waits a moment for the record of an
    alert just sent (the message is in the chat before its delivery is written down)."""
    for _ in range(ALERT_RECORD_TRIES):
        recorded = await asyncio.to_thread(desk.read, sent_ref, "telegram", case_id)
        if recorded is not None:
            return recorded == ref
        await asyncio.sleep(ALERT_RECORD_WAIT_S)
    return False


async def on_reply(update: Update, context: Context) -> None:
    """A reply to an alert or to Kuulo's prompt: the text becomes the case's reply (recorded, or sent where a live
    source can)."""
    desk: TelegramDeskState = context.bot_data["desk"]
    message = update.effective_message
    target = message.reply_to_message
    if target is None or target.from_user is None or target.from_user.id != context.bot.id:
        return  # a conversation among people, not an answer to Kuulo
    named = case_of_message(target.text)
    if named is None:
        return
    case_id, prompt = named
    refusal = desk.may_act(message.chat.id, message.from_user.id if message.from_user else None)
    if not prompt and not await _is_alert(desk, case_id, f"{target.chat.id}:{target.message_id}"):
        # a message of the bot that only looks like the case's alert (a platform named "… case #1"); one with
        # buttons is an alert's copy (sent again when Telegram answered after the timeout): said, not ignored
        if target.reply_markup is not None and not refusal:
            await message.reply_text(NOT_THE_ALERT)
        return
    if refusal:
        await message.reply_text(refusal)
        return
    text = message.text or ""
    try:
        view = await asyncio.to_thread(read_shown_case, desk.read, desk.services.engine, case_id)
        if view is None:
            raise KuuloError(f"case {case_id} does not exist")
        problem = reply_problem(text, reply_limit(view))
        if problem:
            raise KuuloError(f"Case #{case_id}: {problem} Nothing was recorded; reply again.")
        await asyncio.to_thread(desk.apply, CaseCommand("reply", case_id, actor_of(message.from_user), text=text))
    except KuuloError as exc:  # it may name who closed the case
        await message.reply_text(plain(str(exc)))
        return
    desk.changed.set()


async def on_command(update: Update, context: Context) -> None:
    """/queue, /case ID, /stats [7d], /report [period], /routes, /help: only in desk chats, only for agents."""
    desk: TelegramDeskState = context.bot_data["desk"]
    message = update.effective_message
    user = message.from_user.id if message.from_user else None
    refusal = desk.may_act(message.chat.id, user)
    if refusal:
        if message.chat.id in desk.chats:  # elsewhere Kuulo stays quiet
            await message.reply_text(refusal)
        return
    sub = (message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    args = list(context.args or [])
    try:
        text = await asyncio.to_thread(answer, desk, sub, args, str(user))
    except MarkupError as exc:  # in the chat's HTML already: escaped again, `/stats <b>` showed &lt;b&gt;
        text = str(exc)
    except KuuloError as exc:
        text = escape(str(exc))
    except Exception:  # a bug: logged with its traceback, and the person still hears back
        log.exception("/%s failed", short(sub, 40))
        text = FAILED
    await message.reply_html(fit(text, MESSAGE_TEXT), disable_web_page_preview=True)


def answer(desk: TelegramDeskState, sub: str, args: list[str], user: str) -> str:
    """The HTML answer to one command; KuuloError for a bad argument or a refusal."""
    if sub in answers.COMMANDS:
        return answers.answer_command(desk.markup, desk.read, desk.services, sub, args,
                                      may_report=desk.gate.may_report(user), refusal=NOT_SUPERVISOR,
                                      case_usage=CASE_USAGE, report_limit=MESSAGE_TEXT - 200)
    if sub == "routes":
        if not desk.gate.may_report(user):
            raise KuuloError(NOT_SUPERVISOR)
        return routes_text(desk)
    return HELP


def routes_text(desk: TelegramDeskState) -> str:
    """Every configured route in the order it is tried, then the default chat."""
    def where(chat: str | int, topic: int | None) -> str:
        return f"<code>{escape(str(chat))}</code>" + (f" topic {topic}" if topic else "")
    lines = ["<b>Alert routes</b>, first match wins:"]
    for route in desk.telegram.routes:
        what = " · ".join(p for p in (f"brand {escape(route.brand)}" if route.brand else "",
                                      f"category {escape(route.category)}" if route.category else "") if p)
        lines.append(f"• {what} → {where(route.channel, route.topic)}")
    lines.append(f"• everything else → {where(desk.telegram.chat, desk.telegram.topic)}")
    if desk.telegram.escalation_chat:
        lines.append(f"• escalations → {where(desk.telegram.escalation_chat, None)}")
    lines.append(f"<i>as of {clock_time(desk.now_ts(), desk.services.config.tz, desk.now_ts())}</i>")
    return "\n".join(lines)


STALE_QUERY = ("query is too old", "query id is invalid")  # a press answered already: Telegram redelivered it


async def on_error(update: object, context: Context) -> None:
    """One place for what a listener did not foresee: logged with its traceback (a button press Telegram delivered
    twice, whose second answer it refuses, is one line: the press changed nothing the second time)."""
    said = str(context.error).lower()
    if any(stale in said for stale in STALE_QUERY):
        log.info("Telegram: a button press of update %s was answered already (%s)", getattr(update, "update_id", "?"),
                 context.error)
        return
    log.error("Telegram listener failed on update %s", getattr(update, "update_id", "?"), exc_info=context.error)


def register(application: Application, desk: TelegramDeskState) -> None:
    """The buttons, the replies and the commands, in the desk chats."""
    application.bot_data["desk"] = desk
    application.add_handler(CallbackQueryHandler(on_button))
    new = filters.UpdateType.MESSAGE  # an edited command or reply is not a second one
    application.add_handler(CommandHandler([c for c, _ in COMMANDS], on_command, filters=new))
    application.add_handler(MessageHandler(new & filters.REPLY & filters.TEXT & ~filters.COMMAND, on_reply))
    application.add_error_handler(on_error)
