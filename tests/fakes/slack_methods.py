"""The Web API methods the fake answers, with Slack's success shapes and error codes.

Each method takes the parsed request parameters and returns the JSON body of a successful
answer (``"ok": true`` is added by the caller), or raises ``SlackError(code)``.  Shapes follow
the method pages on docs.slack.dev/reference/methods/ and the fixtures in bolt-python's tests.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Callable

from .slack_blocks import BlockKitError, check_blocks, check_message, check_view
from .slack_state import SlackError, SlackState, UploadedFile

Params = dict[str, Any]


@dataclass(slots=True)
class Context:
    """What a method may touch: the workspace state and the fake's own URLs."""

    state: SlackState
    upload_base: str  # e.g. http://127.0.0.1:PORT/upload/v1/
    socket_mode_url: Callable[[], str] | None = None


def _required(params: Params, *names: str) -> None:
    if any(params.get(name) in (None, "") for name in names):
        raise SlackError("invalid_arguments")


def _content(params: Params) -> dict[str, Any]:
    content = {k: params[k] for k in ("text", "blocks", "attachments", "metadata") if params.get(k) not in (None, "")}
    if not content:
        raise SlackError("no_text")
    problem = check_message(params)
    if problem is not None:
        raise SlackError(problem, _complaints(params.get("blocks")))
    return content


def _complaints(blocks: Any) -> tuple[str, ...]:
    try:
        check_blocks(blocks)
    except BlockKitError as e:
        return (str(e),)
    return ()


def auth_test(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    return {
        "url": f"https://{s.team['domain']}.slack.com/",
        "team": s.team["name"],
        "user": s.bot["name"],
        "team_id": s.team["id"],
        "user_id": s.bot["user_id"],
        "bot_id": s.bot["bot_id"],
        "is_enterprise_install": False,
    }


def chat_post_message(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    channel = s.require_channel(params.get("channel"), posting=True)
    content = _content(params)
    # An unknown thread_ts is stored as sent: the docs name no error for it, so the fake invents none.
    thread_ts = params.get("thread_ts") or None
    message = s.add_message(channel, s.bot_message(ts=s.next_ts(), thread_ts=thread_ts, **content))
    return {"channel": channel, "ts": message["ts"], "message": copy.deepcopy(message)}


def chat_update(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    channel = s.require_channel(params.get("channel"), posting=True)
    _required(params, "ts")
    message = s.find_message(channel, params["ts"])
    if message is None:
        raise SlackError("message_not_found")
    if message.get("bot_id") != s.bot["bot_id"]:
        raise SlackError("cant_update_message")
    message.update(_content(params))
    message["edited"] = {"user": s.bot["user_id"], "ts": s.next_ts()}
    return {"channel": channel, "ts": message["ts"], "text": message.get("text", ""), "message": copy.deepcopy(message)}


def chat_post_ephemeral(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    channel = s.require_channel(params.get("channel"), posting=True)
    _required(params, "user")
    if params["user"] not in s.users:
        raise SlackError("user_not_in_channel")
    ts = s.next_ts()
    s.ephemerals.append({"channel": channel, "user": params["user"], "ts": ts, **_content(params)})
    return {"message_ts": ts}


def chat_get_permalink(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    channel = s.require_channel(params.get("channel"))
    _required(params, "message_ts")
    message = s.find_message(channel, params["message_ts"])
    if message is None:
        raise SlackError("message_not_found")
    link = f"https://{s.team['domain']}.slack.com/archives/{channel}/p{message['ts'].replace('.', '')}"
    if message.get("thread_ts") and message["thread_ts"] != message["ts"]:
        link += f"?thread_ts={message['thread_ts']}&cid={channel}"
    return {"channel": channel, "permalink": link}


def _view(ctx: Context, params: Params, view_id: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    s = ctx.state
    view = params.get("view")
    if not isinstance(view, dict) or "type" not in view:
        raise SlackError("invalid_arguments")
    try:
        check_view(view)
    except BlockKitError as e:
        raise SlackError("invalid_arguments", (str(e),)) from None
    stored = {
        "id": view_id,
        "team_id": s.team["id"],
        "type": view["type"],
        "blocks": view.get("blocks", []),
        "private_metadata": view.get("private_metadata", ""),
        "callback_id": view.get("callback_id", ""),
        "state": {"values": {}},
        "hash": f"{s.next_ts()}.fakehash",
        "title": view.get("title"),
        "close": view.get("close"),
        "submit": view.get("submit"),
        "clear_on_close": view.get("clear_on_close", False),
        "notify_on_close": view.get("notify_on_close", False),
        "previous_view_id": None,
        "root_view_id": previous["root_view_id"] if previous else view_id,
        "app_id": s.app_id,
        "external_id": view.get("external_id", ""),
        "app_installed_team_id": s.team["id"],
        "bot_id": s.bot["bot_id"],
    }
    s.views[view_id] = stored
    return stored


def views_open(ctx: Context, params: Params) -> dict[str, Any]:
    if not params.get("trigger_id"):
        raise SlackError("invalid_trigger_id")
    view = _view(ctx, params, ctx.state.next_id("V"), None)
    return {"view": copy.deepcopy(view)}


def views_update(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    view_id = params.get("view_id")
    if not view_id and params.get("external_id"):
        view_id = next((v["id"] for v in s.views.values() if v["external_id"] == params["external_id"]), None)
    previous = s.views.get(view_id or "")
    if previous is None:
        raise SlackError("not_found")
    if params.get("hash") and params["hash"] != previous["hash"]:
        raise SlackError("hash_conflict")
    return {"view": copy.deepcopy(_view(ctx, params, previous["id"], previous))}


def views_publish(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    _required(params, "user_id")
    if params["user_id"] not in s.users:
        raise SlackError("user_not_found")
    previous = s.home_views.get(params["user_id"])
    view = _view(ctx, params, previous["id"] if previous else s.next_id("V"), previous)
    s.home_views[params["user_id"]] = view
    return {"view": copy.deepcopy(view)}


def conversations_info(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    channel = s.require_channel(params.get("channel"))
    return {
        "channel": {
            "id": channel,
            "name": s.channel_name(channel),
            "is_channel": channel.startswith("C"),
            "is_group": channel.startswith("G"),
            "is_im": channel.startswith("D"),
            "is_private": not channel.startswith("C"),
            "is_archived": False,
            "is_member": channel not in s.not_in_channel,
            "created": 1_690_000_000,
            "context_team_id": s.team["id"],
        }
    }


def users_info(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    user_id = params.get("user")
    entry = s.users.get(user_id or "")
    if entry is None:
        raise SlackError("user_not_found")
    real_name = entry.get("real_name", entry["name"])
    return {
        "user": {
            "id": user_id,
            "team_id": s.team["id"],
            "name": entry["name"],
            "deleted": False,
            "real_name": real_name,
            "tz": entry.get("tz", "Europe/Helsinki"),
            "is_bot": False,
            "profile": {"real_name": real_name, "display_name": entry.get("display_name", entry["name"])},
        }
    }


def usergroups_users_list(ctx: Context, params: Params) -> dict[str, Any]:
    members = ctx.state.usergroups.get(params.get("usergroup") or "")
    if members is None:
        raise SlackError("no_such_subteam")
    return {"users": list(members)}


def files_get_upload_url_external(ctx: Context, params: Params) -> dict[str, Any]:
    _required(params, "filename", "length")
    file_id = ctx.state.next_id("F")
    ctx.state.files[file_id] = UploadedFile(file_id, params["filename"], int(params["length"]))
    return {"upload_url": f"{ctx.upload_base}{file_id}", "file_id": file_id}


def files_complete_upload_external(ctx: Context, params: Params) -> dict[str, Any]:
    s = ctx.state
    entries = params.get("files")
    if not isinstance(entries, list) or not entries:
        raise SlackError("invalid_arguments")
    channels = [params["channel_id"]] if params.get("channel_id") else []
    channels += [c for c in str(params.get("channels") or "").split(",") if c]
    for channel in channels:
        s.require_channel(channel, posting=True)
    files = []
    for entry in entries:
        uploaded = s.files.get(entry.get("id", ""))
        if uploaded is None or uploaded.content is None:
            raise SlackError("file_not_found")
        uploaded.title = entry.get("title") or uploaded.filename
        uploaded.channels = channels
        size = len(uploaded.content)
        files.append({"id": uploaded.id, "name": uploaded.filename, "title": uploaded.title, "size": size})
    for channel in channels:
        s.add_message(
            channel,
            s.bot_message(
                ts=s.next_ts(),
                text=params.get("initial_comment") or "",
                thread_ts=params.get("thread_ts") or None,
                files=copy.deepcopy(files),
                upload=True,
            ),
        )
    return {"files": files}


def apps_connections_open(ctx: Context, params: Params) -> dict[str, Any]:
    if ctx.socket_mode_url is None:
        # Not a Slack error code: the test forgot to start a FakeSocketMode for this FakeSlack.
        raise SlackError("fake_socket_mode_not_started")
    return {"url": ctx.socket_mode_url()}


METHODS: dict[str, Callable[[Context, Params], dict[str, Any]]] = {
    "auth.test": auth_test,
    "chat.postMessage": chat_post_message,
    "chat.update": chat_update,
    "chat.postEphemeral": chat_post_ephemeral,
    "chat.getPermalink": chat_get_permalink,
    "views.open": views_open,
    "views.update": views_update,
    "views.publish": views_publish,
    "conversations.info": conversations_info,
    "users.info": users_info,
    "usergroups.users.list": usergroups_users_list,
    "files.getUploadURLExternal": files_get_upload_url_external,
    "files.completeUploadExternal": files_complete_upload_external,
    "apps.connections.open": apps_connections_open,
}

# Methods that take an app-level token (xapp-); every other method takes a bot token (xoxb-).
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})

# Parameters Slack accepts as JSON text inside a form-encoded body.
JSON_PARAMS = ("blocks", "attachments", "view", "files", "metadata", "user_auth_blocks")


def decode_json_params(params: Params) -> Params:
    """Decode the JSON-valued parameters sent as strings (form bodies); leave others as sent."""
    for name in JSON_PARAMS:
        value = params.get(name)
        if isinstance(value, str) and value[:1] in ("[", "{"):
            try:
                params[name] = json.loads(value)
            except json.JSONDecodeError:
                raise SlackError(f"invalid_{name}") from None
    return params
