"""SlackHandler: delivers outbox rows (alerts, case updates, reminders, escalations, summaries) to Slack."""

from __future__ import annotations

import base64
import threading
from collections import OrderedDict
from typing import Any, Callable

from slack_sdk import WebClient

from kuulo.bot.clock import Clock
from kuulo.bot.config import Config
from kuulo.bot.config_chat import Route
from kuulo.bot.errors import TransportError
from kuulo.handlers.base import ChatHolds, deliver_kind, escalation_first, still_to_remind, unless_refused
from kuulo.handlers.slack.blocks import alert_blocks, event_line, headline, name
from kuulo.handlers.slack.kit import message_text, section
from kuulo.handlers.desk import lines
from kuulo.handlers.slack.render import Person, SlackMarkup, nobody, principal, quote, short, user_id_of
from kuulo.handlers.slack.summary import summary_blocks, summary_text
from kuulo.handlers.slack.transport import call
from kuulo.storage.cases import CLOSED
from kuulo.storage.outbox import OutboxItem

REMEMBER_SENT = 10_000  # outbox ids kept in memory so a row two workers picked up goes out once


def as_blocks(text: str) -> dict[str, Any]:
    """A message of escaped mrkdwn as a verbatim section (Slack links no bare address or #channel of a post in it)
    and the same text as its notification's fallback."""
    return {"text": message_text(text), "blocks": [section(text)]}


def split_ref(ref: str) -> tuple[str, str]:
    """'CHANNEL:TS' -> (channel, ts)."""
    channel, _, ts = ref.partition(":")
    return channel, ts


class SlackHandler:
    """The "slack" transport of the outbox; a row that fails half-way resumes after the steps already done (kept in
    memory, and with the outbox row, so a restart of `kuulo run` in between does not repeat them)."""

    name = "slack"

    def __init__(self, client: WebClient, cfg: Config, clock: Clock):
        if cfg.slack is None:
            raise ValueError("SlackHandler needs a config with a slack section")
        self.client, self.slack, self.clock = client, cfg.slack, clock
        self.tz, self.sla_seconds = cfg.tz, cfg.sla_seconds
        self._done: dict[int, dict[str, Any]] = {}  # outbox id -> results of the steps that already went through
        self._sent: OrderedDict[int, str | None] = OrderedDict()  # recently delivered outbox ids -> their ref
        self._lock = threading.RLock()  # the scheduler's worker and the listeners' flush may share this handler
        self.chat_routes: Callable[[], tuple[Route, ...]] = lambda: ()  # routes set from chat (the Desk sets it)
        self._routes: tuple[Route, ...] = ()  # chat_routes() as read for the row being delivered
        self.queue_changed = threading.Event()  # set when an alert or a case change went out: Home tabs redraw
        self.person: Person = nobody  # which Slack user ids are the team's (the Desk sets its Gate's check)
        self.holds = ChatHolds(self._now)  # channels whose chat.postMessage Slack rate-limited

    def route(self, view: dict[str, Any]) -> Route:
        """Where a case's alert goes: chat-set routes first, then the config's, then the default channel."""
        return self.slack.channel_for(view["brand"], view["category"], self._routes)

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        """Send one outbox row, once even when two workers picked it up; raises TransportError on failure."""
        routes = self.chat_routes()  # before our lock: the Desk's provider takes the Desk's lock (no lock cycle)
        with self._lock:
            self._routes = routes
            if item.id in self._sent:
                return self._sent[item.id]
            result = self._send(item, view, ref)
            self._sent[item.id] = result
            if len(self._sent) > REMEMBER_SENT:
                self._sent.popitem(last=False)
            return result

    def _send(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        result = deliver_kind(self, "Slack", item, view, ref, self._done)
        if item.kind in ("alert", "update", "escalation"):
            self.queue_changed.set()
        return result

    # --- the kinds -------------------------------------------------------------------

    def _alert(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None:
            return None
        channel = self.route(view).channel
        answer = self._post(item, "post", channel, text=headline(view), blocks=self._blocks(view), unfurl_links=False,
                            unfurl_media=False)
        return f"{answer['channel']}:{answer['ts']}"

    def _update(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None:
            return None
        line = event_line(item.payload, self.tz, self._now(), self.person)
        if item.payload.get("event") != "escalated":
            return self._refresh_and_tell(item, view, ref, line)
        return escalation_first(
            lambda: self._escalation_post(item, view, ref, lines.escalated_by(SlackMarkup(), item.payload)),
            lambda: self._refresh_and_tell(item, view, ref, line), view["id"])[1]

    def _reminder(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if not still_to_remind(view, self._now(), self.sla_seconds):
            return None  # answered, snoozed or escalated meanwhile: nobody needs reminding
        claimer = user_id_of(view.get("claimed_by"))  # who holds it now, not when the sweep queued the reminder
        claimer = claimer if claimer and self.person(claimer) else None  # only the team's people are pinged
        on_duty = self.route(view).on_duty
        who = f"<@{claimer}> " if claimer else (principal(on_duty) + " " if on_duty else "")
        return self._refresh_and_tell(item, view, ref, lines.reminder_line(
            SlackMarkup(self.person), view, who, self.tz, self._now(), self.sla_seconds))

    def _escalation(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        if view is None or view["state"] in CLOSED:
            return None
        reason = lines.escalation_reason(SlackMarkup(), item.payload)
        return escalation_first(lambda: self._escalation_post(item, view, ref, reason), lambda: self._refresh_and_tell(
            item, view, ref, f":rotating_light: Escalated: {reason}."), view["id"])[0]

    def _summary(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        payload, channel = item.payload, item.payload["channel"]
        answer = self._post(item, "post", channel, text=summary_text(payload), blocks=summary_blocks(payload))
        if payload.get("chart_png_b64"):
            png = base64.b64decode(payload["chart_png_b64"])
            self._step(item, "chart", "files.uploadV2", lambda: self.client.files_upload_v2(
                channel=channel, content=png, filename=payload.get("chart_name", "kuulo-chart.png"),
                title=payload["title"]))
        return f"{answer['channel']}:{answer['ts']}"

    # --- shared steps ----------------------------------------------------------------

    def _refresh_and_tell(self, item: OutboxItem, view: dict[str, Any], ref: str | None, line: str) -> str | None:
        """Redraw the alert from the case as it is now, and add `line` in its thread (or the channel, no alert)."""
        if ref is None:
            channel = self.route(view).channel
            answer = self._post(item, "line", channel, **as_blocks(f"Case #{view['id']} ({name(view['brand'])}): "
                                                                   f"{line}"))
            return f"{answer['channel']}:{answer['ts']}"
        channel, ts = split_ref(ref)
        self._step(item, "refresh", "chat.update", lambda: self.client.chat_update(
            channel=channel, ts=ts, text=headline(view), blocks=self._blocks(view)))
        answer = self._post(item, "line", channel, thread_ts=ts, unfurl_links=False, **as_blocks(line))
        return f"{channel}:{answer['ts']}"

    def _escalation_post(self, item: OutboxItem, view: dict[str, Any], ref: str | None, why: str) -> str | None:
        """A message in the escalation channel that links to the alert (while Slack still has it)."""
        target = self.slack.escalation_channel
        if target is None:
            return None
        where = ""
        if ref is not None:
            channel, ts = split_ref(ref)
            link = unless_refused("its permalink", lambda: self._step(
                item, "permalink", "chat.getPermalink", lambda: self.client.chat_getPermalink(
                    channel=channel, message_ts=ts)))
            where = f" <{link['permalink']}|Open the alert>" if link else ""
        text = (f":rotating_light: *Case #{view['id']}* ({name(view['brand'])}, {name(view['platform'])}) "
                f"{why}.{where}\n{short(view['author'], 80)} wrote:\n{quote(view['text'], 500)}")
        answer = self._post(item, "escalate", target, unfurl_links=False, **as_blocks(text))
        return f"{answer['channel']}:{answer['ts']}"

    def _post(self, item: OutboxItem, step: str, channel: str, **message: Any) -> Any:
        """A chat.postMessage step; Slack limits it per channel (about one a second), so its rate limit holds only
        that channel (self.holds): the other channels' messages go meanwhile."""
        label = f"chat.postMessage (outbox {item.id}, {item.kind})"
        if step not in self._done.get(item.id, item.progress):
            self.holds.check(channel, label)
        try:
            return self._step(item, step, "chat.postMessage", lambda: self.client.chat_postMessage(
                channel=channel, **message))
        except TransportError as exc:
            self.holds.noted(exc, channel)
            raise

    def _step(self, item: OutboxItem, step: str, what: str, fn: Callable[[], Any]) -> Any:
        """Run a call once per outbox row: a retry after a later step failed does not post twice."""
        done = self._done.setdefault(item.id, dict(item.progress))
        if step not in done:
            answer = call(f"{what} (outbox {item.id}, {item.kind})", fn)
            done[step] = {k: answer.get(k) for k in ("channel", "ts", "permalink")}
        return done[step]

    def _blocks(self, view: dict[str, Any]) -> list[dict[str, Any]]:
        return alert_blocks(view, self.tz, self._now(), self.sla_seconds, self.person)

    def _now(self) -> float:
        return self.clock.now().timestamp()
