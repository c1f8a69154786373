"""The likely-duplicate check's blocking index `person_block` (server.checks.person_blocks).

The duplicate check used to read every person of a similar age at each pushed
batch; it now seeks the persons sharing a folded name and birth year. The upgrade
fills the index from the persons already merged in `field_state`, campaign by
campaign, with the same code the server runs (so the keys are identical).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "person_block",
        sa.Column("campaign_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(80), nullable=False),
        sa.Column("block_key", sa.String(200), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(8), nullable=False),
        sa.Column("province_code", sa.String(16), nullable=False),
        sa.Column("device_id", sa.String(80), nullable=False),
        sa.Column("name_keys", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", "block_key", name="pk_person_block"),
    )
    with op.batch_alter_table("person_block") as batch:
        batch.create_index("ix_person_block_key", ["campaign_id", "block_key"])
    _fill(op.get_bind())


def _fill(conn: sa.Connection) -> None:
    # Imported here: only an upgrade over existing persons needs the server's code.
    from coldwave_app.server.checks.person_blocks import refresh
    from coldwave_app.server.checks.state import read_rows

    people = conn.execute(
        sa.text(
            "SELECT DISTINCT campaign_id, row_id FROM field_state "
            "WHERE table_name = 'person' AND field = 'id' ORDER BY campaign_id, row_id"
        )
    ).all()
    for start in range(0, len(people), _CHUNK):
        chunk = people[start : start + _CHUNK]
        for campaign_id in sorted({row.campaign_id for row in chunk}):
            ids = [row.row_id for row in chunk if row.campaign_id == campaign_id]
            rows = read_rows(conn=conn, table="person", row_ids=ids)
            refresh(conn=conn, campaign_id=campaign_id, rows=rows)


def downgrade() -> None:
    with op.batch_alter_table("person_block") as batch:
        batch.drop_index("ix_person_block_key")
    op.drop_table("person_block")
