"""Who may act on cases (agents and supervisors) and who may run reports and change routes (supervisors)."""

from __future__ import annotations

from typing import Callable, Iterable

Members = Callable[[str], frozenset[str]]  # a group id's member ids (Slack user groups); empty when not a group


def no_groups(principal: str) -> frozenset[str]:
    """For chats without groups: a principal is only itself."""
    return frozenset()


class Gate:
    """Permission checks against configured user (and group) ids, a group's members counting as the group, and
    the chats where the desk answers (None: wherever the chat lets people reach it)."""

    def __init__(self, agents: Iterable[str], supervisors: Iterable[str], members: Members = no_groups,
                 chats: Iterable[str] | None = None):
        self.agents, self.supervisors, self.members = tuple(agents), tuple(supervisors), members
        self.chats = None if chats is None else frozenset(chats)

    def in_chat(self, chat_id: str | None) -> bool:
        """Whether the desk acts on what comes from this chat."""
        return self.chats is None or chat_id in self.chats

    def _in(self, user_id: str, principals: tuple[str, ...]) -> bool:
        if user_id in principals:
            return True
        return any(user_id in self.members(p) for p in principals)

    def may_act(self, user_id: str | None) -> bool:
        """Agents and supervisors may act on cases."""
        return bool(user_id) and self._in(user_id, self.agents + self.supervisors)

    def may_report(self, user_id: str | None) -> bool:
        """Only supervisors may run reports and stats."""
        return bool(user_id) and self._in(user_id, self.supervisors)
