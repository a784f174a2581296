"""Which posts enter a campaign and whether each entry is eligible: pure functions of the posts, no I/O, no clock.

An entry's own reasons depend on the post alone; "a second entry of the same person" depends on the set of that
person's entries (the earliest otherwise eligible one stays), so it is recomputed over the whole set whenever one
arrives, whatever the order of arrival.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable

from kuulo.bot.campaigns_config import Campaign
from kuulo.bot.hashtags import norm_tag
from kuulo.bot.handles import handle_key
from kuulo.bot.when import shown_apart

UNKNOWN_AUTHORS = frozenset({"(unknown)", ""})  # Instagram hashtag media carry no username
UNKNOWN_AUTHOR_NOTE = ("author unknown: Instagram hashtag media carry no username, so one entry per person cannot be"
                       " checked; ask entrants to also @mention the account (Kuulo then links the name) or run a"
                       " comment giveaway")
# a handle of any letters (@vаlio with a Cyrillic а is read whole, then compared by handle_key: the brand's)
_HANDLE = re.compile(r"(?<![\w@.])@(\w(?:[\w.]*\w)?)")

Reason = tuple[str, str]  # (code, what it means for this entry)
ID_MARK = "#"  # a person keyed by the account's id: instagram#1784140 (a platform name holds no '#'; a handle is
# keyed after a ':')
REJECTED: Reason = ("rejected", "rejected by a moderator")  # what one-per-person reads of a rejected entry
# platforms whose account ids are the reading server's own (a Mastodon instance numbers the accounts it knows; two
# instances' 109… are different people): their persons are keyed by the handle (acct: user@domain)
LOCAL_IDS = frozenset({"mastodon"})


@dataclass(frozen=True, slots=True)
class Post:
    """What a campaign needs to know about one stored or arriving post."""

    platform: str
    id: str
    author: str
    created_ts: float
    text: str = ""
    hashtags: tuple[str, ...] = ()  # as the source gave them
    in_reply_to: str | None = None
    url: str | None = None
    media_url: str | None = None
    has_media: bool = False
    like_count: int | None = None
    author_id: str | None = None  # the platform's own id of the account, where it gives one

    @property
    def tags(self) -> frozenset[str]:
        """The post's hashtags, normalised."""
        return frozenset(norm_tag(t) for t in self.hashtags if t.strip("# "))

    @property
    def author_known(self) -> bool:
        """False for posts whose platform does not say who wrote them."""
        return self.author.strip() not in UNKNOWN_AUTHORS

    @property
    def person(self) -> str | None:
        """Who the post counts for in one-per-person: the platform and its account id where the platform gives one
        (a renamed handle is the same account; two Telegram users called Matti are two), else the handle's
        comparison key; None when the author is unknown."""
        if self.author_id and self.platform not in LOCAL_IDS:
            return f"{self.platform}{ID_MARK}{self.author_id}"
        return f"{self.platform}:{handle_key(self.author)}" if self.author_known else None


def fits(campaign: Campaign, post: Post, contest_ids: frozenset[str]) -> bool:
    """Whether the post is an entry at all: on a campaign platform, and carrying a campaign tag (entry: hashtag) or
    commenting on the contest post (entry: comment)."""
    if campaign.platforms and post.platform not in campaign.platforms:
        return False
    if campaign.entry == "comment":
        return post.in_reply_to is not None and post.in_reply_to in contest_ids
    return bool(post.tags & set(campaign.hashtags))


def tagged_friends(post: Post, own: Callable[[str], bool]) -> tuple[str, ...]:
    """The accounts a post @mentions, other than its author and the brand's own accounts, each once."""
    author = handle_key(post.author)
    found = dict.fromkeys(handle_key(h) for h in _HANDLE.findall(post.text))
    return tuple(h for h in found if h != author and not own(h))


def own_reasons(campaign: Campaign, post: Post, *, own_account: bool, own: Callable[[str], bool]) -> list[Reason]:
    """Why the post cannot win whatever else was entered: window, tags, media, tagged friends, excluded accounts."""
    reasons: list[Reason] = []
    if not campaign.start.timestamp() <= post.created_ts <= campaign.end.timestamp():
        posted, start, end = shown_apart([post.created_ts, campaign.start, campaign.end], campaign.tz)
        reasons.append(("outside_window", f"posted {posted}, outside {start} – {end}"))
    missing = [t for t in campaign.hashtags if t not in post.tags]
    if campaign.hashtags and (missing if campaign.match == "all" else len(missing) == len(campaign.hashtags)):
        shown_tags = ", ".join("#" + t for t in missing)
        reasons.append(("missing_tag", f"missing {shown_tags}" if campaign.match == "all" else f"none of {shown_tags}"))
    if campaign.media_required and not post.has_media:
        reasons.append(("no_media", "no photo or video"))
    friends = len(tagged_friends(post, own))
    if friends < campaign.min_tagged_friends:
        reasons.append(("too_few_tagged", f"tags {friends} friend(s), the rules ask for {campaign.min_tagged_friends}"))
    author = _named(post.author)
    if own_account:
        reasons.append(("own_account", f"{author} is the brand's own account"))
    elif handle_key(post.author) in {handle_key(a) for a in campaign.exclude_accounts}:
        reasons.append(("excluded_account", f"{author} is excluded (exclude_accounts)"))
    return reasons


def _named(author: str) -> str:
    """@valio for a plain handle; '@vаlio (read as @valio)' for one whose comparison key differs from it."""
    written, key = author.strip().lstrip("@"), handle_key(author)
    return f"@{key}" if written.casefold() == key else f"@{written} (read as @{key})"


@dataclass(frozen=True, slots=True)
class Judged:
    """One entry of a person, with the reasons of its own, for the one-per-person pass."""

    platform: str
    id: str
    created_ts: float
    own: tuple[Reason, ...]


def second_entries(entries: Iterable[Judged]) -> dict[tuple[str, str], Reason]:
    """Among one person's entries, every entry but the earliest otherwise eligible one (ties: platform, then id),
    each with the reason naming the one that stays."""
    ordered = sorted(entries, key=lambda e: (e.created_ts, e.platform, e.id))
    first = next((e for e in ordered if not e.own), None)
    if first is None:
        return {}
    later = ordered[ordered.index(first) + 1:]
    return {(e.platform, e.id): ("second_entry", f"a second entry of the same person (the earliest, "
                                                 f"{first.platform}/{first.id}, stays)") for e in later}


def status_of(reasons: list[Reason] | tuple[Reason, ...], decision: str | None, moderation: str) -> str:
    """rejected (by a person), ineligible (a reason), approved (by a person or moderation: none) or eligible."""
    if decision == "rejected":
        return "rejected"
    if reasons:
        return "ineligible"
    if decision == "approved" or moderation == "none":
        return "approved"
    return "eligible"


def as_reasons(value: Iterable[Iterable[str]]) -> list[Reason]:
    """Stored reasons (JSON lists) back to pairs."""
    return [(str(code), str(text)) for code, text in value]
