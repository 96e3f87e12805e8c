"""money hand-overs are decided once: the hand-overs of a clerk's day form one chain

A hand-over names the one of the same day and clerk it follows (``follows_id``, NULL for the
day's first). One first per day and clerk (partial unique index) and each followed at most once
(unique index): two leads who confirm what they both saw cannot both win; the second is told
who confirmed what. Existing hand-overs are linked in the order they were made. The triggers
refuse a ``follows_id`` of another day or clerk, a REPLACE on SQLite (which would delete the
row it collides with) and any change of the column afterwards.

Revision ID: 0006
Revises: 0005
"""

import itertools
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ["id", "day", "clerk", "lead", "registered_amount", "counted_amount", "note",
            "confirmed_at"]  # fmt: skip


def _changed(columns: list[str], op_: str) -> str:
    return " OR ".join(f"new.{c} {op_} old.{c}" for c in columns)


_SQLITE_COLLIDES = (
    "EXISTS (SELECT 1 FROM cash_handovers WHERE id = new.id) OR "
    "(new.follows_id IS NULL AND EXISTS (SELECT 1 FROM cash_handovers "
    "WHERE day = new.day AND clerk = new.clerk AND follows_id IS NULL)) OR "
    "(new.follows_id IS NOT NULL AND (EXISTS (SELECT 1 FROM cash_handovers "
    "WHERE follows_id = new.follows_id) OR NOT EXISTS (SELECT 1 FROM cash_handovers "
    "WHERE id = new.follows_id AND day = new.day AND clerk = new.clerk)))"
)


def _sqlite_triggers(columns: list[str], collides: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_replace")
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_update")
    op.execute(
        f"CREATE TRIGGER cash_handovers_no_replace BEFORE INSERT ON cash_handovers "
        f"WHEN {collides} "
        "BEGIN SELECT RAISE(ABORT, 'cash_handovers is append-only: a row is never replaced'); END"
    )
    op.execute(
        "CREATE TRIGGER cash_handovers_no_update BEFORE UPDATE ON cash_handovers "
        f"WHEN old.sealed OR NOT new.sealed OR {_changed(columns, 'IS NOT')} "
        "BEGIN SELECT RAISE(ABORT, 'cash_handovers is append-only'); END"
    )


def _pg_seal(columns: list[str]) -> str:
    return f"""CREATE OR REPLACE FUNCTION returnsdesk_handover_seal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF old.sealed OR NOT new.sealed OR {_changed(columns, "IS DISTINCT FROM")} THEN
    RAISE EXCEPTION 'cash_handovers is append-only' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN new;
END $$"""


_PG_CHAIN = """CREATE FUNCTION returnsdesk_handover_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF new.follows_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM cash_handovers WHERE id = new.follows_id
      AND day = new.day AND clerk = new.clerk) THEN
    RAISE EXCEPTION 'a hand-over follows one of the same day and clerk'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN new;
END $$"""


def _link_existing(pg: bool) -> None:
    """Hand-overs made before this revision: each follows the one before it of its day and
    clerk, in the order they were made."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, day, clerk FROM cash_handovers ORDER BY day, clerk, id")
    ).all()
    links = [
        (row.id, prev.id)
        for prev, row in itertools.pairwise(rows)
        if (prev.day, prev.clerk) == (row.day, row.clerk)
    ]
    if not links:
        return
    if pg:
        op.execute("ALTER TABLE cash_handovers DISABLE TRIGGER cash_handovers_no_update")
    else:
        op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_update")
    for id_, follows in links:
        conn.execute(
            sa.text("UPDATE cash_handovers SET follows_id = :f WHERE id = :id"),
            {"f": follows, "id": id_},
        )
    if pg:
        op.execute("ALTER TABLE cash_handovers ENABLE TRIGGER cash_handovers_no_update")


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.add_column("cash_handovers", sa.Column("follows_id", sa.Integer(), nullable=True))
    _link_existing(pg)
    op.create_index(
        "uq_cash_handovers_first",
        "cash_handovers",
        ["day", "clerk"],
        unique=True,
        sqlite_where=sa.text("follows_id IS NULL"),
        postgresql_where=sa.text("follows_id IS NULL"),
    )
    op.create_index("uq_cash_handovers_follows", "cash_handovers", ["follows_id"], unique=True)
    if pg:
        op.execute(_pg_seal([*_COLUMNS, "follows_id"]))
        op.execute(_PG_CHAIN)
        op.execute(
            "CREATE TRIGGER cash_handovers_chain BEFORE INSERT ON cash_handovers "
            "FOR EACH ROW EXECUTE FUNCTION returnsdesk_handover_chain()"
        )
    else:
        _sqlite_triggers([*_COLUMNS, "follows_id"], _SQLITE_COLLIDES)


def downgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    if pg:
        op.execute("DROP TRIGGER IF EXISTS cash_handovers_chain ON cash_handovers")
        op.execute("DROP FUNCTION IF EXISTS returnsdesk_handover_chain()")
        op.execute(_pg_seal(_COLUMNS))
    else:
        _sqlite_triggers(_COLUMNS, "EXISTS (SELECT 1 FROM cash_handovers WHERE id = new.id)")
    op.drop_index("uq_cash_handovers_follows", table_name="cash_handovers")
    op.drop_index("uq_cash_handovers_first", table_name="cash_handovers")
    if pg:
        op.drop_column("cash_handovers", "follows_id")
    else:
        op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_update")
        op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_replace")
        op.execute("ALTER TABLE cash_handovers DROP COLUMN follows_id")
        _sqlite_triggers(_COLUMNS, "EXISTS (SELECT 1 FROM cash_handovers WHERE id = new.id)")
