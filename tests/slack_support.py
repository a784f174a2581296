"""Shared set-up for the Slack desk tests: a config with a slack section pointed at FakeSlack, services on real
SQLite, and the Bolt app behind signed HTTP; its fixtures (`fake`, `env`) are registered in conftest.py."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any, Iterator

import pytest
from slack_bolt import App
from slack_sdk import WebClient

from kuulo.bot.app import Services, build_services, default_config
from kuulo.bot.clock import FrozenClock
from kuulo.bot.config import Config
from kuulo.bot.config_chat import Route, SlackConfig, Summary
from kuulo.bot.models import Mention
from kuulo.handlers.slack.app import build_app, build_desk
from kuulo.handlers.slack.desk import Desk
from kuulo.storage.cases import get_case
from tests.fakes.bolt_http import post
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_signing import block_actions_body, payload_body, signed_headers, slash_command_body
from tests.fakes.slack_payloads import block_actions_payload

SECRET = "kuulo-signing-secret"
ALERTS, BANK, ESCALATION, DIGEST = "C0ALERTS1", "C0BANKAPP1", "G0CRISIS1", "C0DIGEST1"
AINO, MIKKO, SANNA, OLLI = "U0AINO001", "U0MIKKO01", "U0SANNA01", "U0OLLI001"
USERS = {AINO: {"name": "aino", "real_name": "Aino Virtanen"}, MIKKO: "mikko", SANNA: "sanna", OLLI: "olli"}
HOSTILE = "Miksi Nordean verkkopankki ei toimi? <!channel> <!here> <@U123> <https://evil.example|click me> & co"


def slack_section(api_url: str, mode: str = "http") -> SlackConfig:
    """Agents via the community group (aino, mikko), supervisors via theirs (sanna); olli is nobody."""
    return SlackConfig(
        channel=ALERTS, mode=mode, api_url=api_url,
        routes=(Route(channel=BANK, brand="Nordea", category="verkkopankki", on_duty="S0CMTEAM1"),),
        escalation_channel=ESCALATION, agents=("S0CMTEAM1",), supervisors=("S0SUPERV1",),
        weekly=Summary(time="08:30", channel=DIGEST, day="monday"), daily=Summary(time="09:00", channel=DIGEST))


@dataclass
class Env:
    """Everything a Slack desk test touches."""

    fake: FakeSlack
    cfg: Config
    services: Services
    clock: FrozenClock
    client: WebClient
    desk: Desk
    app: App

    def ingest(self, id: str, text: str = HOSTILE, *, minutes_ago: float = 10, author: str = "matti",
               url: str | None = "https://x.com/matti/status/1") -> int:
        """Import one post; returns the case it opened."""
        mention = Mention(platform="x", id=id, author=author, text=text, url=url,
                          created_at=self.clock.now() - timedelta(minutes=minutes_ago))
        [case_id] = self.services.pipeline.ingest([mention]).opened_ids
        return case_id

    def case(self, case_id: int) -> dict[str, Any]:
        return get_case(self.services.db, case_id)

    def outbox(self) -> list[dict[str, Any]]:
        return list(self.services.db["outbox"].rows_where("transport = ?", ["slack"], order_by="id"))

    def alert_ref(self, case_id: int) -> tuple[str, str]:
        row = next(r for r in self.outbox() if r["case_id"] == case_id and r["kind"] == "alert")
        channel, _, ts = row["ref"].partition(":")
        return channel, ts


def make_env(fake: FakeSlack, tmp_path: Any, clock: FrozenClock, mode: str = "http") -> Env:
    cfg = replace(default_config(str(tmp_path / "kuulo.db")), slack=slack_section(fake.base_url, mode))
    services = build_services(cfg, clock=clock)
    client = WebClient(token=fake.bot_token, base_url=fake.base_url, retry_handlers=[], timeout=2)
    desk = build_desk(cfg, services, client)
    app = build_app(cfg, services, client=client, signing_secret=SECRET, desk=desk, process_before_response=True)
    return Env(fake, cfg, services, clock, client, desk, app)


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(users=USERS) as slack:
        yield slack


@pytest.fixture
def env(fake: FakeSlack, tmp_path: Any, clock: FrozenClock) -> Env:
    return make_env(fake, tmp_path, clock)


def signed_post(url: str, body: bytes, content_type: str = "application/x-www-form-urlencoded") -> tuple[int, bytes]:
    return post(url, body, signed_headers(body, SECRET, int(time.time()), content_type))


def click(url: str, env: Env, action_id: str, value: str, user: str, case_id: int, **option: str) -> int:
    """A signed block_actions request for a control on the case's alert; `option` sets selected_option.value."""
    channel, ts = env.alert_ref(case_id)
    if option:
        payload = block_actions_payload(action_id, value, user, channel, ts, block_id="kuulo_actions",
                                        message=env.fake.message(channel, ts))
        action = payload["actions"][0]
        action.pop("value")
        action.update(type="static_select", selected_option={"text": {"type": "plain_text", "text": "x"},
                                                             "value": option["selected"]})
        body = payload_body(payload)
    else:
        body = block_actions_body(action_id, value, user, channel, ts, block_id="kuulo_actions",
                                  message=env.fake.message(channel, ts))
    status, _ = signed_post(url, body)
    return status


def command(url: str, text: str, user: str, channel: str = ALERTS) -> tuple[int, bytes]:
    return signed_post(url, slash_command_body("/kuulo", text, user, channel))


def ephemerals(fake: FakeSlack, user: str) -> list[str]:
    return [c.params["text"] for c in fake.calls_to("chat.postEphemeral") if c.params["user"] == user]


def mrkdwn_texts(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn string in a block list, wherever it sits."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "mrkdwn":
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(blocks)
    return found


def action_ids(blocks: list[dict[str, Any]]) -> set[str]:
    return {e["action_id"] for b in blocks if b["type"] == "actions" for e in b["elements"]}
