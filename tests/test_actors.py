"""Actor names as the desks record them, and the chat user id read back from their end."""

from __future__ import annotations

import pytest

from kuulo.bot.actors import actor_name, chat_user_id
from kuulo.bot.cases import same_person
from kuulo.handlers.slack.render import user_id_of as slack_user
from kuulo.handlers.telegram.render import user_id_of as telegram_user


@pytest.mark.parametrize("name, user_id", [("aino", "U0AINO001"), ("Aino K (U0FAKE) ", "W012ABC"),
                                           ("aino", 111111111), ("(U0AINO001) x", 42)])
def test_an_actor_name_gives_back_its_chat_user_id(name: str, user_id: str | int) -> None:
    assert chat_user_id(actor_name(name, user_id)) == str(user_id)


@pytest.mark.parametrize("name", ["aino", "aino (u0aino001)", "aino (U0AINO001) said", "aino(111)", None, "",
                                  "aino (12345678901234567890)"])
def test_a_name_without_a_chat_user_id_at_its_end_has_none(name: str | None) -> None:
    assert chat_user_id(name) is None


def test_each_desk_reads_only_its_own_platforms_ids() -> None:
    assert slack_user("aino (U0AINO001)") == "U0AINO001" and telegram_user("aino (U0AINO001)") is None
    assert telegram_user("aino (111111111)") == 111111111 and slack_user("aino (111111111)") is None


def test_a_renamed_person_is_the_same_person_by_their_id() -> None:
    assert same_person("aino (U0AINO001)", "Aino Korhonen (U0AINO001)")
    assert not same_person("aino (U0AINO001)", "aino (U0OTHER01)")
    assert same_person("cli-user", "cli-user") and not same_person("cli-user", "aino (U0AINO001)")
