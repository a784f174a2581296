"""The desk, whatever the chat: who may act, what each command and button does, and the text of every line.

Each transport (handlers/slack, handlers/telegram) supplies a Markup (its escaping, bold, quotes, mentions) and
its own wire format; the decisions and the words live here once.
"""
