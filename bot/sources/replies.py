"""Replies written in Kuulo, delivered to the platform from the outbox by the source that delivered the post."""

from __future__ import annotations

from typing import Any

from kuulo.bot.app import Services
from kuulo.bot.cases import CaseCommand
from kuulo.bot.delivery import deliver_pending
from kuulo.bot.errors import CaseStateError, TransportError
from kuulo.bot.sources.base import ReplyingSource
from kuulo.storage import cases as case_rows
from kuulo.storage.outbox import OutboxItem, sent_ref


class ReplyHandler:
    """The outbox transport `reply:NAME`: posts each queued reply on the platform; the ref is the reply's id."""

    def __init__(self, source: ReplyingSource):
        self.source = source
        self.name = f"reply:{source.name}"

    def deliver(self, item: OutboxItem, view: dict[str, Any] | None, ref: str | None) -> str | None:
        """Post one queued reply on the platform; the platform's id of the reply."""
        if view is None:
            raise TransportError(f"reply {item.id}: case {item.case_id} is gone", permanent=True)
        return self.source.reply(view["mention_id"], item.payload["text"])


def send_reply(services: Services, source: ReplyingSource, case_id: int, actor: str, text: str) -> str | None:
    """Answer the case with a reply through `source` and deliver it now; the platform's reply id, or None
    when the platform failed (the reply then waits in the outbox and is retried)."""
    case = case_rows.get_case(services.db, case_id)
    if case is None:
        raise CaseStateError(f"case {case_id} does not exist")
    if case["platform"] != source.platform:
        raise CaseStateError(f"case {case_id} is on {case['platform']}, not {source.platform} ({source.name})")
    if case["state"] not in case_rows.ACTIVE:
        raise CaseStateError(f"case {case_id} is {case['state']}; nothing to reply to")
    services.cases.apply(CaseCommand("reply", case_id, actor, text=text, via=source.name))
    handler = ReplyHandler(source)
    deliver_pending(services.db, handler, services.clock, replies=services.cases)
    return sent_ref(services.db, handler.name, case_id, kind="reply")
