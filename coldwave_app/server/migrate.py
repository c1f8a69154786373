"""Bring the server database to the newest schema with Alembic (db/server/)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

SCRIPT_LOCATION = Path(__file__).resolve().parents[2] / "db" / "server"


def alembic_config(*, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(*, engine: Engine) -> None:
    """Apply every Alembic revision the database lacks, on `engine`'s own connection."""
    config = alembic_config(url=engine.url.render_as_string(hide_password=False))
    with engine.connect().execution_options(immediate=True) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
