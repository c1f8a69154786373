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


class SyncFailed(ColdwaveError):
    """The server could not be reached or refused; nothing local was lost."""

    exit_code = 7


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
        if response.status_code == 401 and path == "/v1/enrol":
            raise SyncFailed(N_("This enrolment code is unknown, already used or expired."))
        if response.status_code == 409 and path == "/v1/enrol":
            raise SyncFailed(N_("This laptop is already enrolled with the server."))
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
