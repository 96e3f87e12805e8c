"""substring search over orders; a parcel's second (linked) number

SQLite: an FTS5 table with the trigram tokenizer, kept by triggers. PostgreSQL: pg_trgm and a
GIN index on the same expression. Both index one text per order: the Wangwang ID, receiver
name, phone and order number between ``|`` marks, so a two-character name can be searched as
a field's start or end (``|芳娜`` or ``芳娜|``) and three characters anywhere.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the same text as returnsdesk.services.match.SEARCH_SQL (a migration keeps its own copy)
_TERMS = "'|' || {t}buyer_id || '|' || {t}receiver_name || '|' || {t}receiver_phone || '|' || {t}order_no || '|'"


def upgrade() -> None:
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.add_column(sa.Column("linked_no", sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f("ix_parcels_linked_no"), ["linked_no"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            f"CREATE INDEX ix_orders_search ON orders USING gin (({_TERMS.format(t='')}) gin_trgm_ops)"
        )
        return
    op.execute("CREATE VIRTUAL TABLE order_search USING fts5(terms, tokenize='trigram')")
    new = _TERMS.format(t="new.")
    op.execute(
        "CREATE TRIGGER order_search_ai AFTER INSERT ON orders BEGIN "
        f"INSERT INTO order_search(rowid, terms) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER order_search_ad AFTER DELETE ON orders BEGIN "
        "DELETE FROM order_search WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER order_search_au AFTER UPDATE OF buyer_id, receiver_name, receiver_phone, "
        "order_no ON orders BEGIN DELETE FROM order_search WHERE rowid = old.id; "
        f"INSERT INTO order_search(rowid, terms) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"INSERT INTO order_search(rowid, terms) SELECT id, {_TERMS.format(t='')} FROM orders"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_orders_search")
    else:
        for name in ("order_search_ai", "order_search_ad", "order_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS order_search")
    with op.batch_alter_table("parcels") as batch_op:
        batch_op.drop_index(batch_op.f("ix_parcels_linked_no"))
        batch_op.drop_column("linked_no")
