"""The append-only, hash-chained event ledger: every case transition, with who, when and how.

Each row's hash covers the hash of the row before and its own content. Rows before the `ledger_keyed` event are
plain SHA-256 (anyone who can write the file can recompute them); from that event on they are HMAC-SHA256 with
KUULO_LEDGER_KEY, so forging or rewriting a row needs the key. An empty chain is keyed from its first event when a key
is set; a chain that holds events is switched only when asked (`kuulo verify-ledger --start-keying`), since a chain
whose keyed part was cut off and the rest recomputed looks exactly like one never keyed. A keyed chain is never
appended to without its key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Literal, Mapping

import orjson
import sqlite_utils

from kuulo.bot.errors import LedgerError
from kuulo.storage.jsontext import compact_json

GENESIS = "0" * 64
KEY_ENV = "KUULO_LEDGER_KEY"
KEYED = "ledger_keyed"  # the event kind from which the chain is keyed
MIN_KEY_BYTES = 16  # below this, verify-ledger and doctor say the key can be guessed
_ROW = "seq, ts, case_id, platform, mention_id, actor, kind, data, prev_hash, hash"
_ANCHOR = re.compile(r"(\d+):([0-9a-fA-F]{64})")

Hasher = Callable[[bytes], str]


def ledger_key(environ: Mapping[str, str] = os.environ) -> bytes | None:
    """The ledger key from KUULO_LEDGER_KEY, or None when it is unset or empty."""
    value = environ.get(KEY_ENV, "")
    return value.encode("utf-8", "surrogateescape") if value else None  # bytes no UTF-8: the key as they are


def key_id(key: bytes) -> str:
    """A short public fingerprint of a key, recorded with the switch so a wrong key is named as such."""
    return hmac.new(key, b"kuulo ledger key id", hashlib.sha256).hexdigest()[:16]


def _sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def _hmac(key: bytes) -> Hasher:
    """HMAC-SHA256 with the key's inner and outer state computed once (the per-row cost is a copy)."""
    base = hmac.new(key, digestmod=hashlib.sha256)

    def mac(body: bytes) -> str:
        one = base.copy()
        one.update(body)
        return one.hexdigest()
    return mac


# json.dumps with these options, without building an encoder per call (an import writes one event a post)
_canonical = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_PLAIN_FLOAT = (1e-4, 1e16)  # where json and orjson write a float alike (json: 1e-05, 1e+16)


def _body(prev_hash: str, seq: int, ts: float, case_id: int | None, platform: str | None,
          mention_id: str | None, actor: str, kind: str, data: str) -> bytes:
    """The previous hash and this row's content in a fixed canonical form."""
    row = [prev_hash, seq, ts, case_id, platform, mention_id, actor, kind, data]
    # orjson writes these bytes as json does (the same escapes; a float's shortest digits, in the same notation
    # between 1e-4 and 1e16), in a fifth of the time; any other time, or a text orjson refuses, is json's
    if type(ts) in (int, float) and _PLAIN_FLOAT[0] <= abs(ts) < _PLAIN_FLOAT[1]:
        try:
            return orjson.dumps(row)
        except orjson.JSONEncodeError:
            pass
    return _canonical(row).encode("utf-8")


def _keyed_since(db: sqlite_utils.Database) -> int | None:
    """The sequence number of the switch to keyed, or None (a partial index makes this one lookup)."""
    row = db.execute(f"SELECT min(seq) FROM events WHERE kind = '{KEYED}'").fetchone()
    return row[0] if row else None


_INSERT = f"INSERT INTO events ({_ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


class Ledger:
    """Appends events inside the caller's write transaction, keeping the chain's tip in memory. A keyed chain is
    not opened for writing without its key: LedgerError at once, so the transaction stores nothing (a caller that
    skips what it could not store must not lose posts for want of the key)."""

    def __init__(self, db: sqlite_utils.Database, key: bytes | None | Literal["env"] = "env", *,
                 start_keying: bool = False):
        self._db = db
        self._key = ledger_key() if isinstance(key, str) else key
        self._mac = _hmac(self._key) if self._key else None
        tip = db.execute(f"SELECT {_ROW} FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq, self._hash = (tip[0], tip[9]) if tip else (0, GENESIS)
        self._keyed_since = _keyed_since(db) if tip else None
        hint = f"set {KEY_ENV} to the key it was written with"
        if self._keyed_since is not None and self._mac is None:
            raise LedgerError(f"the ledger is keyed since event {self._keyed_since}: {hint}")
        if self._keyed_since is not None and self._mac(_body(tip[8], *tip[:8])) != tip[9]:
            raise LedgerError(f"the ledger is keyed since event {self._keyed_since} and {KEY_ENV} does not fit its "
                              f"newest event ({tip[0]}): {hint} (if it is, that event was changed: run "
                              "kuulo verify-ledger)")
        if tip and self._keyed_since is None and self._mac is not None and not start_keying:
            raise LedgerError(f"{KEY_ENV} is set but the ledger's {tip[0]} events are not keyed: if this database "
                              "never had a key, start keying it once with `kuulo verify-ledger --start-keying`; if "
                              "it had one, its keyed events were removed and the rest recomputed (check a "
                              "published anchor: kuulo verify-ledger --expect SEQ:HASH)")

    @property
    def last_seq(self) -> int:
        """The sequence number of the newest event (0: none)."""
        return self._seq

    @property
    def keyed_since(self) -> int | None:
        """The event from which the chain is keyed, if it is."""
        return self._keyed_since

    def append(self, *, ts: float, actor: str, kind: str, case_id: int | None = None,
               platform: str | None = None, mention_id: str | None = None,
               data: dict[str, Any] | None = None) -> int:
        """Add one event; returns its sequence number. The first append with a key records the switch first."""
        rows = self._switch(ts)
        rows.append(self._row(ts, actor, kind, case_id, platform, mention_id, data))
        self._db.conn.executemany(_INSERT, rows)
        return self._seq

    def append_many(self, events: Iterable[dict[str, Any]]) -> None:
        """append for many events (each the keyword arguments of append), in order, in one statement."""
        rows = []
        for event in events:
            rows += self._switch(event["ts"])
            rows.append(self._row(event["ts"], event["actor"], event["kind"], event.get("case_id"),
                                  event.get("platform"), event.get("mention_id"), event.get("data")))
        self._db.conn.executemany(_INSERT, rows)

    def start_keying(self, ts: float) -> int:
        """Record the switch to keyed now (a Ledger opened with start_keying and a key); returns its event."""
        if self._mac is None:
            raise LedgerError(f"set {KEY_ENV} to start keying the ledger")
        if self._keyed_since is not None:
            raise LedgerError(f"the ledger is keyed since event {self._keyed_since} already")
        self._db.conn.executemany(_INSERT, self._switch(ts))
        return self._seq

    def _switch(self, ts: float) -> list[tuple[Any, ...]]:
        """The switch-to-keyed event, when a key is set and the chain is not keyed yet."""
        if self._mac is None or self._keyed_since is not None:
            return []
        self._keyed_since = self._seq + 1
        return [self._row(ts, "kuulo", KEYED, None, None, None,
                          {"key_id": key_id(self._key), "why": f"{KEY_ENV} is set: from this event on every event's "
                                                                "hash is an HMAC-SHA256 with it"})]

    def _row(self, ts: float, actor: str, kind: str, case_id: int | None, platform: str | None,
             mention_id: str | None, data: dict[str, Any] | None) -> tuple[Any, ...]:
        """The next event's row, chained to the tip (which it becomes)."""
        seq = self._seq + 1
        payload = compact_json(data or {})
        body = _body(self._hash, seq, ts, case_id, platform, mention_id, actor, kind, payload)
        digest = self._mac(body) if self._keyed_since is not None else _sha256(body)
        row = (seq, ts, case_id, platform, mention_id, actor, kind, payload, self._hash, digest)
        self._seq, self._hash = seq, digest
        return row


@dataclass(frozen=True, slots=True)
class LedgerCheck:
    """The result of recomputing the chain: how many events verify, the first that does not, and the tip."""

    events: int
    bad_seq: int | None = None
    reason: str | None = None
    keyed_since: int | None = None  # the switch to keyed, if the chain reached it
    key_given: bool = False
    tip: tuple[int, str] = (0, GENESIS)
    needs_key: bool = False  # bad_seq is where the keyed part starts and no key was given: not broken, unchecked
    key_bytes: int = 0  # the length of the key given

    @property
    def ok(self) -> bool:
        return self.bad_seq is None and (self.keyed_since is not None or not self.key_given or self.events == 0)

    @property
    def anchor(self) -> str:
        """The tip as SEQ:HASH, for a team to publish."""
        return format_anchor(*self.tip)

    def summary(self) -> str:
        """One line: intact and how far it proves, or where it breaks."""
        if self.bad_seq is not None:
            verdict = "NOT VERIFIED from" if self.needs_key else "BROKEN at"
            return f"{verdict} event {self.bad_seq}: {self.reason} ({self.events} events before it verify)"
        if self.keyed_since is not None:
            return f"{self.events} events, hash chain intact, keyed (HMAC-SHA256) since event {self.keyed_since}"
        if self.key_given and self.events:
            return (f"NOT KEYED: {self.events} events, hash chain intact, but {KEY_ENV} is set and no event was "
                    "written with it: if this database never had a key, start keying it once with `kuulo "
                    "verify-ledger --start-keying` (writers refuse until then); if it had one, the keyed part was "
                    "removed and the chain recomputed")
        return f"{self.events} events, hash chain intact"

    def weakness(self) -> str | None:
        """What the chain cannot prove, said plainly, when it is not keyed."""
        if self.keyed_since is None and not self.key_given:
            return (f"not keyed ({KEY_ENV} is not set): the chain detects accidental damage only; anyone who can "
                    "write the database file can change events and recompute every hash")
        if self.key_given and self.key_bytes < MIN_KEY_BYTES:
            return (f"{KEY_ENV} is {self.key_bytes} bytes: anyone who can read the file can try guesses against its "
                    f"keyed hashes offline; use {MIN_KEY_BYTES} random bytes or more (openssl rand -hex 32)")
        return None


def _rows(db: sqlite_utils.Database) -> Iterator[tuple]:
    yield from db.execute(f"SELECT {_ROW} FROM events ORDER BY seq")


def verify_ledger(db: sqlite_utils.Database, key: bytes | None | Literal["env"] = "env") -> LedgerCheck:
    """Recompute every hash in order (HMAC with the key from the switch on); name the first row that does not fit."""
    key = ledger_key() if isinstance(key, str) else key
    mac = _hmac(key) if key else None
    hasher, keyed_since = _sha256, None
    prev_hash, expected_seq, count = GENESIS, 1, 0

    def broken(seq: int, reason: str, needs_key: bool = False) -> LedgerCheck:
        return LedgerCheck(count, seq, reason, keyed_since, key is not None, (expected_seq - 1, prev_hash), needs_key,
                           len(key or b""))

    for row in _rows(db):
        seq, ts, case_id, platform, mention_id, actor, kind, data, stored_prev, stored_hash = row
        if seq != expected_seq:
            return broken(seq, f"sequence jumps from {expected_seq - 1} to {seq} (rows deleted)")
        if stored_prev != prev_hash:
            return broken(seq, "prev_hash does not match the hash of the row before")
        if kind == KEYED and keyed_since is None:
            keyed_since = seq
            if mac is None:
                return broken(seq, f"the chain is keyed from this event on: set {KEY_ENV} to the key it was "
                                   "written with to verify it", needs_key=True)
            recorded = event_data(data).get("key_id")
            if recorded is not None and recorded != key_id(key):
                return broken(seq, f"{KEY_ENV} is not the key the chain was written with (the event records "
                                   f"key id {recorded}, this key's id is {key_id(key)})")
            hasher = mac
        try:
            fits = hasher(_body(prev_hash, seq, ts, case_id, platform, mention_id, actor, kind, data)) == stored_hash
        except (TypeError, ValueError):  # a value no JSON holds (a blob): damage, named below, no traceback
            fits = False
        if not fits:
            if odd := _odd_column(row):  # a value Kuulo never writes there (a text ts, a blob): only read on a misfit
                return broken(seq, f"{odd} (row changed or damaged)")
            what = ("its HMAC (row changed, or not written with this key)" if keyed_since is not None
                    else "its hash (row changed)")
            return broken(seq, f"content does not match {what}")
        prev_hash, expected_seq, count = stored_hash, seq + 1, count + 1
    return LedgerCheck(count, None, None, keyed_since, key is not None, (expected_seq - 1, prev_hash),
                       key_bytes=len(key or b""))


_COLUMN_TYPES = (("seq", (int,)), ("ts", (int, float)), ("case_id", (int, type(None))),
                 ("platform", (str, type(None))), ("mention_id", (str, type(None))), ("actor", (str,)),
                 ("kind", (str,)), ("data", (str,)), ("prev_hash", (str,)), ("hash", (str,)))


def _odd_column(row: tuple[Any, ...]) -> str | None:
    """What in an event row is of a type Kuulo never writes there, or None."""
    for (name, types), value in zip(_COLUMN_TYPES, row):
        if type(value) not in types:
            return f"{name} holds {'NULL' if value is None else type(value).__name__}, which Kuulo never writes"
    return None


def event_data(data: str | None) -> dict[str, Any]:
    """An event's data, or {} when it is no JSON object (a damaged row: the chain check names it)."""
    try:
        value = json.loads(data) if data else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def ledger_tip(db: sqlite_utils.Database) -> str:
    """The newest event as SEQ:HASH (no verification: what the file holds now)."""
    row = db.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    return format_anchor(*(row or (0, GENESIS)))


def format_anchor(seq: int, digest: str) -> str:
    """An anchor as SEQ:HASH."""
    return f"{seq}:{digest}"


def parse_anchor(text: str) -> tuple[int, str]:
    """SEQ:HASH (a sequence number and a 64-digit hex hash) to a pair; LedgerError naming the text otherwise."""
    found = _ANCHOR.fullmatch(text.strip())
    if not found:
        raise LedgerError(f"anchor {text[:100]!r}: expected SEQ:HASH, a sequence number and the 64 hex digits "
                          "of its hash (as `kuulo verify-ledger --anchor` prints it)")
    return int(found[1]), found[2].lower()


def check_anchor(db: sqlite_utils.Database, seq: int, digest: str) -> str | None:
    """None when the chain still holds event seq with that hash; otherwise why not (cut off or rewritten)."""
    if seq == 0:
        return None if digest == GENESIS else "event 0 is the chain's start: its hash is 64 zeros"
    row = db.execute("SELECT hash FROM events WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        last = db.execute("SELECT max(seq) FROM events").fetchone()[0] or 0
        return f"event {seq} is not in the ledger, which ends at event {last}: events were cut off"
    if row[0] != digest:
        return f"event {seq} now has hash {row[0]}, not the anchored {digest}: the chain was rewritten"
    return None


def case_events(db: sqlite_utils.Database, case_id: int) -> list[dict[str, Any]]:
    """The events of one case, oldest first."""
    rows = db.execute("SELECT seq, ts, actor, kind, data FROM events WHERE case_id = ? ORDER BY seq", (case_id,))
    return [{"seq": seq, "ts": ts, "actor": actor, "kind": kind, "data": json.loads(data)}
            for seq, ts, actor, kind, data in rows]
