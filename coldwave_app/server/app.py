"""The FastAPI application: `create_app(settings)` opens and migrates the database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from sqlalchemy import Engine

from coldwave_app.server.api.errors import install_error_handlers
from coldwave_app.server.api.gzip_body import GzipRequestMiddleware
from coldwave_app.server.api.main import api_router
from coldwave_app.server.config import Settings
from coldwave_app.server.db import make_engine
from coldwave_app.server.hardening import install_hardening
from coldwave_app.server.migrate import upgrade_to_head

TITLE = "coldwave sync server"


def server_version() -> str:
    try:
        return version("coldwave")
    except PackageNotFoundError:
        return "0+unknown"


def open_engine(settings: Settings) -> Engine:
    """An engine on the settings' database, migrated to the newest schema."""
    engine = make_engine(settings.resolved_database_url)
    try:
        upgrade_to_head(engine=engine)
    except BaseException:
        engine.dispose()
        raise
    return engine


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """The server app; it owns (and disposes of) the engine unless one is given."""
    own_engine = engine is None
    active = engine if engine is not None else open_engine(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_engine:
            active.dispose()

    app = FastAPI(title=TITLE, version=server_version(), lifespan=lifespan)
    app.state.engine = active
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(GzipRequestMiddleware)
    install_hardening(app)  # outermost: size and rate limits before anything is read
    app.include_router(api_router)
    return app
