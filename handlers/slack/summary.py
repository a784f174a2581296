"""A queued summary as Slack blocks: each number with its change against the previous period."""

from __future__ import annotations

from typing import Any

from kuulo.handlers.desk import summary as shared
from kuulo.handlers.desk.summary import breakdowns, oldest_lines, summary_text
from kuulo.handlers.slack.blocks import name
from kuulo.handlers.slack.kit import MESSAGE_BLOCKS, context, header, section
from kuulo.handlers.slack.render import SlackMarkup, escape

__all__ = ["summary_text", "summary_blocks", "number_lines", "group_line"]


def number_lines(total: dict[str, Any], previous: dict[str, Any]) -> list[str]:
    """The headline numbers, each with its change against the previous period."""
    return shared.number_lines(SlackMarkup(), total, previous)


def group_line(dim: str, group: dict[str, Any]) -> str:
    """One row of a breakdown; agents by name only, so a summary pings no one."""
    return shared.group_line(SlackMarkup(), dim, group)


def summary_blocks(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Title, numbers with changes, breakdowns (brand, platform, category, agent) and the oldest open cases."""
    blocks: list[dict[str, Any]] = [
        header(payload["title"]),
        section("\n".join(number_lines(payload["total"], payload["previous"]))),
        context("Changes are against the previous period.",
                *([f"Ledger anchor `{escape(payload['anchor'])}` (check: `kuulo verify-ledger --expect` with it)"]
                  if payload.get("anchor") else [])),  # the ledger's tip, kept in the channel
    ]
    for dim, groups in breakdowns(payload).items():
        if groups:
            blocks.append(section(f"*By {name(dim)}*\n" + "\n".join(group_line(dim, g) for g in groups)))
    lines = oldest_lines(SlackMarkup(), payload)
    blocks.append(section("*Oldest open cases*\n" + ("\n".join(lines) if lines else "_None: the queue is empty._")))
    return blocks[:MESSAGE_BLOCKS]
