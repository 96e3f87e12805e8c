"""evidence_removals: a clip or photo file removed by the clean-up, append-only; each
station's evidence disk as its last clean-up found it

The evidence table never changes, so a file removed after its retention (or to free the disk)
is told by a row here: which record, why, when, by which station. ``evidence verify`` reports
such a file as removed, not missing. Triggers as on ``evidence`` (0007), and the change
notices of 0009 so the lead's view hears of a removal. ``stations`` gains the free space of
the station's evidence folder and its floor at the last clean-up, for the lead's warning.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "evidence_removals"
_SQLITE = {
    "no_update": f"BEFORE UPDATE ON {TABLE}",
    "no_delete": f"BEFORE DELETE ON {TABLE}",
    "no_replace": f"BEFORE INSERT ON {TABLE} WHEN EXISTS "
    f"(SELECT 1 FROM {TABLE} WHERE id = new.id OR evidence_id = new.evidence_id)",
}


def upgrade() -> None:
    with op.batch_alter_table("stations") as batch:
        batch.add_column(sa.Column("evidence_free", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("evidence_floor", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("evidence_checked_at", sa.DateTime(), nullable=True))
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("station", sa.String(length=40), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["evidence_id"], ["evidence.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("evidence_id"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE} "
            "FOR EACH STATEMENT EXECUTE FUNCTION returnsdesk_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {TABLE}_notify AFTER INSERT OR UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_notify_row()"
        )
        return
    for name, when in _SQLITE.items():
        op.execute(
            f"CREATE TRIGGER {TABLE}_{name} {when} "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END"
        )
    op.execute(f"INSERT INTO change_hints (tbl, n) VALUES ('{TABLE}', 0)")
    op.execute(
        f"CREATE TRIGGER {TABLE}_hint_insert AFTER INSERT ON {TABLE} "
        f"BEGIN UPDATE change_hints SET n = n + 1 WHERE tbl = '{TABLE}'; END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("append_only", "notify"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON {TABLE}")
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}")
    else:
        for name in (*_SQLITE, "hint_insert"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name}")
        op.execute(f"DELETE FROM change_hints WHERE tbl = '{TABLE}'")
    op.drop_table(TABLE)
    with op.batch_alter_table("stations") as batch:
        batch.drop_column("evidence_checked_at")
        batch.drop_column("evidence_floor")
        batch.drop_column("evidence_free")
