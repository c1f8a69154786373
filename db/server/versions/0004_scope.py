"""Device scope: `row_scope`, the rows a facility-scoped device receives, and
`ix_changes_row` to send a row's earlier changes when it comes into a facility's scope.

Filled as changes are appended (server.store.scope). For the rows stored before
this revision, the upgrade grants the reference tables to the whole campaign and
the rows with a `facility_id` to their facility; their persons and linked rows are
granted when a change touches those rows again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copies of server.store.scope's lists at this revision.
_REFERENCE_TABLES = (
    "campaign", "app_user", "device", "organisation", "item", "kit_type", "kit_component",
    "entitlement_rule", "distribution_wave", "cold_alert", "campaign_target", "facility",
    "stock_location", "local_place", "review_item", "conflict",
)  # fmt: skip
_FACILITY_TABLES = ("stay", "bed_night", "service_delivery", "room", "bed", "case_file")


def _names(tables: tuple[str, ...]) -> str:
    return ", ".join(f"'{name}'" for name in tables)


def upgrade() -> None:
    op.create_table(
        "row_scope",
        sa.Column("campaign_id", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(80), nullable=False),
        sa.Column("facility_id", sa.String(80), nullable=False),
        sa.Column("granted_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", "facility_id", name="pk_row_scope"),
    )
    with op.batch_alter_table("row_scope") as batch:
        batch.create_index("ix_row_scope_facility", ["campaign_id", "facility_id", "granted_seq"])
    with op.batch_alter_table("changes") as batch:
        batch.create_index("ix_changes_row", ["table_name", "row_id"])
    op.execute(
        "INSERT INTO row_scope (campaign_id, table_name, row_id, facility_id, granted_seq) "
        "SELECT DISTINCT campaign_id, table_name, row_id, '', 0 FROM field_state "
        f"WHERE table_name IN ({_names(_REFERENCE_TABLES)})"
    )
    op.execute(
        "INSERT INTO row_scope (campaign_id, table_name, row_id, facility_id, granted_seq) "
        "SELECT campaign_id, table_name, row_id, substr(value, 2, length(value) - 2), 0 "
        "FROM field_state WHERE field = 'facility_id' AND value LIKE '\"_%' "
        f"AND table_name IN ({_names(_FACILITY_TABLES)})"
    )


def downgrade() -> None:
    with op.batch_alter_table("changes") as batch:
        batch.drop_index("ix_changes_row")
    with op.batch_alter_table("row_scope") as batch:
        batch.drop_index("ix_row_scope_facility")
    op.drop_table("row_scope")
