"""TelegramHandler: delivers outbox rows (alerts, case updates, reminders, escalations, summaries) to Telegram, paced
per chat, each step once per row."""

from __future__ import annotations

import base64
import logging
import threading
from collections import OrderedDict
from contextlib import nullcontext
from typing import Any, Awaitable, Callable

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, ReplyParameters

from kuulo.bot.clock import Clock
from kuulo.bot.config import Config
from kuulo.bot.config_chat import Route
from kuulo.bot.errors import TransportError
from kuulo.handlers.base import ChatHolds, deliver_kind, escalation_first, still_to_remind
from kuulo.handlers.desk import lines
from kuulo.handlers.desk.markup import Person, nobody
from kuulo.handlers.desk.summary import breakdowns, number_lines, group_line, oldest_lines
from kuulo.handlers.telegram.alert import Keyboard, alert_html, alert_keyboard
from kuulo.handlers.telegram.pacing import Pacer
from kuulo.handlers.telegram.render import (CAPTION_TEXT, MESSAGE_TEXT, TelegramMarkup, escape, fit, mention,
                                            quote, short, user_id_of)
from kuulo.handlers.telegram.transport import ALERT_GONE, NOT_MODIFIED, LoopThread, call_api
from kuulo.storage.cases import CLOSED
from kuulo.storage.outbox import OutboxItem

REMEMBER_SENT = 10_000  # outbox ids kept in memory so a row two workers picked up goes out once
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# A chat's pacing window that opens later than this is not waited for in the delivery thread: the message waits in
# the outbox (on that chat) and other chats' messages go meanwhile; a shorter wait is slept, keeping a burst in order.
PACED_IN_PLACE_S = 2.0

log = logging.getLogger(__name__)


def split_ref(ref: str) -> tuple[int, int]:
    """'CHAT:MESSAGE' -> (chat id, message id)."""
    chat, _, message = ref.rpartition(":")
    return int(chat), int(message)


def message_link(chat_id: int, message_id: int) -> str | None:
    """A t.me link to a message of a supergroup (private groups: members only), else None."""
    text = str(chat_id)
    return f"https://t.me/c/{text[4:]}/{message_id}" if text.startswith("-100") else None


def markup_of(keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    """An inline keyboard as the library's object."""
    if keyboard is None:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b["text"], callback_data=b["callback_data"]) for b in row]
                                 for row in keyboard["inline_keyboard"]])


class TelegramHandler:
    """The "telegram" transport of the outbox; a row that fails half-way resumes after the steps already done."""

    name = "telegram"

    def __init__(self, bot: Bot, loop: LoopThread, cfg: Config, clock: Clock, *, token: str | None = None,
                 pacer: Pacer | None = None):
        if cfg.telegram is None:
            raise ValueError("TelegramHandler needs a config with a telegram section")
        self.bot, self.loop, self.telegram, self.clock, self.token = bot, loop, cfg.telegram, clock, token
        self.tz, self.sla_seconds = cfg.tz, cfg.sla_seconds
        self.pacer = pacer or Pacer((self.telegram.pace[0], float(self.telegram.pace[1])))
        self.person: Person = nobody  # the desk sets its Gate's check: only the team's people are mentioned
        self._done: dict[int, dict[str, Any]] = {}
        self._sent: OrderedDict[int, str | None] = OrderedDict()
        self._lock = threading.RLock()
        self.holds = ChatHolds(self._now)  # chats Telegram's flood control holds (a 429 is one chat's)

    def route(self, view: dict[str, Any]) -> Route:
        """Where a case's alert goes: the first route that fits, else the default chat and topic."""
        return self.telegram.route_for(view["brand"], view["category"])

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        """Send one outbox row, once even when two workers picked it up; raises TransportError on failure."""
        with self._lock:
            if item.id in self._sent:
                return self._sent[item.id]
            result = deliver_kind(self, "Telegram", item, view, ref, self._done)
            self._sent[item.id] = result
            if len(self._sent) > REMEMBER_SENT:
                self._sent.popitem(last=False)
            return result

    @property
    def markup(self) -> TelegramMarkup:
        return TelegramMarkup(self.person)

    # --- the kinds -------------------------------------------------------------------

    def _alert(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None:
            return None
        route = self.route(view)
        sent = self._send(item, "post", int(route.channel), alert_html(view, self.markup, self.tz, self._now(),
                                                                       self.sla_seconds),
                          keyboard=alert_keyboard(view), topic=route.topic)
        return f"{sent['chat']}:{sent['message_id']}"

    def _update(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None:
            return None
        line = lines.event_line(self.markup, item.payload, self.tz, self._now())
        if item.payload.get("event") != "escalated":
            return self._refresh_and_tell(item, view, ref, line)
        return escalation_first(
            lambda: self._escalation_post(item, view, ref, lines.escalated_by(self.markup, item.payload)),
            lambda: self._refresh_and_tell(item, view, ref, line), view["id"])[1]

    def _reminder(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if not still_to_remind(view, self._now(), self.sla_seconds):
            return None  # answered, snoozed or escalated meanwhile: nobody needs reminding
        claimer = view.get("claimed_by")  # who holds it now, not when the sweep queued the reminder
        user = user_id_of(claimer)
        who = f"{mention(user, claimer.rsplit(' (', 1)[0])} " if user is not None and self.person(str(user)) else ""
        return self._refresh_and_tell(item, view, ref, lines.reminder_line(
            self.markup, view, who, self.tz, self._now(), self.sla_seconds))

    def _escalation(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None or view["state"] in CLOSED:
            return None
        reason = lines.escalation_reason(self.markup, item.payload)
        return escalation_first(lambda: self._escalation_post(item, view, ref, reason), lambda: self._refresh_and_tell(
            item, view, ref, f"{self.markup.icons['escalation']} Escalated: {reason}."), view["id"])[0]

    def _summary(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        payload, m = item.payload, self.markup
        chat = int(payload["channel"])
        parts = [f"<b>{escape(payload['title'])}</b>", "\n".join(number_lines(m, payload["total"],
                                                                               payload["previous"])),
                 "<i>Changes are against the previous period.</i>"]
        for dim, groups in breakdowns(payload).items():
            if groups:
                parts.append(f"<b>By {escape(dim)}</b>\n" + "\n".join(group_line(m, dim, g) for g in groups))
        oldest = oldest_lines(m, payload)
        parts.append("<b>Oldest open cases</b>\n" + ("\n".join(oldest) if oldest else "<i>None: the queue is "
                                                                                       "empty.</i>"))
        if payload.get("anchor"):
            parts.append(f"Ledger anchor <code>{escape(payload['anchor'])}</code> (check: "
                         "<code>kuulo verify-ledger --expect</code> with it)")
        sent = self._send(item, "post", chat, fit("\n\n".join(parts), MESSAGE_TEXT), topic=payload.get("topic"))
        if payload.get("chart_png_b64"):
            png = base64.b64decode(payload["chart_png_b64"])
            self._step(item, "chart", "sendPhoto", chat, lambda: self.bot.send_photo(
                chat_id=chat, photo=png, filename=payload.get("chart_name", "kuulo-chart.png"),
                caption=fit(escape(payload["title"]), CAPTION_TEXT), parse_mode="HTML",
                message_thread_id=payload.get("topic")))
        return f"{sent['chat']}:{sent['message_id']}"

    # --- shared steps ----------------------------------------------------------------

    def _refresh_and_tell(self, item: OutboxItem, view: dict[str, Any], ref: str | None, line: str) -> str | None:
        """Redraw the alert from the case as it is now, and add `line` as a reply to it (or in the chat, no alert)."""
        if ref is None:
            route = self.route(view)
            sent = self._send(item, "line", int(route.channel), fit(f"Case #{view['id']} "
                                                                    f"({short(view['brand'], 80)}): {line}"),
                              topic=route.topic)
            return f"{sent['chat']}:{sent['message_id']}"
        chat, message_id = split_ref(ref)
        self._edit(item, chat, message_id, view)
        sent = self._send(item, "line", chat, fit(line), reply_to=message_id)
        return f"{sent['chat']}:{sent['message_id']}"

    def _escalation_post(self, item: OutboxItem, view: dict[str, Any], ref: str | None, why: str) -> str | None:
        """A message in the escalation chat that links to the alert."""
        target = self.telegram.escalation_chat
        if target is None:
            return None
        url = message_link(*split_ref(ref)) if ref else None
        where = f' <a href="{url}">Open the alert</a>' if url else ""
        text = (f"{self.markup.icons['escalation']} <b>Case #{view['id']}</b> ({short(view['brand'], 80)}, "
                f"{short(view['platform'], 80)}) {why}.{where}\n{short(view['author'], 80)} wrote:\n"
                f"{quote(view['text'], 500)}")
        sent = self._send(item, "escalate", target, fit(text))
        return f"{sent['chat']}:{sent['message_id']}"

    def _edit(self, item: OutboxItem, chat: int, message_id: int, view: dict[str, Any]) -> None:
        text = alert_html(view, self.markup, self.tz, self._now(), self.sla_seconds)
        keyboard = markup_of(alert_keyboard(view))
        try:
            self._step(item, "refresh", "editMessageText", chat, lambda: self.bot.edit_message_text(
                text, chat_id=chat, message_id=message_id, parse_mode="HTML", reply_markup=keyboard,
                link_preview_options=NO_PREVIEW), paced=False)
        except TransportError as exc:
            said = str(exc).lower()
            if NOT_MODIFIED not in said and not any(gone in said for gone in ALERT_GONE):
                raise
            if NOT_MODIFIED not in said:  # deleted in the chat: the line still goes, as a message of its own
                log.info("outbox %s: the alert %s:%s is gone (%s); its line is sent without it", item.id, chat,
                         message_id, exc)
            self._done.setdefault(item.id, dict(item.progress))["refresh"] = {"chat": chat, "message_id": message_id}

    def _send(self, item: OutboxItem, step: str, chat: int, html: str, *, keyboard: Keyboard | None = None,
              topic: int | None = None, reply_to: int | None = None) -> dict[str, Any]:
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        return self._step(item, step, "sendMessage", chat, lambda: self.bot.send_message(
            chat, html, parse_mode="HTML", reply_markup=markup_of(keyboard), message_thread_id=topic,
            reply_parameters=reply, link_preview_options=NO_PREVIEW))

    def _step(self, item: OutboxItem, step: str, what: str, chat: int, fn: Callable[[], Awaitable[Any]], *,
              paced: bool = True) -> dict[str, Any]:
        """Run a call once per outbox row (a retry after a later step failed does not post twice), paced per chat."""
        done = self._done.setdefault(item.id, dict(item.progress))
        if step not in done:
            label = f"{what} (outbox {item.id}, {item.kind})"
            self.holds.check(str(chat), label)
            try:
                with self.pacer.turn(chat, PACED_IN_PLACE_S) if paced else nullcontext():
                    message = self.loop.call(call_api(label, self.token, fn))
            except TransportError as exc:
                self.holds.noted(exc, str(chat))
                raise
            done[step] = {"chat": chat, "message_id": getattr(message, "message_id", None)}
        return done[step]

    def _now(self) -> float:
        return self.clock.now().timestamp()
