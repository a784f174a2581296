"""The `slack:`, `telegram:` and `sources:` config sections: typed, closed, with located errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import urlsplit

from kuulo.bot.limits import MAX_POLL_SECONDS, REMIND_AT
from kuulo.bot.yamlsrc import Located

SLACK_KEYS = frozenset({"mode", "http_port", "api_url", "channel", "routes", "escalation_channel", "agents",
                        "supervisors", "summaries", "remind_at"})
ROUTE_KEYS = frozenset({"brand", "category", "channel", "on_duty"})
TELEGRAM_KEYS = frozenset({"api_url", "chat", "topic", "routes", "escalation_chat", "allowed_chats", "agents",
                           "supervisors", "mode", "webhook_url", "webhook_port", "summaries", "remind_at", "pace"})
TELEGRAM_ROUTE_KEYS = frozenset({"brand", "category", "chat", "topic"})
TELEGRAM_API = "https://api.telegram.org/bot"
PACE_KEYS = frozenset({"messages", "per"})
DEFAULT_PACE = (20, 60)  # Telegram: about 20 messages a minute in one group
SUMMARY_KEYS = frozenset({"daily", "weekly"})
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CHANNEL = re.compile(r"[CGD][A-Z0-9]{2,}")
_PRINCIPAL = re.compile(r"[UWS][A-Z0-9]{2,}")
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")

# Each source type's own keys (besides name, type, every, base_url, token_env) and what they hold:
# "str" a non-empty string, "strs" a string or a list of strings (read as a tuple), "bool", "id" a string or number
# (read as a string). Checked here, so a wrong value is reported with its file, line and key.
SOURCE_TYPES: dict[str, dict[str, str]] = {
    "rss": {"url": "str"},
    "mastodon": {"hashtags": "strs", "search": "strs", "notifications": "bool"},
    "bluesky": {"handle": "str", "password_env": "str", "search": "strs", "hashtags": "strs",
                "notifications": "bool"},
    "reddit": {"subreddits": "strs", "search": "strs", "client_id_env": "str", "client_secret_env": "str",
               "user_agent": "str", "username_env": "str", "password_env": "str"},
    "instagram": {"user_id": "id", "hashtags": "strs", "comments": "bool", "mentions": "bool"},
    "telegram": {"chats": "chats", "public": "bool"},
}
SOURCE_REQUIRED: dict[str, tuple[str, ...]] = {"rss": ("url",), "instagram": ("user_id",)}
# The source types that can post a reply on their platform.
REPLYING_TYPES = frozenset({"mastodon", "bluesky", "reddit", "instagram", "telegram"})
SOURCE_COMMON = frozenset({"name", "type", "every", "base_url", "token_env"})


@dataclass(frozen=True, slots=True)
class Route:
    """First matching route wins: brand and/or category -> channel (and who is on duty there)."""

    channel: str
    brand: str | None = None
    category: str | None = None
    on_duty: str | None = None
    topic: int | None = None  # Telegram: a forum topic (message_thread_id) of the chat


def first_route(routes: tuple[Route, ...], brand: str | None, category: str | None, default: Route) -> Route:
    """The first route whose brand and category fit (an unset one fits anything), else the default."""
    for route in routes:
        if (route.brand is None or route.brand == brand) and (route.category is None or route.category == category):
            return route
    return default


@dataclass(frozen=True, slots=True)
class Summary:
    """A scheduled summary: when (team time zone) and where."""

    time: str  # "HH:MM"
    channel: str
    day: str | None = None  # weekly only


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """`slack:`; tokens come from SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_SIGNING_SECRET."""

    channel: str
    mode: str = "socket"
    http_port: int = 3000
    api_url: str = "https://slack.com/api/"
    routes: tuple[Route, ...] = ()
    escalation_channel: str | None = None
    agents: tuple[str, ...] = ()
    supervisors: tuple[str, ...] = ()
    daily: Summary | None = None
    weekly: Summary | None = None

    def channel_for(self, brand: str | None, category: str | None, chat_routes: tuple[Route, ...] = ()) -> Route:
        """The route of a case: the first that fits (routes set from chat before the config's), else the default
        channel."""
        return first_route((*chat_routes, *self.routes), brand, category, Route(self.channel))


@dataclass(frozen=True, slots=True)
class TelegramConfig:
    """`telegram:`; the token comes from TELEGRAM_BOT_TOKEN. Chat and user ids are Telegram's numbers (a route's
    `channel` holds its chat id as text)."""

    chat: int
    topic: int | None = None
    api_url: str = TELEGRAM_API
    routes: tuple[Route, ...] = ()
    escalation_chat: int | None = None
    allowed_chats: tuple[int, ...] = ()
    agents: tuple[int, ...] = ()
    supervisors: tuple[int, ...] = ()
    mode: str = "polling"
    webhook_url: str | None = None
    webhook_port: int = 8443
    daily: Summary | None = None
    weekly: Summary | None = None
    pace: tuple[int, int] = DEFAULT_PACE  # at most this many messages per this many seconds in one chat

    def route_for(self, brand: str | None, category: str | None) -> Route:
        """Where a case's alert goes: the first route that fits, else the default chat (and topic)."""
        return first_route(self.routes, brand, category, Route(str(self.chat), topic=self.topic))

    def desk_chats(self) -> frozenset[int]:
        """The chats where commands and buttons are answered: allowed_chats, or else every chat alerts go to."""
        if self.allowed_chats:
            return frozenset(self.allowed_chats)
        chats = {self.chat, *(int(r.channel) for r in self.routes)}
        return frozenset(chats | ({self.escalation_chat} if self.escalation_chat else set()))


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One `sources:` entry; `options` holds the type's own keys, as written."""

    name: str
    type: str
    every_seconds: int
    base_url: str | None = None
    token_env: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def env_names(self) -> list[str]:
        """The environment variables this source reads its secrets from (token_env and the *_env options)."""
        named = [self.token_env] + [v for k, v in self.options.items() if k.endswith("_env")]
        return [name for name in named if name]


def parse_slack(node: Located) -> SlackConfig | None:
    """Validate `slack:`."""
    if node.value is None:
        return None
    node.mapping(SLACK_KEYS, required=("channel",))
    get = node.child
    mode = get("mode").value or "socket"
    if mode not in ("socket", "http"):
        raise get("mode").error("socket or http")
    port = _port(get("http_port"), 3000)
    api_url = get("api_url").string() if get("api_url").value is not None else "https://slack.com/api/"
    if not api_url.startswith(("http://", "https://")):
        raise get("api_url").error("an http(s) URL")
    routes = []
    if get("routes").value is not None:
        for item in get("routes").items():
            item.mapping(ROUTE_KEYS, required=("channel",))
            if item.value.get("brand") is None and item.value.get("category") is None:
                raise item.fail("a route needs a brand, a category or both")
            routes.append(Route(channel=_channel(item.child("channel")),
                                brand=_opt(item.child("brand")), category=_opt(item.child("category")),
                                on_duty=_principal(item.child("on_duty")) if item.value.get("on_duty") else None))
    daily, weekly = _summaries(get("summaries"))
    return SlackConfig(
        channel=_channel(get("channel")), mode=mode, http_port=port,
        api_url=api_url if api_url.endswith("/") else api_url + "/", routes=tuple(routes),
        escalation_channel=_channel(get("escalation_channel")) if get("escalation_channel").value else None,
        agents=tuple(_principal(n) for n in get("agents").items()) if get("agents").value is not None else (),
        supervisors=tuple(_principal(n) for n in get("supervisors").items()) if get("supervisors").value is not None else (),
        daily=daily, weekly=weekly,
    )


def parse_telegram(node: Located) -> TelegramConfig | None:
    """Validate `telegram:`."""
    if node.value is None:
        return None
    node.mapping(TELEGRAM_KEYS, required=("chat",))
    get = node.child
    mode = get("mode").value or "polling"
    if mode not in ("polling", "webhook"):
        raise get("mode").error("polling or webhook")
    api_url = TELEGRAM_API
    if get("api_url").value is not None:
        api_url = get("api_url").string().strip()
        _http_url(get("api_url"))
    webhook_url = _opt(get("webhook_url"))
    if webhook_url is not None:
        _http_url(get("webhook_url"))
        if not webhook_url.startswith("https://"):
            raise get("webhook_url").error("an https:// URL (Telegram only posts to HTTPS)")
    elif mode == "webhook":
        raise node.fail("missing required key 'webhook_url' (telegram.mode: webhook)")
    port = _port(get("webhook_port"), 8443)
    routes = []
    if get("routes").value is not None:
        for item in get("routes").items():
            item.mapping(TELEGRAM_ROUTE_KEYS, required=("chat",))
            if item.value.get("brand") is None and item.value.get("category") is None:
                raise item.fail("a route needs a brand, a category or both")
            routes.append(Route(channel=str(_chat_id(item.child("chat"))), brand=_opt(item.child("brand")),
                                category=_opt(item.child("category")), topic=_topic(item.child("topic"))))
    daily, weekly = _summaries(get("summaries"), chat=_chat_id)
    return TelegramConfig(
        chat=_chat_id(get("chat")), topic=_topic(get("topic")), api_url=api_url, routes=tuple(routes),
        escalation_chat=_chat_id(get("escalation_chat")) if get("escalation_chat").value is not None else None,
        allowed_chats=_ids(get("allowed_chats"), _chat_id), agents=_ids(get("agents"), _user_id),
        supervisors=_ids(get("supervisors"), _user_id), mode=mode, webhook_url=webhook_url, webhook_port=port,
        daily=daily, weekly=weekly, pace=_pace(get("pace")))


def parse_sources(node: Located) -> tuple[SourceConfig, ...]:
    """Validate `sources:`: common keys here, each type's own keys from SOURCE_TYPES."""
    if node.value is None:
        return ()
    out, names = [], set()
    for item in node.items():
        if not isinstance(item.value, dict):
            raise item.error("a mapping with name, type and every")
        kind = item.child("type")
        if not isinstance(kind.value, str) or kind.value not in SOURCE_TYPES:
            raise kind.error("one of " + ", ".join(SOURCE_TYPES))
        own = SOURCE_TYPES[kind.value]
        item.mapping(SOURCE_COMMON | frozenset(own), required=("name", "type", *SOURCE_REQUIRED.get(kind.value, ())))
        name = item.child("name").string()
        if name in names:
            raise item.child("name").fail(f"source '{name}' is listed twice")
        names.add(name)
        every = item.child("every")
        seconds = 300 if every.value is None else every.seconds("a duration like 2m or 1h", MAX_POLL_SECONDS)
        options = {k: _option(item.child(k), own[k]) for k in item.value if k in own}
        if "url" in options:
            _http_url(item.child("url"))
        base_url = _opt(item.child("base_url"))
        if base_url is not None:
            _http_url(item.child("base_url"))
        out.append(SourceConfig(name=name, type=kind.value, every_seconds=seconds, base_url=base_url,
                                token_env=_opt(item.child("token_env")), options=options))
    return tuple(out)


def _option(node: Located, kind: str) -> Any:
    """One source option, checked against its kind in SOURCE_TYPES."""
    if kind == "bool":
        if not isinstance(node.value, bool):
            raise node.error("true or false")
        return node.value
    if kind == "strs":
        return tuple(v.strip() for v in node.strings("a string or a list of strings"))
    if kind == "chats":
        return tuple(str(_chat_id(item)) for item in (node.items() if isinstance(node.value, list) else [node]))
    if kind == "id" and isinstance(node.value, int) and not isinstance(node.value, bool):
        return str(node.value)
    return node.string().strip()


def _http_url(node: Located) -> None:
    """A source URL must be http(s) with a host: file://, ftp:// and the like would read this machine or hang."""
    try:
        url = urlsplit(node.value.strip())
        host = url.hostname
    except ValueError:
        url, host = None, None
    if url is None or url.scheme.lower() not in ("http", "https") or not host:
        raise node.error("an http:// or https:// URL with a host name")


def _opt(node: Located) -> str | None:
    return None if node.value is None else node.string()


def _channel(node: Located) -> str:
    if not isinstance(node.value, str) or not _CHANNEL.fullmatch(node.value):
        raise node.error("a Slack channel id like C0123ABCD")
    return node.value


def _principal(node: Located) -> str:
    if not isinstance(node.value, str) or not _PRINCIPAL.fullmatch(node.value):
        raise node.error("a Slack user id (U…, W…) or user-group id (S…)")
    return node.value


def reminder_share(slack: Located, telegram: Located) -> float:
    """The share of the SLA at which the sweep reminds: one for both desks (one sweep, one reminder a case), so the
    one written in `slack:` or `telegram:` (both: they must agree), else REMIND_AT."""
    written = [(name, section.child("remind_at")) for name, section in (("slack", slack), ("telegram", telegram))
               if isinstance(section.value, dict) and section.value.get("remind_at") is not None]
    shares = {name: _remind_at(node) for name, node in written}
    if len(set(shares.values())) > 1:
        raise written[-1][1].error(f"the same share as slack.remind_at ({shares['slack']:g}): one sweep reminds both "
                                   "desks at one share of the SLA; write it in one of them")
    return next(iter(shares.values()), REMIND_AT)


def _remind_at(node: Located) -> float:
    remind = node.value if node.value is not None else REMIND_AT
    if isinstance(remind, bool) or not isinstance(remind, (int, float)) or not 0 < remind < 1:
        raise node.error("a fraction of the SLA between 0 and 1, like 0.8")
    return float(remind)


def _number(node: Located, expected: str) -> int:
    """A whole number written as a YAML number or a string of digits (a Telegram id)."""
    value = node.value
    if isinstance(value, str) and re.fullmatch(r"-?\d{1,19}", value.strip()):
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not -2**63 < value < 2**63:
        raise node.error(expected)
    return value


def _chat_id(node: Located) -> int:
    chat = _number(node, "a Telegram chat id like -1001234567890 (kuulo telegram whoami lists them)")
    if chat == 0:
        raise node.error("a Telegram chat id like -1001234567890 (kuulo telegram whoami lists them)")
    return chat


def _user_id(node: Located) -> int:
    user = _number(node, "a Telegram user id, a positive number like 111111111 (kuulo telegram whoami lists them)")
    if user <= 0:
        raise node.error("a Telegram user id, a positive number like 111111111 (kuulo telegram whoami lists them)")
    return user


def _topic(node: Located) -> int | None:
    if node.value is None:
        return None
    topic = _number(node, "a forum topic id (message_thread_id), a positive number")
    if topic <= 0:
        raise node.error("a forum topic id (message_thread_id), a positive number")
    return topic


def _ids(node: Located, one: Callable[[Located], int]) -> tuple[int, ...]:
    if node.value is None:
        return ()
    return tuple(one(item) for item in node.items())


def _pace(node: Located) -> tuple[int, int]:
    if node.value is None:
        return DEFAULT_PACE
    node.mapping(PACE_KEYS, required=("messages", "per"))
    messages = node.child("messages").value
    if isinstance(messages, bool) or not isinstance(messages, int) or not 1 <= messages <= 1000:
        raise node.child("messages").error("a number of messages from 1 to 1000")
    return messages, node.child("per").seconds("a duration like 1m or 10s", 3600)


def _port(node: Located, default: int) -> int:
    """A TCP port to listen on (the default when not given)."""
    port = node.value if node.value is not None else default
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise node.error("a port number from 1 to 65535")
    return port


def _summaries(node: Located, chat: Callable[[Located], int] | None = None) -> tuple[Summary | None, Summary | None]:
    """`summaries:`: the daily and the weekly summary, each None when not configured."""
    if node.value is None:
        return None, None
    summaries = node.mapping(SUMMARY_KEYS)
    return (_summary(summaries.child("daily"), weekly=False, chat=chat),
            _summary(summaries.child("weekly"), weekly=True, chat=chat))


def _summary(node: Located, *, weekly: bool, chat: Callable[[Located], int] | None = None) -> Summary | None:
    """A daily or weekly summary: time (and day) and where (a Slack `channel`, or a Telegram `chat`)."""
    if node.value is None:
        return None
    where_key = "channel" if chat is None else "chat"
    node.mapping(frozenset({"time", where_key, "day"} if weekly else {"time", where_key}), required=("time", where_key))
    time = node.child("time")
    if not isinstance(time.value, str) or not _TIME.fullmatch(time.value):
        raise time.error("a time like 09:00 (quote it in YAML)")
    day = None
    if weekly:
        day_node = node.child("day")
        day = (day_node.value or "monday")
        if not isinstance(day, str) or day.lower() not in DAYS:
            raise day_node.error("a weekday like monday")
        day = day.lower()
    hours, minutes = time.value.split(":")
    where = _channel(node.child("channel")) if chat is None else str(chat(node.child("chat")))
    return Summary(time=f"{int(hours):02d}:{minutes}", channel=where, day=day)
