"""Cross-device checks: find merged rows by the value of a short field.

`ix_field_state_lookup` is partial (values of at most 100 characters) so a long
free-text value is never indexed: PostgreSQL refuses btree entries above ~2.7 kB,
which would make a push fail. The checks (server.checks.state) repeat the predicate.

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SHORT = sa.text("length(value) <= 100")


def upgrade() -> None:
    with op.batch_alter_table("field_state") as batch:
        batch.create_index(
            "ix_field_state_lookup",
            ["campaign_id", "table_name", "field", "value"],
            sqlite_where=_SHORT,
            postgresql_where=_SHORT,
        )


def downgrade() -> None:
    with op.batch_alter_table("field_state") as batch:
        batch.drop_index("ix_field_state_lookup")
