"""GUI fixtures: a bench window over a small demo shop in a temporary home."""

from __future__ import annotations

import datetime as dt

import pytest

from returnsdesk.services.admin.demo import fill_demo

from helpers.gui import open_bench


@pytest.fixture
def demo_context(app_context):
    fill_demo(app_context.sessions, orders=60, seed=3, today=dt.date.today())
    return app_context


@pytest.fixture
def bench(qtbot, demo_context):
    return open_bench(qtbot, demo_context)
