"""HTTP client for the sync server: auth, protocol version, gzip, clear failures.

Network trouble never raises anything but `SyncFailed`, whose message says what
happened in words a field worker can act on; the caller keeps every change
queued. No Qt here: progress, if wanted, is a plain callable.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import requests

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

TIMEOUT_SECONDS = (10, 120)  # connect, read: a slow 3G link must not look like a dead server


UNREACHABLE = N_("The sync server {url} cannot be reached. Everything stays queued.")
"""The message id of a SyncFailed raised when no answer came back at all."""


PUBLISH_PATH = "/v1/publish"


class SyncFailed(ColdwaveError):
    """The server could not be reached or refused; nothing local was lost."""

    exit_code = 7


class DeviceRevoked(SyncFailed):
    """The server revoked this device: the caller locks the local data
    (services.device_lock)."""

    exit_code = 8


REVOKED_ERROR = "device_revoked"


class SyncClient:
    """One server, one device token."""

    def __init__(self, base_url: str, *, token: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers[PROTOCOL_HEADER] = str(PROTOCOL_VERSION)
        self.session.headers["Accept-Encoding"] = "gzip"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.session.close()

    def get(self, path: str, **params: Any) -> Any:
        return self._send("GET", path, params=params)

    def post(self, path: str, body: dict[str, Any]) -> Any:
        data = gzip.compress(json.dumps(body, ensure_ascii=False).encode("utf-8"), 5)
        headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
        return self._send("POST", path, data=data, headers=headers)

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        url = f"{self.base_url}{path}"
        try:
            response = self.session.request(method, url, timeout=TIMEOUT_SECONDS, **kwargs)
        except requests.RequestException:
            raise SyncFailed(UNREACHABLE, url=self.base_url) from None
        if path == PUBLISH_PATH:
            _refuse_publish(response)
        if response.status_code == 401 and path == "/v1/enrol":
            raise SyncFailed(N_("This enrolment code is unknown, already used or expired."))
        if response.status_code == 409 and path == "/v1/enrol":
            raise SyncFailed(N_("This laptop is already enrolled with the server."))
        if response.status_code == 401 and _error_code(response) == REVOKED_ERROR:
            raise DeviceRevoked(
                N_(
                    "The server revoked this laptop: its data is now locked until it is "
                    "enrolled again."
                )
            )
        if response.status_code == 401:
            raise SyncFailed(N_("The server refused this device: it is unknown or revoked."))
        if response.status_code == 403:
            raise SyncFailed(N_("The server refused: this is outside the device's campaign."))
        if response.status_code == 426:
            raise SyncFailed(
                N_("This version of coldwave and the server do not speak the same protocol.")
            )
        if response.status_code >= 400:
            raise SyncFailed(
                N_("The server answered with an error ({status}). Everything stays queued."),
                status=response.status_code,
            )
        try:
            return response.json()
        except ValueError:
            raise SyncFailed(
                N_("The server answered with an error ({status}). Everything stays queued."),
                status=response.status_code,
            ) from None


def _error_code(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("error") if isinstance(body, dict) else None


def _refuse_publish(response: requests.Response) -> None:
    """Raise SyncFailed, in words the laptop's user can act on, when a publish is refused."""
    status = response.status_code
    if status == 401:
        raise SyncFailed(N_("This publish code is unknown, already used or expired."))
    if status == 404:
        raise SyncFailed(N_("This server cannot receive a published campaign: update it first."))
    if status == 409:
        try:
            error = response.json().get("error")
        except (ValueError, AttributeError):
            error = None
        if error == "campaign_exists":
            raise SyncFailed(
                N_(
                    "This campaign is already on the server: join it with `coldwave enrol` "
                    "and an enrolment code instead."
                )
            )
        raise SyncFailed(N_("This laptop is already enrolled with the server."))
