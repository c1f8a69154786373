"""The sync wire protocol, shared by the client and the server. Version 1.

Every request carries `X-Coldwave-Protocol: 1` and, except enrolment,
`Authorization: Bearer <device token>`. Bodies are JSON, gzip-compressed when
the sender sets `Content-Encoding: gzip`; responses are gzip-compressed when
the client accepts it. A client whose version the server does not speak gets
HTTP 426 with an `ErrorBody` saying which versions it does.

Endpoints (all under the server's base URL):
- `GET  /v1/health` -> `Health`: no auth; says the server is up and its versions.
- `POST /v1/enrol` with `EnrolRequest` -> `EnrolResponse`: trades a one-time
  code for a device token and the campaign the device joins.
- `POST /v1/publish` with `PublishRequest` -> `EnrolResponse`: a one-time
  publish code creates, under the laptop's own id, the campaign a laptop started
  alone, and enrols the laptop as its first device (401 bad code, 409 campaign
  or device already on the server).
- `POST /v1/push` with `PushRequest` -> `PushResponse`: one `PushResult` per
  change, in order: accepted, duplicate (change id already stored: replays are
  harmless) or rejected with a reason code. One bad change never fails the
  batch; the HTTP status is 200 whenever the batch itself was readable.
- `GET  /v1/pull?cursor=N&limit=M` -> `PullResponse`: the changes of the
  device's scope with server sequence > N, in sequence order, excluding the
  device's own; `next_cursor` is the sequence to ask from next time.
- Bundles (files carried by USB instead of requests): `sync.bundle_format`; an
  enrolling device may send its bundle public keys, the server answers with its own.
- Errors: 401 unknown or revoked token, 403 out of scope, 413 batch too large,
  422 unreadable body, 426 protocol version; body `ErrorBody`.

The models validate everything a peer sends: sync payloads are an entry point
like any form, and a malformed change must be refused with a reason, never
stored. Values are JSON scalars (entity field updates) or flat JSON objects
(inserts: the whole row).
"""

from __future__ import annotations

import re
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from coldwave_app.domain.hlc import Stamp

PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS = (1,)
PROTOCOL_HEADER = "X-Coldwave-Protocol"
MAX_PUSH_CHANGES = 1000
MAX_PULL_LIMIT = 5000
MAX_VALUE_CHARS = 100_000

# Tables a protocol-1 peer may send. A test checks this equals the client's synced
# tables, so a migration adding a table must add it here (and bump the protocol if
# old servers must refuse it).
SYNCED_TABLES = frozenset(
    {
        "app_user", "audit_entry", "bed", "bed_night", "campaign", "campaign_target",
        "case_file", "case_note", "cold_alert", "conflict", "consent", "device",
        "distribution_event", "distribution_line", "distribution_wave", "encounter",
        "entitlement_override", "entitlement_rule", "facility", "family_reintegration",
        "follow_up", "health_observation", "household", "household_member",
        "identity_document", "intake_assessment", "item", "kit_component", "kit_type",
        "local_place", "mediation_step", "organisation", "outreach_round", "person",
        "person_link", "person_name_variant", "referral", "review_item", "room",
        "service_delivery", "stay", "stock_location", "stock_movement", "tally",
        "tally_item",
    }
)  # fmt: skip
# Staff accounts and devices outlive campaigns; their changes may carry no campaign.
# Audit entries too: a login may come before the laptop joins a campaign.
CAMPAIGNLESS_TABLES = frozenset({"app_user", "audit_entry", "device"})

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_ROW_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,80}$")
_PUBLIC_KEY = r"^[0-9a-f]{64}$"

RejectReason = Literal[
    "unknown_table",
    "bad_field",
    "bad_value",
    "bad_stamp",
    "other_campaign",
    "other_scope",
    "unknown_row",
    "invalid",
]


class Change(BaseModel):
    """One change from a device's change log: an insert (whole row) or a field update."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    change_id: str
    table: str
    row_id: str
    op: Literal["insert", "update"]
    field: str | None = None
    value: Any = None
    hlc: str
    base_hlc: str | None = None
    device_id: str
    user_id: str
    campaign_id: str = ""
    recorded_at: str

    @field_validator("change_id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        return str(uuid.UUID(value))

    @field_validator("table")
    @classmethod
    def _known_table(cls, value: str) -> str:
        if value not in SYNCED_TABLES:
            raise ValueError("unknown_table")
        return value

    @field_validator("row_id", "device_id", "user_id")
    @classmethod
    def _row_id(cls, value: str) -> str:
        if not _ROW_ID.match(value):
            raise ValueError("bad identifier")
        return value

    @field_validator("hlc", "base_hlc")
    @classmethod
    def _stamp(cls, value: str | None) -> str | None:
        if value is not None:
            Stamp.decode(value)
        return value

    @model_validator(mode="after")
    def _shape(self) -> Change:
        if self.op == "update":
            if self.field is None or not _IDENTIFIER.match(self.field):
                raise ValueError("bad_field")
            if isinstance(self.value, (dict, list)):
                raise ValueError("bad_value")
        else:
            if self.field is not None or not isinstance(self.value, dict):
                raise ValueError("bad_value")
            if self.value.get("id") != self.row_id:
                raise ValueError("bad_value")
            if any(not _IDENTIFIER.match(str(k)) for k in self.value):
                raise ValueError("bad_field")
            if any(isinstance(v, (dict, list)) for v in self.value.values()):
                raise ValueError("bad_value")
        if isinstance(self.value, str) and len(self.value) > MAX_VALUE_CHARS:
            raise ValueError("bad_value")
        if not self.campaign_id and self.table not in CAMPAIGNLESS_TABLES:
            raise ValueError("other_campaign")
        return self


class PushRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Raw dicts, validated one by one on the server so one bad change cannot sink
    # the batch (a list[Change] would fail the whole request on the first error).
    changes: list[dict[str, Any]] = Field(max_length=MAX_PUSH_CHANGES)


class PushResult(BaseModel):
    change_id: str
    status: Literal["accepted", "duplicate", "rejected"]
    reason: str | None = None
    server_seq: int | None = None


class PushResponse(BaseModel):
    results: list[PushResult]
    server_time: str


class ServerChange(Change):
    """A change as stored by the server, with its sequence number."""

    seq: int


class PullResponse(BaseModel):
    changes: list[ServerChange]
    next_cursor: int
    more: bool


class EnrolRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=6, max_length=40)
    device_id: str
    device_label: str = Field(default="", max_length=80)
    # Raw Ed25519 and X25519 public keys (hex) for bundles; absent from older clients.
    signing_public_key: str | None = Field(default=None, pattern=_PUBLIC_KEY)
    box_public_key: str | None = Field(default=None, pattern=_PUBLIC_KEY)

    @field_validator("device_id")
    @classmethod
    def _device(cls, value: str) -> str:
        return str(uuid.UUID(value))


class PublishRequest(EnrolRequest):
    """An enrolment that also brings the campaign the laptop started on its own."""

    campaign_id: str = Field(pattern=_ROW_ID.pattern)
    campaign_name: str = Field(min_length=1, max_length=200)
    province_code: str = Field(pattern=r"^\d{2}\.\d{3}$")


class EnrolResponse(BaseModel):
    device_id: str
    token: str
    campaign_id: str
    campaign_name: str
    province_code: str
    scope: str
    role: str
    # The server's bundle keys (hex); absent from older servers.
    server_signing_public_key: str | None = None
    server_box_public_key: str | None = None


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    protocol_versions: list[int] = Field(default_factory=lambda: list(SUPPORTED_VERSIONS))
    server_version: str


class ErrorBody(BaseModel):
    error: str
    detail: str = ""


def parse_change(raw: dict[str, Any]) -> Change | str:
    """A validated Change, or the reason code it was refused for."""
    try:
        return Change.model_validate(raw)
    except Exception as err:  # pydantic.ValidationError and anything a validator raised
        text = str(err)
        for reason in ("unknown_table", "bad_field", "bad_value", "other_campaign"):
            if reason in text:
                return reason
        if "HLC" in text:
            return "bad_stamp"
        return "invalid"
