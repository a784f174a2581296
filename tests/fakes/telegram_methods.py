"""The Bot API methods of the fake: each takes (state, params, files) and returns the ``result`` or raises ApiError
with the description the real server gives. getUpdates is served by FakeTelegram itself (it waits)."""

from __future__ import annotations

import copy
import json
import re
from typing import Any, Callable, Mapping

from .telegram_html import ApiError, bad_request, parse_html
from .telegram_state import Record, TelegramState

TEXT_LIMIT, CAPTION_LIMIT, CALLBACK_DATA_LIMIT, TOAST_LIMIT = 4096, 1024, 64, 200
# Parameters whose value is a string on the wire even when it looks like JSON (python-telegram-bot sends every
# value as a form field, strings as they are and everything else JSON-encoded).
STRING_PARAMS = frozenset({
    "text", "caption", "parse_mode", "url", "secret_token", "callback_query_id", "language_code", "photo",
    "ip_address", "inline_message_id", "business_connection_id", "message_effect_id", "certificate",
})
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")
SENDS = frozenset({"sendmessage", "sendphoto"})  # the methods a per-chat rate limit counts

Files = Mapping[str, tuple[str, bytes, str]]  # field name -> (filename, content, content type)
Method = Callable[[TelegramState, dict[str, Any], Files], Any]


def decode_params(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Form values to the types the Bot API reads them as (JSON for objects, numbers and booleans)."""
    params: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str) and key not in STRING_PARAMS:
            try:
                value = json.loads(value)
            except ValueError:
                pass  # e.g. chat_id "@channelname"
        params[key] = value
    return params


def chat_of(state: TelegramState, params: Mapping[str, Any]):
    """The chat a method names, or the real errors: empty, not found, kicked."""
    chat_id = params.get("chat_id")
    if chat_id in (None, ""):
        raise bad_request("chat_id is empty")
    if isinstance(chat_id, str) and chat_id.startswith("@"):
        chat = next((c for c in state.chats.values() if (c.username or "").lower() == chat_id[1:].lower()), None)
    elif isinstance(chat_id, int) and not isinstance(chat_id, bool):
        chat = state.chat(chat_id)
    else:
        chat = None
    if chat is None or chat.state == "gone":
        raise bad_request("chat not found")
    if chat.state == "kicked":
        raise forbidden(chat.type)
    return chat


def forbidden(chat_type: str) -> ApiError:
    if chat_type == "private":
        return ApiError(403, "Forbidden: bot was blocked by the user")
    kind = "supergroup chat" if chat_type == "supergroup" else "group chat" if chat_type == "group" else "channel chat"
    return ApiError(403, f"Forbidden: bot was kicked from the {kind}")


def rendered(text: Any, parse_mode: Any) -> tuple[str, list[dict[str, Any]]]:
    """(plain text, entities) of a text or caption under its parse_mode."""
    text = "" if text is None else str(text)
    if parse_mode in (None, ""):
        return text, []
    if str(parse_mode).lower() == "html":
        return parse_html(text)
    if str(parse_mode).lower() in ("markdown", "markdownv2"):
        return text, []  # not modelled: kept as sent
    raise bad_request("unsupported parse_mode")


def check_text(plain: str) -> None:
    if not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > TEXT_LIMIT:
        raise bad_request("message is too long")


def check_markup(markup: Any) -> dict[str, Any] | None:
    """The reply_markup as stored; the real 400s for a button Telegram refuses."""
    if markup in (None, ""):
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text") or "").strip():
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            if "callback_data" in button:
                size = len(str(button["callback_data"]).encode("utf-8"))
                if not 1 <= size <= CALLBACK_DATA_LIMIT:
                    raise bad_request("BUTTON_DATA_INVALID")
            elif "url" in button:
                if not str(button["url"]).startswith(("http://", "https://", "tg://")):
                    raise bad_request("BUTTON_URL_INVALID")
            elif not set(button) - {"text"}:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
    return copy.deepcopy(markup)


def reply_target(state: TelegramState, chat_id: int, params: Mapping[str, Any]) -> int | None:
    """The message replied to (reply_parameters or the older reply_to_message_id)."""
    reply = params.get("reply_parameters") or {}
    target = reply.get("message_id") if isinstance(reply, dict) else None
    target = target if target is not None else params.get("reply_to_message_id")
    if target is None:
        return None
    if state.record(chat_id, int(target)) is None:
        if reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return int(target)


def get_me(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    return {**state.bot, "can_join_groups": True, "can_read_all_group_messages": not state.privacy_mode,
            "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}


def send_message(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat = chat_of(state, params)
    plain, entities = rendered(params.get("text"), params.get("parse_mode"))
    check_text(plain)
    markup = check_markup(params.get("reply_markup"))
    reply_to = reply_target(state, chat.id, params)
    record = state.add(Record(chat.id, state.new_message_id(chat.id), copy.deepcopy(state.bot), True,
                              int(state.now()), text=str(params["text"]), plain=plain, entities=entities,
                              parse_mode=params.get("parse_mode"), reply_markup=markup, reply_to=reply_to,
                              thread_id=params.get("message_thread_id")))
    return state.wire_message(record)


def _editable(state: TelegramState, params: dict[str, Any]) -> Record:
    if params.get("inline_message_id"):
        raise bad_request("message to edit not found")
    chat = chat_of(state, params)
    if params.get("message_id") in (None, ""):
        raise bad_request("message identifier is not specified")
    record = state.record(chat.id, int(params["message_id"]))
    if record is None:
        raise bad_request("message to edit not found")
    if not record.from_bot:
        raise bad_request("message can't be edited")
    return record


def _apply_edit(state: TelegramState, record: Record, text: str | None, plain: str | None,
                entities: list[dict[str, Any]], parse_mode: Any, markup: dict[str, Any] | None) -> Any:
    if (plain, entities, markup) == (record.plain, record.entities, record.reply_markup):
        raise bad_request(
            "message is not modified: specified new message content and reply markup are exactly the same as a "
            "current content and reply markup of the message"
        )
    record.history.append({"text": record.text, "parse_mode": record.parse_mode,
                           "reply_markup": copy.deepcopy(record.reply_markup)})
    record.text, record.plain, record.entities, record.parse_mode = text, plain, entities, parse_mode
    record.reply_markup, record.edit_date = markup, int(state.now())
    return state.wire_message(record)


def edit_message_text(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    record = _editable(state, params)
    if record.photo_id is not None:
        raise bad_request("there is no text in the message to edit")
    plain, entities = rendered(params.get("text"), params.get("parse_mode"))
    check_text(plain)
    markup = check_markup(params.get("reply_markup"))  # omitted: the inline keyboard goes, as on Telegram
    return _apply_edit(state, record, str(params["text"]), plain, entities, params.get("parse_mode"), markup)


def edit_message_reply_markup(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    record = _editable(state, params)
    markup = check_markup(params.get("reply_markup"))
    return _apply_edit(state, record, record.text, record.plain, record.entities, record.parse_mode, markup)


def delete_message(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat = chat_of(state, params)
    record = state.record(chat.id, int(params.get("message_id") or 0))
    if record is None:
        raise bad_request("message to delete not found")
    record.deleted = True
    return True


def answer_callback_query(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    entry = state.callbacks.get(str(params.get("callback_query_id") or ""))
    if entry is None or entry["answer"] is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    if len(str(params.get("text") or "")) > TOAST_LIMIT:
        raise bad_request("MESSAGE_TOO_LONG")  # answerCallbackQuery's text is 0-200 characters
    entry["answer"] = {k: params[k] for k in ("text", "show_alert", "url", "cache_time") if k in params}
    return True


def send_photo(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat = chat_of(state, params)
    content, photo_id = _photo(state, params, files)
    plain, entities = rendered(params.get("caption"), params.get("parse_mode"))
    if len(plain) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    markup = check_markup(params.get("reply_markup"))
    reply_to = reply_target(state, chat.id, params)
    record = state.add(Record(chat.id, state.new_message_id(chat.id), copy.deepcopy(state.bot), True,
                              int(state.now()), caption=params.get("caption"), plain=plain, entities=entities,
                              parse_mode=params.get("parse_mode"), reply_markup=markup, reply_to=reply_to,
                              thread_id=params.get("message_thread_id"), photo=content, photo_id=photo_id))
    return state.wire_message(record)


def _photo(state: TelegramState, params: dict[str, Any], files: Files) -> tuple[bytes | None, str]:
    named = params.get("photo")
    part = files.get("photo")
    if isinstance(named, str) and named.startswith("attach://"):
        part = files.get(named[len("attach://") :])
    if part is not None:
        content = part[1]
        if not content:
            raise bad_request("file must be non-empty")
        if not content.startswith(_IMAGE_MAGIC):
            raise bad_request("IMAGE_PROCESS_FAILED")
        return content, state.new_file_id()
    if not named:
        raise bad_request("there is no photo in the request")
    known = next((r for r in state.records.values() if r.photo_id == named), None)
    if known is not None:
        return known.photo, named
    if str(named).startswith(("http://", "https://")):
        return None, state.new_file_id()
    raise bad_request("wrong file identifier/HTTP URL specified")


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")


def set_my_commands(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    state.commands[_commands_key(params)] = copy.deepcopy(commands)
    return True


def get_my_commands(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    return copy.deepcopy(state.commands.get(_commands_key(params), []))


def delete_my_commands(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    state.commands.pop(_commands_key(params), None)
    return True


def set_webhook(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    url = str(params.get("url") or "")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET.fullmatch(str(secret)):
        raise bad_request("secret token contains unallowed characters")
    if url and not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if params.get("drop_pending_updates") and state.updates:
        state.confirm(state.updates[-1]["update_id"] + 1)
    state.webhook = {"url": url, "secret_token": secret if url else None,
                     "allowed_updates": params.get("allowed_updates")}
    if params.get("allowed_updates") is not None:
        state.allowed_updates = list(params["allowed_updates"])
    return True


def delete_webhook(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    return set_webhook(state, {"url": "", "drop_pending_updates": params.get("drop_pending_updates")}, files)


def get_webhook_info(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    info: dict[str, Any] = {"url": state.webhook["url"], "has_custom_certificate": False,
                            "pending_update_count": len(state.updates)}
    if state.webhook.get("allowed_updates") is not None:
        info["allowed_updates"] = state.webhook["allowed_updates"]
    return info


def get_chat(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat = chat_of(state, params)
    return {**chat.wire(), "accent_color_id": 0, "max_reaction_count": 11,
            "accepted_gift_types": {"unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                                    "premium_subscription": False, "gifts_from_channels": False}}


_ADMIN_RIGHTS = ("can_be_edited", "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                 "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
                 "can_post_stories", "can_edit_stories", "can_delete_stories")


def get_chat_member(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat = chat_of(state, params)
    user_id = int(params.get("user_id") or 0)
    if user_id == state.bot["id"]:
        user = state.bot
    else:
        seen = [r.sender for (c, _), r in state.records.items() if r.sender.get("id") == user_id]
        user = seen[-1] if seen else {"id": user_id, "is_bot": False, "first_name": str(user_id)}
    status = chat.members.get(user_id, "member")
    member: dict[str, Any] = {"status": status, "user": copy.deepcopy(user)}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update({right: right in ("can_manage_chat", "can_delete_messages") for right in _ADMIN_RIGHTS})
    elif status == "kicked":
        member["until_date"] = 0
    return member


def send_chat_action(state: TelegramState, params: dict[str, Any], files: Files) -> Any:
    chat_of(state, params)
    return True


METHODS: dict[str, Method] = {
    "getme": get_me, "sendmessage": send_message, "editmessagetext": edit_message_text,
    "editmessagereplymarkup": edit_message_reply_markup, "deletemessage": delete_message,
    "answercallbackquery": answer_callback_query, "sendphoto": send_photo, "setmycommands": set_my_commands,
    "getmycommands": get_my_commands, "deletemycommands": delete_my_commands, "setwebhook": set_webhook,
    "deletewebhook": delete_webhook, "getwebhookinfo": get_webhook_info, "getchat": get_chat,
    "getchatmember": get_chat_member, "sendchataction": send_chat_action,
}
