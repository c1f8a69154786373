"""The first server schema: campaigns, devices, the change log and the merged state.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_SEQ_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("province_code", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("campaign_id", sa.String(64), sa.ForeignKey("campaign.id"), nullable=False),
        sa.Column("label", sa.String(80), nullable=False, server_default=""),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), unique=True, nullable=True),
        sa.Column("code_hash", sa.String(64), unique=True, nullable=True),
        sa.Column("code_expires_at", sa.String(32), nullable=True),
        sa.Column("enrolled_at", sa.String(32), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    op.create_table(
        "changes",
        sa.Column("seq", _SEQ_TYPE, sa.Identity(), primary_key=True),
        sa.Column("change_id", sa.String(36), unique=True, nullable=False),
        sa.Column("campaign_id", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(80), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("field", sa.String(63), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.String(120), nullable=False),
        sa.Column("base_hlc", sa.String(120), nullable=True),
        sa.Column("device_id", sa.String(80), nullable=False),
        sa.Column("user_id", sa.String(80), nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
        sa.Column("received_at", sa.String(32), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_campaign_seq", "changes", ["campaign_id", "seq"])
    op.create_table(
        "field_state",
        sa.Column("campaign_id", sa.String(64), nullable=False),
        sa.Column("table_name", sa.String(63), nullable=False),
        sa.Column("row_id", sa.String(80), nullable=False),
        sa.Column("field", sa.String(63), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("hlc", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("table_name", "row_id", "field", name="pk_field_state"),
    )


def downgrade() -> None:
    op.drop_table("field_state")
    op.drop_index("ix_changes_campaign_seq", table_name="changes")
    op.drop_table("changes")
    op.drop_table("device")
    op.drop_table("campaign")
