"""Signed request bodies, as Slack sends them to an app in HTTP mode.

Signing is Slack's v0 scheme: ``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{body}`` keyed
with the signing secret, sent with ``X-Slack-Request-Timestamp`` (see
https://docs.slack.dev/authentication/verifying-requests-from-slack/ and
``slack_sdk.signature.SignatureVerifier.generate_signature``).  Bolt rejects a timestamp more
than five minutes from its own clock, so callers pass ``int(time.time())``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Mapping
from urllib.parse import quote, urlencode

from .slack_payloads import block_actions_payload, slash_command_fields, view_submission_payload

FORM = "application/x-www-form-urlencoded"


def sign(body: bytes, secret: str, timestamp: int) -> dict[str, str]:
    """The ``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` headers for ``body``."""
    basestring = b"v0:" + str(timestamp).encode("ascii") + b":" + body
    digest = hmac.new(secret.encode("utf-8"), basestring, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def signed_headers(body: bytes, secret: str, timestamp: int, content_type: str = FORM) -> dict[str, str]:
    """``sign()`` plus the Content-Type Slack sends with interaction and command requests."""
    return {"Content-Type": content_type, **sign(body, secret, timestamp)}


def payload_body(payload: Mapping[str, Any]) -> bytes:
    """An interaction payload as Slack posts it: form-encoded ``payload=<JSON>``."""
    return f"payload={quote(json.dumps(payload))}".encode("ascii")


def block_actions_body(
    action_id: str,
    value: str,
    user_id: str,
    channel: str,
    message_ts: str,
    **options: Any,
) -> bytes:
    """Body of a button click; ``options`` go to ``slack_payloads.block_actions_payload``."""
    return payload_body(block_actions_payload(action_id, value, user_id, channel, message_ts, **options))


def view_submission_body(
    callback_id: str,
    private_metadata: str,
    state_values: Mapping[str, Mapping[str, Any]],
    user_id: str,
    **options: Any,
) -> bytes:
    """Body of a modal submission; ``options`` go to ``slack_payloads.view_submission_payload``."""
    return payload_body(view_submission_payload(callback_id, private_metadata, state_values, user_id, **options))


def slash_command_body(command: str, text: str, user_id: str, channel_id: str, **options: Any) -> bytes:
    """Body of a slash command: plain form fields, no ``payload=`` wrapper."""
    return urlencode(slash_command_fields(command, text, user_id, channel_id, **options)).encode("ascii")
