"""Identifiers made on the client: UUIDv7 record ids and short printable codes.

UUIDv7 keeps ids time-ordered, so B-tree inserts stay local and ids from many
offline devices never collide. Python 3.11 has no uuid7(), hence the few lines
below (RFC 9562 §5.7).
"""

from __future__ import annotations

import os
import time
import uuid

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_id(now_ms: int | None = None) -> str:
    """Return a new UUIDv7 as a lowercase string.

    `now_ms` exists for tests and data generation that need deterministic time;
    the random part always comes from the OS.
    """
    ms = int(time.time() * 1000) if now_ms is None else now_ms
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & 0xFFFFFFFFFFFF) << 80
    value |= 0x7 << 76  # version
    value |= ((rand >> 62) & 0xFFF) << 64  # rand_a, 12 bits
    value |= 0b10 << 62  # variant
    value |= rand & 0x3FFFFFFFFFFFFFFF  # rand_b, 62 bits
    return str(uuid.UUID(int=value))


def id_from_seed(seed: int, counter: int) -> str:
    """Deterministic UUIDv7-shaped id for synthetic data (`coldwave generate`)."""
    value = ((1_700_000_000_000 + counter) & 0xFFFFFFFFFFFF) << 80
    value |= 0x7 << 76
    value |= (seed & 0xFFF) << 64
    value |= 0b10 << 62
    value |= counter & 0x3FFFFFFFFFFFFFFF
    return str(uuid.UUID(int=value))


def short_code(record_id: str, prefix: str) -> str:
    """A printable beneficiary code such as `P-7KQ3-M9XD-4`, read aloud or typed.

    Crockford base32 (no I, L, O, U) avoids the letters people confuse on a
    paper list; the last character is a mod-37 check digit so a mistyped code is
    caught before it matches someone else.
    """
    digest = uuid.uuid5(uuid.NAMESPACE_URL, record_id).int
    chars = []
    for _ in range(8):
        digest, rem = divmod(digest, 32)
        chars.append(_CROCKFORD[rem])
    body = "".join(chars)
    return f"{prefix}-{body[:4]}-{body[4:]}-{_check_char(body)}"


def _check_char(body: str) -> str:
    alphabet = _CROCKFORD + "*~$=U"
    total = 0
    for ch in body:
        total = total * 32 + _CROCKFORD.index(ch)
    return alphabet[total % 37]


def is_valid_short_code(code: str) -> bool:
    """True when `code` is well formed and its check character matches."""
    parts = code.strip().upper().split("-")
    if len(parts) != 4 or len(parts[1]) != 4 or len(parts[2]) != 4 or len(parts[3]) != 1:
        return False
    body = parts[1] + parts[2]
    if any(ch not in _CROCKFORD for ch in body):
        return False
    return _check_char(body) == parts[3]
