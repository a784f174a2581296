"""Campaign entries from stored posts: each post that fits a campaign becomes one entry, judged and recorded in the
ledger, in the pipeline's write transaction (Pipeline calls EntryCollector.collect once per batch)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Callable, Sequence

from kuulo.bot.campaigns_config import Campaign, norm_post_url
from kuulo.bot.campaigns_rules import (ID_MARK, LOCAL_IDS, REJECTED, UNKNOWN_AUTHOR_NOTE, Judged, Post, Reason,
                                       as_reasons, fits, own_reasons, second_entries, status_of, tagged_friends)
from kuulo.bot.handles import disguise_note, handle_key
from kuulo.bot.models import Mention
from kuulo.storage import campaigns as rows
from kuulo.storage.db import Database
from kuulo.storage.ledger import Ledger

MEDIA_KINDS = frozenset({"hashtag", "tagged", "media"})  # Instagram items that are a photo or video by nature
_WEB_LINK = re.compile(r"https?://\S", re.IGNORECASE)
OwnBrand = Callable[[str, str], "str | None"]
AFTER_FREEZE: Reason = ("after_freeze", "arrived after the campaign was frozen")
DELETED = "deleted"  # the reason `kuulo campaign check` gives an entry its platform no longer has


def has_media(platform: str, media_url: str | None, kind: Any) -> bool:
    """Whether a post carries a photo or video: a media link that is a web address (not any text an import put in
    `media_url`: "=HYPERLINK(…)", "-1"), or an Instagram item that is one by nature."""
    return bool(media_url and _WEB_LINK.match(media_url)) or (platform == "instagram" and kind in MEDIA_KINDS)


def item_kind(raw: Any) -> str | None:
    """What a live source's Instagram item is (media, tagged, hashtag: its raw's kind beside the Graph item); None for
    an import, whose unknown fields land in raw too (a spreadsheet's "kind" column is no photo)."""
    return raw.get("kind") if isinstance(raw, dict) and isinstance(raw.get("item"), dict) else None


def post_of(mention: Mention) -> Post:
    """A Mention as a campaign sees it."""
    kind = item_kind(mention.raw)
    return Post(platform=mention.platform, id=mention.id, author=mention.author,
                created_ts=mention.created_at.timestamp(), text=mention.text, hashtags=mention.hashtags,
                in_reply_to=mention.in_reply_to, url=mention.url, media_url=mention.media_url,
                has_media=has_media(mention.platform, mention.media_url, kind),
                like_count=mention.like_count, author_id=mention.author_id)


def post_of_row(row: dict[str, Any]) -> Post:
    """A stored post (a mentions row) as a campaign sees it."""
    try:
        raw = json.loads(row["raw"]) if row.get("raw") else {}
        tags = json.loads(row["hashtags"]) if row.get("hashtags") else []
    except ValueError:
        raw, tags = {}, []
    kind = item_kind(raw)
    return Post(platform=row["platform"], id=row["id"], author=row["author"], created_ts=row["created_ts"],
                text=row["text"] or "", hashtags=tuple(str(t) for t in tags), in_reply_to=row["in_reply_to"],
                url=row["url"], media_url=row["media_url"],
                has_media=has_media(row["platform"], row["media_url"], kind),
                like_count=row["like_count"], author_id=row.get("author_id"))


def post_of_entry(entry: dict[str, Any]) -> Post:
    """A stored entry as a campaign sees its post (what own_reasons and tagged_friends read)."""
    return Post(platform=entry["platform"], id=entry["id"], author=entry["author"] or "",
                created_ts=entry["created_ts"], text=entry["text"] or "", hashtags=tuple(entry["hashtags"]),
                url=entry["url"], media_url=entry["media_url"], has_media=bool(entry["has_media"]),
                like_count=entry["like_count"], author_id=entry["author_id"])


Log = Callable[[str, Post, dict[str, Any]], None]  # (event kind, the entry as a Post, event data)


def _handle(post: Post) -> str | None:
    """The post's handle as contests compare it (bot/handles.handle_key); None when the author is unknown."""
    return handle_key(post.author) if post.author_known else None


def rejudge(db: Database, campaign: Campaign, entries: list[dict[str, Any]], log: Log) -> None:
    """Recompute entries (one person's whole set, or one entry whose author is unknown): own reasons plus
    second_entry over the set (with one_per_person), and the status; each change is a campaign_entry_judged event.
    Entries the freeze fixed stay as they are."""
    # a rejected entry is not the one that stays: the person's next entry counts (as after a deletion)
    second = second_entries([Judged(e["platform"], e["id"], e["created_ts"], _held(e)) for e in entries]) \
        if campaign.one_per_person else {}
    for e in entries:
        if e["frozen_pos"] is not None:
            continue
        key = (e["platform"], e["id"])
        reasons = as_reasons(e["own_reasons"]) + ([second[key]] if key in second else [])
        status = status_of(reasons, e["decision"], campaign.moderation)
        if reasons == as_reasons(e["reasons"]) and status == e["status"]:
            continue
        rows.set_judgement(db, campaign.name, e["platform"], e["id"], reasons, status)
        log("campaign_entry_judged", Post(e["platform"], e["id"], "", 0.0),
            {"campaign": campaign.name, "was": e["status"], "status": status,
             "reasons": [code for code, _ in reasons]})


def _held(entry: dict[str, Any]) -> tuple[Reason, ...]:
    """What keeps an entry from holding its person's place: its own reasons, and a moderator's rejection."""
    return (*map(tuple, entry["own_reasons"]), *([REJECTED] if entry["decision"] == "rejected" else []))


RULES_VERSION = 4  # what own_reasons and a person mean; a new meaning judges every unfrozen entry again


def rules_key(campaign: Campaign, own_handles: tuple) -> str:
    """A digest of what an entry's own reasons and person depend on: the campaign's config, the brands' handles
    (own_account) and RULES_VERSION; each entry keeps the key it was judged by (judged_by)."""
    return hashlib.sha256(repr((RULES_VERSION, campaign, own_handles)).encode("utf-8")).hexdigest()


def brand_handles(brands: Sequence[Any]) -> tuple:
    """The configured brands' handles, in a stable order (what own_brand answers from): rules_key's part of them."""
    return tuple(sorted((b.name, tuple(sorted((p, tuple(h)) for p, h in b.handles.items()))) for b in brands))


class EntryCollector:
    """Turns stored posts into campaign entries; every new entry and every change of status is a ledger event."""

    def __init__(self, campaigns: Sequence[Campaign], own_brand: OwnBrand, own_handles: tuple = ()):
        # own_handles: the brands' handles own_brand answers from (brand_handles), part of the rules' key
        self.campaigns, self.own_brand, self.own_handles = tuple(campaigns), own_brand, own_handles
        self._scanned: set[str] = set()  # comment giveaways whose contest post was looked for among stored posts
        self._refreshed: set[str] = set()  # campaigns whose entries were judged again under the rules in this process

    def collect(self, db: Database, batch: Sequence[Mention], now: float) -> int:
        """Enter the batch's posts (new or seen before) into the campaigns they fit; returns the new entries."""
        return self.enter_posts(db, [post_of(m) for m in batch], now)

    def enter_posts(self, db: Database, posts: list[Post], now: float) -> int:
        """collect for posts as campaigns see them (a batch, or stored posts read again by a rescan), in the
        caller's write transaction."""
        if not self.campaigns or not posts:
            return 0
        ledger: list[Ledger] = []
        new = 0
        for campaign in self.campaigns:
            if campaign.name not in self._refreshed:
                self.refresh(db, campaign, now, ledger)
            candidates = self._candidates(db, campaign, posts)
            if candidates:
                new += self._enter(db, campaign, candidates, now, ledger)
        return new

    def _candidates(self, db: Database, campaign: Campaign, posts: list[Post]) -> dict[tuple[str, str], Post]:
        """The posts of the batch (and, for a contest post found just now, its stored comments) that fit."""
        contest = self._contest_ids(db, campaign, posts) if campaign.entry == "comment" else (frozenset(), [])
        found: dict[tuple[str, str], Post] = {}
        for post in [*posts, *contest[1]]:
            if fits(campaign, post, contest[0]):
                key = (post.platform, post.id)
                if key not in found or (post.author_known and not found[key].author_known):
                    found[key] = post
        return found

    def _contest_ids(self, db: Database, campaign: Campaign, posts: list[Post]) -> tuple[frozenset[str], list[Post]]:
        """The contest post ids of a comment giveaway, and the stored comments of contest posts found in this batch
        (they may have been stored before their post)."""
        if campaign.post_id:
            return frozenset({campaign.post_id}), []
        url = campaign.post_url
        known = rows.contest_posts(db, campaign.name)
        found = {(p.platform, p.id) for p in posts if p.url and norm_post_url(p.url) == url}
        if campaign.name not in self._scanned:  # once per process: the post may be stored from before the campaign
            self._scanned.add(campaign.name)
            found |= {(p, i) for p, i, u in rows.posts_with_urls(db, [url]) if norm_post_url(u) == url}
        fresh = found - known
        earlier: list[Post] = []
        if fresh:
            rows.add_contest_posts(db, campaign.name, fresh)
            known |= fresh
            for platform, post_id in sorted(fresh):
                earlier.extend(post_of_row(r) for r in rows.replies_to(db, platform, post_id))
        return frozenset(post_id for _, post_id in known), earlier

    def _enter(self, db: Database, campaign: Campaign, candidates: dict[tuple[str, str], Post], now: float,
               ledger: list[Ledger]) -> int:
        frozen = rows.draw_row(db, campaign.name) is not None
        stored = rows.entries_by_id(db, campaign.name, list(candidates))
        persons: set[str] = set()
        new = 0
        for key, post in candidates.items():
            entry = stored.get(key)
            if entry is None:
                person = self._person(db, campaign, post)
                self._insert(db, campaign, post, person, now, frozen, ledger)
                new += 1
                persons.update(self._rehome(db, campaign, post, now, ledger) | {person} - {None})
            elif entry["person"] is None and entry["author"] is not None and post.author_known \
                    and entry["frozen_pos"] is None:
                person = self._person(db, campaign, post)
                self._relink(db, campaign, post, person, entry, frozen, now, ledger, "campaign_entry_linked")
                persons.update(self._rehome(db, campaign, post, now, ledger) | {person} - {None})
        for person in sorted(persons):
            self._rejudge(db, campaign, person, now, ledger)
        return new

    def refresh_all(self, db: Database, now: float) -> int:
        """Refresh every campaign no freeze has fixed (`kuulo run` at its start), in the caller's transaction."""
        return sum(self.refresh(db, c, now) for c in self.campaigns if rows.draw_row(db, c.name) is None)

    def refresh(self, db: Database, campaign: Campaign, now: float, ledger: list[Ledger] | None = None) -> int:
        """Judge again, under the rules as configured now, the entries no freeze has fixed: the person each counts
        for (an account id, or a handle compared as bot/handles.handle_key compares it) and what its post alone says
        (window, tags, media, tagged friends, excluded and own accounts: a changed config reaches entries already
        collected). Each entry that changed is a campaign_entry_rekeyed or campaign_entry_rules event, and its
        persons are judged again. Returns how many changed. Once per process and campaign (collect calls it first),
        and before a campaign command reads or moderates its entries."""
        self._refreshed.add(campaign.name)
        key = self.rules(campaign)
        ledger = [] if ledger is None else ledger
        frozen = rows.draw_row(db, campaign.name) is not None
        persons: set[str] = set()
        alone: list[dict[str, Any]] = []
        same: list[tuple[str, str]] = []
        changed = 0
        for entry in rows.unjudged(db, campaign.name, key):  # only what other rules judged (an index walk)
            post = post_of_entry(entry)
            person = self._person(db, campaign, post)
            moved = person != entry["person"]
            if not moved and entry["handle"] == _handle(post) \
                    and self._own_now(campaign, post, entry, frozen) == as_reasons(entry["own_reasons"]):
                same.append((entry["platform"], entry["id"]))
                continue
            self._relink(db, campaign, post, person, entry, frozen, now, ledger,
                         "campaign_entry_rekeyed" if moved else "campaign_entry_rules")
            persons.update(p for p in (entry["person"], person) if p)
            persons.update(self._rehome(db, campaign, post, now, ledger))
            if person is None:
                alone.append(entry)
            changed += 1
        for person in sorted(persons):
            self._rejudge(db, campaign, person, now, ledger)
        log = self._logger(db, ledger, now)
        for entry in alone:  # an unknown author: the entry is its own set
            rejudge(db, campaign, list(rows.entries_by_id(db, campaign.name, [(entry["platform"], entry["id"])])
                                       .values()), log)
        rows.mark_judged(db, campaign.name, same, key)
        return changed

    def rules(self, campaign: Campaign) -> str:
        """The key of the rules this collector judges a campaign's entries by (rules_key)."""
        return rules_key(campaign, self.own_handles)

    def needs_refresh(self, db: Database, campaign: Campaign) -> bool:
        """Whether an entry no freeze fixed was judged by other rules (a read: refresh then needs a write)."""
        return rows.any_unjudged(db, campaign.name, self.rules(campaign))

    def _own_now(self, campaign: Campaign, post: Post, entry: dict[str, Any], frozen: bool) -> list[Reason]:
        """An entry's own reasons under the rules now: its post's, after the freeze if it came after it, and a
        check's finding that the post is gone."""
        return self._own_reasons(campaign, post) + ([AFTER_FREEZE] if frozen else []) \
            + [r for r in as_reasons(entry["own_reasons"]) if r[0] == DELETED]

    def _relink(self, db: Database, campaign: Campaign, post: Post, person: str | None, entry: dict[str, Any],
                frozen: bool, now: float, ledger: list[Ledger], kind: str) -> None:
        """Record the person an entry counts for now, with its own reasons and tagged friends judged again (a reason
        of the freeze or of a check that found the post gone stays)."""
        rows.set_author(db, campaign.name, post.platform, post.id, post.author, post.author_id, person,
                        self._own_now(campaign, post, entry, frozen),
                        list(tagged_friends(post, self._own(post.platform))), self._note(db, campaign, post, person),
                        self.rules(campaign), _handle(post))
        self._log(db, ledger, now, kind, post, {"campaign": campaign.name})

    @staticmethod
    def _person(db: Database, campaign: Campaign, post: Post) -> str | None:
        """Who a post counts for: Post.person, except that a post naming no account id (an import without author_id
        beside a live source) is the one account the campaign's entries give for its handle, when there is exactly
        one (two accounts have had the name: the handle stays its own person)."""
        handle = _handle(post)
        if post.author_id or handle is None or post.platform in LOCAL_IDS:
            return post.person
        ids = rows.account_ids(db, campaign.name, post.platform, handle)
        return f"{post.platform}{ID_MARK}{ids[0]}" if len(ids) == 1 else post.person

    def _rehome(self, db: Database, campaign: Campaign, post: Post, now: float, ledger: list[Ledger]) -> set[str]:
        """After an entry naming an account id: the handle-only entries of its handle, keyed again by _person (to that
        account, or back to the handle when a second account has had the name); the persons to judge again."""
        handle = _handle(post)
        if not post.author_id or handle is None or post.platform in LOCAL_IDS:
            return set()
        touched: set[str] = set()
        for entry in rows.handle_only_entries(db, campaign.name, post.platform, handle):
            moved = post_of_entry(entry)
            person = self._person(db, campaign, moved)
            if person != entry["person"] and person is not None:
                rows.set_person(db, campaign.name, entry["platform"], entry["id"], person)
                self._log(db, ledger, now, "campaign_entry_rekeyed", moved, {"campaign": campaign.name})
                touched.update(p for p in (entry["person"], person) if p)
        return touched

    @staticmethod
    def _note(db: Database, campaign: Campaign, post: Post, person: str | None) -> str | None:
        """What moderators should know of an entry's handle: that no author is known, how a disguised handle is
        compared, and other entrants whose handle is the same but for . and _ (liisa. beside liisa: one person?)."""
        if person is None:
            return UNKNOWN_AUTHOR_NOTE
        alike = [] if ID_MARK in person else rows.look_alikes(db, campaign.name, post.platform, person)
        shown = ", ".join(f"@{e['person'].split(':', 1)[1]} ({e['platform']}/{e['id']})" for e in alike)
        notes = [disguise_note(post.author), f"handle like {shown} but for . and _: one person?" if alike else None]
        return "; ".join(n for n in notes if n) or None

    def _own(self, platform: str) -> Callable[[str], bool]:
        """Whether a handle is a brand's own account on the platform, as written or by its comparison key (vаlio
        with a Cyrillic а is valio)."""
        return lambda handle: (self.own_brand(platform, handle) or self.own_brand(platform, handle_key(handle))) \
            is not None

    def _own_reasons(self, campaign: Campaign, post: Post) -> list[Reason]:
        return own_reasons(campaign, post, own_account=self._own(post.platform)(post.author),
                           own=self._own(post.platform))

    def _insert(self, db: Database, campaign: Campaign, post: Post, person: str | None, now: float, frozen: bool,
                ledger: list[Ledger]) -> None:
        reasons = self._own_reasons(campaign, post) + ([AFTER_FREEZE] if frozen else [])
        status = status_of(reasons, None, campaign.moderation)
        rows.insert_entry(db, {
            "campaign": campaign.name, "platform": post.platform, "id": post.id, "author": post.author,
            "author_id": post.author_id, "person": person, "handle": _handle(post), "created_ts": post.created_ts,
            "text": post.text,
            "url": post.url,
            "media_url": post.media_url, "like_count": post.like_count, "hashtags": list(post.hashtags),
            "has_media": int(post.has_media), "tagged": list(tagged_friends(post, self._own(post.platform))),
            "own_reasons": reasons, "reasons": reasons, "status": status, "seen_ts": now,
            "judged_by": self.rules(campaign),
            "note": self._note(db, campaign, post, person)})
        self._log(db, ledger, now, "campaign_entry", post, {"campaign": campaign.name, "status": status,
                                                            "reasons": [code for code, _ in reasons]})

    def _rejudge(self, db: Database, campaign: Campaign, person: str, now: float, ledger: list[Ledger]) -> None:
        """Recompute one person's entries and log what changed."""
        rejudge(db, campaign, rows.person_entries(db, campaign.name, person), self._logger(db, ledger, now))

    @staticmethod
    def _log(db: Database, ledger: list[Ledger], now: float, kind: str, post: Post, data: dict[str, Any]) -> None:
        """Append one event (the ledger is opened once per batch, after the pipeline's own appends)."""
        if not ledger:
            ledger.append(Ledger(db))
        entry_log(ledger[0], now)(kind, post, data)

    def _logger(self, db: Database, ledger: list[Ledger], now: float) -> Log:
        """_log for rejudge: the events of this batch's (or refresh's) ledger."""
        return lambda kind, post, data: self._log(db, ledger, now, kind, post, data)


def entry_log(ledger: Ledger, now: float) -> Log:
    """A Log that appends Kuulo's own event about an entry's post to the ledger."""
    return lambda kind, post, data: ledger.append(ts=now, actor="kuulo", kind=kind, platform=post.platform,
                                                  mention_id=post.id, data=data)
