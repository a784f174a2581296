"""The callback_data contract of the alert's buttons: `<action>:<case id>[:<choice>]`, within Telegram's 64 bytes.

Actions: claim, reply (choice: the suggestion, 1-3), answered, dismiss (choice: a reason), snooze (choice: 30m, 2h,
tomorrow), escalate. A contest digest's buttons: `camp:<campaign key>.<entry key>:<approve|reject>` and
`camp:<campaign key>:all` (hashes: a stranger's id never rides in a button). Stable, like the Slack action ids: teams
may build on them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kuulo.bot.errors import KuuloError
from kuulo.bot.campaigns_moderation import SHOWN_KEY_HEX
from kuulo.storage.campaigns import ENTRY_KEY_HEX
from kuulo.bot.cases import DISMISS_REASONS
from kuulo.handlers.desk.choices import ACTIONS, SNOOZE_CHOICES, plain_number
from kuulo.rules.templates import MAX_SUGGESTIONS

CALLBACK_DATA_BYTES = 64
CAMPAIGN = "camp"  # a contest digest's buttons; not a case action
CAMPAIGN_ACTIONS = ("approve", "reject", "all")
CAMPAIGN_KEY_HEX = 8
_CAMPAIGN_DATA = re.compile(rf"{CAMPAIGN}:([0-9a-f]{{{CAMPAIGN_KEY_HEX}}})"
                            rf"(?:\.([0-9a-f]{{{ENTRY_KEY_HEX}}}))?:([a-z]+)"
                            rf"(?::([0-9]{{1,12}}):([0-9]{{1,6}}):([0-9a-f]{{{SHOWN_KEY_HEX}}}))?")


@dataclass(frozen=True, slots=True)
class Callback:
    """One pressed button: what, on which case, with which choice."""

    action: str
    case_id: int
    choice: str | None = None


def callback_data(action: str, case_id: int, choice: str | None = None) -> str:
    """The callback_data of a button; ValueError when it would not fit Telegram's 64 bytes."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    data = f"{action}:{case_id}" + (f":{choice}" if choice else "")
    if len(data.encode("utf-8")) > CALLBACK_DATA_BYTES:
        raise ValueError(f"callback_data over {CALLBACK_DATA_BYTES} bytes: {data!r}")
    return data


def parse_callback(data: str | None) -> Callback:
    """A button's callback_data; KuuloError (shown as a toast) for anything Kuulo did not write."""
    action, _, rest = (data or "").partition(":")
    case_id, _, choice = rest.partition(":")
    number = plain_number(case_id)
    if action not in ACTIONS or number is None or not _chosen(action, choice):
        raise KuuloError("this button is not one of Kuulo's (or from an older Kuulo): nothing was changed")
    return Callback(action, number, choice or None)


def _chosen(action: str, choice: str) -> bool:
    """Whether a button's choice is one Kuulo writes for its action (none, a snooze length, a reason, a suggestion's
    number): 'claim:1:x' or 'reply:1:9' is no button of Kuulo's."""
    if not choice:
        return True
    if action == "snooze":
        return choice in dict(SNOOZE_CHOICES)
    if action == "dismiss":
        return choice in DISMISS_REASONS
    if action == "reply":
        return (n := plain_number(choice)) is not None and 1 <= n <= MAX_SUGGESTIONS
    return False  # claim, answered, escalate take none


def campaign_key(name: str) -> str:
    """A campaign's short key in callback_data (names run to 64 characters; the key keeps buttons within 64 bytes)."""
    return hashlib.sha256(f"kuulo-campaign\x00{name.lower()}".encode("utf-8")).hexdigest()[:CAMPAIGN_KEY_HEX]


@dataclass(frozen=True, slots=True)
class CampaignPress:
    """One pressed digest button: which campaign (its key), which entry (its entry_key; None for all), what."""

    campaign: str
    entry: str | None
    action: str
    shown: tuple[int, int, str] | None = None  # "all": the entries the digest showed (seen before, N, which)


def campaign_data(campaign: str, entry: str | None, action: str, shown: tuple[int, int, str] | None = None) -> str:
    """The callback_data of a digest button: the campaign's name is hashed here, the entry key comes hashed; "all"
    carries what the digest showed."""
    if action not in CAMPAIGN_ACTIONS or (entry is None) != (action == "all") or (shown is None) == (action == "all"):
        raise ValueError(f"a digest button is approve or reject with an entry, or all without one, with what it "
                         f"showed (got {action!r})")
    data = (f"{CAMPAIGN}:{campaign_key(campaign)}" + (f".{entry}" if entry else "") + f":{action}"
            + ("".join(f":{part}" for part in shown) if shown else ""))
    if len(data.encode("utf-8")) > CALLBACK_DATA_BYTES or not _CAMPAIGN_DATA.fullmatch(data):
        raise ValueError(f"not a digest button's callback_data: {data!r}")
    return data


def parse_campaign(data: str | None) -> CampaignPress:
    """A digest button's callback_data; KuuloError (shown as a toast) for anything Kuulo did not write."""
    found = _CAMPAIGN_DATA.fullmatch(data or "")
    if not found or found.group(3) not in CAMPAIGN_ACTIONS or (found.group(2) is None) != (found.group(3) == "all") \
            or (found.group(4) is None) != (found.group(3) != "all"):
        raise KuuloError("this button is not one of Kuulo's (or from an older Kuulo): nothing was changed")
    shown = (int(found.group(4)), int(found.group(5)), found.group(6)) if found.group(4) else None
    return CampaignPress(found.group(1), found.group(2), found.group(3), shown)
