"""The `slack:` and `sources:` config sections: typed, closed, with located errors."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from kuulo.bot.limits import MAX_POLL_SECONDS
from kuulo.bot.yamlsrc import Located

SLACK_KEYS = frozenset({"mode", "http_port", "api_url", "channel", "routes", "escalation_channel", "agents",
                        "supervisors", "summaries", "remind_at"})
ROUTE_KEYS = frozenset({"brand", "category", "channel", "on_duty"})
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
    "telegram": {"chats": "strs"},
}
SOURCE_REQUIRED: dict[str, tuple[str, ...]] = {"rss": ("url",), "instagram": ("user_id",)}
REPLYING_TYPES = frozenset({"mastodon", "bluesky", "reddit", "instagram"})  # can post a reply on their platform
SOURCE_COMMON = frozenset({"name", "type", "every", "base_url", "token_env"})


@dataclass(frozen=True, slots=True)
class Route:
    """First matching route wins: brand and/or category -> channel (and who is on duty there)."""

    channel: str
    brand: str | None = None
    category: str | None = None
    on_duty: str | None = None


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
    remind_at: float = 0.8

    def channel_for(self, brand: str | None, category: str | None, chat_routes: tuple[Route, ...] = ()) -> Route:
        """The route of a case: the first that fits (routes set from chat before the config's), else the default
        channel."""
        for route in (*chat_routes, *self.routes):
            if (route.brand is None or route.brand == brand) and (route.category is None or route.category == category):
                return route
        return Route(self.channel)


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
    port = get("http_port").value if get("http_port").value is not None else 3000
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise get("http_port").error("a port number from 1 to 65535")
    api_url = get("api_url").string() if get("api_url").value is not None else "https://slack.com/api/"
    if not api_url.startswith(("http://", "https://")):
        raise get("api_url").error("an http(s) URL")
    remind = get("remind_at").value if get("remind_at").value is not None else 0.8
    if isinstance(remind, bool) or not isinstance(remind, (int, float)) or not 0 < remind < 1:
        raise get("remind_at").error("a fraction of the SLA between 0 and 1, like 0.8")
    routes = []
    if get("routes").value is not None:
        for item in get("routes").items():
            item.mapping(ROUTE_KEYS, required=("channel",))
            if item.value.get("brand") is None and item.value.get("category") is None:
                raise item.fail("a route needs a brand, a category or both")
            routes.append(Route(channel=_channel(item.child("channel")),
                                brand=_opt(item.child("brand")), category=_opt(item.child("category")),
                                on_duty=_principal(item.child("on_duty")) if item.value.get("on_duty") else None))
    daily = weekly = None
    if get("summaries").value is not None:
        summaries = get("summaries").mapping(SUMMARY_KEYS)
        daily = _summary(summaries.child("daily"), weekly=False)
        weekly = _summary(summaries.child("weekly"), weekly=True)
    return SlackConfig(
        channel=_channel(get("channel")), mode=mode, http_port=port,
        api_url=api_url if api_url.endswith("/") else api_url + "/", routes=tuple(routes),
        escalation_channel=_channel(get("escalation_channel")) if get("escalation_channel").value else None,
        agents=tuple(_principal(n) for n in get("agents").items()) if get("agents").value is not None else (),
        supervisors=tuple(_principal(n) for n in get("supervisors").items()) if get("supervisors").value is not None else (),
        daily=daily, weekly=weekly, remind_at=float(remind),
    )


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


def _summary(node: Located, *, weekly: bool) -> Summary | None:
    if node.value is None:
        return None
    node.mapping(frozenset({"time", "channel", "day"} if weekly else {"time", "channel"}), required=("time", "channel"))
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
    return Summary(time=f"{int(hours):02d}:{minutes}", channel=_channel(node.child("channel")), day=day)
