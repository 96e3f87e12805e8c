"""The application context: settings and the session factory, built once and passed in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory, make_engine, make_session_factory


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: SessionFactory

    @classmethod
    def open(cls, settings: Settings) -> AppContext:
        engine = make_engine(settings.db_url)
        return cls(settings, engine, make_session_factory(engine))

    def close(self) -> None:
        self.engine.dispose()
