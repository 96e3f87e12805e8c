"""parcel outcomes: what was wrong with a parcel as a whole (空包, 调包/货不对版, 少件, 多件/非本店)

A comma-separated set of ``ParcelOutcome`` codes on the parcel, "" for none: a parcel can be
short of one item and hold another that is not ours.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("parcels") as batch:
        batch.add_column(
            sa.Column("outcomes", sa.String(length=60), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("parcels") as batch:
        batch.drop_column("outcomes")
