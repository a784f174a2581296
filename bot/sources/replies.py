"""A reply written in chat, sent on the platform and recorded on its case with the platform's reply id."""

from __future__ import annotations

from kuulo.bot.app import Services
from kuulo.bot.cases import CaseCommand
from kuulo.bot.errors import CaseStateError
from kuulo.bot.sources.base import ReplyingSource
from kuulo.storage import cases as case_rows
from kuulo.storage.db import write
from kuulo.storage.ledger import Ledger


def send_reply(services: Services, source: ReplyingSource, case_id: int, actor: str, text: str) -> str:
    """Post on the platform first (a failure leaves the case open), then answer the case and log the reply id."""
    case = case_rows.get_case(services.db, case_id)
    if case is None:
        raise CaseStateError(f"case {case_id} does not exist")
    if case["platform"] != source.platform:
        raise CaseStateError(f"case {case_id} is on {case['platform']}, not {source.platform} ({source.name})")
    if case["state"] not in case_rows.ACTIVE:
        raise CaseStateError(f"case {case_id} is {case['state']}; nothing to reply to")
    if not text.strip():
        raise CaseStateError(f"case {case_id}: the reply is empty")
    reply_id = source.reply(case["mention_id"], text)
    services.cases.reply(CaseCommand("reply", case_id, actor, text=text))
    with write(services.db) as db:
        Ledger(db).append(ts=services.clock.now().timestamp(), actor=actor, kind="reply_sent", case_id=case_id,
                          platform=source.platform, mention_id=case["mention_id"],
                          data={"reply_id": reply_id, "source": source.name})
    return reply_id
