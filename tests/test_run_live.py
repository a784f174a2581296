"""The whole loop as a user runs it: `kuulo run` polls a live source, alerts Slack, and a reply written in the
Slack modal goes back to the platform, as separate processes against the fakes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
from datetime import datetime, timezone

from kuulo.handlers.slack.views import REPLY_BLOCK, REPLY_CALLBACK, REPLY_INPUT
from tests.fakes.mastodon import FakeMastodon
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_payloads import view_submission_payload
from tests.fakes.slack_socket import FakeSocketMode
from tests.processes import KUULO, wait_for

AGENT = "U0AINO001"
CUSTOMER = "asiakas@example.social"
ANSWER = "Hei! Katsomme asiaa heti."
CONFIG = """\
database: {db}
brands:
  - name: Nordea
    handles: [NordeaSuomi]
    hashtags: ["#nordea"]
packs: [banking-fi, sentiment-fi, sentiment-en]
slack:
  api_url: {slack}
  channel: C0ALERTS1
  agents: [{agent}]
sources:
  - name: masto
    type: mastodon
    base_url: {masto}
    token_env: MASTODON_TOKEN
    hashtags: ["#nordea"]
    every: 1m
"""


def case_id_of(blocks: list[dict]) -> int:
    """The case id carried by the alert's claim button."""
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == "kuulo.claim":
                return int(element["value"])
    raise AssertionError("no kuulo.claim button in the alert")


def test_a_polled_question_is_answered_from_slack_on_the_platform(tmp_path, fake_mastodon: FakeMastodon):
    now = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    asked = fake_mastodon.add_status("@NordeaSuomi miksi verkkopankki ei toimi? <!channel>", acct=CUSTOMER,
                                     created_at=now, mention=True)
    with FakeSlack() as slack, FakeSocketMode(slack) as socket_mode:
        (tmp_path / "team.yaml").write_text(CONFIG.format(db=tmp_path / "k.db", slack=slack.base_url, agent=AGENT,
                                                          masto=fake_mastodon.base_url), encoding="utf-8")
        env = {**os.environ, "SLACK_BOT_TOKEN": slack.bot_token, "SLACK_APP_TOKEN": slack.app_token,
               "MASTODON_TOKEN": fake_mastodon.token}
        bot = subprocess.Popen([KUULO, "--config", "team.yaml", "run"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            socket_mode.wait_connected(timeout=20)
            assert wait_for(lambda: len(slack.calls_to("chat.postMessage")) == 1)
            [alert] = slack.calls_to("chat.postMessage")
            case_id = case_id_of(alert.params["blocks"])
            submitted = view_submission_payload(REPLY_CALLBACK, str(case_id), {
                REPLY_BLOCK: {REPLY_INPUT: {"type": "plain_text_input", "value": ANSWER}}}, AGENT)
            socket_mode.wait_ack(socket_mode.send_interactive(submitted), timeout=10)

            def replied() -> list[dict]:
                return [s for s in fake_mastodon.statuses() if s.get("in_reply_to_id") == asked["id"]]

            assert wait_for(lambda: len(replied()) == 1)
            assert wait_for(lambda: len(slack.calls_to("chat.update")) >= 1)
        finally:
            bot.send_signal(signal.SIGTERM)
            out, err = bot.communicate(timeout=30)
    assert bot.returncode == 0, err
    [reply] = replied()
    assert reply["content"].endswith(ANSWER) or ANSWER in reply["content"]
    assert "&lt;!channel&gt;" in json.dumps(alert.params["blocks"]) and "<!channel>" not in json.dumps(
        alert.params["blocks"])
    with sqlite3.connect(tmp_path / "k.db") as db:
        state, responded_by = db.execute("SELECT state, responded_by FROM cases WHERE id = ?", (case_id,)).fetchone()
        sent = db.execute("SELECT data FROM events WHERE case_id = ? AND kind = 'reply_sent'", (case_id,)).fetchall()
    assert state == "answered" and AGENT in responded_by
    assert [json.loads(d)["reply_id"] for (d,) in sent] == [str(reply["id"])]
