"""Joining a campaign on the central server, and syncing with it.

The device token lives in the encrypted database (app_meta), never in a plain
file. A sync that fails leaves every change queued and says why in one line.
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.client import SyncClient, SyncFailed
from coldwave_app.sync.engine import Progress, SyncSummary, synchronise
from coldwave_app.sync.protocol import EnrolResponse

SERVER_KEY = "sync_server_url"
TOKEN_KEY = "sync_token"


def enrol(store: LocalStore, *, server_url: str, code: str, label: str = "") -> EnrolResponse:
    """Trade a one-time code for this device's token and join the code's campaign."""
    if not server_url.startswith(("http://", "https://")):
        raise InvalidInput(N_("The server address must start with http:// or https://."))
    client = SyncClient(server_url)
    try:
        answer = client.post(
            "/v1/enrol", {"code": code.strip(), "device_id": store.device_id, "device_label": label}
        )
    finally:
        client.close()
    enrolment = EnrolResponse.model_validate(answer)
    current = store.campaign_id
    if current and current != enrolment.campaign_id:
        raise RuleViolation(
            N_("This laptop already works on another campaign; use a new data directory.")
        )
    with store.db.atomic():
        store.set_meta(SERVER_KEY, client.base_url)
        store.set_meta(TOKEN_KEY, enrolment.token)
        store.set_meta("campaign_id", enrolment.campaign_id)
    return enrolment


def sync_now(
    store: LocalStore, *, server_url: str | None = None, progress: Progress | None = None
) -> SyncSummary:
    """Push then pull with the server this device enrolled with.

    `server_url` replaces the stored address (the server moved); the device's
    token and cursor stay.
    """
    if server_url:
        if not server_url.startswith(("http://", "https://")):
            raise InvalidInput(N_("The server address must start with http:// or https://."))
        store.set_meta(SERVER_KEY, server_url.rstrip("/"))
    server_url, token = store.meta(SERVER_KEY), store.meta(TOKEN_KEY)
    if not server_url or not token:
        raise SyncFailed(
            N_("This laptop is not enrolled with a server: run `coldwave enrol` first.")
        )
    client = SyncClient(server_url, token=token)
    try:
        return synchronise(store, client, progress=progress)
    finally:
        client.close()
