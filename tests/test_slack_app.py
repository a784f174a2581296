"""Running the desk: tokens from the environment, Socket Mode through FakeSocketMode, HTTP mode on a port."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from slack_sdk import WebClient

from kuulo.bot.errors import KuuloError
from kuulo.handlers.slack.app import SlackDesk, SlackSecrets, build_app, secrets_from_env
from tests.fakes.bolt_http import post
from tests.fakes.slack_api import FakeSlack
from tests.fakes.slack_payloads import block_actions_payload
from tests.fakes.slack_signing import block_actions_body
from tests.fakes.slack_socket import FakeSocketMode
from tests.slack_support import AINO, SECRET, Env, make_env, signed_post


@pytest.mark.parametrize("mode, environ, missing", [
    ("socket", {}, "SLACK_BOT_TOKEN"),
    ("socket", {"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_APP_TOKEN"),
    ("http", {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, "SLACK_SIGNING_SECRET"),
])
def test_missing_environment_variable_is_named(mode: str, environ: dict, missing: str) -> None:
    with pytest.raises(KuuloError, match=rf"^environment variable {missing} is not set: it must hold .*"
                                         rf"\(slack.mode: {mode}\)$"):
        secrets_from_env(mode, environ)


def test_secrets_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-env")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-env")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    assert secrets_from_env("socket") == SlackSecrets("xoxb-env", "xapp-env", None)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s3cret")
    assert secrets_from_env("http") == SlackSecrets("xoxb-env", None, "s3cret")


def test_desk_from_env_names_what_is_missing(env: Env) -> None:
    with pytest.raises(KuuloError, match=r"^environment variable SLACK_SIGNING_SECRET is not set"):
        SlackDesk.from_env(env.cfg, env.services, {"SLACK_BOT_TOKEN": env.fake.bot_token})
    desk = SlackDesk.from_env(env.cfg, env.services, {"SLACK_BOT_TOKEN": env.fake.bot_token,
                                                      "SLACK_SIGNING_SECRET": SECRET})
    assert desk.client.base_url == env.fake.base_url and desk.handler.name == "slack"
    desk.stop()


def test_build_app_reads_the_bot_token_from_env_and_uses_api_url(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", env.fake.bot_token)
    app = build_app(env.cfg, env.services, signing_secret=SECRET)
    assert app.client.token == env.fake.bot_token and app.client.base_url == env.fake.base_url
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    with pytest.raises(KuuloError, match="SLACK_SIGNING_SECRET"):
        build_app(env.cfg, env.services)


def wait_until(check: Any, timeout: float = 3.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_socket_mode_acks_an_interactive_envelope_and_applies_it(fake: FakeSlack, tmp_path: Any, clock: Any) -> None:
    env = make_env(fake, tmp_path, clock, mode="socket")
    case_id = env.ingest("1", "Onko S-Pankin sovellus rikki?")
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets(fake.bot_token, fake.app_token), client=env.client)
    desk.desk.flush()
    channel, ts = env.alert_ref(case_id)
    with FakeSocketMode(fake) as socket_mode:
        desk.start()
        try:
            socket_mode.wait_connected()
            envelope = socket_mode.send_interactive(
                block_actions_payload("kuulo.claim", str(case_id), AINO, channel, ts, block_id="kuulo_actions"))
            ack = socket_mode.wait_ack(envelope)
            wait_until(lambda: len(fake.thread(channel, ts)) == 2)
        finally:
            desk.stop()

    assert ack.payload is None
    assert env.case(case_id)["claimed_by"] == "aino (U0AINO001)"
    assert fake.thread(channel, ts)[1]["text"] == "<@U0AINO001> claimed it."
    assert [c.token for c in fake.calls_to("apps.connections.open")] == [fake.app_token]


def test_http_mode_serves_verified_requests_on_its_port(fake: FakeSlack, tmp_path: Any, clock: Any) -> None:
    env = make_env(fake, tmp_path, clock)
    case_id = env.ingest("1", "Onko S-Pankin sovellus rikki?")
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets(fake.bot_token, signing_secret=SECRET),
                     client=env.client, host="127.0.0.1", port=0)
    desk.flush()
    channel, ts = env.alert_ref(case_id)
    body = block_actions_body("kuulo.claim", str(case_id), AINO, channel, ts, block_id="kuulo_actions")
    desk.start()
    try:
        assert post(desk.url, body, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 401
        assert signed_post(desk.url, body)[0] == 200  # acked at once; the work goes on after the answer
        wait_until(lambda: len(fake.thread(channel, ts)) == 2)
    finally:
        desk.stop()
    assert env.case(case_id)["state"] == "claimed"


def test_start_names_a_refused_bot_token(fake: FakeSlack, tmp_path: Any, clock: Any) -> None:
    env = make_env(fake, tmp_path, clock, mode="socket")
    bad = WebClient(token="xoxb-revoked", base_url=fake.base_url, retry_handlers=[])
    desk = SlackDesk(env.cfg, env.services, secrets=SlackSecrets("xoxb-revoked", "xapp-x"), client=bad)
    with pytest.raises(KuuloError, match=r"^Slack refused SLACK_BOT_TOKEN: invalid_auth$"):
        desk.start()


def test_a_config_without_slack_is_a_clear_error(env: Env) -> None:
    with pytest.raises(KuuloError, match="no `slack:` section"):
        build_app(replace(env.cfg, slack=None), env.services, client=env.client)


def test_manifest_declares_what_the_code_uses() -> None:
    manifest = yaml.safe_load((Path(__file__).resolve().parents[1] / "slack" / "manifest.yaml").read_text())
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/kuulo"]
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {"channels:read", "chat:write", "commands", "files:write",
                                                              "groups:read", "usergroups:read", "users:read"}
    assert manifest["features"]["slash_commands"][0]["should_escape"] is True  # channel ids in /kuulo route
    assert manifest["settings"]["interactivity"]["is_enabled"] and manifest["settings"]["socket_mode_enabled"]
    assert manifest["features"]["app_home"]["home_tab_enabled"]
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == ["app_home_opened"]
