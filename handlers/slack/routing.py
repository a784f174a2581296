"""`/kuulo routes` and `/kuulo route add|remove`: supervisors move alerts between channels from Slack.

Routes set here are stored in the database and tried before the config's `slack.routes` (first match wins), so
`kuulo run` picks them up for the next alert without a restart; the config stays the baseline.
"""

from __future__ import annotations

import logging
import re
import shlex

from slack_sdk.errors import SlackApiError

from kuulo.bot.actors import SLACK_USER_ID
from kuulo.bot.config_chat import Route
from kuulo.bot.errors import KuuloError
from kuulo.handlers.desk.choices import plain_number
from kuulo.handlers.slack.desk import Desk
from kuulo.handlers.slack.render import actor, clock_time, escape, principal
from kuulo.storage.routes import add_route, list_routes, remove_route

log = logging.getLogger(__name__)
USAGE = ("usage: `/kuulo route add [brand:NAME] [category:NAME] #channel [on-duty:@group]`,"
         " `/kuulo route remove ID` or `/kuulo routes`")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>|([CG][A-Z0-9]{2,})")
_ON_DUTY = re.compile(rf"<!subteam\^(S[A-Z0-9]{{2,}})(?:\|[^>]*)?>|<@({SLACK_USER_ID})(?:\|[^>]*)?>|(S[A-Z0-9]{{2,}}|"
                      rf"{SLACK_USER_ID})")


def routes_text(desk: Desk) -> str:
    """Every route in the order it is tried: chat-set (with id, who and when), the config's, the default."""
    tz, now_ts = desk.services.config.tz, desk.now_ts()
    lines = ["*Alert routes*, first match wins:"]
    for row in desk.read(list_routes):
        lines.append(f"• `{row['id']}` {_describe(_route(row))} · set by {actor(row['set_by'], desk.gate.may_act)}"
                     f" {clock_time(row['set_ts'], tz, now_ts)}")
    for route in desk.slack.routes:
        lines.append(f"• (config) {_describe(route)}")
    lines.append(f"• everything else → <#{desk.slack.channel}>")
    return "\n".join(lines)


def route_command(desk: Desk, actor_name: str, args: list[str]) -> str:
    """Add or remove a chat-set route; the confirmation text. KuuloError for bad input."""
    if not args or args[0].lower() not in ("add", "remove"):
        raise KuuloError(USAGE)
    if args[0].lower() == "remove":
        number = plain_number(args[1]) if len(args) == 2 else None
        if number is None:
            raise KuuloError(USAGE)
        removed = desk.change(remove_route, number)
        if removed is None:
            raise KuuloError(f"there is no chat-set route {args[1]}; `/kuulo routes` lists them")
        return f"Removed route `{args[1]}`: " + _describe(_route(removed))
    route = parse_route(desk, args[1:])
    check_channel(desk, route.channel)
    route_id = desk.change(add_route, brand=route.brand, category=route.category, channel=route.channel,
                           on_duty=route.on_duty, set_by=actor_name, ts=desk.now_ts())
    return f"Route `{route_id}` set: {_describe(route)}. New alerts follow it now."


def parse_route(desk: Desk, words: list[str]) -> Route:
    """brand:NAME, category:NAME, a channel and an optional on-duty group, checked against the config."""
    try:
        tokens = shlex.split(" ".join(words))
    except ValueError as exc:
        raise KuuloError(f"route: {exc} ({USAGE})") from None
    brand = category = channel = on_duty = None
    for token in tokens:
        key, sep, value = token.partition(":")
        key = key.lower().replace("_", "-")
        if sep and key == "brand":
            brand = _brand(desk, value)
        elif sep and key == "category":
            category = _category(desk, value)
        elif sep and key == "on-duty":
            on_duty = _match(_ON_DUTY, value, "on-duty: expected a user group like @cm-team or a user")
        else:
            if channel is not None:
                raise KuuloError(f"route: one channel a route, got two ({USAGE})")
            channel = _match(_CHANNEL, token, f"route: expected a #channel, got '{escape(token)}' ({USAGE})")
    if channel is None:
        raise KuuloError(f"route: which channel? ({USAGE})")
    if brand is None and category is None:
        raise KuuloError(f"route: a route needs a brand, a category or both ({USAGE})")
    return Route(channel=channel, brand=brand, category=category, on_duty=on_duty)


def check_channel(desk: Desk, channel: str) -> None:
    """Refuse a channel Kuulo cannot post in: every alert routed there would fail for good (not_in_channel)."""
    try:
        info = desk.handler.client.conversations_info(channel=channel)["channel"]
    except SlackApiError as exc:
        error = exc.response.get("error")
        if error == "missing_scope":  # an app installed before channels:read was asked for: cannot check
            log.warning("route: cannot check <#%s> without the channels:read / groups:read scopes", channel)
            return
        if error == "channel_not_found":
            raise KuuloError(f"route: Kuulo cannot see <#{channel}>; for a private channel, `/invite @Kuulo` there"
                             " first") from None
        raise KuuloError(f"route: Slack could not check <#{channel}> ({escape(error)})") from None
    if not info.get("is_member"):
        raise KuuloError(f"route: Kuulo is not in <#{channel}>; `/invite @Kuulo` there first, then set the route")


def _brand(desk: Desk, name: str) -> str:
    names = {b.name.lower(): b.name for b in desk.services.config.brands}
    if name.lower() not in names:
        raise KuuloError(f"route: unknown brand '{escape(name)}'; brands: {', '.join(sorted(names.values()))}")
    return names[name.lower()]


def _category(desk: Desk, name: str) -> str:
    known = {c.lower(): c for c in desk.services.engine.categories}
    if name.lower() not in known:
        raise KuuloError(f"route: unknown category '{escape(name)}'; categories: {', '.join(sorted(known.values()))}")
    return known[name.lower()]


def _match(pattern: re.Pattern[str], text: str, problem: str) -> str:
    found = pattern.fullmatch(text)
    if not found:
        raise KuuloError(problem)
    return next(group for group in found.groups() if group)


def _route(row: dict) -> Route:
    return Route(channel=row["channel"], brand=row["brand"], category=row["category"], on_duty=row["on_duty"])


def _describe(route: Route) -> str:
    what = " · ".join(part for part in (f"brand {escape(route.brand)}" if route.brand else "",
                                        f"category {escape(route.category)}" if route.category else "") if part)
    duty = f" (on duty {principal(route.on_duty)})" if route.on_duty else ""
    return f"{what} → <#{route.channel}>{duty}"
