"""The bench's buyer search: results as the clerk types, a row for the slip's own ID.

As the clerk types, the search runs in the thread pool (at a million orders on PostgreSQL a
rare pattern takes tens of milliseconds: keys are never held up meanwhile); a result for
text since changed is dropped. Enter searches at once when what is shown is not the text's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QStringListModel, QTimer, Signal

from returnsdesk.context import AppContext
from returnsdesk.services.bench import match
from returnsdesk.services.bench.match import SearchHit
from returnsdesk.ui.bench.view import BenchView
from returnsdesk.ui.common.tasks import Task, start


class BuyerSearch(QObject):
    """Emits ``chosen(buyer, order_no)`` on Enter on a chosen row or a picked one, ``missing``
    on Enter with nothing chosen. Only a hit that is exactly the typed Wangwang ID is chosen
    by itself; taking the typed text as the slip's ID is the last row, chosen by an arrow."""

    chosen = Signal(str, str)
    missing = Signal(str)

    def __init__(self, view: BenchView, ctx: AppContext, parent: QObject) -> None:
        super().__init__(parent)
        self.v, self.ctx = view, ctx
        self.hits: list[SearchHit] = []
        self.choices: list[tuple[str, str]] = []
        self.model = QStringListModel(self)
        view.search_results.setModel(self.model)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.search_soon)
        self._shown: str | None = None  # the text whose hits are shown
        view.buyer_input.textEdited.connect(lambda _t: self._timer.start())
        view.buyer_input.returnPressed.connect(self.on_enter)
        view.search_results.activated.connect(lambda idx: self.pick(idx.row()))

    def clear(self) -> None:
        self.hits, self.choices, self._shown = [], [], None
        self.model.setStringList([])

    def search_soon(self) -> None:
        """Search the typed text in the background; shown if it is still the text then."""
        text = self.v.buyer_input.text().strip()
        if not text:
            self._show(text, [])
            return
        sessions = self.ctx.sessions
        task = Task(lambda _progress: (text, match.search(sessions, text)), self.ctx.settings.lang)
        # connected before it starts: a quick answer is not emitted to nobody. A method: let go
        # if the bench closes first.
        task.signals.done.connect(self._found)
        start(task)

    def _found(self, found: tuple[str, list[SearchHit]]) -> None:
        self._show(*found)

    def search(self) -> None:
        """Search now, on the UI thread (Enter: the clerk waits for the answer anyway)."""
        self._timer.stop()
        text = self.v.buyer_input.text().strip()
        self._show(text, match.search(self.ctx.sessions, text) if text else [])

    def _show(self, text: str, hits: list[SearchHit]) -> None:
        if text != self.v.buyer_input.text().strip() or text == self._shown:
            return  # typed on meanwhile (its own search follows), or shown already
        self.hits, self._shown = hits, text
        exact = [i for i, h in enumerate(self.hits) if h.buyer_id.lower() == text.lower()]
        self.choices = [(h.buyer_id, h.order_no) for h in self.hits]
        rows = [f"{h.buyer_id}  {h.receiver_name}  {h.phone_masked}  {h.city}" for h in self.hits]
        if text and not exact:
            self.choices.append((text, ""))
            rows.append(self.tr("按纸条上的旺旺名登记: {0}").replace("{0}", text))
        self.model.setStringList(rows)
        self.v.search_results.setCurrentIndex(self.model.index(exact[0] if exact else -1))

    def move(self, step: int) -> None:
        """Up and Down choose a row; from none, Down the first hit and Up the last row."""
        count = self.model.rowCount()
        row = self.v.search_results.currentIndex().row()
        row = (0 if step > 0 else count - 1) if row < 0 else row + step
        if 0 <= row < count:
            self.v.search_results.setCurrentIndex(self.model.index(row))

    def on_enter(self) -> None:
        if not self.v.buyer_input.text().strip():
            self.missing.emit(self.tr("请输入旺旺名, 或 F8 登记无信息件"))
            return
        if self._timer.isActive() or self._shown != self.v.buyer_input.text().strip():
            self.search()
        row = self.v.search_results.currentIndex().row()
        if row < 0:
            self.missing.emit(self.tr("请用 ↑↓ 选择一行再回车 (↑: 按纸条上的旺旺名登记)"))
            return
        self.pick(row)

    def pick(self, row: int) -> None:
        if 0 <= row < len(self.choices):
            self.chosen.emit(*self.choices[row])
