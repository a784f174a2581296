"""Reddit through PRAW (prawcore underneath): new posts and comments of subreddits, searches, the account's comments.

Auth: a "script" app. With username_env and password_env the app logs in as the brand's account (OAuth password
grant): that is needed to reply and to read the account's own comments, which close cases. Without them the source
reads with an app-only token (client credentials) and cannot reply.

Streams, each with an entry in the JSON cursor ({"name": newest fullname seen, "created": its created_utc}):
``posts:<subs>`` (/r/a+b/new) and ``comments:<subs>`` (/r/a+b/comments) for all configured subreddits in one
multireddit listing, ``search:<term>`` (/search?q=...&sort=new, Reddit-wide; submissions only) and ``own``
(/user/<account>/comments). Listings come newest first, at most 100 a page.

Reading forward: a stream with a saved fullname is read with ``before=<fullname>`` (the slice just newer than it),
then ``before=`` the newest of that page, oldest pages first, until a page is short or the page cap is reached; the
cursor then holds the newest item read, so a poll cut short loses nothing. Reddit answers ``before=`` with an empty
page when the anchor item was deleted or removed (its listing no longer holds it), which looks like "nothing new";
so an empty first page is checked against the newest page: items created at or after the anchor's created_utc are
taken (the database dedups the same second) and the cursor moves to an item that still exists. Search results are
always read that way (newest page back to the anchor): search is ranked by its own index, so before= is not relied on.

Reading back: a walk from the newest page that the page cap stops before the anchor keeps the unread stretch in the
entry, {"gap": {"after": oldest fullname passed, "created": its created_utc, "stop": the old anchor}}, and the next
polls read it with ``after=`` (after what is new on top, with the pages left) until they meet the stop, as Bluesky's
page/top and Instagram's gap do. If that item was deleted meanwhile (``after=`` then answers with nothing), the walk
starts again from the newest page and passes over everything created after the gap's "created". A second cut before
a gap is read leaves one gap from the new cut down to the old stop (the stretch read in between is read again, and the
database dedups it). An entry without a gap (as written before gaps existed) reads as before.

Limits: Reddit allows about 100 requests a minute per app in a 10-minute window. prawcore's sleeping and retrying are
replaced (reddit_pacing.py): a spent window becomes PollNotes.cooldown_s (or TransportError(retry_after) if a poll
starts inside it) and Kuulo's scheduler and outbox do the waiting and retrying.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any, Callable, Iterable, Mapping, NamedTuple, Sequence

from kuulo.bot.clock import Clock
from kuulo.bot.config_chat import SourceConfig
from kuulo.bot.errors import KuuloError, TransportError
from kuulo.bot.import_raw import keep_raw
from kuulo.bot.limits import FIRST_LOOK_GRACE_S
from kuulo.bot.models import Mention
from kuulo.bot.sources.answers import (described, expect_list, expect_object, item_object, optional_text_id,
                                       platform_text, text_id, unusable)
from kuulo.bot.sources.base import BadItem, Harvest, Lookup, PollNotes, count, load_json_cursor, lookup_batches
from kuulo.bot.sources.reddit_pacing import NoRetry, Pace, WindowSpent
from kuulo.bot.sources.registry import secret_from_env
from kuulo.bot.sources.times import epoch_time, retry_after_header, shown
from kuulo.storage.db import Database

PAGE_LIMIT = 100  # Reddit's maximum for a listing
MAX_PAGES_PER_STREAM = 5  # per poll; the rest waits for the next poll
REQUEST_TIMEOUT_S = 20.0
OAUTH_URL, TOKEN_HOST = "https://oauth.reddit.com", "https://www.reddit.com"
WEB = "https://www.reddit.com"  # Mention.url = WEB + permalink
USER_AGENT = "python:kuulo:0.1 (community-manager bot)"
SECRET_KEYS = ("client_id_env", "client_secret_env", "username_env", "password_env")
GONE = frozenset({"[deleted]", "[removed]"})
RAW_KEYS = ("name", "subreddit", "author", "author_fullname", "created_utc", "permalink", "parent_id", "link_id",
            "link_title", "title", "score", "num_comments", "url", "is_self", "over_18", "distinguished", "edited")
_SUBREDDIT = re.compile(r"[A-Za-z0-9_]{2,21}")
_WAIT = re.compile(r"(\d+) (millisecond|second|minute)s?")

Stream = tuple[str, str, dict[str, str], bool]  # cursor key, path, params, read forward with before=
EMPTY = {"empty": True}  # a stream with nothing at its first look: all it shows later came after it
NOWHERE = {"name": "", "created": None}  # a stop no item meets: a walk reads down to the listing's end (or the cap)
CAPPED = (f"more than {MAX_PAGES_PER_STREAM * PAGE_LIMIT} new items since the last poll; the older ones are read on the"
          " next polls, as far back as Reddit's listing goes (about 1,000 items)")


class Walk(NamedTuple):
    """One read of a newest-first listing."""

    things: list[Any]  # the items read, as Reddit's JSON things
    mark: dict[str, Any] | None  # the cursor entry of the newest item (forward: read; down: of the first page)
    pages: int  # pages read
    complete: bool  # the stop, the end of the listing, or (forward) the newest item was reached
    last: Any  # down: the oldest item passed, where a walk cut short goes on


def from_config(src: SourceConfig, env: Mapping[str, str], clock: Clock, db: Database | None = None) -> RedditSource:
    """A RedditSource for a `type: reddit` entry; secrets come from the variables named by the *_env keys."""
    opts, name = src.options, src.name
    subreddits = tuple(_subreddit(name, s) for s in opts.get("subreddits", ()))
    search = tuple(opts.get("search", ()))
    if not (subreddits or search):
        raise KuuloError(f"source '{name}': nothing to read; set subreddits or search")
    if src.token_env:
        raise KuuloError(f"source '{name}': reddit does not use token_env; set client_id_env and client_secret_env")
    if not (opts.get("client_id_env") and opts.get("client_secret_env")):
        raise KuuloError(f"source '{name}': set client_id_env and client_secret_env to the environment variables"
                         " that hold the Reddit app's client id and secret (a 'script' app, reddit.com/prefs/apps)")
    if bool(opts.get("username_env")) != bool(opts.get("password_env")):
        raise KuuloError(f"source '{name}': set both username_env and password_env (the brand's Reddit account, a"
                         " developer of the app), or neither to read without an account")
    if src.base_url and not src.base_url.startswith(("http://", "https://")):
        raise KuuloError(f"source '{name}': base_url must start with http:// or https:// (got {src.base_url!r})")
    secret = {key: secret_from_env(src, env, opts[key], key) for key in SECRET_KEYS if opts.get(key)}
    return RedditSource(name, client_id=secret["client_id_env"], client_secret=secret["client_secret_env"],
                        username=secret.get("username_env"), password=secret.get("password_env"), clock=clock,
                        subreddits=subreddits, search=search, user_agent=opts.get("user_agent") or USER_AGENT,
                        base_url=src.base_url)


class RedditSource:
    """One Reddit app (and optionally the brand's account), reading the streams configured for it."""

    platform = "reddit"

    def __init__(self, name: str, *, client_id: str, client_secret: str, clock: Clock, subreddits: Iterable[str] = (),
                 search: Iterable[str] = (), username: str | None = None, password: str | None = None,
                 user_agent: str = USER_AGENT, base_url: str | None = None, timeout: float = REQUEST_TIMEOUT_S):
        import praw  # lazy: config loading stays light
        from kuulo.bot.sources.bounded_http import BoundedSession

        self.name, self.clock = name, clock
        self.subreddits, self.search, self.username = tuple(subreddits), tuple(search), username
        self.last_poll = PollNotes()
        self._pace = Pace(clock)
        base = base_url.rstrip("/") if base_url else None
        self.reddit = praw.Reddit(
            client_id=client_id, client_secret=client_secret, username=username, password=password,
            user_agent=user_agent, oauth_url=base or OAUTH_URL, reddit_url=base or TOKEN_HOST,
            check_for_updates=False, check_for_async=False, ratelimit_seconds=0,
            requestor_kwargs={"session": BoundedSession(), "timeout": timeout})
        for core in {id(c): c for c in (self.reddit._read_only_core, self.reddit._authorized_core) if c}.values():
            core._rate_limiter = self._pace  # prawcore has no public switch for either: see reddit_pacing.py
            core._retry_strategy_class = NoRetry

    def poll(self, cursor: str | None) -> tuple[list[Mention], str | None]:
        """New posts and comments of every stream since the cursor (the newest page of each on the first poll)."""
        state = _load_cursor(cursor)
        marks = dict(state)
        harvest = Harvest(self.name)
        warnings: list[str] = []
        for stream, path, params, forward in self._streams():
            things, mark, warning = self._call(lambda: self._read(path, params, state.get(stream), forward,
                                                                  stream.startswith("search:")))
            if mark:
                marks[stream] = mark
            if warning:
                warnings.append(f"{stream}: {warning}")
            for thing in things:
                name = _name(thing)
                harvest.add(f"{stream} {name or '?'}", partial(to_mention, thing, stream),
                            key=(stream, name) if name else None)
        self.last_poll = PollNotes(skipped=tuple(harvest.skipped), cooldown_s=self._pace.wait(),
                                   warnings=tuple(warnings))
        return harvest.ordered(), json.dumps(marks, sort_keys=True)

    def reply(self, mention_platform_id: str, text: str) -> str:
        """Comment on a post (t3_) or comment (t1_) as the brand's account; the new comment's fullname.

        Reddit has no idempotency key, so before posting the account's latest 100 comments are checked for one with
        the same parent and text (a retry after a timeout whose post did go through); if found, its fullname is
        returned and nothing is posted again."""
        if not self.username:
            raise TransportError(f"reddit {self.name}: replying needs the brand's Reddit account; set username_env and"
                                 " password_env", permanent=True)
        kind, _, id36 = mention_platform_id.partition("_")
        if kind not in ("t1", "t3") or not id36:
            raise TransportError(f"reddit {self.name}: cannot reply to {mention_platform_id!r}, not a post (t3_) or"
                                 " comment (t1_)", permanent=True)
        earlier = self._call(lambda: self._posted_before(mention_platform_id, text))
        if earlier:
            return earlier
        parent = self.reddit.comment(id=id36) if kind == "t1" else self.reddit.submission(id=id36)
        posted = self._call(lambda: parent.reply(body=text))
        if posted is None:  # quarantined subreddits: created, but not returned
            raise TransportError(f"reddit {self.name}: Reddit took the reply but did not return it; the retry finds"
                                 " it in the account's comments")
        return str(posted.fullname)

    def lookup(self, post_ids: Sequence[str]) -> dict[str, Lookup]:
        """GET /api/info, 100 fullnames a call: an item whose author or text reads [deleted] or [removed], or that
        has a removed_by_category, or that Reddit no longer returns, is gone; a failed call leaves its batch
        unchecked."""
        names = [i for i in post_ids if i.startswith(("t1_", "t3_"))]
        out = {i: Lookup("uncheckable", "not a Reddit fullname (t1_ or t3_)") for i in post_ids if i not in names}
        return out | lookup_batches(names, PAGE_LIMIT, self._info)

    def _info(self, names: list[str]) -> dict[str, Lookup]:
        found = {_name(t): t for t in self._call(lambda: self._page("api/info", {"id": ",".join(names)}))}
        return {name: gone_or_present(found.get(name)) for name in names}

    # --- reading ---------------------------------------------------------------------

    def _streams(self) -> list[Stream]:
        streams: list[Stream] = []
        if self.subreddits:
            subs = "+".join(self.subreddits)
            streams += [(f"posts:{subs}", f"r/{subs}/new", {}, True),
                        (f"comments:{subs}", f"r/{subs}/comments", {}, True)]
        streams += [(f"search:{q}", "search", {"q": q, "sort": "new", "type": "link"}, False) for q in self.search]
        if self.username:
            streams.append(("own", f"user/{self.username}/comments", {"sort": "new"}, True))
        return streams

    def _read(self, path: str, params: dict[str, str], entry: dict[str, Any] | None, forward: bool,
              search: bool = False) -> tuple[list[Any], dict[str, Any] | None, str | None]:
        """(things, new cursor entry, warning) for one stream: what is new on top, then the stretch a walk cut short
        by the page cap left unread (the entry's gap), with the pages left."""
        if entry is None:
            page = self._page(path, params)
            return page, _mark(page) or self._empty(search, None), None
        if entry.get("empty") is True:  # every item is new: read down from the newest, as far as a poll may
            looked = entry.get("looked") if isinstance(entry.get("looked"), (int, float)) else None
            floor = {"name": "", "created": looked - FIRST_LOOK_GRACE_S} if looked is not None else NOWHERE
            top = self._down(path, params, None, floor, None, MAX_PAGES_PER_STREAM)
            if top.complete or top.mark is None:
                return list(top.things), top.mark or self._empty(search, looked), None
            return list(top.things), top.mark | {"gap": _gap_below(top, floor, None)}, CAPPED
        gap, stop = _gap(entry), _bare(entry)
        top = self._forward(path, params, entry["name"]) if forward else None
        if top is None or not top.things:
            top = self._down(path, params, None, stop, None, MAX_PAGES_PER_STREAM)
        things, mark, warning = list(top.things), top.mark or stop, None
        if not top.complete:  # the older part of the top and any earlier gap: read down to the oldest stop
            gap, warning = _gap_below(top, gap["stop"] if gap else stop, None), CAPPED
        elif gap and top.pages < MAX_PAGES_PER_STREAM:
            rest = self._fill(path, params, gap, MAX_PAGES_PER_STREAM - top.pages)
            things.extend(rest.things)
            gap = None if rest.complete else _gap_below(rest, gap["stop"], gap.get("created"))
        return things, mark | ({"gap": gap} if gap else {}), warning

    def _empty(self, search: bool, looked: float | None) -> dict[str, Any]:
        """The entry of a stream that has shown nothing yet: a search keeps the time of its first look (of this one,
        for an entry written before looks were kept) as its floor, so a search empty for a moment brings back no
        older posts as news; the listings of subreddits and the account keep none."""
        if not search:
            return dict(EMPTY)
        return EMPTY | {"looked": self.clock.now().timestamp() if looked is None else looked}

    def _forward(self, path: str, params: dict[str, str], before: str) -> Walk:
        """Pages newer than `before`, oldest page first, up to the page cap; its mark is the newest item read (the
        next poll goes on from there, so it never leaves a gap)."""
        things, mark, pages = [], None, 0
        for pages in range(1, MAX_PAGES_PER_STREAM + 1):
            page = self._page(path, {**params, "before": before})
            things.extend(page)
            newest = _mark(page)
            mark = newest or mark
            if len(page) < PAGE_LIMIT or newest is None:
                break
            before = newest["name"]
        return Walk(things, mark, pages, True, None)

    def _down(self, path: str, params: dict[str, str], after: str | None, stop: dict[str, Any],
              below: float | None, max_pages: int) -> Walk:
        """Pages from the one older than `after` (None: the newest) down to `stop` (its fullname, or an item older
        than its created_utc when it is gone); items created after `below` were read before and are passed over."""
        things: list[Any] = []
        first, last = None, None
        for pages in range(1, max_pages + 1):
            page = self._page(path, {**params, "after": after} if after else params)
            first = first if first is not None else page
            for thing in page:
                if _name(thing) == stop["name"] or _older(thing, stop.get("created")):
                    return Walk(things, _mark(first), pages, True, last)
                if not _newer(thing, below):
                    things.append(thing)
                last = thing if _name(thing) else last
            after = _name(page[-1]) if page else None
            if len(page) < PAGE_LIMIT or not after:
                return Walk(things, _mark(first), pages, True, last)
        return Walk(things, _mark(first), max_pages, False, last)

    def _fill(self, path: str, params: dict[str, str], gap: dict[str, Any], max_pages: int) -> Walk:
        """Read on in a gap. Reddit answers after= an item deleted since with an empty page, as if the listing ended:
        then the newest page is read down again, passing over what is newer than the gap."""
        rest = self._down(path, params, gap["after"], gap["stop"], gap.get("created"), max_pages)
        if rest.mark is not None or max_pages < 2:
            return rest
        return self._down(path, params, None, gap["stop"], gap.get("created"), max_pages - 1)

    def _page(self, path: str, params: dict[str, str]) -> list[Any]:
        """One listing page, newest first, as Reddit's JSON things."""
        answer = self.reddit.request(method="GET", path=path, params={**params, "limit": PAGE_LIMIT})
        who, where = f"reddit {self.name}", f"/{path}"
        listing = expect_object(answer, who, where)
        if listing.get("kind") != "Listing":
            raise unusable(who, where, f"kind: expected 'Listing', got {described(listing.get('kind'))}")
        return expect_list(expect_object(listing.get("data"), who, where, "data").get("children"), who, where,
                           "data.children")

    def _posted_before(self, parent: str, text: str) -> str | None:
        """The fullname of the account's recent comment on `parent` with this text, if there is one."""
        for thing in self._page(f"user/{self.username}/comments", {"sort": "new"}):
            data = thing.get("data") if isinstance(thing, Mapping) else None
            if isinstance(data, Mapping) and data.get("parent_id") == parent \
                    and str(data.get("body") or "").strip() == text.strip():
                return _name(thing)
        return None

    # --- errors and rate limits -------------------------------------------------------

    def _call(self, call: Callable[[], Any]) -> Any:
        from praw.exceptions import RedditAPIException
        from prawcore import exceptions as e

        who = f"reddit {self.name}"
        try:
            return call()
        except WindowSpent as exc:
            raise TransportError(f"{who}: no requests left in Reddit's rate-limit window",
                                 retry_after=exc.wait) from None
        except e.TooManyRequests as exc:
            raise TransportError(f"{who}: rate limited (HTTP 429)", retry_after=self._pace.wait()
                                 or retry_after_header(exc.response.headers.get("retry-after"), self.clock)) from None
        except e.OAuthException as exc:
            raise TransportError(f"{who}: Reddit refused the login ({platform_text(exc.error)}); check username_env"
                                 " and password_env", permanent=True) from None
        except e.InvalidToken:
            raise TransportError(f"{who}: the access token was refused (HTTP 401); a new one is fetched next time"
                                 ) from None
        except (e.ServerError, e.BadJSON) as exc:
            wait = retry_after_header(exc.response.headers.get("retry-after"), self.clock)
            raise TransportError(f"{who}: server error (HTTP {exc.response.status_code})", retry_after=wait) from None
        except e.RequestException as exc:
            raise TransportError(f"{who}: cannot reach {self.reddit.config.oauth_url} ({exc.original_exception})"
                                 ) from None
        except (e.Forbidden, e.InsufficientScope) as exc:
            raise TransportError(f"{who}: forbidden (HTTP 403 on {_path(exc)}); check that the subreddit is public and"
                                 " the account may post there", permanent=True) from None
        except (e.NotFound, e.Redirect) as exc:
            raise TransportError(f"{who}: not found ({_path(exc)}); check subreddits", permanent=True) from None
        except e.ResponseException as exc:
            raise self._refused(exc.response) from None
        except RedditAPIException as exc:
            item = exc.items[0]
            if item.error_type == "RATELIMIT":
                raise TransportError(f"{who}: Reddit says wait ({platform_text(item.message)})",
                                     retry_after=_wait_seconds(item.message)) from None
            why = platform_text(f"{item.error_type}: {item.message}")
            raise TransportError(f"{who}: Reddit refused the reply ({why})", permanent=True) from None

    def _refused(self, response: Any) -> TransportError:
        """Any other non-2xx: from the token endpoint a 400/401 means bad app credentials."""
        status, who = response.status_code, f"reddit {self.name}"
        if response.url.split("?")[0].endswith("/api/v1/access_token"):
            if status in (400, 401, 403):
                return TransportError(f"{who}: Reddit refused the app's credentials (HTTP {status}); check"
                                      " client_id_env and client_secret_env", permanent=True)
            return TransportError(f"{who}: the token endpoint answered HTTP {status}",
                                  retry_after=retry_after_header(response.headers.get("retry-after"), self.clock))
        return TransportError(f"{who}: request refused (HTTP {status} on {response.url.split('?')[0]})", permanent=True)


def to_mention(thing: Any, stream: str) -> Mention:
    """A listing's post (t3) or comment (t1) as a Mention; BadItem when malformed or removed."""
    thing = item_object(thing)
    kind, data = thing.get("kind"), item_object(thing.get("data"), "data")
    if kind not in ("t1", "t3"):
        raise BadItem(f"not a post or comment (kind {shown(kind)})")
    name = text_id(data.get("name"), "name")
    if not name.startswith(f"{kind}_"):
        raise BadItem(f"name: not a fullname of kind {kind} ({shown(name)})")
    created = epoch_time(data.get("created_utc"), "created_utc")
    author = optional_text_id(data.get("author"), "author") or "[deleted]"
    author_id = optional_text_id(data.get("author_fullname"), "author_fullname")
    if kind == "t1":
        text, parent = data.get("body"), optional_text_id(data.get("parent_id"), "parent_id")
        if not isinstance(text, str) or text in GONE:
            raise BadItem("comment body removed or deleted on Reddit")
    else:
        title, body = data.get("title"), data.get("selftext")
        text, parent = "\n\n".join(p for p in (title, body) if isinstance(p, str) and p and p not in GONE), None
    url = data.get("url")
    return Mention(
        platform="reddit", id=name, author=author, text=text, created_at=created, in_reply_to=parent,
        url=WEB + data["permalink"] if isinstance(data.get("permalink"), str) else None, author_id=author_id,
        media_url=url if kind == "t3" and data.get("post_hint") == "image" and isinstance(url, str) else None,
        like_count=count(data.get("score")), comment_count=count(data.get("num_comments")) if kind == "t3" else None,
        raw={"stream": stream, "kind": kind, **keep_raw({k: data[k] for k in RAW_KEYS if data.get(k) is not None})[0]})


def gone_or_present(thing: Any) -> Lookup:
    """What /api/info says of one item: gone when it is missing, deleted by its author or removed."""
    data = thing.get("data") if isinstance(thing, Mapping) else None
    if not isinstance(data, Mapping):
        return Lookup("gone", "Reddit's /api/info no longer returns it")
    removed = data.get("removed_by_category")
    text = data.get("body") if thing.get("kind") == "t1" else data.get("selftext")
    if removed:
        return Lookup("gone", f"removed on Reddit (removed_by_category: {shown(removed)})")
    if data.get("author") == "[deleted]" or text == "[deleted]":
        return Lookup("gone", "deleted by its author ([deleted] on Reddit)")
    if text == "[removed]":
        return Lookup("gone", "removed by the subreddit's moderators ([removed] on Reddit)")
    return Lookup("present")


def _subreddit(source: str, value: str) -> str:
    name = re.sub(r"^/?r/", "", value.strip(), flags=re.I)
    if not _SUBREDDIT.fullmatch(name):
        raise KuuloError(f"source '{source}': subreddits: {value!r} is not a subreddit name (like nordea or r/nordea)")
    return name


def _name(thing: Any) -> str | None:
    data = thing.get("data") if isinstance(thing, Mapping) else None
    name = data.get("name") if isinstance(data, Mapping) else None
    return name if isinstance(name, str) and name else None


def _created(thing: Any) -> float | None:
    created = thing["data"].get("created_utc") if _name(thing) else None
    try:
        return epoch_time(created, "created_utc").timestamp()  # a time in range, or None: the cursor stays sane
    except BadItem:
        return None


def _mark(page: list[Any]) -> dict[str, Any] | None:
    """The cursor entry for the newest item of a page (newest first) that has a fullname."""
    newest = next((t for t in page if _name(t)), None)
    return {"name": _name(newest), "created": _created(newest)} if newest else None


def _older(thing: Any, created: float | None) -> bool:
    when = _created(thing)
    return created is not None and when is not None and when < created


def _newer(thing: Any, created: float | None) -> bool:
    when = _created(thing)
    return created is not None and when is not None and when > created


def _bare(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A cursor entry without its gap: where a walk stops."""
    return {"name": entry["name"], "created": entry.get("created")}


def _gap(entry: Mapping[str, Any]) -> dict[str, Any] | None:
    """The entry's unread stretch, {"after": fullname, "created": bound, "stop": entry}; None when there is none (or
    it is not the shape Kuulo writes: the database dedups what a walk reads again)."""
    gap = entry.get("gap")
    if not (isinstance(gap, dict) and isinstance(gap.get("after"), str) and isinstance(gap.get("stop"), dict)
            and isinstance(gap["stop"].get("name"), str)):
        return None
    created = gap.get("created")
    return {"after": gap["after"], "created": created if isinstance(created, (int, float)) else None,
            "stop": _bare(gap["stop"])}


def _gap_below(walk: Walk, stop: dict[str, Any], below: float | None) -> dict[str, Any]:
    """What a walk cut short by the page cap leaves unread: from its oldest item down to `stop`; items created after
    `below` (or after that item) were read before."""
    created = [c for c in (below, _created(walk.last)) if c is not None]
    return {"after": _name(walk.last), "created": min(created) if created else None, "stop": stop}


def _path(exc: Any) -> str:
    return "/" + exc.response.url.split("?")[0].split("/", 3)[-1]


def _wait_seconds(message: str | None) -> float | None:
    found = _WAIT.search(message or "")
    if not found:
        return None
    amount, unit = int(found[1]), found[2]
    return amount * 60.0 if unit == "minute" else float(amount) if unit == "second" else 1.0


def _load_cursor(cursor: str | None) -> dict[str, dict[str, Any]]:
    state = load_json_cursor(cursor, "reddit")
    return {str(k): v for k, v in state.items()
            if isinstance(v, dict) and (isinstance(v.get("name"), str) or v.get("empty") is True)}
