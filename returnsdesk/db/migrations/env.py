"""Alembic environment: run programmatically by ``returnsdesk.db.migrate``."""

from alembic import context
from sqlalchemy import Connection

from returnsdesk.db.migrate import is_model_object
from returnsdesk.db.models import Base

config = context.config


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=is_model_object,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with 'returnsdesk db upgrade'")
run(connection)
