"""Publish invites: one-time codes with which a laptop that started alone publishes
its own campaign to the server (`coldwave-server campaign invite`, `POST /v1/publish`).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publish_invite",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("label", sa.String(80), nullable=False, server_default=""),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("code_hash", sa.String(64), unique=True, nullable=True),
        sa.Column("code_expires_at", sa.String(32), nullable=True),
        sa.Column("campaign_id", sa.String(64), nullable=True),
        sa.Column("device_id", sa.String(64), nullable=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("used_at", sa.String(32), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("publish_invite")
