"""one current refund decision per request; append-only against SQL, not only the program

- ``refund_decisions``: at most one first decision (``supersedes_id`` NULL) per request, and a
  decision supersedes one of the same request. With ``supersedes_id`` unique the decisions of a
  request form one chain, so exactly one is current. Requests that two leads decided at once
  before this revision have their extra first decisions linked behind the chain, oldest first.
- ``cash_handovers`` are append-only too, and carry ``sealed``: a hand-over is made unsealed,
  marks its entries, and seals itself in the same transaction. A money entry's hand-over mark
  can only name an unsealed hand-over of the entry's day and clerk, so a plain UPDATE cannot
  point an entry at an existing hand-over.
- SQLite: ``REPLACE`` (and ``INSERT OR REPLACE``) deletes the old row without firing delete
  triggers, so a BEFORE INSERT trigger refuses an insert whose key (or unique column) exists on
  every append-only table. UPSERT's update is refused by the update triggers.
- PostgreSQL: TRUNCATE triggers on every append-only table (a row trigger does not see it).

Revision ID: 0005
Revises: 0004
"""

import itertools
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = ("audit_log", "money_entries", "refund_decisions", "cash_handovers")

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
_HANDOVER_COLUMNS = [
    "id",
    "day",
    "clerk",
    "lead",
    "registered_amount",
    "counted_amount",
    "note",
    "confirmed_at",
]


def _changed(columns: list[str], op_: str = "IS NOT") -> str:
    return " OR ".join(f"new.{c} {op_} old.{c}" for c in columns)


# --- SQLite ---------------------------------------------------------------------------------

_SQLITE_EXISTS = {
    "audit_log": "EXISTS (SELECT 1 FROM audit_log WHERE id = new.id)",
    "cash_handovers": "EXISTS (SELECT 1 FROM cash_handovers WHERE id = new.id)",
    "money_entries": "EXISTS (SELECT 1 FROM money_entries WHERE id = new.id) OR "
    "(new.reverses_id IS NOT NULL AND "
    "EXISTS (SELECT 1 FROM money_entries WHERE reverses_id = new.reverses_id))",
    "refund_decisions": "EXISTS (SELECT 1 FROM refund_decisions WHERE id = new.id) OR "
    "(new.supersedes_id IS NULL AND EXISTS (SELECT 1 FROM refund_decisions "
    "WHERE refund_id = new.refund_id AND supersedes_id IS NULL)) OR "
    "(new.supersedes_id IS NOT NULL AND (EXISTS (SELECT 1 FROM refund_decisions "
    "WHERE supersedes_id = new.supersedes_id) OR NOT EXISTS (SELECT 1 FROM refund_decisions "
    "WHERE id = new.supersedes_id AND refund_id = new.refund_id)))",
}

# the one update money entries take: an unsealed hand-over of the entry's day and clerk marks it
_SQLITE_MONEY_CHANGED = (
    "old.handover_id IS NOT NULL OR new.handover_id IS NULL OR "
    + _changed(_MONEY_COLUMNS)
    + " OR NOT EXISTS (SELECT 1 FROM cash_handovers h WHERE h.id = new.handover_id "
    "AND NOT h.sealed AND h.day = new.day AND h.clerk = new.clerk)"
)
_SQLITE_HANDOVER_CHANGED = "old.sealed OR NOT new.sealed OR " + _changed(_HANDOVER_COLUMNS)


def _sqlite_upgrade() -> None:
    for table, exists in _SQLITE_EXISTS.items():
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} WHEN {exists} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: a row is never replaced'); END"
        )
    op.execute("DROP TRIGGER money_entries_no_update")
    op.execute(
        f"CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries "
        f"WHEN {_SQLITE_MONEY_CHANGED} "
        "BEGIN SELECT RAISE(ABORT, 'money_entries is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER cash_handovers_no_delete BEFORE DELETE ON cash_handovers "
        "BEGIN SELECT RAISE(ABORT, 'cash_handovers is append-only'); END"
    )
    op.execute(
        f"CREATE TRIGGER cash_handovers_no_update BEFORE UPDATE ON cash_handovers "
        f"WHEN {_SQLITE_HANDOVER_CHANGED} "
        "BEGIN SELECT RAISE(ABORT, 'cash_handovers is append-only'); END"
    )


def _sqlite_downgrade() -> None:
    for table in _SQLITE_EXISTS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace")
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_delete")
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_update")
    op.execute("DROP TRIGGER IF EXISTS money_entries_no_update")
    changed = " OR ".join(
        ["old.handover_id IS NOT NULL", "new.handover_id IS NULL"]
        + [f"new.{c} IS NOT old.{c}" for c in _MONEY_COLUMNS]
    )
    op.execute(
        f"CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries WHEN {changed} "
        "BEGIN SELECT RAISE(ABORT, 'money_entries is append-only'); END"
    )


# --- PostgreSQL -----------------------------------------------------------------------------

_PG_MONEY_MARK = f"""CREATE FUNCTION returnsdesk_money_mark() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF old.handover_id IS NOT NULL OR new.handover_id IS NULL
     OR {_changed(_MONEY_COLUMNS, "IS DISTINCT FROM")}
     OR NOT EXISTS (SELECT 1 FROM cash_handovers h WHERE h.id = new.handover_id
                    AND NOT h.sealed AND h.day = new.day AND h.clerk = new.clerk) THEN
    RAISE EXCEPTION 'money_entries is append-only' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN new;
END $$"""

_PG_HANDOVER_SEAL = f"""CREATE FUNCTION returnsdesk_handover_seal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF old.sealed OR NOT new.sealed OR {_changed(_HANDOVER_COLUMNS, "IS DISTINCT FROM")} THEN
    RAISE EXCEPTION 'cash_handovers is append-only' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN new;
END $$"""

_PG_SAME_REFUND = """CREATE FUNCTION returnsdesk_decision_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF new.supersedes_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM refund_decisions WHERE id = new.supersedes_id
      AND refund_id = new.refund_id) THEN
    RAISE EXCEPTION 'a refund decision supersedes one of the same request'
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN new;
END $$"""


def _pg_upgrade() -> None:
    for table in ("audit_log", "money_entries", "cash_handovers"):
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION returnsdesk_append_only()"
        )
    op.execute(
        "CREATE TRIGGER cash_handovers_no_delete BEFORE DELETE ON cash_handovers "
        "FOR EACH ROW EXECUTE FUNCTION returnsdesk_append_only()"
    )
    op.execute(_PG_HANDOVER_SEAL)
    op.execute(
        "CREATE TRIGGER cash_handovers_no_update BEFORE UPDATE ON cash_handovers "
        "FOR EACH ROW EXECUTE FUNCTION returnsdesk_handover_seal()"
    )
    op.execute("DROP TRIGGER money_entries_no_update ON money_entries")
    op.execute(_PG_MONEY_MARK)
    op.execute(
        "CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries "
        "FOR EACH ROW EXECUTE FUNCTION returnsdesk_money_mark()"
    )
    op.execute(_PG_SAME_REFUND)
    op.execute(
        "CREATE TRIGGER refund_decisions_chain BEFORE INSERT ON refund_decisions "
        "FOR EACH ROW EXECUTE FUNCTION returnsdesk_decision_chain()"
    )


def _pg_downgrade() -> None:
    for table in ("audit_log", "money_entries", "cash_handovers"):
        op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_delete ON cash_handovers")
    op.execute("DROP TRIGGER IF EXISTS cash_handovers_no_update ON cash_handovers")
    op.execute("DROP FUNCTION IF EXISTS returnsdesk_handover_seal()")
    op.execute("DROP TRIGGER IF EXISTS money_entries_no_update ON money_entries")
    op.execute("DROP FUNCTION IF EXISTS returnsdesk_money_mark()")
    changed = " OR ".join(
        ["old.handover_id IS NOT NULL", "new.handover_id IS NULL"]
        + [f"new.{c} IS DISTINCT FROM old.{c}" for c in _MONEY_COLUMNS]
    )
    op.execute(
        "CREATE TRIGGER money_entries_no_update BEFORE UPDATE ON money_entries "
        f"FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION returnsdesk_append_only()"
    )
    op.execute("DROP TRIGGER IF EXISTS refund_decisions_chain ON refund_decisions")
    op.execute("DROP FUNCTION IF EXISTS returnsdesk_decision_chain()")


# --- both -----------------------------------------------------------------------------------


def _link_extra_first_decisions(pg: bool) -> None:
    """Requests decided twice at once before this revision: the later first decisions are
    linked behind the chain (oldest first), so one decision is current, as the index needs."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, refund_id, supersedes_id FROM refund_decisions ORDER BY id")
    ).all()
    roots: dict[int, list[int]] = {}
    successor: dict[int, int] = {}
    for id_, refund_id, supersedes in rows:
        if supersedes is None:
            roots.setdefault(refund_id, []).append(id_)
        else:
            successor[supersedes] = id_
    links: list[tuple[int, int]] = []
    for firsts in roots.values():
        for prev, root in itertools.pairwise(firsts):
            tail = prev
            while tail in successor:
                tail = successor[tail]
            links.append((root, tail))
            successor[tail] = root
    if not links:
        return
    if pg:
        op.execute("ALTER TABLE refund_decisions DISABLE TRIGGER refund_decisions_no_change")
    else:
        op.execute("DROP TRIGGER refund_decisions_no_update")
    for root, tail in links:
        conn.execute(
            sa.text("UPDATE refund_decisions SET supersedes_id = :tail WHERE id = :root"),
            {"tail": tail, "root": root},
        )
    if pg:
        op.execute("ALTER TABLE refund_decisions ENABLE TRIGGER refund_decisions_no_change")
    else:
        op.execute(
            "CREATE TRIGGER refund_decisions_no_update BEFORE UPDATE ON refund_decisions "
            "BEGIN SELECT RAISE(ABORT, "
            "'refund_decisions is append-only: record a new decision instead'); END"
        )


def upgrade() -> None:
    pg = op.get_bind().dialect.name == "postgresql"
    op.add_column(
        "cash_handovers",
        sa.Column("sealed", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    _link_extra_first_decisions(pg)
    op.create_index(
        "uq_refund_decisions_first",
        "refund_decisions",
        ["refund_id"],
        unique=True,
        sqlite_where=sa.text("supersedes_id IS NULL"),
        postgresql_where=sa.text("supersedes_id IS NULL"),
    )
    if pg:
        _pg_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _pg_downgrade()
    else:
        _sqlite_downgrade()
    op.drop_index("uq_refund_decisions_first", table_name="refund_decisions")
    with op.batch_alter_table("cash_handovers") as batch_op:
        batch_op.drop_column("sealed")
