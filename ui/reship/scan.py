"""The desk's two-scan loop: the slip's barcode, then the new outbound tracking number.

Plain Python (no Qt) so the loop is tested without a window; the window shows its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass

from returnsdesk.config import Settings
from returnsdesk.db.engine import SessionFactory
from returnsdesk.domain.codes import parse_reship_code
from returnsdesk.domain.kinds import SlipState
from returnsdesk.errors import UserError
from returnsdesk.i18n import translate
from returnsdesk.services.reship import flow as reship_flow
from returnsdesk.services.reship.rows import SlipRow


@dataclass(frozen=True)
class ScanOutcome:
    kind: str  # "slip" (waiting for the tracking number), "shipped", "error"
    text: str  # what the status line says
    slip: SlipRow | None = None
    message: str = ""  # the customer message, when there is one to copy


class ScanLoop:
    def __init__(self, sessions: SessionFactory, settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings
        self.current: SlipRow | None = None

    def _tr(self, text: str, **params: object) -> str:
        return translate(text, self._settings.lang, **params)

    def reset(self) -> None:
        self.current = None

    def handle(self, value: str) -> ScanOutcome:
        v = value.strip()
        if not v:
            return ScanOutcome("error", self._tr("请扫补发单条码"))
        try:
            if parse_reship_code(v) is not None or (v.isdigit() and len(v) <= 7):
                return self._slip(reship_flow.resolve_scan(self._sessions, v))
            if self.current is None:
                return ScanOutcome("error", self._tr("请先扫补发单条码, 再扫新快递单号"))
            s = self._settings
            res = reship_flow.ship(self._sessions, self.current.id, v, s.shop, s.user, s.station)
        except UserError as exc:
            return ScanOutcome("error", exc.text(self._settings.lang), self.current)
        self.current = None
        text = self._tr("{code} 已发货: {courier} {tracking}", code=res.slip.code,
                        courier=res.courier, tracking=res.tracking)  # fmt: skip
        return ScanOutcome("shipped", text, res.slip, res.message)

    def _slip(self, slip: SlipRow) -> ScanOutcome:
        if slip.state == SlipState.SHIPPED:
            self.current = None
            msg = reship_flow.message_of(slip, self._settings.shop)
            text = self._tr("{code} 已发货: {courier} {tracking}", code=slip.code,
                            courier=slip.out_courier, tracking=slip.out_tracking)  # fmt: skip
            return ScanOutcome("error", text, slip, msg)
        if slip.state != SlipState.PRINTED:
            self.current = None
            return ScanOutcome("error", self._tr("{code} 还没有打印", code=slip.code), slip)
        self.current = slip
        text = self._tr("{code} {receiver}: 请扫新快递单号", code=slip.code, receiver=slip.receiver)
        return ScanOutcome("slip", text, slip)
