"""refund decisions after inspection (append-only); payment account and finish time of a
return request; parcels by return request

The append-only rule is the database's: triggers refuse UPDATE and DELETE on
``refund_decisions`` on SQLite and PostgreSQL alike, whatever program writes to it.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "refund_decisions is append-only: record a new decision instead"

SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER refund_decisions_no_update BEFORE UPDATE ON refund_decisions
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
    f"""CREATE TRIGGER refund_decisions_no_delete BEFORE DELETE ON refund_decisions
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END""",
)

PG_TRIGGERS = (
    f"""CREATE FUNCTION refund_decisions_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'restrict_violation'; END $$""",
    """CREATE TRIGGER refund_decisions_no_change BEFORE UPDATE OR DELETE ON refund_decisions
    FOR EACH ROW EXECUTE FUNCTION refund_decisions_append_only()""",
    """CREATE TRIGGER refund_decisions_no_truncate BEFORE TRUNCATE ON refund_decisions
    FOR EACH STATEMENT EXECUTE FUNCTION refund_decisions_append_only()""",
)


def upgrade() -> None:
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.add_column(
            sa.Column("buyer_account", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("finished_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.create_index(batch_op.f("ix_parcels_refund_id"), ["refund_id"], unique=False)

    op.create_table(
        "refund_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refund_id", sa.Integer(), nullable=False),
        sa.Column("supersedes_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("asked", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("suggested", sa.String(length=12), nullable=False),
        sa.Column("suggested_amount", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("grounds", sa.Text(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("backend_note", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.String(length=40), nullable=False),
        sa.Column("station", sa.String(length=40), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["refund_id"], ["refunds.id"], name=op.f("fk_refund_decisions_refund_id_refunds")
        ),
        sa.ForeignKeyConstraint(
            ["supersedes_id"],
            ["refund_decisions.id"],
            name=op.f("fk_refund_decisions_supersedes_id_refund_decisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refund_decisions")),
        sa.UniqueConstraint("supersedes_id", name=op.f("uq_refund_decisions_supersedes_id")),
    )
    with op.batch_alter_table("refund_decisions") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_refund_decisions_decided_at"), ["decided_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_refund_decisions_refund_id"), ["refund_id"], unique=False
        )
    for statement in PG_TRIGGERS if op.get_bind().dialect.name == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE refund_decisions")
        op.execute("DROP FUNCTION refund_decisions_append_only()")
    else:
        op.drop_table("refund_decisions")  # its triggers go with it
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.drop_index(batch_op.f("ix_parcels_refund_id"))
    with op.batch_alter_table("refunds") as batch_op:
        batch_op.drop_column("finished_at")
        batch_op.drop_column("buyer_account")
