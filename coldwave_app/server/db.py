"""Server tables (SQLAlchemy Core) and engine creation.

Times are ISO-8601 UTC strings with milliseconds and a `Z`, so comparing the
strings compares the instants on every engine. `changes` is the append-only log
every device pulls from; `field_state` is the merged current value of each field
(per-field last-writer-wins by HLC string comparison); `row_scope` says which rows
a facility-scoped device receives; `server_key` holds the
server's bundle key pair (store.bundles); `publish_invite` the one-time codes
with which a laptop publishes its own campaign (store.publish).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Engine,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)

metadata = MetaData()

# Values of at most this many characters are in `ix_field_state_lookup` (ids, codes,
# years): the cross-device checks find rows by them (server.checks.state).
LOOKUP_MAX_CHARS = 100

# BIGINT on PostgreSQL (an identity column); INTEGER PRIMARY KEY (the rowid) on SQLite.
_SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")

campaign = Table(
    "campaign",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("province_code", String(16), nullable=False),
    Column("created_at", String(32), nullable=False),
)

device = Table(
    "device",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("campaign_id", String(64), ForeignKey("campaign.id"), nullable=False),
    Column("label", String(80), nullable=False, server_default=""),
    Column("role", String(32), nullable=False),
    Column("scope", String(100), nullable=False),
    Column("status", String(16), nullable=False),
    Column("token_hash", String(64), unique=True, nullable=True),
    Column("code_hash", String(64), unique=True, nullable=True),
    Column("code_expires_at", String(32), nullable=True),
    Column("enrolled_at", String(32), nullable=True),
    Column("created_at", String(32), nullable=False),
    # The laptop's bundle public keys (hex), sent at enrolment (revision 0002).
    Column("signing_public_key", String(64), nullable=True),
    Column("box_public_key", String(64), nullable=True),
)

# One-time codes with which a laptop publishes its own campaign (store.publish,
# revision 0005): pending until used, then naming the campaign and device it made.
publish_invite = Table(
    "publish_invite",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("label", String(80), nullable=False, server_default=""),
    Column("role", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("code_hash", String(64), unique=True, nullable=True),
    Column("code_expires_at", String(32), nullable=True),
    Column("campaign_id", String(64), nullable=True),
    Column("device_id", String(64), nullable=True),
    Column("created_at", String(32), nullable=False),
    Column("used_at", String(32), nullable=True),
)

# The server's own bundle keys (hex of raw private keys): one row, made on first use.
server_key = Table(
    "server_key",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("signing_private_key", String(64), nullable=False),
    Column("box_private_key", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
)

changes = Table(
    "changes",
    metadata,
    Column("seq", _SEQ_TYPE, Identity(), primary_key=True),
    Column("change_id", String(36), unique=True, nullable=False),
    Column("campaign_id", String(64), nullable=False),
    Column("table_name", String(63), nullable=False),
    Column("row_id", String(80), nullable=False),
    Column("op", String(8), nullable=False),
    Column("field", String(63), nullable=True),
    Column("value", Text, nullable=True),
    Column("hlc", String(120), nullable=False),
    Column("base_hlc", String(120), nullable=True),
    Column("device_id", String(80), nullable=False),
    Column("user_id", String(80), nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Column("received_at", String(32), nullable=False),
    Index("ix_changes_campaign_seq", "campaign_id", "seq"),
    # The changes of one row: a facility's catch-up (server.store.scope, revision 0004).
    Index("ix_changes_row", "table_name", "row_id"),
    sqlite_autoincrement=True,
)

field_state = Table(
    "field_state",
    metadata,
    Column("campaign_id", String(64), nullable=False),
    Column("table_name", String(63), nullable=False),
    Column("row_id", String(80), nullable=False),
    Column("field", String(63), nullable=False),
    Column("value", Text, nullable=True),
    Column("hlc", String(120), nullable=False),
    PrimaryKeyConstraint("table_name", "row_id", "field", name="pk_field_state"),
    Index(
        "ix_field_state_lookup",
        "campaign_id",
        "table_name",
        "field",
        "value",
        sqlite_where=text(f"length(value) <= {LOOKUP_MAX_CHARS}"),
        postgresql_where=text(f"length(value) <= {LOOKUP_MAX_CHARS}"),
    ),
)

# Which rows a facility-scoped device receives (server.store.scope): one row per
# (row, facility) grant; facility_id '' means every device of the campaign (the
# reference tables). `granted_seq` is the sequence of the change that made the grant:
# the row's earlier changes reach that facility's devices at that position of the log.
row_scope = Table(
    "row_scope",
    metadata,
    Column("campaign_id", String(64), nullable=False),
    Column("table_name", String(63), nullable=False),
    Column("row_id", String(80), nullable=False),
    Column("facility_id", String(80), nullable=False),
    Column("granted_seq", BigInteger, nullable=False),
    PrimaryKeyConstraint("table_name", "row_id", "facility_id", name="pk_row_scope"),
    Index("ix_row_scope_facility", "campaign_id", "facility_id", "granted_seq"),
)


# The likely-duplicate check's blocking index (server.checks.person_blocks, revision
# 0006): one row per live person and folded full name, keyed "NAME KEY|BIRTH YEAR".
person_block = Table(
    "person_block",
    metadata,
    Column("campaign_id", String(64), nullable=False),
    Column("person_id", String(80), nullable=False),
    Column("block_key", String(200), nullable=False),
    Column("birth_year", Integer, nullable=False),
    Column("sex", String(8), nullable=False),
    Column("province_code", String(16), nullable=False),
    Column("device_id", String(80), nullable=False),
    Column("name_keys", Text, nullable=False),
    PrimaryKeyConstraint("person_id", "block_key", name="pk_person_block"),
    Index("ix_person_block_key", "campaign_id", "block_key"),
)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a 30 s busy timeout and foreign keys.

    On SQLite every transaction starts with `BEGIN IMMEDIATE` when the connection
    carries the execution option `immediate=True`, so two writers (the server and
    the CLI) queue up instead of failing on a lock upgrade.
    """
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
