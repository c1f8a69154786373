"""Publishing a laptop's own campaign: a one-time publish code becomes a campaign and
its first device.

A laptop that started alone (`coldwave init`, then a campaign of its own) holds a
campaign id the server has never seen. The server's operator makes a publish code
(`coldwave-server campaign invite`); the laptop sends it with its campaign's id,
name and province (`POST /v1/publish`). In one transaction the server then creates
the campaign under that id, enrols the laptop as its first device (whole campaign,
the invite's role) and marks the code used. The campaign's row itself is not
announced in the change log: the laptop pushes its own `campaign` row at its next
sync, like everything else it holds.

Refused, and nothing written: a code that is unknown, used, revoked or expired; a
campaign id the server already has (its devices join it with `coldwave enrol`); a
device id already enrolled.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, select, update

from coldwave_app.server.db import campaign, device, publish_invite
from coldwave_app.server.security import (
    CODE_LIFETIME,
    digest,
    iso,
    new_code,
    new_token,
    normalise_code,
    utc_now,
)
from coldwave_app.server.store.devices import Device, Enrolment, EnrolmentRefused

PUBLISHER_ROLES = ("campaign_lead", "admin")
"""Roles a publishing laptop may receive: it holds the whole campaign."""


@dataclass(frozen=True)
class PublishInvite:
    id: str
    role: str
    label: str
    status: str
    campaign_id: str | None
    created_at: str


@dataclass(frozen=True)
class PublishedCampaign:
    """What a laptop tells the server about the campaign it publishes."""

    campaign_id: str
    name: str
    province_code: str


def add_publish_invite(*, engine: Engine, role: str, label: str) -> tuple[PublishInvite, str]:
    """A new pending invite and its one-time code (human form, valid CODE_LIFETIME)."""
    if role not in PUBLISHER_ROLES:
        raise ValueError(f"a publishing laptop is one of {PUBLISHER_ROLES}, not {role!r}")
    code = new_code()
    now = utc_now()
    invite = PublishInvite(
        id=str(uuid.uuid4()), role=role, label=label, status="pending", campaign_id=None,
        created_at=iso(now),
    )  # fmt: skip
    with engine.begin() as conn:
        conn.execute(
            publish_invite.insert(),
            {
                "id": invite.id,
                "label": label,
                "role": role,
                "status": "pending",
                "code_hash": digest(normalise_code(code) or ""),
                "code_expires_at": iso(now + CODE_LIFETIME),
                "created_at": invite.created_at,
            },
        )
    return invite, code


def list_publish_invites(*, engine: Engine) -> list[PublishInvite]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(publish_invite).order_by(publish_invite.c.created_at, publish_invite.c.id)
        )
        return [
            PublishInvite(
                id=r.id,
                role=r.role,
                label=r.label,
                status=r.status,
                campaign_id=r.campaign_id,
                created_at=r.created_at,
            )
            for r in rows
        ]


def publish_campaign(
    *,
    engine: Engine,
    code: str,
    device_id: str,
    label: str,
    published: PublishedCampaign,
    signing_public_key: str | None = None,
    box_public_key: str | None = None,
) -> Enrolment:
    """Create `published` on the server and enrol `device_id` as its first device.

    Raises EnrolmentRefused: `invalid_code` / `expired_code` (HTTP 401),
    `campaign_exists` / `device_exists` (HTTP 409). All or nothing.
    """
    canonical = normalise_code(code)
    if canonical is None:
        raise EnrolmentRefused("invalid_code", "not a publish code")
    now = utc_now()
    token = new_token()
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        invite = conn.execute(
            select(publish_invite).where(
                publish_invite.c.code_hash == digest(canonical),
                publish_invite.c.status == "pending",
            )
        ).first()
        if invite is None:
            raise EnrolmentRefused("invalid_code", "unknown or already used publish code")
        if invite.code_expires_at is None or invite.code_expires_at <= iso(now):
            raise EnrolmentRefused("expired_code", "this publish code has expired")
        if conn.execute(
            select(campaign.c.id).where(campaign.c.id == published.campaign_id)
        ).first():
            raise EnrolmentRefused(
                "campaign_exists", "this campaign is already on the server: enrol to join it"
            )
        if conn.execute(select(device.c.id).where(device.c.id == device_id)).first():
            raise EnrolmentRefused("device_exists", "this device id is already enrolled")
        used = conn.execute(
            update(publish_invite)
            .where(publish_invite.c.id == invite.id, publish_invite.c.status == "pending")
            .values(
                status="used",
                code_hash=None,
                code_expires_at=None,
                campaign_id=published.campaign_id,
                device_id=device_id,
                used_at=iso(now),
            )
        ).rowcount
        if used != 1:  # another request used it first
            raise EnrolmentRefused("invalid_code", "unknown or already used publish code")
        conn.execute(
            campaign.insert(),
            {
                "id": published.campaign_id,
                "name": published.name,
                "province_code": published.province_code,
                "created_at": iso(now),
            },
        )
        enrolled = Device(
            id=device_id,
            campaign_id=published.campaign_id,
            label=label or invite.label,
            role=invite.role,
            scope=f"province:{published.province_code}",
            status="active",
            enrolled_at=iso(now),
            created_at=iso(now),
        )
        conn.execute(
            device.insert(),
            {
                "id": enrolled.id,
                "campaign_id": enrolled.campaign_id,
                "label": enrolled.label,
                "role": enrolled.role,
                "scope": enrolled.scope,
                "status": "active",
                "token_hash": digest(token),
                "code_hash": None,
                "code_expires_at": None,
                "enrolled_at": enrolled.enrolled_at,
                "created_at": enrolled.created_at,
                "signing_public_key": signing_public_key,
                "box_public_key": box_public_key,
            },
        )
    return Enrolment(
        device=enrolled,
        token=token,
        campaign_name=published.name,
        province_code=published.province_code,
    )
