"""All routes under `/v1`; everything but health requires a supported protocol header."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from coldwave_app.server.api.deps import check_protocol
from coldwave_app.server.api.routes import changes, enrol, health

api_router = APIRouter(prefix="/v1")
api_router.include_router(health.router)

_versioned = APIRouter(dependencies=[Depends(check_protocol)])
_versioned.include_router(enrol.router)
_versioned.include_router(changes.router)
api_router.include_router(_versioned)
