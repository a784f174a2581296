"""The `campaigns:` config section: contests with their window, tags, entry kind and rules, checked with file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kuulo.bot.hashtags import norm_tag
from kuulo.bot.when import not_one_instant
from kuulo.bot.yamlsrc import Located

CAMPAIGN_KEYS = frozenset({"name", "hashtags", "match", "entry", "post", "min_tagged_friends", "start", "end",
                           "platforms", "one_per_person", "media_required", "exclude_accounts", "moderation",
                           "rules_url", "cta", "timezone"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
MAX_TAGGED_FRIENDS = 50

Match = Literal["all", "any"]
EntryKind = Literal["hashtag", "comment"]


def norm_post_url(url: str) -> str:
    """A post link as compared: scheme and host in lower case, no query or fragment, one trailing slash."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}/"


@dataclass(frozen=True, slots=True)
class Campaign:
    """One contest: which posts enter (tags or comments on the contest post), when, and the rules they must meet."""

    name: str
    start: datetime  # aware
    end: datetime  # aware, inclusive
    timezone: str
    hashtags: tuple[str, ...] = ()  # normalised with norm_tag
    match: Match = "all"
    entry: EntryKind = "hashtag"
    post: str | None = None  # entry: comment: the contest post's link or id
    min_tagged_friends: int = 0
    platforms: tuple[str, ...] = ()  # empty: every platform
    one_per_person: bool = True
    media_required: bool = False
    exclude_accounts: tuple[str, ...] = ()  # lower case, without '@'
    moderation: Literal["required", "none"] = "required"
    rules_url: str | None = None
    cta: str | None = None

    @property
    def tz(self) -> ZoneInfo:
        """The campaign's time zone (the team's unless the campaign names one)."""
        return ZoneInfo(self.timezone)

    @property
    def post_url(self) -> str | None:
        """The contest post's link, normalised, when `post` is a link."""
        return norm_post_url(self.post) if self.post and "://" in self.post else None

    @property
    def post_id(self) -> str | None:
        """The contest post's platform id, when `post` is one."""
        return self.post.strip() if self.post and "://" not in self.post else None

    def status_at(self, now: datetime) -> str:
        """upcoming, running or closed by the clock (frozen and drawn come from the database)."""
        return "upcoming" if now < self.start else "running" if now <= self.end else "closed"


def parse_campaigns(node: Located, team_tz: str) -> tuple[Campaign, ...]:
    """Validate `campaigns:` (a list); times without an offset are read in the campaign's or the team's zone."""
    if node.value is None:
        return ()
    out: list[Campaign] = []
    seen: set[str] = set()
    for item in node.items():
        item.mapping(CAMPAIGN_KEYS, required=("name", "start", "end"))
        get = item.child
        name = get("name").string().strip()
        if not _NAME.fullmatch(name):
            raise get("name").error("a short name of letters, digits, '-', '_' or '.' (used on the command line)")
        if name.lower() in seen:
            raise get("name").fail(f"campaign '{name}' is listed twice")
        seen.add(name.lower())
        zone = _zone(get("timezone"), team_tz)
        # a bare end date is that whole day, its last second to the microsecond (23:59:59.5 is in)
        start, end = _when(get("start"), zone, time(0, 0)), _when(get("end"), zone, time(23, 59, 59, 999_999))
        if end <= start:
            raise get("end").fail(f"the campaign ends ({end.isoformat(timespec='seconds')}) before it starts "
                                  f"({start.isoformat(timespec='seconds')})")
        entry = _choice(get("entry"), ("hashtag", "comment"))
        hashtags = tuple(dict.fromkeys(norm_tag(t) for t in _strings(get("hashtags"), "a list of hashtags")))
        if "" in hashtags:
            raise get("hashtags").error("hashtags with a name after '#'")
        post = None if get("post").value is None else _id(get("post"))
        if entry == "hashtag" and not hashtags:
            raise item.fail("an entry: hashtag campaign needs hashtags")
        if entry == "comment" and post is None:
            raise item.fail("an entry: comment campaign needs post: the contest post's link or id")
        rules_url = None if get("rules_url").value is None else _url(get("rules_url"))
        if post and "://" in post:
            _url(get("post"))
        out.append(Campaign(
            name=name, start=start, end=end, timezone=zone, hashtags=hashtags,
            match=_choice(get("match"), ("all", "any")), entry=entry, post=post,
            min_tagged_friends=_count(get("min_tagged_friends")),
            platforms=tuple(dict.fromkeys(p.strip().lower()
                                          for p in _strings(get("platforms"), "a list of platforms"))),
            one_per_person=_flag(get("one_per_person"), True), media_required=_flag(get("media_required"), False),
            exclude_accounts=tuple(a.strip().lstrip("@").lower()
                                   for a in _strings(get("exclude_accounts"), "a list of account names")),
            moderation=_choice(get("moderation"), ("required", "none")),
            rules_url=rules_url, cta=None if get("cta").value is None else get("cta").string(),
        ))
    return tuple(out)


def _zone(node: Located, team_tz: str) -> str:
    if node.value is None:
        return team_tz
    try:
        ZoneInfo(node.string())
    except (ZoneInfoNotFoundError, ValueError):
        raise node.error("an IANA time zone such as Europe/Helsinki") from None
    return node.value


def _when(node: Located, zone: str, day_time: time) -> datetime:
    """A date or a time (YAML reads both unquoted); without an offset, in the zone; a bare date at day_time."""
    value = node.value
    if isinstance(value, str):
        text = value.strip()
        try:  # a quoted bare date (2026-06-30, 20260630) is a date as YAML's unquoted one is, not its midnight
            value = date.fromisoformat(text)
        except ValueError:
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                raise node.error("a date or time like 2026-06-01 or 2026-06-01T00:00:00+03:00") from None
    bare = isinstance(value, date) and not isinstance(value, datetime)
    if bare:
        value = datetime.combine(value, day_time)
    if not isinstance(value, datetime):
        raise node.error("a date or time like 2026-06-01 or 2026-06-01T00:00:00+03:00")
    if value.tzinfo is None:
        if not bare:  # a time written out must be one instant; a bare day's edge is where the clocks are then
            _one_instant(node, value, ZoneInfo(zone))
        value = datetime.fromtimestamp(value.replace(tzinfo=ZoneInfo(zone)).timestamp(), ZoneInfo(zone))
    if not 1970 <= value.year <= 2199:
        raise node.fail(f"{value.isoformat()} is outside the years 1970–2199")
    return value


def _one_instant(node: Located, wall: datetime, zone: ZoneInfo) -> None:
    """A ConfigError for a wall time the zone's clocks skip or show twice (a campaign's edge must be one instant)."""
    if (problem := not_one_instant(wall, zone)) is not None:
        raise node.fail(problem)


def _choice(node: Located, options: tuple[str, ...]) -> str:
    if node.value is None:
        return options[0]
    if node.value not in options:
        raise node.error(" or ".join(options))
    return node.value


def _flag(node: Located, default: bool) -> bool:
    if node.value is None:
        return default
    if not isinstance(node.value, bool):
        raise node.error("true or false")
    return node.value


def _count(node: Located) -> int:
    if node.value is None:
        return 0
    if isinstance(node.value, bool) or not isinstance(node.value, int) or not 0 <= node.value <= MAX_TAGGED_FRIENDS:
        raise node.error(f"a whole number from 0 to {MAX_TAGGED_FRIENDS}")
    return node.value


def _strings(node: Located, what: str) -> tuple[str, ...]:
    return () if node.value is None else node.strings(what)


def _id(node: Located) -> str:
    if isinstance(node.value, int) and not isinstance(node.value, bool):
        return str(node.value)
    return node.string().strip()


def _url(node: Located) -> str:
    try:
        url = urlsplit(str(node.value).strip())
        ok = url.scheme.lower() in ("http", "https") and bool(url.hostname)
    except ValueError:
        ok = False
    if not isinstance(node.value, str) or not ok:
        raise node.error("an http:// or https:// link")
    return node.value.strip()
