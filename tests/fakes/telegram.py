"""FakeTelegram: a local HTTP server that answers the Telegram Bot API on the wire.

Point the real library at it (fixture ``fake_telegram``)::

    bot = telegram.Bot(fake.token, base_url=fake.url)       # or ApplicationBuilder().token(..).base_url(fake.url)
    await bot.send_message(-1001, "<b>hei</b>", parse_mode="HTML")
    assert fake.messages(-1001)[0]["plain"] == "hei"
    fake.user_message(-1001, tg_user(111, "Anna"), "/queue")   # the bot reads it through getUpdates

Wire facts it follows (core.telegram.org/bots/api#making-requests; python-telegram-bot 22 ``Bot._do_post``,
``request/_baserequest.py``, ``request/_requestparameter.py``): every call is ``POST|GET {base_url}{token}/{method}``
(method names case-insensitive); python-telegram-bot sends a form body, strings as they are and other values
JSON-encoded, or multipart/form-data when it uploads (``photo`` as a file part); JSON bodies and query strings work
too. Answers are ``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description"[, "parameters":
{"retry_after" | "migrate_to_chat_id"}]}`` with the HTTP status equal to error_code, which the library turns into
RetryAfter (429), Forbidden (403), BadRequest (400), InvalidToken (401/404), Conflict (409), NetworkError (5xx or a
dropped connection), ChatMigrated. HTML parse mode is parsed as Telegram does (telegram_html.py).

Interface (all thread-safe; dicts returned are copies):
- ``url`` ("http://127.0.0.1:PORT/bot", the api_url/base_url), ``token``, ``bot`` (the bot's User).
- ``calls`` / ``calls_to(method)``: ``TelegramCall(method, params, files, status, answer, at)``; params decoded
  (ints, JSON objects); status is the HTTP status answered, 0 for a connection closed without an answer.
- ``messages(chat_id, *, people=False)``: what the bot sent there (people=True: people's messages too), in order;
  ``message(chat_id, message_id)``: one message, or None. Each is a dict: message_id, chat_id, from_bot, from,
  date, text (as sent, HTML source), plain (what people see), entities, parse_mode, reply_markup (as sent,
  ForceReply included), reply_to (message id), thread_id, caption, photo (uploaded bytes), photo_id, edit_date,
  edits (count), history (earlier {text, parse_mode, reply_markup}), deleted. Edits are applied.
- ``wire_message(chat_id, message_id)``: the Message object as the Bot API shows it.
- ``callback_answer(query_id)``: the answerCallbackQuery params ({text, show_alert, url, cache_time}) or None.
- ``pending_updates()``, ``confirmed_through`` (highest confirmed update_id), ``dropped_updates()``, ``webhook``
  ({url, secret_token, allowed_updates}), ``commands(scope=None, language_code="")``.
- Chats: made on first use (negative ids supergroups, positive private); ``add_chat(id, chat_type=, title=,
  username=, is_forum=)``, ``kick(id)`` (every send: 403 kicked), ``remove_chat(id)`` (400 chat not found),
  ``set_member(chat_id, user_id, status)`` for getChatMember.
- People: ``user_message(chat_id, user, text, *, reply_to=None, thread_id=None, chat_type="supergroup",
  chat_username=None, date=None) -> Update``; ``user_edit(chat_id, message_id, text) -> Update``;
  ``callback(chat_id, user, message_id, data, *, forge=False) -> Update`` (data must be on a button of that bot
  message unless forge); ``push_update(raw) -> Update``. User dicts: ``tg_user(id, first_name, username=None)``.
  ``privacy_mode=True`` drops group messages a privacy-mode bot would not see.
- Faults: ``fail_next(method, n=1, kind="5xx", *, retry_after=1, migrate_to_chat_id=None)`` (method "*": any;
  kinds in FAILURE_KINDS); ``set_rate(messages, per_seconds, *, overall=None)``: a per-chat (and optionally
  overall) limit on sendMessage/sendPhoto answered 429 with retry_after, ``set_rate(None)`` removes it;
  ``delay(seconds, method=None)``; ``down()`` / ``up()``.
- Webhook: ``post_webhook(url, update, secret_token=None) -> int`` (HTTP status; a 2xx confirms the update);
  ``deliver_webhook() -> list[int]`` posts pending updates to the URL setWebhook registered.
- Waiting: ``wait_for(predicate, timeout=10.0) -> bool``; ``wait_for_messages(chat_id, n, timeout=10.0)``;
  ``polling`` is True while a getUpdates call waits (the bot is up and long polling).

Library facts met here (python-telegram-bot 22.8): building RetryAfter warns PTBDeprecationWarning unless
``PTB_TIMEDELTA=true`` is set (then ``retry_after`` is a timedelta); under ``filterwarnings = error`` that warning is
raised from inside the library instead of RetryAfter. InvalidToken's message contains the token. Webhook mode
(``Application.run_webhook``) needs tornado (``python-telegram-bot[webhooks]``), which is not installed.
"""

from __future__ import annotations

import copy
import json
import re
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

import pytest

from .local_server import FakeHandler, FakeServer
from .telegram_html import ApiError
from .telegram_methods import METHODS, SENDS
from .telegram_state import TelegramState, tg_user
from .telegram_wire import FAILURE_KINDS, Dropped, RateWindows, failure, post_update, read_params

__all__ = ["FakeTelegram", "TelegramCall", "tg_user", "FAILURE_KINDS"]

TOKEN = "7000000001:AAHkuuloFakeToken-0123456789abcdefgh"
_PATH = re.compile(r"/bot([^/]+)/([A-Za-z]+)/?")
_NOT_FOUND = ApiError(404, "Not Found")


class _Server(FakeServer):
    request_queue_size = 128  # socketserver's 5 resets connections when a client opens many at once


@dataclass(frozen=True, slots=True)
class TelegramCall:
    """One request: the API method as written in the URL, its decoded params, uploaded files, what was answered."""

    method: str
    params: Mapping[str, Any]
    files: Mapping[str, tuple[str, bytes, str]]
    status: int
    answer: Mapping[str, Any] | None
    at: float


class FakeTelegram:
    """The Bot API of one bot on 127.0.0.1 (port 0): records calls, keeps chats and updates, fails on cue."""

    def __init__(self, *, token: str = TOKEN, username: str = "kuulo_test_bot", first_name: str = "Kuulo",
                 privacy_mode: bool = False, now: Callable[[], float] = time.time) -> None:
        self.token = token
        self.bot = tg_user(int(token.split(":")[0]), first_name, username, is_bot=True)
        self.state = TelegramState(self.bot, now, privacy_mode)
        self.port = 0
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._calls: list[TelegramCall] = []
        self._failures: list[list[Any]] = []  # [method, remaining, kind, retry_after, migrate_to_chat_id]
        self._rates: list[tuple[RateWindows, bool]] = []  # (windows, per chat: True; overall: False)
        self._delays: dict[str | None, float] = {}
        self._poll_generation = 0
        self._waiting_polls = 0
        self._down = self._closing = False
        self._server: FakeServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        """Listen on 127.0.0.1 (a free port the first time, the same port after down())."""
        server = _Server(("127.0.0.1", self.port), FakeHandler)
        server.fake = self
        self.port = server.server_address[1]
        self._server, self._closing = server, False
        self._thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True,
                                        name=f"FakeTelegram:{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening; waiting getUpdates calls end without an answer."""
        with self._lock:
            self._closing = True
            self._changed.notify_all()
        self._close_listener()

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def down(self) -> None:
        """Telegram unreachable: new connections refused, requests on open ones closed without an answer."""
        with self._lock:
            self._down = True
            self._changed.notify_all()
        self._close_listener()

    def up(self) -> None:
        """Reachable again, on the same port."""
        with self._lock:
            self._down = False
        if self._server is None:
            self.start()

    def _close_listener(self) -> None:
        server, thread, self._server, self._thread = self._server, self._thread, None, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def url(self) -> str:
        """The base URL the token follows (python-telegram-bot's base_url, Kuulo's telegram.api_url)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # --- inspection ----------------------------------------------------------------------

    @property
    def calls(self) -> list[TelegramCall]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[TelegramCall]:
        """Calls of one method (any case), oldest answer first."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def messages(self, chat_id: int, *, people: bool = False) -> list[dict[str, Any]]:
        with self._lock:
            return [r.inspect() for r in self.state.in_chat(chat_id, bot_only=not people)]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """One message (a deleted one too, marked deleted), or None."""
        with self._lock:
            found = self.state.records.get((chat_id, message_id))
            return found.inspect() if found else None

    def wire_message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        with self._lock:
            found = self.state.record(chat_id, message_id)
            return self.state.wire_message(found) if found else None

    def callback_answer(self, query_id: str) -> dict[str, Any] | None:
        with self._lock:
            return copy.deepcopy((self.state.callbacks.get(str(query_id)) or {}).get("answer"))

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self.state.updates)

    def dropped_updates(self) -> list[dict[str, Any]]:
        with self._lock:
            return copy.deepcopy(self.state.dropped)

    @property
    def confirmed_through(self) -> int:
        with self._lock:
            return self.state.confirmed_through

    @property
    def webhook(self) -> dict[str, Any]:
        with self._lock:
            return copy.deepcopy(self.state.webhook)

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, Any]]:
        key = json.dumps(scope or {"type": "default"}, sort_keys=True), language_code
        with self._lock:
            return copy.deepcopy(self.state.commands.get(key, []))

    @property
    def polling(self) -> bool:
        """True while a getUpdates call is waiting (long polling) for an update."""
        with self._lock:
            return self._waiting_polls > 0

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Wait until predicate() holds (checked after every call and update); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(min(remaining, 0.2))
            return True

    def wait_for_messages(self, chat_id: int, n: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The bot's messages in chat_id once there are at least n (or as many as came within timeout)."""
        self.wait_for(lambda: len(self.messages(chat_id)) >= n, timeout)
        return self.messages(chat_id)

    # --- chats and people ------------------------------------------------------------------

    def add_chat(self, chat_id: int, *, chat_type: str | None = None, title: str | None = None,
                 username: str | None = None, is_forum: bool = False) -> dict[str, Any]:
        with self._lock:
            chat = self.state.chat(chat_id, chat_type=chat_type, username=username, title=title)
            chat.is_forum = is_forum or chat.is_forum
            return chat.wire()

    def kick(self, chat_id: int) -> None:
        """The bot was removed from the chat: every send there is 403 Forbidden from now on."""
        with self._lock:
            self.state.chat(chat_id).state = "kicked"

    def delete(self, chat_id: int, message_id: int) -> None:
        """A chat admin deletes a message (the bot's own too): editing it then answers 400 "message to edit not
        found"."""
        with self._lock:
            self.state.records[(chat_id, message_id)].deleted = True

    def remove_chat(self, chat_id: int) -> None:
        """The chat does not exist for the bot: 400 chat not found from now on."""
        with self._lock:
            self.state.chat(chat_id).state = "gone"

    def set_member(self, chat_id: int, user_id: int, status: str) -> None:
        """getChatMember's status for this user: creator, administrator, member, left or kicked."""
        with self._lock:
            self.state.chat(chat_id).members[user_id] = status

    def user_message(self, chat_id: int, user: dict[str, Any], text: str, *, reply_to: int | None = None,
                     thread_id: int | None = None, chat_type: str = "supergroup", chat_username: str | None = None,
                     date: int | None = None) -> dict[str, Any]:
        """A person writes in the chat; returns the Update (its "message" holds the message_id)."""
        if chat_id > 0 and chat_type == "supergroup":
            chat_type = "private"
        with self._changed:
            update = self.state.user_message(chat_id, user, text, reply_to=reply_to, thread_id=thread_id,
                                             chat_type=chat_type, chat_username=chat_username, date=date)
            self._changed.notify_all()
            return update

    def user_edit(self, chat_id: int, message_id: int, text: str, *, date: int | None = None) -> dict[str, Any]:
        """A person edits their message; returns the edited_message Update."""
        with self._changed:
            update = self.state.user_edit(chat_id, message_id, text, date)
            self._changed.notify_all()
            return update

    def callback(self, chat_id: int, user: dict[str, Any], message_id: int, data: str, *,
                 forge: bool = False) -> dict[str, Any]:
        """A person presses the button with this callback_data on the bot's message; returns the Update."""
        with self._changed:
            update = self.state.callback(chat_id, user, message_id, data, forge)
            self._changed.notify_all()
            return update

    def push_update(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Queue any Update as given (an update_id is added if missing)."""
        with self._changed:
            update = self.state.push(raw)
            self._changed.notify_all()
            return update

    # --- faults ------------------------------------------------------------------------------

    def fail_next(self, method: str, n: int = 1, kind: str = "5xx", *, retry_after: int = 1,
                  migrate_to_chat_id: int | None = None) -> None:
        """The next n calls of method ("*": any) fail: 5xx (502), 429 (retry_after), down (connection closed
        without an answer), forbidden (403 kicked), chat_not_found, not_enough_rights (400), migrated (400)."""
        if kind not in FAILURE_KINDS:
            raise ValueError(f"fail_next: unknown kind {kind!r}; expected one of {', '.join(FAILURE_KINDS)}")
        with self._lock:
            self._failures.append([method.lower(), n, kind, retry_after, migrate_to_chat_id])

    def set_rate(self, messages: int | None, per_seconds: float = 60.0, *,
                 overall: tuple[int, float] | None = None) -> None:
        """At most `messages` sendMessage/sendPhoto per chat in any `per_seconds` window (Telegram: about 20 a
        minute in a group), and with overall=(n, seconds) at most n across all chats (about 30 a second), else
        429 with retry_after; set_rate(None) removes the limits."""
        with self._lock:
            self._rates = [] if messages is None else [(RateWindows(messages, per_seconds), True)]
            if overall is not None:
                self._rates.append((RateWindows(*overall), False))

    def delay(self, seconds: float, method: str | None = None) -> None:
        """Hold every answer (to method, or to all) for seconds; delay(0) clears it."""
        with self._lock:
            key = method.lower() if method else None
            if seconds > 0:
                self._delays[key] = seconds
            else:
                self._delays.pop(key, None)

    # --- webhook -------------------------------------------------------------------------------

    def post_webhook(self, url: str, update: dict[str, Any], secret_token: str | None = None) -> int:
        """POST the update to the bot's webhook as Telegram does; the HTTP status (a 2xx confirms it)."""
        status = post_update(url, update, secret_token)
        if 200 <= status < 300 and "update_id" in update:
            with self._changed:
                self.state.confirm_one(update["update_id"])
                self._changed.notify_all()
        return status

    def deliver_webhook(self) -> list[int]:
        """Post pending updates, oldest first, to the webhook setWebhook registered; stops at a failure."""
        statuses: list[int] = []
        for update in self.pending_updates():
            hook = self.webhook
            if not hook["url"]:
                raise ValueError("deliver_webhook: no webhook is set (setWebhook was not called)")
            statuses.append(self.post_webhook(hook["url"], update, hook["secret_token"]))
            if not 200 <= statuses[-1] < 300:
                break
        return statuses

    # --- serving -----------------------------------------------------------------------------

    def _serve(self, handler: FakeHandler) -> None:
        url, headers, body = handler.read_request()
        at = time.time()
        match = _PATH.fullmatch(url.path)
        method = match.group(2) if match else url.path
        params: dict[str, Any] = {}
        files: dict[str, tuple[str, bytes, str]] = {}
        try:
            if self._down:
                raise Dropped
            if match is None:
                raise _NOT_FOUND
            params, files = read_params(url.query, headers.get("content-type", ""), body)
            if match.group(1) != self.token:
                raise ApiError(401, "Unauthorized")
            self._hold(method.lower())
            answer = self._answer(method.lower(), params, files)
        except ApiError as e:
            answer = e.payload()
        except (ValueError, TypeError, AttributeError) as e:  # a parameter of the wrong type or shape
            answer = ApiError(400, f"Bad Request: invalid parameters ({type(e).__name__}: {e})").payload()
        except Dropped:
            answer = None
        status = 0 if answer is None else 200 if answer["ok"] else answer["error_code"]
        with self._changed:
            self._calls.append(TelegramCall(method, params, files, status, answer, at))
            self._changed.notify_all()
        if answer is None:
            handler.close_connection = True  # no status line: the client sees the connection drop
            return
        # headers and body go out in two writes: without TCP_NODELAY each answer waits out a delayed ACK (~40 ms)
        handler.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        handler.send_answer(status, {"Content-Type": "application/json"}, json.dumps(answer).encode("utf-8"))

    def _hold(self, method: str) -> None:
        with self._lock:
            seconds = self._delays.get(method, self._delays.get(None, 0.0))
        if seconds:
            time.sleep(seconds)

    def _answer(self, method: str, params: dict[str, Any], files: Mapping[str, Any]) -> dict[str, Any]:
        """The JSON answer; raises ApiError for an error answer, Dropped to close the connection without one."""
        self._fail_if_due(method)
        if method == "getupdates":
            return self._get_updates(params)
        handler = METHODS.get(method)
        if handler is None:
            raise _NOT_FOUND
        with self._lock:
            chat_id = params.get("chat_id")
            counted = self._rates if method in SENDS else []
            for windows, per_chat in counted:
                windows.check(chat_id if per_chat else "*")
            result = handler(self.state, params, files)
            for windows, per_chat in counted:
                windows.count(chat_id if per_chat else "*")
            return {"ok": True, "result": result}

    def _fail_if_due(self, method: str) -> None:
        with self._lock:
            due = next((f for f in self._failures if f[1] > 0 and f[0] in (method, "*")), None)
            if due is None:
                return
            due[1] -= 1
        raise failure(*due[2:])

    def _get_updates(self, params: dict[str, Any]) -> dict[str, Any]:
        """Confirm below offset, then answer what is queued, waiting up to timeout seconds for something."""
        with self._changed:
            if self.state.webhook["url"]:
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use "
                                    "deleteWebhook to delete the webhook first")
            self._poll_generation += 1
            mine = self._poll_generation
            self._changed.notify_all()  # an older waiting getUpdates is terminated by this one
            if params.get("offset") not in (None, "", 0):
                self.state.confirm(int(params["offset"]))
            if params.get("allowed_updates") is not None:
                self.state.allowed_updates = list(params["allowed_updates"])
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            deadline = time.monotonic() + max(float(params.get("timeout") or 0), 0.0)
            while True:
                if self._closing or self._down:
                    raise Dropped
                if self._poll_generation != mine:
                    raise ApiError(409, "Conflict: terminated by other getUpdates request; make sure that only "
                                        "one bot instance is running")
                if self.state.updates:
                    return {"ok": True, "result": copy.deepcopy(self.state.updates[:limit])}
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return {"ok": True, "result": []}
                self._waiting_polls += 1
                self._changed.notify_all()
                try:
                    self._changed.wait(remaining)
                finally:
                    self._waiting_polls -= 1


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """A started FakeTelegram with the default bot (token TOKEN, @kuulo_test_bot), privacy mode off."""
    with FakeTelegram() as fake:
        yield fake
