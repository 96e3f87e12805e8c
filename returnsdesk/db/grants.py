"""The rights of a station's role on a shared PostgreSQL: what the program uses, nothing more.

The owner role creates and migrates the tables (``db upgrade``); the stations connect as a
role that owns nothing, so it can neither TRUNCATE nor ALTER a table (``DISABLE TRIGGER``),
nor change an append-only row: on those tables it may only SELECT and INSERT, plus the one
column a hand-over sets (``money_entries.handover_id``, ``cash_handovers.sealed``), which the
triggers still check.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

from returnsdesk.db.base import Base
from returnsdesk.errors import InvalidInput

#: append-only tables, with the columns an UPDATE may name (the triggers say which changes)
APPEND_ONLY: dict[str, tuple[str, ...]] = {
    "audit_log": (),
    "refund_decisions": (),
    "money_entries": ("handover_id",),
    "cash_handovers": ("sealed",),
    "evidence": (),
    "evidence_removals": (),
}
READ_ONLY = ("alembic_version",)  # the stations check the schema version; the owner moves it

_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def statements(role: str, database: str) -> list[str]:
    """The GRANTs for ``role`` on ``database``, in the order to run them."""
    if not _NAME.match(role):
        raise InvalidInput(
            "角色名 {role} 无效: 只用小写字母、数字和下划线", field="role", role=role
        )
    if not _NAME.match(database):
        raise InvalidInput("数据库名 {database} 无效", field="database", database=database)
    out = [
        f"GRANT CONNECT ON DATABASE {database} TO {role}",
        f"GRANT USAGE ON SCHEMA public TO {role}",
    ]
    for table in sorted(Base.metadata.tables):
        if table in APPEND_ONLY:
            out.append(f"GRANT SELECT, INSERT ON {table} TO {role}")
            if APPEND_ONLY[table]:
                out.append(f"GRANT UPDATE ({', '.join(APPEND_ONLY[table])}) ON {table} TO {role}")
        else:
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}")
    out += [f"GRANT SELECT ON {table} TO {role}" for table in READ_ONLY]
    out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}")
    return out


def apply(engine: Engine, role: str) -> list[str]:
    """Run the GRANTs as the owner (the engine's user); returns what was run."""
    database = engine.url.database or ""
    done = statements(role, database)
    with engine.begin() as conn:  # schema rights, once, by the owner: not a station's use case
        for sql in done:
            conn.execute(text(sql))
    return done
