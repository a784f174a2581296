"""The running Telegram side of `kuulo run`: one bot, one getUpdates loop (or the webhook) on an event loop of its
own, each update routed where it belongs (desk chats and buttons to the desk, source chats to the Telegram-group
sources), and an outbox thread that delivers the desk's messages, paced per chat."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import threading
from dataclasses import replace
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram import error as tg
from telegram.ext import Application, ApplicationBuilder

from kuulo.bot.app import Services
from kuulo.bot.config import Config
from kuulo.bot.config_chat import DEFAULT_PACE, TELEGRAM_API
from kuulo.bot.delivery import deliver_pending, honoured
from kuulo.bot.errors import KuuloError
from kuulo.bot.pipeline import Pipeline
from kuulo.bot.sources.base import STOPS_EVERY_SOURCE
from kuulo.bot.sources.times import ascii_digits
from kuulo.handlers.telegram import campaigns, listeners
from kuulo.handlers.telegram.desk import TelegramDeskState
from kuulo.handlers.telegram.outbound import TelegramHandler
from kuulo.handlers.telegram.pacing import Pacer
from kuulo.handlers.telegram.transport import LoopThread, guard_logs, mask, seconds
from kuulo.handlers.telegram.webhook import WebhookServer
from kuulo.storage.cursors import get_cursor, set_cursor
from kuulo.storage.db import Database, open_db, write

log = logging.getLogger(__name__)
TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"  # optional: else a new random secret at each start
ALLOWED_UPDATES = ("message", "edited_message", "callback_query")
POLL_TIMEOUT_S = 25  # getUpdates long poll
DESK_CURSOR = "telegram:updates"  # the update_id offset, also kept by each Telegram-group source as its cursor
DELIVER_EVERY_S = 1.0
OUTBOX_BATCH = 10  # rows per delivery round: between rounds the outbox thread sees a stop
RETRY_S = (1, 2, 5, 10, 30)
START_RETRY_S = (1, 3)  # waits between getMe tries at start, before it is an error


def token_from_env(environ: Mapping[str, str] | None = None) -> str:
    """TELEGRAM_BOT_TOKEN, or a KuuloError naming it (the value is never shown)."""
    value = ((os.environ if environ is None else environ).get(TOKEN_ENV) or "").strip()
    if not value:
        raise KuuloError(f"environment variable {TOKEN_ENV} is not set: it must hold the bot token @BotFather gave")
    return value


def build_application(token: str, api_url: str) -> Application:
    """The python-telegram-bot Application pointed at api_url (a local server may stand in); Kuulo runs its own
    update loop, so it has no Updater. Opts in to the library's timedelta retry_after (PTB_TIMEDELTA)."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # else every RetryAfter warns PTBDeprecationWarning
    return (ApplicationBuilder().token(token).base_url(api_url).updater(None).connection_pool_size(8)
            .get_updates_read_timeout(POLL_TIMEOUT_S + 10).build())


class TelegramDesk:
    """The bot of `kuulo run`: the desk (when `telegram:` is configured) and the Telegram-group sources."""

    def __init__(self, cfg: Config, services: Services, *, token: str, sources: Sequence[Any] = (),
                 host: str = "0.0.0.0", port: int | None = None, poll_timeout: float = POLL_TIMEOUT_S):
        self.cfg, self.services, self.token, self.sources = cfg, services, token, list(sources)
        self.api_url = cfg.telegram.api_url if cfg.telegram else (
            next((s.base_url for s in self.sources if getattr(s, "base_url", None)), None) or TELEGRAM_API)
        self.loop = LoopThread()
        self.application = build_application(token, self.api_url)
        self.bot = self.application.bot
        self.handler: TelegramHandler | None = None
        self.desk: TelegramDeskState | None = None
        self._stop = threading.Event()
        if cfg.telegram is not None:
            pace = (cfg.telegram.pace[0], float(cfg.telegram.pace[1]))
            self.handler = TelegramHandler(self.bot, self.loop, cfg, services.clock, token=token,
                                           pacer=Pacer(pace, sleep=self._stop.wait))
            self.desk = TelegramDeskState(services, self.handler)
            campaigns.register(self.application, self.desk)  # first: the desk's button handler takes every other
            listeners.register(self.application, self.desk)
        self.mode = cfg.telegram.mode if cfg.telegram else "polling"
        self.host, self.port, self.poll_timeout = host, port, poll_timeout
        self.webhook: WebhookServer | None = None
        self._outbox_db: Database | None = None
        self._threads: list[threading.Thread] = []
        self._undo_logs = lambda: None
        self._source_services: Services | None = None
        self._polling: Any = None
        self._db_lock = self.desk.lock if self.desk is not None else threading.RLock()

    @classmethod
    def from_env(cls, cfg: Config, services: Services, environ: Mapping[str, str] | None = None,
                 **options: Any) -> TelegramDesk:
        """A desk whose token comes from TELEGRAM_BOT_TOKEN (KuuloError when it is not set)."""
        return cls(cfg, services, token=token_from_env(environ), **options)

    # --- start and stop ------------------------------------------------------------------

    def start(self) -> None:
        """Check the token (getMe), register the commands, then read updates (polling) or listen (webhook)."""
        self._undo_logs = guard_logs(self.token)
        for wait in (*START_RETRY_S, None):  # a network that hiccups at start does not stop `kuulo run`
            try:
                self.loop.call(self.application.initialize())
                break
            except tg.InvalidToken:
                raise KuuloError(f"Telegram refused {TOKEN_ENV} (getMe at {mask(self.api_url, self.token)})") from None
            except tg.NetworkError as exc:  # timed out, or no connection: may pass
                if wait is None:
                    raise KuuloError(f"Telegram: cannot start ({mask(str(exc), self.token)})") from None
                log.warning("Telegram: getMe failed (%s); again in %ss", mask(str(exc), self.token), wait)
                self._stop.wait(wait)
            except tg.TelegramError as exc:
                raise KuuloError(f"Telegram: cannot start ({mask(str(exc), self.token)})") from None
        log.info("Telegram: connected as @%s", self.bot.username)
        pacer = self.handler.pacer if self.handler is not None else Pacer((DEFAULT_PACE[0], float(DEFAULT_PACE[1])),
                                                                          sleep=self._stop.wait)
        for source in self.sources:
            source.attach(self.loop, self.bot, self.token, pacer)
        if self.desk is not None:
            self.loop.call(self.bot.set_my_commands([BotCommand(c, d) for c, d in listeners.COMMANDS]))
            if self.cfg.database != ":memory:":  # its own connection: a paced burst never holds the listeners' lock
                self._outbox_db = open_db(self.cfg.database)
            self._thread(self._deliver_loop, "kuulo-telegram-outbox")
        if self.mode == "webhook":
            self._start_webhook()
        else:
            self.loop.call(self.bot.delete_webhook())
            self._polling = self.loop.spawn(self._poll_loop())

    def _start_webhook(self) -> None:
        secret = os.environ.get(SECRET_ENV) or secrets.token_urlsafe(32)
        url = self.cfg.telegram.webhook_url
        port = self.cfg.telegram.webhook_port if self.port is None else self.port
        self.webhook = WebhookServer(self.host, port, urlsplit(url).path or "/", secret, self._on_webhook)
        self.webhook.start()
        self.port = self.webhook.port
        self.loop.call(self.bot.set_webhook(url, secret_token=secret, allowed_updates=list(ALLOWED_UPDATES)))
        log.info("Telegram: webhook on port %s (%s)", self.port, url)

    def stop(self) -> None:
        """Stop reading, deliver what is due, close; safe to call twice."""
        if self._stop.is_set():
            return
        self._stop.set()
        if self._polling is not None:
            self._polling.cancel()  # before the library closes its connections under the long poll
        if self.webhook is not None:
            self.webhook.stop()
        for thread in self._threads:
            thread.join(timeout=10)
        if self.desk is not None and not any(t.is_alive() for t in self._threads):
            self._flush()
        try:
            self.loop.call(self.application.shutdown(), timeout=10)
        except Exception:  # noqa: BLE001 - stopping anyway
            log.debug("Telegram: shutdown", exc_info=True)
        self.loop.stop()
        if self._outbox_db is not None and not any(t.is_alive() for t in self._threads):
            self._outbox_db.conn.close()
        if self.desk is not None:
            self.desk.close()
        elif self._source_services is not None and self._source_services.db is not self.services.db:
            self._source_services.db.conn.close()
        self._undo_logs()

    def campaign_digests(self) -> list[str]:
        """Post each running campaign's digest once a day in the alerts chat, at the daily summary's time (else
        09:00) in the team's zone (a `kuulo run` job; remembered across restarts)."""
        return campaigns.daily_digests(self.desk) if self.desk is not None else []

    # --- updates -------------------------------------------------------------------------

    async def _poll_loop(self) -> None:
        """getUpdates from the stored offset; each batch is routed, then its offset stored (Telegram confirms the
        updates at the next call, so a crash in between gets them again)."""
        offset = await asyncio.to_thread(self._stored_offset)
        failures = 0
        while not self._stop.is_set():
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=int(self.poll_timeout),
                                                     allowed_updates=list(ALLOWED_UPDATES))
            except asyncio.CancelledError:
                raise
            except tg.RetryAfter as exc:
                await asyncio.sleep(honoured(seconds(exc.retry_after), "Telegram getUpdates"))
                continue
            except tg.InvalidToken:
                log.error("Telegram refused %s: no more updates are read", TOKEN_ENV)
                return
            except (tg.TelegramError, OSError) as exc:
                wait = RETRY_S[min(failures, len(RETRY_S) - 1)]
                failures += 1
                log.warning("Telegram getUpdates failed (%s); again in %ss", mask(str(exc), self.token), wait)
                await asyncio.sleep(wait)
                continue
            failures = 0
            if not updates:
                continue
            offset = updates[-1].update_id + 1
            try:
                await self.dispatch(updates, offset)
            except STOPS_EVERY_SOURCE as exc:  # the database locked, full or read-only, the ledger's key: nothing can
                log.error("Telegram: storing updates up to %s failed (%s)", offset, str(exc)[:500])  # be stored yet
                await self._store_again(offset)
            except Exception:  # noqa: BLE001 - a bug met by these updates: said, and the loop reads on
                log.exception("Telegram: handling updates up to %s failed", offset)

    async def _store_again(self, offset: int) -> None:
        """Store what the sources were fed and the offset after a failed store, again and again with a growing pause,
        before any further update is asked for: asking would confirm these to Telegram, and only memory holds them."""
        failures = 0
        while not self._stop.is_set():
            wait = RETRY_S[min(failures, len(RETRY_S) - 1)]
            await asyncio.sleep(wait)
            try:
                await asyncio.to_thread(self._store, offset)
                log.info("Telegram: the updates up to %s are stored", offset)
                return
            except Exception as exc:  # noqa: BLE001
                failures += 1
                log.error("Telegram: storing updates up to %s failed again (%s); no update is read until they are "
                          "stored; again in %ss", offset, str(exc)[:500], RETRY_S[min(failures, len(RETRY_S) - 1)])

    async def dispatch(self, updates: Sequence[Update], offset: int | None = None) -> None:
        """Route each update: source chats to their source, the rest to the desk; then store the offset."""
        fed = False
        for update in updates:
            source = self._source_for(update)
            if source is not None:
                source.feed(update)
                fed = True
            elif self.desk is not None:
                await self.application.process_update(update)
        if offset is not None or fed:
            await asyncio.to_thread(self._store, offset)

    def _source_for(self, update: Update) -> Any:
        message = update.message or update.edited_message
        if message is None:
            return None
        return next((s for s in self.sources if message.chat.id in s.chats), None)

    def _on_webhook(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self.bot)
        self.loop.call(self.dispatch([update]))

    def _stored_offset(self) -> int | None:
        names = [DESK_CURSOR] + [s.name for s in self.sources]
        services = self._services()
        with self._db_lock:
            stored = [get_cursor(services.db, n) for n in names]
        numbers = [int(c) for c in stored if c and ascii_digits(c.lstrip("-"))]
        return max(numbers) if numbers else None

    def _store(self, offset: int | None) -> None:
        """Ingest what the sources were fed (each through poll_once: the pipeline, its cursor) and keep the offset."""
        from kuulo.bot.sources.poller import poll_once

        services = self._services()
        with self._db_lock:  # the desk's connection is shared with its listeners, one at a time
            for source in self.sources:
                config = next(c for c in self.cfg.sources if c.name == source.name)
                if offset is not None:
                    source.advance(offset)
                result = poll_once(services, config, source)
                if not result.ok:
                    log.warning("source %s: %s", source.name, result.error)
            if offset is not None:
                with write(services.db) as db:
                    set_cursor(db, DESK_CURSOR, str(offset), self.services.clock.now().timestamp())

    def _services(self) -> Services:
        """The services on the update loop's connection (the desk's, or one of its own without a desk)."""
        if self._source_services is None:
            if self.desk is not None:
                db, cases = self.desk.db, self.desk.cases
            else:
                memory = self.services.config.database == ":memory:"  # a second connection would be another db
                db = self.services.db if memory else open_db(self.services.config.database)
                cases = self.services.cases
            pipeline = self.services.pipeline
            self._source_services = replace(self.services, db=db, cases=cases, pipeline=Pipeline(
                db, self.services.engine, self.services.clock, open_for=pipeline.open_for,
                transports=pipeline.transports))
        return self._source_services

    # --- the outbox ----------------------------------------------------------------------

    def _thread(self, target: Any, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _deliver_loop(self) -> None:
        """Deliver the desk's outbox rows as they come (paced per chat: this thread waits, nothing else does)."""
        while not self._stop.is_set():
            if self._flush() >= OUTBOX_BATCH:
                continue  # more may be due at once
            self.desk.changed.wait(DELIVER_EVERY_S)
            self.desk.changed.clear()

    def _flush(self) -> int:
        try:
            if self._outbox_db is None:
                return self.desk.flush()
            return deliver_pending(self._outbox_db, self.handler, self.services.clock, limit=OUTBOX_BATCH,
                                   engine=self.services.engine)
        except Exception:  # noqa: BLE001 - the loop goes on; the traceback is in the log
            log.exception("Telegram: delivering the outbox failed")
            return 0
