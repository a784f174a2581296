"""Payloads Slack sends to an app, built from the recorded shapes in tests/data/slack/.

The builders return plain dicts: ``slack_signing`` encodes them for Bolt's HTTP mode and
``slack_socket.FakeSocketMode`` wraps them in Socket Mode envelopes.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any, Mapping

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "slack"


@cache
def _read(name: str) -> dict[str, Any]:
    path = DATA_DIR / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        known = sorted(p.stem for p in DATA_DIR.glob("*.json"))
        raise FileNotFoundError(f"{path}: no such Slack payload file; known: {', '.join(known)}") from None


def load(name: str) -> dict[str, Any]:
    """A fresh deep copy of ``tests/data/slack/<name>.json``."""
    return copy.deepcopy(_read(name))


def _user(user_id: str) -> dict[str, str]:
    workspace = _read("workspace")
    name = workspace["users"].get(user_id, {}).get("name", user_id.lower())
    return {"id": user_id, "username": name, "name": name, "team_id": workspace["team"]["id"]}


def block_actions_payload(
    action_id: str,
    value: str,
    user_id: str,
    channel: str,
    message_ts: str,
    *,
    block_id: str = "case_actions",
    trigger_id: str = "1700000001.1111.abcdef0123456789",
    response_url: str = "https://hooks.slack.com/actions/T0KUULO01/1111/response-url-token",
    message: Mapping[str, Any] | None = None,
    action_ts: str = "1700000001.000001",
) -> dict[str, Any]:
    """A button click on a message; pass ``message`` (e.g. ``FakeSlack.message(...)``) to embed its real state."""
    payload = load("block_actions")
    payload["user"] = _user(user_id)
    payload["container"].update(message_ts=message_ts, channel_id=channel)
    names = _read("workspace")["channels"]
    payload["channel"] = {"id": channel, "name": names.get(channel, channel.lower())}
    payload["message"] = dict(message) if message is not None else {**payload["message"], "ts": message_ts}
    payload["trigger_id"] = trigger_id
    payload["response_url"] = response_url
    action = payload["actions"][0]
    action.update(action_id=action_id, block_id=block_id, value=value, action_ts=action_ts)
    return payload


def view_submission_payload(
    callback_id: str,
    private_metadata: str,
    state_values: Mapping[str, Mapping[str, Any]],
    user_id: str,
    *,
    view_id: str = "V0KUULO01",
    trigger_id: str = "1700000002.2222.abcdef0123456789",
    blocks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A modal submitted; ``state_values`` is ``{block_id: {action_id: {"type": ..., "value": ...}}}``."""
    payload = load("view_submission")
    payload["user"] = _user(user_id)
    payload["trigger_id"] = trigger_id
    view = payload["view"]
    view.update(id=view_id, root_view_id=view_id, callback_id=callback_id, private_metadata=private_metadata)
    view["state"] = {"values": copy.deepcopy(dict(state_values))}
    if blocks is not None:
        view["blocks"] = copy.deepcopy(blocks)
    return payload


def slash_command_fields(
    command: str,
    text: str,
    user_id: str,
    channel_id: str,
    *,
    trigger_id: str = "1700000003.3333.abcdef0123456789",
    response_url: str = "https://hooks.slack.com/commands/T0KUULO01/3333/response-url-token",
) -> dict[str, str]:
    """The form fields of a slash command (HTTP mode form-encodes them; Socket Mode sends them as JSON)."""
    fields = load("slash_command")
    names = _read("workspace")["channels"]
    fields.update(
        command=command,
        text=text,
        user_id=user_id,
        user_name=_user(user_id)["name"],
        channel_id=channel_id,
        channel_name=names.get(channel_id, channel_id.lower()),
        trigger_id=trigger_id,
        response_url=response_url,
    )
    return fields


def event_callback_payload(event: Mapping[str, Any], *, event_id: str = "Ev0KUULO01") -> dict[str, Any]:
    """The Events API wrapper around one inner ``event``."""
    payload = load("event_callback")
    payload["event"] = copy.deepcopy(dict(event))
    payload["event_id"] = event_id
    return payload
