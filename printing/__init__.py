"""Printed documents (labels, slips, day sheet, command sheet) and print backends.

Plain data in (``data``), PDF bytes out (``render``); no database, no Qt. The queue that
sends them lives in ``returnsdesk.services.printing.queue``, the Qt backend in ``ui.print_qt``.
"""
