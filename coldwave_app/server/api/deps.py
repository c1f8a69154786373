"""Request dependencies: the engine, the protocol check and the calling device."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy import Engine

from coldwave_app.server.api.errors import ApiError
from coldwave_app.server.store.devices import Device, device_for_token
from coldwave_app.server.store.revocation import is_revoked_token
from coldwave_app.sync.protocol import PROTOCOL_HEADER, SUPPORTED_VERSIONS

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


EngineDep = Annotated[Engine, Depends(get_engine)]


def check_protocol(
    version: Annotated[str | None, Header(alias=PROTOCOL_HEADER)] = None,
) -> None:
    """426 unless the client speaks a protocol version this server does."""
    supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
    if version is None or not version.strip().isdigit() or int(version) not in SUPPORTED_VERSIONS:
        raise ApiError(
            426,
            "unsupported_protocol",
            f"{PROTOCOL_HEADER} {version or 'missing'} is not supported; this server speaks "
            f"{supported}",
            headers={PROTOCOL_HEADER: supported},
        )


def current_device(
    engine: EngineDep,
    authorization: Annotated[str | None, Header()] = None,
) -> Device:
    """The active device whose bearer token the request carries; 401 otherwise."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorised", "a device token is required", _CHALLENGE)
    device = device_for_token(engine=engine, token=token.strip())
    if device is None and is_revoked_token(engine=engine, token=token.strip()):
        # A distinct code: the laptop locks its local data when it reads it.
        raise ApiError(401, "device_revoked", "this device was revoked: lock it", _CHALLENGE)
    if device is None:
        raise ApiError(401, "unauthorised", "unknown or revoked device token", _CHALLENGE)
    return device


CurrentDevice = Annotated[Device, Depends(current_device)]
