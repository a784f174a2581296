"""python-telegram-bot failures as TransportError (what to retry, how long to wait, what will never work), the
token kept out of every log line and error, and the event loop the async library runs on."""

from __future__ import annotations

import asyncio
import logging
import threading
from datetime import timedelta
from typing import Any, Awaitable, Callable, Coroutine, TypeVar

from telegram import error as tg

from kuulo.bot.errors import TransportError

T = TypeVar("T")
CALL_TIMEOUT_S = 60.0  # one Bot API call from the outbox thread, waiting on the loop
NOT_MODIFIED = "message is not modified"  # an edit to the same text: nothing to do
# an edit of an alert that is no longer there (an admin deleted it) or no longer editable: its line goes without it
ALERT_GONE = ("message to edit not found", "message can't be edited")


def mask(text: str, token: str | None) -> str:
    """The text with the bot token (and its secret half) replaced: Bot API URLs carry the token."""
    if token:
        text = text.replace(token, "<TELEGRAM_BOT_TOKEN>")
        secret = token.partition(":")[2]
        if len(secret) >= 8:
            text = text.replace(secret, "<secret>")
    return text


class TokenFilter(logging.Filter):
    """A logging filter that masks the token in every record that passes it (httpx logs request URLs)."""

    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message, self.token)
        if masked != message:
            record.msg, record.args = masked, ()
        if record.exc_info and record.exc_info[1] is not None and self.token in str(record.exc_info[1]):
            record.exc_info, record.exc_text = None, None  # a traceback would print it: the masked line stays
        return True


def guard_logs(token: str) -> Callable[[], None]:
    """Mask the token in every handler of the root logger (and httpx's own); returns the undo."""
    flt = TokenFilter(token)
    handlers = list(logging.getLogger().handlers)
    for handler in handlers:
        handler.addFilter(flt)
    noisy = logging.getLogger("httpx")
    noisy.addFilter(flt)

    def undo() -> None:
        for handler in handlers:
            handler.removeFilter(flt)
        noisy.removeFilter(flt)
    return undo


def seconds(value: Any) -> float:
    """A retry_after as seconds (the library gives an int or a timedelta)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def translate(exc: Exception, what: str, token: str | None = None) -> TransportError:
    """The TransportError for a failed call: 429 waits retry_after, network trouble retries, refusals stop."""
    text = mask(str(exc), token)
    if isinstance(exc, tg.RetryAfter):
        return TransportError(f"{what}: Telegram rate limit (retry after {seconds(exc.retry_after):.0f}s)",
                              retry_after=seconds(exc.retry_after))
    if isinstance(exc, tg.ChatMigrated):
        return TransportError(f"{what}: the group became a supergroup: use chat id {exc.new_chat_id} in the config",
                              permanent=True)
    if isinstance(exc, tg.InvalidToken):  # every message would fail so: they wait for the token, as for an outage
        return TransportError(f"{what}: Telegram refused TELEGRAM_BOT_TOKEN ({text}); the messages wait")
    if isinstance(exc, (tg.Forbidden, tg.BadRequest)):
        return TransportError(f"{what}: Telegram refused: {text}", permanent=True)
    if isinstance(exc, (tg.NetworkError, OSError, asyncio.TimeoutError)):
        return TransportError(f"{what}: cannot reach Telegram ({type(exc).__name__}: {text})")
    return TransportError(f"{what}: {type(exc).__name__}: {text}")


class LoopThread:
    """An asyncio event loop in a daemon thread: the async library lives there; synchronous code hands it
    coroutines and waits for their results."""

    def __init__(self, name: str = "kuulo-telegram"):
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = CALL_TIMEOUT_S) -> T:
        """Run a coroutine on the loop and wait for its result (never from the loop's own thread)."""
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("LoopThread.call from the loop's own thread would wait for ever")
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> "asyncio.Future[Any]":
        """Start a coroutine on the loop without waiting for it."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def stop(self) -> None:
        """Cancel what still runs, stop the loop and wait for its thread."""
        async def cancel_all() -> None:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        if self.loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(cancel_all(), self.loop).result(10)
            except Exception:  # noqa: BLE001 - stopping: whatever a task did on cancel is not our concern now
                pass
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)
        if not self.loop.is_running():
            self.loop.close()


async def call_api(what: str, token: str | None, fn: Callable[[], Awaitable[T]]) -> T:
    """Await one Bot API call, translating its failure."""
    try:
        return await fn()
    except (tg.TelegramError, OSError, asyncio.TimeoutError) as exc:
        raise translate(exc, what, token) from None
