"""The draw's pure parts: the canonical entry list, its Merkle tree and inclusion proofs, and the seeded draw.

No I/O and no clock, so anyone can re-implement it from the README and get the same bytes:
- a record is [platform, entry id, author hash]; the list is sorted by (platform, id) as Unicode code points;
- canonical JSON is `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` encoded as UTF-8;
- list_sha256 = SHA-256(canonical JSON of the whole list);
- Merkle leaf = SHA-256(0x00 || canonical JSON of one record), node = SHA-256(0x01 || left || right); a level with
  an odd count moves its last node up unchanged; the root of an empty list is SHA-256 of nothing;
- the draw: block k = SHA-256(UTF-8 seed || 32 bytes of list_sha256 || k as 8 bytes big-endian), k = 0, 1, ...; the
  blocks' bytes, 8 at a time, are unsigned 64-bit big-endian numbers x; a number below n is x mod n for the first x
  under 2^64 - (2^64 mod n) (the others are skipped, so no entry is favoured); a forward Fisher–Yates shuffle of the
  positions 0..N-1 picks position i = 0, 1, ... by swapping it with i + (a number below N - i); the first `winners`
  positions win, the next `alternates` are alternates in order.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Iterator, Sequence

ALGORITHM = ("kuulo-draw-1: block k = SHA-256(seed UTF-8 || list_sha256 bytes || k uint64 big-endian); "
             "uint64 big-endian draws, rejection below 2^64 - 2^64 mod n; forward Fisher-Yates over the canonical "
             "list; winners first, then alternates")
Record = tuple[str, str, str]  # (platform, entry id, author hash)
_SPAN = 1 << 64


def canonical(value: Any) -> bytes:
    """The canonical JSON bytes every hash is taken over."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def author_hash(salt: str, person: str) -> str:
    """A salted, keyed hash of who entered (HMAC-SHA256 of the person with the campaign's secret salt)."""
    return hmac.new(salt.encode("utf-8"), person.encode("utf-8"), hashlib.sha256).hexdigest()


def entries_salt(entries: Sequence[tuple[str, str, str]]) -> str:
    """The salt of a frozen list: SHA-256 over every (platform, id, person), sorted. Two databases holding the same
    entries freeze the same list; nobody can test a guessed name against a hash without knowing every entrant."""
    return hashlib.sha256(b"kuulo-salt-1" + canonical(sorted(list(e) for e in entries))).hexdigest()


def ordered(records: Sequence[Record]) -> list[Record]:
    """Records in canonical order: by platform, then entry id (code points)."""
    return sorted((tuple(r) for r in records), key=lambda r: (r[0], r[1]))  # type: ignore[misc]


def list_sha256(records: Sequence[Record]) -> str:
    """SHA-256 of the canonical JSON of the whole list (records given in canonical order)."""
    return hashlib.sha256(canonical([list(r) for r in records])).hexdigest()


def leaf(record: Record) -> bytes:
    """The Merkle leaf of one record."""
    return hashlib.sha256(b"\x00" + canonical(list(record))).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def merkle_root(records: Sequence[Record]) -> str:
    """The Merkle root over the records in order (hex)."""
    level = [leaf(r) for r in records]
    if not level:
        return hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i] for i in range(0, len(level), 2)]
    return level[0].hex()


def inclusion_proof(records: Sequence[Record], index: int) -> list[dict[str, str]]:
    """The sibling hashes from the record at index up to the root, each with the side it sits on."""
    level, path = [leaf(r) for r in records], []
    while len(level) > 1:
        sibling = index ^ 1
        if sibling < len(level):
            path.append({"side": "left" if sibling < index else "right", "hash": level[sibling].hex()})
        level = [_node(level[i], level[i + 1]) if i + 1 < len(level) else level[i] for i in range(0, len(level), 2)]
        index //= 2
    return path


def root_from_proof(record: Record, path: Sequence[dict[str, str]]) -> str:
    """The root a record and its proof lead to (compare it with the published root)."""
    node = leaf(record)
    for step in path:
        other = bytes.fromhex(step["hash"])
        node = _node(other, node) if step["side"] == "left" else _node(node, other)
    return node.hex()


def _numbers(seed: str, list_hash: str) -> Iterator[int]:
    """The unsigned 64-bit numbers of the seeded stream."""
    prefix, counter = seed.encode("utf-8") + bytes.fromhex(list_hash), 0
    while True:
        block = hashlib.sha256(prefix + counter.to_bytes(8, "big")).digest()
        for i in range(0, 32, 8):
            yield int.from_bytes(block[i:i + 8], "big")
        counter += 1


def draw(count: int, seed: str, list_hash: str, picks: int) -> list[int]:
    """The positions (0-based, in the canonical list) of the first `picks` places: winners, then alternates."""
    positions, stream = list(range(count)), _numbers(seed, list_hash)
    for i in range(min(picks, count)):
        span = count - i
        limit = _SPAN - _SPAN % span
        x = next(stream)
        while x >= limit:
            x = next(stream)
        j = i + x % span
        positions[i], positions[j] = positions[j], positions[i]
    return positions[:min(picks, count)]
