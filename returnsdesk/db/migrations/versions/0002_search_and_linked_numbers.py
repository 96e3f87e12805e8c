"""substring search over orders; a parcel's second (linked) number

See ``returnsdesk.db.search_index`` for the index (SQLite FTS5 trigram, PostgreSQL pg_trgm).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from returnsdesk.db import search_index

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.add_column(sa.Column("linked_no", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_parcels_linked_no"), ["linked_no"], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    search_index.build(bind)


def downgrade() -> None:
    search_index.drop(op.get_bind())
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS order_search")
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.drop_index(batch_op.f("ix_parcels_linked_no"))
        batch_op.drop_column("linked_no")
