"""evidence: the clips and photos of parcels with their SHA-256, append-only

Triggers as on ``audit_log`` (0003, 0005): UPDATE and DELETE refused on both databases;
SQLite refuses an insert whose id or path exists (REPLACE would delete the old row without a
delete trigger); PostgreSQL refuses TRUNCATE.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE = {
    "no_update": "BEFORE UPDATE ON evidence",
    "no_delete": "BEFORE DELETE ON evidence",
    "no_replace": "BEFORE INSERT ON evidence WHEN EXISTS "
    "(SELECT 1 FROM evidence WHERE id = new.id OR path = new.path)",
}


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parcel_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("path", sa.String(length=300), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("station", sa.String(length=40), nullable=False),
        sa.Column("clerk", sa.String(length=40), nullable=False),
        sa.Column("camera", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=False),
        sa.Column("item_index", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["parcel_id"], ["parcels.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("path"),
    )
    op.create_index("ix_evidence_parcel_id", "evidence", ["parcel_id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER evidence_append_only BEFORE UPDATE OR DELETE ON evidence "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_append_only()"
        )
        op.execute(
            "CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence "
            "FOR EACH STATEMENT EXECUTE FUNCTION returnsdesk_append_only()"
        )
        return
    for name, when in _SQLITE.items():
        op.execute(
            f"CREATE TRIGGER evidence_{name} {when} "
            "BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS evidence_append_only ON evidence")
        op.execute("DROP TRIGGER IF EXISTS evidence_no_truncate ON evidence")
    else:
        for name in _SQLITE:
            op.execute(f"DROP TRIGGER IF EXISTS evidence_{name}")
    op.drop_index("ix_evidence_parcel_id", table_name="evidence")
    op.drop_table("evidence")
