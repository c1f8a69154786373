"""Tell a revoked device's token from an unknown one, so the API can tell the laptop
to lock its data (a revoked device keeps its token hash; revoke_device clears only
its code)."""

from __future__ import annotations

from sqlalchemy import Engine, select

from coldwave_app.server.db import device
from coldwave_app.server.security import digest


def is_revoked_token(*, engine: Engine, token: str) -> bool:
    """Whether `token` belongs to a device that was revoked."""
    with engine.connect() as conn:
        row = conn.execute(
            select(device.c.id).where(
                device.c.token_hash == digest(token), device.c.status == "revoked"
            )
        ).first()
    return row is not None
