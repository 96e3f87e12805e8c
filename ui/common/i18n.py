"""Qt translations read from the ``.ts`` source at run time.

The project commits no generated files, so instead of a compiled ``.qm`` the translator parses
``resources/translations/returnsdesk_<lang>.ts`` (Qt Linguist XML) into a dict when the app starts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QObject, QTranslator

from returnsdesk.i18n import translate as core_translate

SKIPPED_TYPES = ("obsolete", "vanished")


def ts_path(lang: str) -> Path:
    """Where the translation of ``lang`` lives (it may not exist)."""
    return Path(
        str(resources.files("returnsdesk.resources") / "translations" / f"returnsdesk_{lang}.ts")
    )


def parse_ts(path: Path) -> dict[tuple[str, str], str]:
    """``(context, source) -> translation`` for every translated, live entry of a ``.ts`` file."""
    out: dict[tuple[str, str], str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            node = message.find("translation")
            if source is None or node is None or node.get("type") in SKIPPED_TYPES:
                continue
            text = node.text or ""
            if text:
                out[(name, source)] = text
    return out


class TsTranslator(QTranslator):
    """A QTranslator over a parsed ``.ts``.

    Lookups fall back from (context, source) to the source alone, because PySide's ``tr()``
    names the runtime class (a subclass gives another context than lupdate saw), then to the
    core catalogue for text the UI passes through ``tr()`` from a variable (column headers,
    state names kept in services).
    """

    def __init__(
        self, messages: dict[tuple[str, str], str], lang: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.messages = messages
        self.by_source = {source: text for (_, source), text in messages.items()}

    @classmethod
    def load_lang(cls, lang: str, parent: QObject | None = None) -> TsTranslator | None:
        path = ts_path(lang)
        return cls(parse_ts(path), lang, parent) if path.is_file() else None

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The translation, or None (a null QString: Qt then shows the source, "" would blank it)."""
        text = self.messages.get((context, source)) or self.by_source.get(source)
        if text:
            return text
        core = core_translate(source, self.lang)
        return core if core != source else None

    def isEmpty(self) -> bool:
        return not self.messages

    def language(self) -> str:
        return self.lang


MARK = "returnsdeskTranslation"


def install(lang: str, app: QCoreApplication) -> TsTranslator | None:
    """Make ``lang`` the app's language, replacing the previous one.

    Our own text needs a translator for ``en`` only (Chinese is the source); Qt's own text
    (OK/Cancel, file dialogs, the edit menu) is English, so Chinese loads Qt's shipped catalogue.
    """
    remove(app)
    qt = QTranslator(app)
    qt.setObjectName(MARK)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not lang.startswith("en") and qt.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt)
    else:
        qt.setParent(None)
    if lang.startswith("zh"):
        return None
    translator = TsTranslator.load_lang(lang, app)
    if translator is not None:
        translator.setObjectName(MARK)
        app.installTranslator(translator)
    return translator


def remove(app: QCoreApplication) -> None:
    """Take every translation ``install`` put on ``app`` off again."""
    for old in app.findChildren(QTranslator, MARK):
        app.removeTranslator(old)
        old.setParent(None)
