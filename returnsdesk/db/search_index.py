"""The substring-search index over orders (made by migration 0002).

SQLite: an FTS5 table with the trigram tokenizer, ``order_search``, kept by triggers.
PostgreSQL: pg_trgm and a GIN index, ``ix_orders_search``, on the same text. Both index one
text per order, the Wangwang ID, receiver name, phone and order number, and the name's pairs
of neighbouring characters, between ``|`` marks: two characters of a name are searched as a
whole field (``|芳娜|``), three characters or more anywhere. A first bulk load drops the index and builds it once at the end,
like the other lookup indexes (``db.bulk``). Changing this text needs a migration.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# Each pair of neighbouring characters of the name's first ten, as a field of its own: a
# two-character part anywhere in a name is then ``|芳娜|``, long enough for a trigram index.
NAME_PAIRS = " || '|' || ".join(f"substr(receiver_name, {i}, 2)" for i in range(1, 10))
SEARCH_SQL = (
    "'|' || buyer_id || '|' || receiver_name || '|' || receiver_phone || '|' || order_no"
    f" || '|' || {NAME_PAIRS} || '|'"
)
_NEW = (
    SEARCH_SQL.replace("buyer_id", "new.buyer_id")
    .replace("receiver_name", "new.receiver_name")
    .replace("receiver_phone", "new.receiver_phone")
    .replace("order_no", "new.order_no")
)
_TRIGGERS = {
    "order_search_ai": "AFTER INSERT ON orders BEGIN "
    f"INSERT INTO order_search(rowid, terms) VALUES (new.id, {_NEW}); END",
    "order_search_ad": "AFTER DELETE ON orders BEGIN "
    "DELETE FROM order_search WHERE rowid = old.id; END",
    "order_search_au": "AFTER UPDATE OF buyer_id, receiver_name, receiver_phone, order_no "
    "ON orders BEGIN DELETE FROM order_search WHERE rowid = old.id; "
    f"INSERT INTO order_search(rowid, terms) VALUES (new.id, {_NEW}); END",
}


def present(conn: Connection) -> bool:
    if conn.dialect.name == "postgresql":
        sql = "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_orders_search'"
        return bool(conn.scalar(text(sql)))
    sql = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'order_search_%'"
    return bool(conn.scalar(text(sql)) == len(_TRIGGERS))


def build(conn: Connection) -> None:
    """Create the index over every order (the extension must exist on PostgreSQL)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_orders_search ON orders "
                f"USING gin (({SEARCH_SQL}) gin_trgm_ops)"
            )
        )
        return
    conn.execute(
        text(
            "CREATE VIRTUAL TABLE IF NOT EXISTS order_search USING fts5(terms, tokenize='trigram')"
        )
    )
    conn.execute(text("DELETE FROM order_search"))
    conn.execute(
        text(f"INSERT INTO order_search(rowid, terms) SELECT id, {SEARCH_SQL} FROM orders")
    )
    for name, body in _TRIGGERS.items():
        conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS {name} {body}"))


def drop(conn: Connection) -> None:
    """Drop the index for a bulk load into an empty table; ``build`` makes it again."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP INDEX IF EXISTS ix_orders_search"))
        return
    for name in _TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    conn.execute(text("DELETE FROM order_search"))
