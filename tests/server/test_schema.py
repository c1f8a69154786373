"""The Alembic revisions build exactly the schema the code's MetaData describes."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from coldwave_app.server.app import open_engine
from coldwave_app.server.config import make_settings
from coldwave_app.server.db import metadata
from coldwave_app.server.migrate import alembic_config


def test_migrated_schema_matches_the_metadata(database_url: str | None, tmp_path: Path) -> None:
    engine = open_engine(make_settings(data_dir=tmp_path, database_url=database_url))
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            tables = set(inspector.get_table_names()) - {"alembic_version"}
            assert tables == set(metadata.tables)
            for name, table in metadata.tables.items():
                columns = {column["name"] for column in inspector.get_columns(name)}
                assert columns == set(table.columns.keys()), name
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_migrating_twice_changes_nothing(database_url: str | None, tmp_path: Path) -> None:
    settings = make_settings(data_dir=tmp_path, database_url=database_url)
    open_engine(settings).dispose()
    engine = open_engine(settings)
    with engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert (
            version
            == ScriptDirectory.from_config(alembic_config(url="sqlite://")).get_current_head()
        )
    engine.dispose()
