"""`GET /v1/health`: no auth and no protocol header, so any client can read the versions."""

from __future__ import annotations

from fastapi import APIRouter, Request

from coldwave_app.sync.protocol import Health

router = APIRouter(tags=["health"])


@router.get("/health")
def health(request: Request) -> Health:
    return Health(server_version=request.app.version)
