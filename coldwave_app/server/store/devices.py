"""Devices: pending with a one-time code, active with a token, or revoked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, update

from coldwave_app.server.db import campaign, device
from coldwave_app.server.security import (
    CODE_LIFETIME,
    digest,
    iso,
    new_code,
    new_token,
    normalise_code,
    utc_now,
)


@dataclass(frozen=True)
class Device:
    id: str
    campaign_id: str
    label: str
    role: str
    scope: str
    status: str
    enrolled_at: str | None
    created_at: str


@dataclass(frozen=True)
class Enrolment:
    device: Device
    token: str
    campaign_name: str
    province_code: str


class EnrolmentRefused(Exception):
    """A code that is unknown, used, expired, or a device id already taken."""

    def __init__(self, error: str, detail: str) -> None:
        super().__init__(detail)
        self.error = error
        self.detail = detail


def _device(row: Any) -> Device:
    return Device(
        id=row.id,
        campaign_id=row.campaign_id,
        label=row.label,
        role=row.role,
        scope=row.scope,
        status=row.status,
        enrolled_at=row.enrolled_at,
        created_at=row.created_at,
    )


def add_pending_device(
    *, engine: Engine, campaign_id: str, role: str, scope: str, label: str
) -> tuple[Device, str]:
    """A new pending device of `campaign_id` and its one-time code (human form)."""
    code = new_code()
    now = utc_now()
    values = {
        "id": str(uuid.uuid4()),
        "campaign_id": campaign_id,
        "label": label,
        "role": role,
        "scope": scope,
        "status": "pending",
        "token_hash": None,
        "code_hash": digest(normalise_code(code) or ""),
        "code_expires_at": iso(now + CODE_LIFETIME),
        "enrolled_at": None,
        "created_at": iso(now),
    }
    with engine.begin() as conn:
        conn.execute(device.insert(), values)
    return _device_from_values(values), code


def _device_from_values(values: dict[str, Any]) -> Device:
    fields = ("id", "campaign_id", "label", "role", "scope", "status", "enrolled_at", "created_at")
    return Device(**{name: values[name] for name in fields})


def list_devices(*, engine: Engine) -> list[Device]:
    with engine.connect() as conn:
        rows = conn.execute(select(device).order_by(device.c.created_at, device.c.id))
        return [_device(row) for row in rows]


def revoke_device(*, engine: Engine, device_id: str) -> bool:
    """Revoke a device (its token and any unused code stop working); False if unknown."""
    with engine.begin() as conn:
        result = conn.execute(
            update(device)
            .where(device.c.id == device_id)
            .values(status="revoked", code_hash=None, code_expires_at=None)
        )
        return result.rowcount == 1


def device_for_token(*, engine: Engine, token: str) -> Device | None:
    """The active device holding `token`; None for unknown or revoked tokens."""
    with engine.connect() as conn:
        row = conn.execute(
            select(device).where(device.c.token_hash == digest(token), device.c.status == "active")
        ).first()
    return _device(row) if row is not None else None


def enrol_device(
    *,
    engine: Engine,
    code: str,
    device_id: str,
    label: str,
    signing_public_key: str | None = None,
    box_public_key: str | None = None,
) -> Enrolment:
    """Trade a one-time code for a token; the pending device takes the client's id
    (and keeps the bundle public keys the client sent, if any).

    Raises EnrolmentRefused for an unknown, used or expired code, or a device id
    that is already enrolled.
    """
    canonical = normalise_code(code)
    if canonical is None:
        raise EnrolmentRefused("invalid_code", "not an enrolment code")
    now = utc_now()
    token = new_token()
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        row = conn.execute(
            select(device, campaign.c.name, campaign.c.province_code)
            .join(campaign, campaign.c.id == device.c.campaign_id)
            .where(device.c.code_hash == digest(canonical), device.c.status == "pending")
        ).first()
        if row is None:
            raise EnrolmentRefused("invalid_code", "unknown or already used enrolment code")
        if row.code_expires_at is None or row.code_expires_at <= iso(now):
            raise EnrolmentRefused("expired_code", "this enrolment code has expired")
        if (
            device_id != row.id
            and conn.execute(select(device.c.id).where(device.c.id == device_id)).first()
        ):
            raise EnrolmentRefused("device_exists", "this device id is already enrolled")
        changed = conn.execute(
            update(device)
            .where(device.c.id == row.id, device.c.code_hash == row.code_hash)
            .values(
                id=device_id,
                status="active",
                token_hash=digest(token),
                code_hash=None,
                code_expires_at=None,
                enrolled_at=iso(now),
                label=label or row.label,
                signing_public_key=signing_public_key,
                box_public_key=box_public_key,
            )
        ).rowcount
        if changed != 1:
            raise EnrolmentRefused("invalid_code", "unknown or already used enrolment code")
        enrolled = conn.execute(select(device).where(device.c.id == device_id)).one()
    return Enrolment(
        device=_device(enrolled),
        token=token,
        campaign_name=row.name,
        province_code=row.province_code,
    )
