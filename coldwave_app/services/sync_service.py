"""Joining a campaign on the central server (or publishing this laptop's own), and syncing.

The device token and the bundle keys live in the encrypted database (app_meta),
never in a plain file. A sync that fails leaves every change queued and says why in one line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.services.device_lock import clear_revocation, lock_revoked_device
from coldwave_app.storage import lookups
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.bundle_format import KeyPair, new_key_pair
from coldwave_app.sync.client import (
    PUBLISH_PATH,
    UNREACHABLE,
    DeviceRevoked,
    SyncClient,
    SyncFailed,
)
from coldwave_app.sync.engine import Progress, SyncSummary, synchronise
from coldwave_app.sync.protocol import EnrolResponse

SERVER_KEY = "sync_server_url"
TOKEN_KEY = "sync_token"
# Bundle keys (raw, hex): this laptop's private keys and the server's public keys.
SIGNING_KEY = "bundle_signing_key"
BOX_KEY = "bundle_box_key"
SERVER_SIGNING_KEY = "server_signing_public_key"
SERVER_BOX_KEY = "server_box_public_key"

T = TypeVar("T")


def enrol(store: LocalStore, *, server_url: str, code: str, label: str = "") -> EnrolResponse:
    """Trade a one-time code for this device's token and join the code's campaign."""
    _check_address(server_url)
    keys = new_key_pair()
    client = SyncClient(server_url)
    try:
        answer = client.post("/v1/enrol", _enrol_body(store, code=code, label=label, keys=keys))
    finally:
        client.close()
    enrolment = EnrolResponse.model_validate(answer)
    current = store.campaign_id
    if current and current != enrolment.campaign_id:
        raise RuleViolation(
            N_("This laptop already works on another campaign; use a new data directory.")
        )
    _keep_enrolment(store, server_url=client.base_url, enrolment=enrolment, keys=keys)
    return enrolment


def publish(store: LocalStore, *, server_url: str, code: str, label: str = "") -> EnrolResponse:
    """Bring this laptop's own campaign to the server with a one-time publish code.

    The server creates the campaign under the same id, name and province and enrols
    this laptop as its first device; the next `sync_now` pushes everything the
    laptop holds, and other laptops join with ordinary enrolment codes. Refused:
    a laptop already enrolled, a laptop without a campaign, and (by the server) a
    code unknown, used or expired, or a campaign already on the server.
    """
    _check_address(server_url)
    if is_enrolled(store):
        raise RuleViolation(
            N_("This laptop is already enrolled with a server; there is nothing to publish.")
        )
    try:
        header = lookups.campaign_header(store.db, store.campaign_id or "")
    except KeyError:
        raise InvalidInput(
            N_("This laptop has no campaign to publish: create one first.")
        ) from None
    campaign_id, name, province_code = header[0], header[1], header[2]
    keys = new_key_pair()
    body = {
        **_enrol_body(store, code=code, label=label, keys=keys),
        "campaign_id": campaign_id,
        "campaign_name": name,
        "province_code": province_code,
    }
    client = SyncClient(server_url)
    try:
        answer = client.post(PUBLISH_PATH, body)
    finally:
        client.close()
    enrolment = EnrolResponse.model_validate(answer)
    _keep_enrolment(store, server_url=client.base_url, enrolment=enrolment, keys=keys)
    return enrolment


def _check_address(server_url: str) -> None:
    if not server_url.startswith(("http://", "https://")):
        raise InvalidInput(N_("The server address must start with http:// or https://."))


def _enrol_body(store: LocalStore, *, code: str, label: str, keys: KeyPair) -> dict[str, str]:
    return {
        "code": code.strip(),
        "device_id": store.device_id,
        "device_label": label,
        "signing_public_key": keys.signing_public,
        "box_public_key": keys.box_public,
    }


def _keep_enrolment(
    store: LocalStore, *, server_url: str, enrolment: EnrolResponse, keys: KeyPair
) -> None:
    """Store the token, campaign and bundle keys in the encrypted database, at once."""
    with store.db.atomic():
        store.set_meta(SERVER_KEY, server_url)
        store.set_meta(TOKEN_KEY, enrolment.token)
        clear_revocation(store)
        store.set_meta("campaign_id", enrolment.campaign_id)
        if enrolment.server_signing_public_key and enrolment.server_box_public_key:
            store.set_meta(SIGNING_KEY, keys.signing_private)
            store.set_meta(BOX_KEY, keys.box_private)
            store.set_meta(SERVER_SIGNING_KEY, enrolment.server_signing_public_key)
            store.set_meta(SERVER_BOX_KEY, enrolment.server_box_public_key)


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
    except DeviceRevoked:
        lock_revoked_device(store)
        raise
    finally:
        client.close()


def is_enrolled(store: LocalStore) -> bool:
    """Whether this laptop holds a server address and a device token (it can sync)."""
    return bool(store.meta(SERVER_KEY)) and bool(store.meta(TOKEN_KEY))


def is_unreachable(err: BaseException) -> bool:
    """Whether `err` says the server gave no answer at all (down, no network)."""
    return isinstance(err, SyncFailed) and err.msgid == UNREACHABLE


def retry_delay(interval_s: float, failures: int, *, max_delay_s: float) -> float:
    """Seconds before the next attempt: the interval, doubled per failure in a row, capped."""
    if failures <= 0:
        return interval_s
    return float(min(interval_s * 2 ** min(failures, 16), max(max_delay_s, interval_s)))


class SyncWorker:
    """Runs `sync_now` for one store from any thread, one user of the store at a time.

    The store's connection may be used from another thread, but never from two at
    once: every use (a sync here, the screens' reads through `read`) holds `lock`.
    `server_url`, when set, replaces the stored address at the next sync.
    """

    def __init__(self, store: LocalStore, *, server_url: str | None = None) -> None:
        self.store = store
        self.lock = threading.Lock()
        self.server_url = server_url

    def sync(self, progress: Progress | None = None) -> SyncSummary:
        with self.lock:
            return sync_now(self.store, server_url=self.server_url, progress=progress)

    def read(self, query: Callable[[LocalStore], T]) -> T:
        """`query(store)` while no sync uses the store (waits for one in progress)."""
        with self.lock:
            return query(self.store)
