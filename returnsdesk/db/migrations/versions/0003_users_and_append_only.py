"""users with roles and PINs; closed days; the audit log and money entries append-only

Triggers refuse UPDATE and DELETE on ``audit_log``, and on ``money_entries`` every change but
the one a hand-over makes (``handover_id`` set once, nothing else touched), on SQLite and on
PostgreSQL alike.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MONEY_COLUMNS = [
    "id",
    "parcel_id",
    "day",
    "kind",
    "amount",
    "clerk",
    "station",
    "created_at",
    "reverses_id",
    "note",
]
# the one update money entries take: a hand-over marks them, once
_MONEY_CHANGED = " OR ".join(
    ["old.handover_id IS NOT NULL", "new.handover_id IS NULL"]
    + [f"new.{c} IS NOT old.{c}" for c in _MONEY_COLUMNS]
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_attempts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "day_closes",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("closed_by", sa.String(length=40), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_day_closes")),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION returnsdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_append_only()"
        )
        op.execute(
            "CREATE TRIGGER money_entries_no_delete BEFORE DELETE ON money_entries "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_append_only()"
        )
        changed = _MONEY_CHANGED.replace("IS NOT", "IS DISTINCT FROM")
        op.execute(
            "CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries "
            f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION returnsdesk_append_only()"
        )
        return
    for table, event in (("audit_log", "UPDATE"), ("audit_log", "DELETE")):
        op.execute(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        )
    op.execute(
        "CREATE TRIGGER money_entries_no_delete BEFORE DELETE ON money_entries "
        "BEGIN SELECT RAISE(ABORT, 'money_entries is append-only'); END"
    )
    op.execute(
        f"CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries WHEN {_MONEY_CHANGED} "
        "BEGIN SELECT RAISE(ABORT, 'money_entries is append-only'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS money_entries_no_delete ON money_entries")
        op.execute("DROP TRIGGER IF EXISTS money_entries_no_update ON money_entries")
        op.execute("DROP FUNCTION IF EXISTS returnsdesk_append_only()")
    else:
        for name in (
            "audit_log_no_update",
            "audit_log_no_delete",
            "money_entries_no_delete",
            "money_entries_no_update",
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("day_closes")
    op.drop_table("users")
