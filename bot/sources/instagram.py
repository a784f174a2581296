"""Instagram through the Graph API (a professional account, Facebook Login): comments on the account's posts, media
the account is tagged in, and hashtag search; replies to comments and to @mentions.

The HTTP client (token, Graph errors as TransportError, throttling, usage headers) is instagram_graph.GraphClient.

Platform rules followed (developers.facebook.com: instagram-platform reference):
- Lists come newest first and page with paging.cursors.after (paging.next absent on the last page); there is no
  "since". A stream remembers the newest timestamp (never past now plus the allowed skew) and the ids it met in the
  LATE_WINDOW below it ("mark"), and walks back to LATE_WINDOW below that time, passing over the ids it met: an item
  listed late is still read, and one dated in the future, which stays on top of the list, stops nothing. When the page
  cap stops a walk early, the unread stretch is kept as a "gap" (its after cursor and the mark to stop at) and read on
  the next poll, so nothing is lost.
- Comments: a reply can arrive under an old comment, so the comments (with replies) of the account's RECENT_MEDIA
  newest posts of the last COMMENT_DAYS days are read whole each poll; those the database does not hold yet count,
  whatever their time (a comment held for review shows up late, with its first time), and a post's mark keeps only
  the ids of malformed ones ("skipped"), so each is logged once.
  The account's posts are delivered too (author = its username), so a top-level comment has its parent.
- Hashtags: 30 unique hashtags per account in a rolling 7 days from the first ig_hashtag_search
  (storage/hashtag_budget.py); recent_media covers 24 hours and has no username (author "(unknown)"); media found by
  hashtag cannot be commented on.

Cursor: {"media": {"ts", "ids", "gap"?}, "comments": {"<media id>": {"skipped"?}}, "tags": {...},
"hashtag:<tag>": {"ts", "ids", "gap"?, "read_at"}}. Items become Mentions, and a list's newest items its mark, in
bot/sources/instagram_items.py.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from functools import partial
from typing import Any, Iterator, Mapping, NamedTuple, Sequence

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import expect_list, expect_object, kind, unusable
from kuulo.bot.sources.base import Harvest, Lookup, PollNotes, campaign_starts, load_json_cursor, lookup_batches
from kuulo.bot.sources.instagram_graph import DEFAULT_BASE_URL, REQUEST_TIMEOUT_S, GraphClient
from kuulo.bot.sources.instagram_items import (LATE_WINDOW, MAX_MARK_IDS, bare_mark, comment_to_mention, item_id,
                                              item_key, media_to_mention, newest_mark)
from kuulo.bot.sources.registry import token_from_env
from kuulo.bot.sources.times import parse_iso
from kuulo.storage import hashtag_budget as budget
from kuulo.storage.db import Database
from kuulo.storage.mentions import existing_ids, get_mention

MAX_PAGES_PER_STREAM = 10  # per poll; the rest waits in the stream's gap
RECENT_MEDIA = 10  # the account's newest posts whose comments are read
COMMENT_DAYS = 14
MAX_COMMENT_PAGES = 10  # per post and poll; replies under older comments are not seen
RECENT_MEDIA_WINDOW = timedelta(hours=24)
MEDIA_FIELDS = "id,caption,timestamp,permalink,username,comments_count,like_count,media_type"
HASHTAG_MEDIA_FIELDS = "id,caption,timestamp,permalink,media_type,comments_count,like_count"
REPLY_FIELDS = "id,text,timestamp,username,from"
COMMENT_FIELDS = f"id,text,timestamp,username,from,parent_id,replies{{{REPLY_FIELDS}}}"
LOOKUP_KINDS = frozenset({"comment", "reply", "media"})  # what the account may look up by id
UNCHECKABLE = {"hashtag": "Instagram does not look up other accounts' media by id (found by hashtag)",
               "tagged": "Instagram does not look up other accounts' media by id (tags the account)"}


class Descent(NamedTuple):
    """One read down a newest-first list."""

    items: list[Any]  # newer than the stop, newest first
    met: list[Any]  # every item above the stop, new or already seen, newest first
    first_page: list[Any]  # the whole first page, new or not
    after: str | None  # the cursor of the next older page
    complete: bool  # the stop or the end of the list was reached
    pages: int  # pages read


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> InstagramSource:
    """An InstagramSource for a `type: instagram` entry; hashtags need the database (the 7-day budget)."""
    token = token_from_env(src, env, required=True)
    options = src.options
    hashtags = tuple(dict.fromkeys(t.lstrip("#").lower() for t in options.get("hashtags", ()) if t.lstrip("#")))
    comments, mentions = options.get("comments", True), options.get("mentions", True)
    if not (comments or mentions or hashtags or options.get("campaign_watch")):
        raise KuuloError(f"source '{src.name}': nothing to read; set hashtags, comments: true or mentions: true")
    if hashtags:
        if db is None:
            raise KuuloError(f"source '{src.name}': hashtags need Kuulo's database (the 7-day hashtag budget)")
        _check_budget(src.name, options["user_id"], hashtags, db, clock)
    return InstagramSource(src.name, options["user_id"], token, clock=clock, db=db,
                           base_url=src.base_url or DEFAULT_BASE_URL, comments=comments, mentions=mentions,
                           hashtags=hashtags)


def _check_budget(name: str, account: str, hashtags: tuple[str, ...], db: Database, clock: Clock) -> None:
    """Refuse hashtags that cannot fit in Instagram's 30 per 7 days, saying when a slot frees up."""
    limit = budget.HASHTAG_LIMIT
    if len(hashtags) > limit:
        raise KuuloError(f"source '{name}': {len(hashtags)} hashtags exceed Instagram's {limit} unique hashtags"
                         f" per 7 days; list at most {limit}")
    used = budget.hashtags_in_window(db, account, clock.now().timestamp())
    known = {q.hashtag for q in used}
    new = [t for t in hashtags if t not in known]
    over = len(used) + len(new) - limit
    if over > 0:
        frees = [q for q in used if q.hashtag not in hashtags][:over]
        when = f"a slot frees up at {_utc(frees[0].frees_ts)}"
        if over > 1:
            when += f"; {over} slots by {_utc(frees[-1].frees_ts)}"
        raise KuuloError(f"source '{name}': {', '.join('#' + t for t in new)} would exceed Instagram's {limit} unique"
                         f" hashtags per 7 days ({len(used)} searched in the last 7 days); {when}")


class InstagramSource:
    """One Instagram professional account (user_id) and the streams configured for it."""

    platform = "instagram"

    def __init__(self, name: str, user_id: str, token: str, *, clock: Clock, db: Database | None = None,
                 base_url: str = DEFAULT_BASE_URL, comments: bool = True, mentions: bool = True,
                 hashtags: tuple[str, ...] = (), timeout: float = REQUEST_TIMEOUT_S):
        self.name, self.user_id, self.clock, self.db = name, user_id, clock, db
        self.comments, self.mentions, self.hashtags = comments, mentions, hashtags
        self.starts: dict[str, datetime] = {}  # the campaigns' tags: read from the start at their first look
        self.last_poll = PollNotes()
        self.graph = GraphClient(name, token, clock=clock, base_url=base_url, timeout=timeout)
        self._username: str | None = None

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """New posts, comments and tagged or hashtag media since the cursor (the newest page of each at first)."""
        state = load_json_cursor(cursor, "instagram")
        harvest, warnings = Harvest(self.name), []
        if self.comments:
            state["media"], recent = self._walk("media", f"{self.user_id}/media", {"fields": MEDIA_FIELDS},
                                                state.get("media"), harvest)
            state["comments"] = self._read_comments(recent, state.get("comments") or {}, harvest)
        if self.mentions:
            state["tags"], _ = self._walk("tagged", f"{self.user_id}/tags", {"fields": MEDIA_FIELDS},
                                          state.get("tags"), harvest)
        for tag in self.hashtags:
            key = f"hashtag:{tag}"
            if tag in self.starts:  # never read: as if a look at the campaign's start had found nothing
                state.setdefault(key, {"empty": True, "ts": (self.starts[tag] + LATE_WINDOW).isoformat()})
            state[key] = self._read_hashtag(tag, state.get(key), harvest, warnings)
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), cooldown_s=self.graph.cooldown(),
                                   warnings=tuple(warnings))
        return harvest.ordered(), json.dumps({k: v for k, v in state.items() if v}, sort_keys=True)

    def reply(self, mention_platform_id: str, text: str) -> str:
        """Answer a comment (POST /{comment}/replies, under its top-level comment) or media that @mentions the
        account (POST /{user}/mentions). The Graph API has no idempotency key, so a retry first looks for a reply by
        the account with the same text under that comment or media and returns it instead of posting again."""
        stored = get_mention(self.db, self.platform, mention_platform_id) if self.db is not None else None
        raw = json.loads(stored["raw"]) if stored and stored.get("raw") else {}
        kind, author = raw.get("kind"), stored["author"] if stored else ""
        if kind == "hashtag":
            raise TransportError(f"instagram {self.name}: media found by hashtag cannot be commented on through the"
                                 " API (Instagram's rule); reply in the Instagram app", permanent=True)
        if kind not in ("comment", "reply", "tagged"):
            raise TransportError(f"instagram {self.name}: {mention_platform_id} is not a stored comment or tagged"
                                 " media of this source, so there is nothing Kuulo can answer", permanent=True)
        if author and f"@{author}".lower() not in text.lower():
            text = f"@{author} {text}"
        if kind == "tagged":
            return self._reply_to_mention(mention_platform_id, text)
        return self._reply_to_comment(raw.get("top_id") or mention_platform_id, text)

    def watch_hashtags(self, tags: Sequence[str], starts: Mapping[str, datetime] | None = None) -> None:
        """Read these hashtags from the next poll on (kuulo run follows the campaigns that start and end; a campaign's
        tag is read from its start)."""
        self.hashtags = tuple(dict.fromkeys(t.lstrip("#").lower() for t in tags if t.lstrip("#")))
        self.starts = campaign_starts(self.hashtags, starts)

    def lookup(self, post_ids: Sequence[str]) -> dict[str, Lookup]:
        """GET /{id} for comments and replies on the account's posts and for its own media: code 100 with
        error_subcode 33 means deleted. Media of other accounts (found by hashtag or tagging the account) cannot be
        looked up by id: the Graph API answers the same error whether it was deleted or is only not the account's."""
        out, ids = {}, []
        for post_id in post_ids:
            stored = get_mention(self.db, self.platform, post_id) if self.db is not None else None
            raw = json.loads(stored["raw"]) if stored and stored.get("raw") else {}
            kind = raw.get("kind") if isinstance(raw, dict) else None
            if kind in LOOKUP_KINDS:
                ids.append(post_id)
            else:
                out[post_id] = Lookup("uncheckable", UNCHECKABLE.get(kind, "not a post this source delivered"))
        return out | lookup_batches(ids, 1, lambda one: {one[0]: self._node_there(one[0])})

    def _node_there(self, node_id: str) -> Lookup:
        if self.graph.node(node_id, {"fields": "id"}) is None:
            return Lookup("gone", f"Instagram answers code 100, subcode 33 for {node_id} (deleted)")
        return Lookup("present")

    # --- reading ---------------------------------------------------------------------

    def _walk(self, kind: str, path: str, params: dict[str, Any], saved: Any,
              harvest: Harvest, tag: str | None = None) -> tuple[dict[str, Any], list[Any]]:
        """Read a newest-first list down to its mark, then a gap left by the page cap; the new state and the whole
        first page (new or not)."""
        mark = saved if isinstance(saved, dict) else {}
        gap = mark.get("gap") if isinstance(mark.get("gap"), dict) else None
        empty = mark.get("empty") is True and not mark.get("ids")  # nothing at the first look: all of it is new
        first = not mark.get("ids") and not empty
        pages = 1 if first else MAX_PAGES_PER_STREAM
        top = self._down(path, params, mark, None, pages)
        items = list(top.items)
        if not first and not top.complete:
            gap = {"after": top.after, "stop": gap["stop"] if gap else bare_mark(mark)}
        elif gap and top.pages < MAX_PAGES_PER_STREAM:
            rest = self._down(path, params, gap["stop"], gap["after"], MAX_PAGES_PER_STREAM - top.pages)
            items.extend(rest.items)
            gap = None if rest.complete else {"after": rest.after, "stop": gap["stop"]}
        for item in items:
            harvest.add(f"{kind} {item_id(item) or '?'}", partial(media_to_mention, item, kind, tag),
                        key=item_key(kind, item))
        new = newest_mark(top.met, top.items, mark, self.clock.now()) | ({"gap": gap} if gap else {})
        if not new.get("ids"):  # still nothing: the next walks read all they find, not just its newest page
            new["empty"] = True
            if kind == "hashtag" and not new.get("ts"):  # from this look on (less LATE_WINDOW): a hashtag empty
                new["ts"] = self.clock.now().isoformat()  # for a moment brings back no older posts as news
        return new, top.first_page

    def _down(self, path: str, params: dict[str, Any], stop: Mapping[str, Any], after: str | None,
              max_pages: int) -> Descent:
        """Items not seen at `stop`, page by page from `after`, down to LATE_WINDOW below its time: a seen item is
        passed over, not a stop (one dated in the future stays on top of the list), unless it has no usable time."""
        seen, since = set(stop.get("ids") or ()), parse_iso(stop.get("ts"))
        floor = since - LATE_WINDOW if since else None
        items: list[Any] = []
        met: list[Any] = []
        first: list[Any] = []
        for page in range(1, max_pages + 1):
            data, after = self.graph.page(path, params, after)
            first = first if page > 1 else data
            for item in data:
                entry = item if isinstance(item, Mapping) else {}
                when, known = parse_iso(entry.get("timestamp")), item_id(item) in seen
                if (floor and when and when < floor) or (known and when is None):
                    return Descent(items, met, first, after, True, page)
                met.append(item)
                if not known:
                    items.append(item)
            if after is None:
                return Descent(items, met, first, None, True, page)
        return Descent(items, met, first, after, False, max_pages)

    def _read_comments(self, recent: list[Any], saved: dict[str, Any], harvest: Harvest) -> dict[str, Any]:
        """Comments and replies on the account's recent posts that are not stored yet. The whole tree is read each
        poll, so no time filter: a comment shown late (held for review) or dated before one already seen still
        comes. The mark keeps the ids of malformed ones ("skipped"), so each is logged once."""
        since = self.clock.now() - timedelta(days=COMMENT_DAYS)
        marks: dict[str, Any] = {}
        for media in recent[:RECENT_MEDIA]:
            when = parse_iso(media.get("timestamp")) if isinstance(media, Mapping) else None
            media_id = item_id(media)
            if when is None or media_id is None or when < since or media_id in marks:  # marked: listed twice
                continue
            mark = saved.get(media_id) or {}
            if not media.get("comments_count"):
                marks[media_id] = mark
                continue
            marks[media_id] = self._new_comments(media_id, mark, harvest)
        return marks

    def _new_comments(self, media_id: str, mark: Mapping[str, Any], harvest: Harvest) -> dict[str, Any]:
        """Harvest a post's comments not stored yet (nor skipped before); its new mark."""
        comments = list(self._comment_tree(media_id))
        stored = self._stored([i for i in (item_id(c) for c, _ in comments) if i])
        skipped_before = set(mark.get("skipped") or ()) | set(mark.get("ids") or ())  # "ids": a mark written before
        skipped: list[str] = []
        for item, parent in comments:
            found = item_id(item)
            if found in stored:
                continue
            if found in skipped_before or not harvest.add(
                    f"comment {found or '?'}", partial(comment_to_mention, item, media_id, parent),
                    key=item_key("comment", item)):
                skipped += [found] if found else []
        return {"skipped": list(dict.fromkeys(skipped))[:MAX_MARK_IDS]} if skipped else {}

    def _stored(self, ids: list[str]) -> set[str]:
        """Which of these ids the database holds (none without one: the pipeline then counts them as duplicates)."""
        return existing_ids(self.db, self.platform, ids) if self.db is not None and ids else set()

    def _comment_tree(self, media_id: str) -> Iterator[tuple[Any, str | None]]:
        """(comment, parent comment id) for every comment on a post and every reply, replies paged in full."""
        after = None
        for _ in range(MAX_COMMENT_PAGES):
            data, after = self.graph.page(f"{media_id}/comments", {"fields": COMMENT_FIELDS}, after)
            for comment in data:
                yield comment, None
                replies = comment.get("replies") if isinstance(comment, Mapping) else None
                if replies is None or item_id(comment) is None:  # none, or no comment to hang them on (it is skipped)
                    continue
                inline = replies if isinstance(replies, Mapping) else {}
                listed, paging = inline.get("data"), inline.get("paging") or {}
                if not isinstance(listed, list) or not isinstance(paging, Mapping) or paging.get("next"):
                    # more than the inline page, or an inline edge of the wrong shape: the replies edge itself
                    listed = self.graph.all(f"{comment['id']}/replies", {"fields": REPLY_FIELDS}, MAX_PAGES_PER_STREAM)
                yield from ((reply, comment["id"]) for reply in listed)
            if after is None:
                return

    def _read_hashtag(self, tag: str, saved: Any, harvest: Harvest, warnings: list[str]) -> dict[str, Any] | Any:
        """recent_media of one hashtag; the budget decides whether an unknown hashtag may be searched now."""
        now = self.clock.now()
        hashtag_id = self._hashtag_id(tag, now, warnings)
        if hashtag_id is None:
            return saved
        mark = saved if isinstance(saved, dict) else {}
        last = parse_iso(mark.get("read_at"))
        if last and now - last > RECENT_MEDIA_WINDOW:
            hours = (now - last).total_seconds() / 3600
            warnings.append(f"#{tag}: not read for {hours:.0f} h (since {_utc(last.timestamp())}); recent_media keeps"
                            f" only 24 h, so posts from up to {hours - 24:.0f} h may have been missed")
        params = {"user_id": self.user_id, "fields": HASHTAG_MEDIA_FIELDS}
        new, _ = self._walk("hashtag", f"{hashtag_id}/recent_media", params, mark, harvest, tag)
        return new | {"read_at": now.isoformat()}

    def _hashtag_id(self, tag: str, now: datetime, warnings: list[str]) -> str | None:
        """The hashtag's id from the budget table, or a search when the budget has room (None: not now)."""
        used = budget.hashtags_in_window(self.db, self.user_id, now.timestamp())
        known = next((q for q in used if q.hashtag == tag), None)
        if known and known.hashtag_id:
            return known.hashtag_id
        if known is None and len(used) >= budget.HASHTAG_LIMIT:
            warnings.append(f"#{tag}: not searched; the account's {budget.HASHTAG_LIMIT} hashtags per 7 days are used"
                            f" up (by another source?); a slot frees up at {_utc(used[0].frees_ts)}")
            return None
        path = "ig_hashtag_search"
        data = expect_list(self.graph.get(path, {"user_id": self.user_id, "q": tag}).get("data"), self.graph.who,
                           f"/{path}", "data")
        if not data or not isinstance(data[0], Mapping) or not data[0].get("id"):
            warnings.append(f"#{tag}: Instagram knows no such hashtag")
            return None
        budget.record_search(self.db, self.user_id, tag, str(data[0]["id"]), now.timestamp())
        return str(data[0]["id"])

    # --- replying ---------------------------------------------------------------------

    def _reply_to_comment(self, comment_id: str, text: str) -> str:
        mine = self._my_username()
        for reply in self.graph.all(f"{comment_id}/replies", {"fields": REPLY_FIELDS}, MAX_PAGES_PER_STREAM):
            if _same_reply(reply, mine, text):
                return reply["id"]
        return self._posted(f"{comment_id}/replies", {"message": text})

    def _reply_to_mention(self, media_id: str, text: str) -> str:
        mine = self._my_username()
        fields = f"mentioned_media.media_id({media_id}){{comments{{id,text,username}}}}"
        who, where = self.graph.who, f"/{self.user_id}?fields=mentioned_media"
        media = expect_object(self.graph.get(self.user_id, {"fields": fields}).get("mentioned_media", {}), who, where,
                              "mentioned_media")
        comments = expect_object(media.get("comments", {}), who, where, "mentioned_media.comments")
        for comment in expect_list(comments.get("data", []), who, where, "mentioned_media.comments.data"):
            if _same_reply(comment, mine, text):
                return comment["id"]
        return self._posted(f"{self.user_id}/mentions", {"media_id": media_id, "message": text})

    def _posted(self, path: str, data: dict[str, Any]) -> str:
        """POST a reply; the id Instagram gives it."""
        posted = self.graph.post(path, data).get("id")
        if not isinstance(posted, str) or not posted:
            raise unusable(self.graph.who, f"/{path}", f"id: expected a string, got {kind(posted)}")
        return posted

    def _my_username(self) -> str:
        """The account's username, to recognise its own earlier replies (without it a retry could post twice)."""
        if self._username is None:
            name = self.graph.get(self.user_id, {"fields": "id,username"}).get("username")
            if not isinstance(name, str) or not name:
                raise TransportError(f"instagram {self.name}: the account {self.user_id} answered without a username;"
                                     " not replying, since an earlier try could not be recognised")
            self._username = name
        return self._username


def _same_reply(item: Any, username: str, text: str) -> bool:
    """An earlier reply by the account with this text (whitespace at the ends does not count)."""
    return (isinstance(item, Mapping) and isinstance(item.get("id"), str) and bool(item["id"])
            and item.get("username") == username and str(item.get("text") or "").strip() == text.strip())


def _utc(ts: float) -> str:
    return datetime.fromtimestamp(ts, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
