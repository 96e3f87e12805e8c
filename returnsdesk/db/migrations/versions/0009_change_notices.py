"""changes reach every station: notices on commit, stations and their measured pace

PostgreSQL: a trigger on each shared table sends ``NOTIFY returnsdesk_changes`` with
"table kind id" (per statement, without an id, on the tables an import writes by the
thousand); the server delivers notices at commit and drops them on rollback. SQLite has no
NOTIFY: a trigger counts the writes per table in ``change_hints``, so a station that sees
``PRAGMA data_version`` move knows which tables another process changed.

``stations``: who is signed in where, since when, last seen. ``station_timings``: each
station's scan→panel and register→ready times as a small histogram per day.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "returnsdesk_changes"

# the tables a station shows, as in domain/topics.py (a migration keeps its own copy)
ROW_TABLES = (
    "parcels", "parcel_items", "evidence", "money_entries", "cash_handovers", "refunds",
    "refund_decisions", "reship_slips", "reship_items", "print_jobs", "contact_attempts",
    "day_closes", "users", "stations", "station_timings",
)  # fmt: skip
BULK_TABLES = ("orders", "order_lines", "shipments", "skus")

_PG_ROW = f"""CREATE OR REPLACE FUNCTION returnsdesk_notify_row() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  rec jsonb;
BEGIN
  IF TG_OP = 'DELETE' THEN rec := to_jsonb(old); ELSE rec := to_jsonb(new); END IF;
  PERFORM pg_notify('{CHANNEL}',
    TG_TABLE_NAME || ' ' || lower(TG_OP) || ' ' || coalesce(rec ->> 'id', ''));
  RETURN NULL;
END $$"""

_PG_STATEMENT = f"""CREATE OR REPLACE FUNCTION returnsdesk_notify_statement() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME || ' ' || lower(TG_OP));
  RETURN NULL;
END $$"""


def _tables() -> None:
    op.create_table(
        "stations",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("user", sa.String(length=40), nullable=False),
        sa.Column("signed_in_at", sa.DateTime(), nullable=True),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "station_timings",
        sa.Column("station", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("step", sa.String(length=20), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("station", "day", "step"),
    )
    # the floor view's queries: the day's parcels by when they were scanned and registered
    op.create_index("ix_parcels_received_at", "parcels", ["received_at"])
    op.create_index("ix_parcels_registered_at", "parcels", ["registered_at"])


def upgrade() -> None:
    _tables()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_ROW)
        op.execute(_PG_STATEMENT)
        for table in ROW_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION returnsdesk_notify_row()"
            )
        for table in BULK_TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION returnsdesk_notify_statement()"
            )
        return
    op.execute("CREATE TABLE change_hints (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0)")
    for table in ROW_TABLES:
        op.execute(f"INSERT INTO change_hints (tbl, n) VALUES ('{table}', 0)")
        for kind in ("INSERT", "UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_hint_{kind.lower()} AFTER {kind} ON {table} "
                f"BEGIN UPDATE change_hints SET n = n + 1 WHERE tbl = '{table}'; END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ROW_TABLES + BULK_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS returnsdesk_notify_row()")
        op.execute("DROP FUNCTION IF EXISTS returnsdesk_notify_statement()")
    else:
        for table in ROW_TABLES:
            for kind in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_hint_{kind}")
        op.execute("DROP TABLE IF EXISTS change_hints")
    op.drop_index("ix_parcels_registered_at", table_name="parcels")
    op.drop_index("ix_parcels_received_at", table_name="parcels")
    op.drop_table("station_timings")
    op.drop_table("stations")
