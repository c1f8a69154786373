"""Device tokens and one-time enrolment codes, stored only as SHA-256 digests.

Codes are 12 Crockford base32 characters (60 bits), shown as `XXXX-XXXX-XXXX`;
typing them back is forgiving: any case, with or without dashes or spaces, and
the look-alikes Crockford allows (`O`→`0`, `I`/`L`→`1`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
CODE_LIFETIME = timedelta(hours=72)
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """The stored form of a token or a normalised code."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_code() -> str:
    """A fresh one-time code in its human form, `XXXX-XXXX-XXXX`."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str | None:
    """The canonical 12 characters of a typed code, or None if it cannot be one."""
    cleaned = text.replace("-", "").replace(" ", "").upper().translate(_LOOK_ALIKES)
    if len(cleaned) != CODE_LENGTH or any(c not in CROCKFORD for c in cleaned):
        return None
    return cleaned


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """`2026-01-05T10:11:12.345Z`: fixed width, so strings compare like instants."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )
