"""Bundle keys: each device's public keys, and the server's own key pair.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("signing_public_key", sa.String(64), nullable=True))
        batch.add_column(sa.Column("box_public_key", sa.String(64), nullable=True))
    op.create_table(
        "server_key",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("signing_private_key", sa.String(64), nullable=False),
        sa.Column("box_private_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("server_key")
    with op.batch_alter_table("device") as batch:
        batch.drop_column("box_public_key")
        batch.drop_column("signing_public_key")
