"""Bluesky posts as Mentions: post views, feed items and notifications (app.bsky lexicons), read as plain JSON.

Mention.id is the post's at:// URI, in_reply_to its record.reply.parent.uri; author is the handle without the default
".bsky.social" suffix (brands list "NordeaSuomi", not "nordeasuomi.bsky.social"; a custom-domain handle always has a
dot, so the short form stays unambiguous), or the DID when the handle is "handle.invalid".
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Mapping

from kuulo.bot.import_raw import keep_raw
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import item_object, optional_text_id, text_id
from kuulo.bot.sources.base import BadItem, Lookup, count
from kuulo.bot.limits import FUTURE_SKEW_S, MAX_HASHTAG_CHARS, MAX_HASHTAGS
from kuulo.bot.sources.times import parse_iso, shown, unusable_time

POST = "app.bsky.feed.post"
DEFAULT_SUFFIX = ".bsky.social"


def to_mention(item: Mapping[str, Any], stream: str) -> Mention | None:
    """A post view, feed item or notification as a Mention (None for reposts and pins); BadItem when malformed."""
    item = item_object(item)
    if item.get("reason") and isinstance(item.get("post"), Mapping):
        return None  # a repost or a pinned post in the own feed: not a new post by the account
    post = item.get("post") if isinstance(item.get("post"), Mapping) else item
    author, record = post.get("author"), post.get("record")
    author = item_object(author, "author")
    handle, did = text_id(author.get("handle"), "author.handle"), text_id(author.get("did"), "author.did")
    if not isinstance(record, Mapping) or record.get("$type") != POST:
        raise BadItem(f"not an {POST} record")
    uri = text_id(post.get("uri"), "uri")
    if not uri.startswith("at://") or not isinstance(record.get("text", ""), str):
        raise BadItem("no at:// uri or no text")
    optional_text_id(post.get("cid"), "cid")
    created = _created(record.get("createdAt"), post.get("indexedAt"))
    profile = handle if handle != "handle.invalid" else did
    parent = (record.get("reply") or {}).get("parent") if isinstance(record.get("reply"), Mapping) else None
    langs = record.get("langs") if isinstance(record.get("langs"), list) else []
    return Mention(
        platform="bluesky", id=uri, author=_author(handle, did), text=str(record.get("text", "")),
        created_at=created, in_reply_to=parent["uri"] if is_ref(parent) else None,
        url=f"https://bsky.app/profile/{profile}/post/{uri.rsplit('/', 1)[1]}",
        lang=_lang(langs[0] if langs else None), author_id=did,
        hashtags=_hashtags(record), media_url=_media(post.get("embed")),
        like_count=count(post.get("likeCount")), comment_count=count(post.get("replyCount")),
        raw={"stream": stream, **({"reason": item["reason"]} if isinstance(item.get("reason"), str) else {}),
             **{k: post[k] for k in ("uri", "cid", "indexedAt", "likeCount", "replyCount", "repostCount",
                                     "quoteCount") if k in post},
             "author": {k: author[k] for k in ("did", "handle", "displayName") if k in author},
             "record": keep_raw(dict(record))[0]})  # the client's own JSON: bounded as an import's unknown fields


def _created(created_at: Any, indexed_at: Any) -> datetime:
    """createdAt (the client's clock), or indexedAt (the AppView's) when createdAt is unusable or later than indexedAt
    allows, as the AppView's own sortAt does: a post dated in the future or in year 0 keeps its place in time."""
    written, indexed = parse_iso(created_at), parse_iso(indexed_at)
    if written is not None and (indexed is None or written <= indexed + timedelta(seconds=FUTURE_SKEW_S)):
        return written
    if indexed is not None:
        return indexed
    raise BadItem(f"createdAt and indexedAt {unusable_time(created_at)} ({shown(created_at)})")


def _author(handle: str, did: str) -> str:
    if handle == "handle.invalid":
        return did
    return handle[:-len(DEFAULT_SUFFIX)] if handle.lower().endswith(DEFAULT_SUFFIX) else handle


def _hashtags(record: Mapping[str, Any]) -> tuple[str, ...]:
    """Tag facets (as written in the text) and the record's own tags."""
    facets = record.get("facets") if isinstance(record.get("facets"), list) else ()
    tags = [f.get("tag") for facet in facets if isinstance(facet, Mapping)
            for f in (facet.get("features") if isinstance(facet.get("features"), list) else ())
            if isinstance(f, Mapping) and str(f.get("$type", "")).endswith("#tag")]
    tags += record.get("tags") if isinstance(record.get("tags"), list) else []
    usable = (t for t in tags if isinstance(t, str) and t and len(t) <= MAX_HASHTAG_CHARS and "\x00" not in t)
    return tuple(dict.fromkeys(f"#{t}" for t in usable))[:MAX_HASHTAGS]  # records are the client's JSON: bounded


def _media(embed: Any) -> str | None:
    """The first image of an images view (also inside recordWithMedia)."""
    if isinstance(embed, Mapping) and isinstance(embed.get("media"), Mapping):
        embed = embed["media"]
    images = embed.get("images") if isinstance(embed, Mapping) else None
    first = images[0] if isinstance(images, list) and images and isinstance(images[0], Mapping) else {}
    url = first.get("fullsize") or first.get("thumb")
    return url if isinstance(url, str) else None


def _lang(code: Any) -> str | None:
    """The first of the record's langs as an ISO 639 code (pt-BR -> pt); None when it is not one."""
    head = code.split("-")[0].lower() if isinstance(code, str) else ""
    return head if 2 <= len(head) <= 3 and head.isascii() and head.isalpha() else None


def item_time(item: Mapping[str, Any]) -> datetime | None:
    """The time a list is ordered by: a notification's indexedAt, a repost's time, else the post's sort time."""
    reason = item.get("reason")
    if isinstance(reason, Mapping):
        return parse_iso(reason.get("indexedAt"))
    if isinstance(reason, str):
        return parse_iso(item.get("indexedAt"))
    return sort_time(item["post"] if isinstance(item.get("post"), Mapping) else item)


def sort_time(post: Mapping[str, Any]) -> datetime | None:
    """sortAt as the AppView computes it: the earlier of createdAt and indexedAt."""
    record = post.get("record") if isinstance(post.get("record"), Mapping) else {}
    times = [t for t in (parse_iso(record.get("createdAt")), parse_iso(post.get("indexedAt"))) if t]
    return min(times) if times else None


def item_uri(item: Mapping[str, Any]) -> str | None:
    """The id of a feed item for logs and dedup: the post's URI, a repost's with its time."""
    post = item.get("post") if isinstance(item.get("post"), Mapping) else item
    uri = post.get("uri")
    if isinstance(item.get("reason"), Mapping) and isinstance(uri, str):
        return f"{uri}#by:{item['reason'].get('indexedAt')}"  # a repost is its own entry in the feed
    return uri if isinstance(uri, str) else None


def is_ref(value: Any) -> bool:
    """Whether a value is a strong ref ({uri, cid}) a reply can point at."""
    return isinstance(value, Mapping) and isinstance(value.get("uri"), str) and isinstance(value.get("cid"), str)


def still_there(uris: list[str], posts: list[Any]) -> dict[str, Lookup]:
    """Each uri asked of app.bsky.feed.getPosts: present when its answer's posts hold it, else gone (the AppView
    leaves out deleted and taken-down posts)."""
    found = {p.get("uri") for p in posts if isinstance(p, dict)}
    return {u: Lookup("present") if u in found else
            Lookup("gone", "app.bsky.feed.getPosts no longer returns it (deleted or taken down)") for u in uris}
