"""Instagram Graph items as Kuulo reads them: a media object or a comment as a Mention, and the mark a newest-first
list keeps of what it has read (the newest timestamp and the ids it met in the late window below it)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Mapping

from kuulo.bot.hashtags import hashtags_in
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import item_object, optional_text_id, text_id
from kuulo.bot.sources.base import count
from kuulo.bot.sources.times import cursor_time, item_time, parse_iso

MAX_MARK_IDS = 500  # ids a list's mark remembers; beyond that the database's dedup takes over
LATE_WINDOW = timedelta(minutes=15)  # how far below its mark a list is read again: items can be listed late
UNKNOWN_AUTHOR = "(unknown)"  # media found by hashtag carry no username


def media_to_mention(item: Any, kind: str, tag: str | None = None) -> Mention:
    """A post: the account's own ("media"), one it is tagged in ("tagged") or found by hashtag ("hashtag", which
    carries no username)."""
    item = item_object(item)
    media_id, caption = text_id(item.get("id"), "id"), str(item.get("caption") or "")
    if kind == "hashtag":
        author = optional_text_id(item.get("username"), "username") or UNKNOWN_AUTHOR
    else:
        author = text_id(item.get("username"), "username")
    permalink = item.get("permalink")
    return Mention(platform="instagram", id=media_id, author=author, text=caption,
                   created_at=item_time(item.get("timestamp"), "timestamp"),
                   url=permalink if isinstance(permalink, str) else None,
                   hashtags=_tags(caption, tag),
                   like_count=count(item.get("like_count")), comment_count=count(item.get("comments_count")),
                   raw={"kind": kind, "item": _kept(item)})


def _tags(caption: str, searched: str | None) -> tuple[str, ...]:
    """The caption's hashtags, and the one the media was found by: Instagram's hashtag search also finds a tag in
    the owner's first comment, which the caption does not show."""
    return tuple(dict.fromkeys([*(f"#{t}" for t in hashtags_in(caption)), *([f"#{searched}"] if searched else [])]))


def comment_to_mention(item: Any, media_id: str, parent: str | None) -> Mention:
    """A comment (in reply to the post) or a reply (in reply to its top-level comment)."""
    item = item_object(item)
    comment_id, sender = text_id(item.get("id"), "id"), item_object(item.get("from") or {}, "from")
    author = (optional_text_id(item.get("username"), "username")
              or text_id(sender.get("username"), "username (or from.username)"))
    plain = {k: v for k, v in item.items() if k != "replies"}
    return Mention(platform="instagram", id=comment_id, author=author, text=str(item.get("text") or ""),
                   created_at=item_time(item.get("timestamp"), "timestamp"), in_reply_to=parent or media_id,
                   author_id=optional_text_id(sender.get("id"), "from.id"),
                   raw={"kind": "reply" if parent else "comment", "media_id": media_id,
                        "top_id": parent or comment_id, "item": _kept(plain)})


def _kept(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item's fields as raw keeps them: each within keep_raw's limits (a huge or deeply nested one is dropped and
    named, the post kept)."""
    return keep_raw({str(k): v for k, v in item.items() if v is not None})[0]


def newest_mark(met: list[Any], fresh: list[Any], old: Mapping[str, Any], now: datetime) -> dict[str, Any]:
    """The newest timestamp (never past now plus the allowed skew, never back) and the ids of the items a walk met
    (new or not) in the LATE_WINDOW below it, which the next walk reads again without delivering them twice; the old
    mark when nothing is new."""
    if not any(item_id(i) for i in fresh):
        return bare_mark(old)
    times = [_mark_time(i, now) for i in fresh]
    newest = max([t for t in (*times, parse_iso(old.get("ts"))) if t], default=None)
    if newest is None:
        return {"ids": list(dict.fromkeys(i["id"] for i in met if item_id(i)))[:MAX_MARK_IDS]}
    late = [i["id"] for i in met if item_id(i) and ((t := _mark_time(i, now)) is None or t >= newest - LATE_WINDOW)]
    return {"ts": newest.isoformat(), "ids": list(dict.fromkeys(late))[:MAX_MARK_IDS]}


def _mark_time(item: Any, now: datetime) -> datetime | None:
    """An item's timestamp as a mark may hold it (None: none usable)."""
    return cursor_time(parse_iso(item.get("timestamp")), now) if isinstance(item, Mapping) else None


def bare_mark(mark: Mapping[str, Any]) -> dict[str, Any]:
    return {k: mark[k] for k in ("ts", "ids") if mark.get(k)}


def item_id(item: Any) -> str | None:
    """An item's id: Graph ids are strings (anything else is no id; such an item is skipped and never marked)."""
    found = item.get("id") if isinstance(item, Mapping) else None
    return found if isinstance(found, str) and found else None


def item_key(kind: str, item: Any) -> tuple[str, str] | None:
    """What makes an item the same item again in one poll (Harvest.add): its kind and id, when it has an id."""
    found = item_id(item)
    return (kind, found) if found else None
