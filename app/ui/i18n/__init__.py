"""Interface language: English (the source strings) and Simplified Chinese.

Every visible string in ``app/ui`` is written in English and wrapped in ``self.tr(...)`` or
``QCoreApplication.translate(context, ...)``. Translations are data: ``zh_CN.json`` in this
folder, a catalogue ``{"messages": {source: translation}, "contexts": {context: {source:
translation}}}`` that a translator edits like any other file (no compile step, no binary
``.qm`` in the repository). :class:`CatalogueTranslator` is a ``QTranslator`` that answers
Qt's look-ups from that catalogue, so Qt's own strings (``QUndoStack``'s "Undo %1",
dialog buttons) go through it too.

Look-up order for ``(context, source)``: the context's own entry, then the shared
``messages`` entry, then derived forms, so the catalogue does not repeat itself:

* mnemonics: ``"&Save"`` → translation of ``"Save"`` + ``"(&S)"`` (the Chinese convention);
* a trailing ellipsis or colon: ``"Export…"`` → translation of ``"Export"`` + ``"…"``.

Switching language (:func:`set_language`) installs or removes the translator and then
walks the given top-level widgets with :func:`retranslate_tree`, which re-reads every
action, menu, dock, tool bar, label, button, group box, tab and tool tip from the English
source it remembers in a dynamic property. Widgets built after the switch are translated
as they are created, so the whole interface follows the setting without a restart.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QToolBar,
    QWidget,
)

CATALOGUE_DIR = Path(__file__).resolve().parent

#: Interface languages: code → name shown in the settings (each in its own language).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_MNEMONIC = re.compile(r"&(?=[^&\s])")
_SUFFIXES = ("…", "...", ":", "：")


def catalogue_path(language: str) -> Path:
    return CATALOGUE_DIR / f"{language}.json"


@lru_cache(maxsize=4)
def load_catalogue(language: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(shared messages, per-context messages) of ``language``; English has none."""
    path = catalogue_path(language)
    if language == "en" or not path.exists():
        return {}, {}
    data = json.loads(path.read_text(encoding="utf-8"))
    messages = {k: v for k, v in data.get("messages", {}).items() if v}
    contexts = {ctx: {k: v for k, v in table.items() if v} for ctx, table in data.get("contexts", {}).items()}
    return messages, contexts


@runtime_checkable
class Retranslatable(Protocol):
    """A window that rebuilds the texts it composes itself after a language switch (the
    main window, the batch window); ``set_language`` calls it after ``retranslate_tree``."""

    def retranslate(self) -> None: ...


class CatalogueTranslator(QTranslator):
    """A ``QTranslator`` backed by a JSON catalogue (see the module docstring)."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.messages, self.contexts = load_catalogue(language)
        self._reverse: dict[str, str] | None = None

    # -- QTranslator -------------------------------------------------------------------
    def isEmpty(self) -> bool:  # noqa: N802 (Qt name)
        return not self.messages

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt signature)
        if not source_text:
            return source_text
        # Not found → the source itself. (Returning None from this PySide override corrupts
        # None's reference count; "" would blank the string.)
        found = self.lookup(context or "", source_text)
        return source_text if found is None else found

    # -- look-up -----------------------------------------------------------------------
    def lookup(self, context: str, source: str) -> str | None:
        """The translation of ``source`` or None when the catalogue has none."""
        table = self.contexts.get(context)
        if table and source in table:
            return table[source]
        if source in self.messages:
            return self.messages[source]
        mnemonic = _MNEMONIC.search(source)
        if mnemonic:
            letter = source[mnemonic.end()] if mnemonic.end() < len(source) else ""
            bare = self.lookup(context, source[: mnemonic.start()] + source[mnemonic.end():])
            if bare is not None:
                return f"{bare}(&{letter.upper()})" if letter.isascii() and letter.isalnum() else bare
        for suffix in _SUFFIXES:
            if source.endswith(suffix) and len(source) > len(suffix):
                bare = self.lookup(context, source[: -len(suffix)])
                if bare is not None:
                    return bare + {"...": "…", ":": "：", "：": "："}.get(suffix, suffix)
        return None

    def source_of(self, translated: str) -> str | None:
        """The English source of a translated string (for retranslating a built interface)."""
        if self._reverse is None:
            rev: dict[str, str] = {}
            for table in (*self.contexts.values(), self.messages):
                for src, dst in table.items():
                    rev.setdefault(dst, src)
            self._reverse = rev
        return self._reverse.get(translated)


def translate(context: str, text: str) -> str:
    """``QCoreApplication.translate`` (works before a QApplication exists, returning ``text``)."""
    return QCoreApplication.translate(context, text)


def current_translator() -> CatalogueTranslator | None:
    app = QCoreApplication.instance()
    return _installed_translator(app) if app is not None else None


def _installed_translator(app: QCoreApplication) -> CatalogueTranslator | None:
    """The catalogue translator ``install_language`` gave ``app`` (its child), if any."""
    return app.findChild(CatalogueTranslator, options=Qt.FindDirectChildrenOnly)


def current_language() -> str:
    tr = current_translator()
    return tr.language if tr is not None else "en"


def install_language(language: str, app: QCoreApplication | None = None) -> CatalogueTranslator | None:
    """Make ``language`` the interface language for strings translated from now on.

    Returns the installed translator (None for English). Safe to call repeatedly."""
    app = app or QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a QApplication")
    old = _installed_translator(app)
    if old is not None:
        if old.language == language:
            return old
        app.removeTranslator(old)
        old.setParent(None)   # no longer the application's translator
        old.deleteLater()
    if language not in LANGUAGES or language == "en":
        return None
    translator = CatalogueTranslator(language, parent=app)
    app.installTranslator(translator)
    return translator


# --- retranslating an interface that is already built ---------------------------------

_PROP = "_cw_src_"


@lru_cache(maxsize=4)
def _translator(language: str) -> CatalogueTranslator:
    return CatalogueTranslator(language)


def _renderings(source: str) -> set[str]:
    """Every way ``source`` can appear on screen: itself and each catalogue's translation."""
    out = {source}
    for language in LANGUAGES:
        if language != "en":
            found = _translator(language).lookup("", source)
            if found:
                out.add(found)
    return out


def _source(obj: QObject, key: str, shown: str) -> str:
    """The English source of the text ``shown`` in ``obj``'s ``key``, remembered on first sight."""
    remembered = obj.property(_PROP + key)
    if isinstance(remembered, str) and shown in _renderings(remembered):
        return remembered
    # first sight, or the widget set a new text itself since: find its English source
    src = shown
    for language in LANGUAGES:
        if language != "en":
            tr = _translator(language)
            src = tr.source_of(shown) or _derived_source(tr, shown) or src
            if src != shown:
                break
    obj.setProperty(_PROP + key, src)
    return src


def _derived_source(tr: CatalogueTranslator, shown: str) -> str | None:
    """Undo the derived forms of :meth:`CatalogueTranslator.lookup`: "保存(&S)" → "&Save",
    "导出…" → "Export…", "单位：" → "Units:", and combinations ("从模板新建…(&N)")."""
    letter = None
    m = re.fullmatch(r"(.*)\(&(\w)\)(.*)", shown, flags=re.S)
    if m:
        shown, letter = m.group(1) + m.group(3), m.group(2)
    suffix = ""
    for zh, en in (("…", "…"), ("：", ":")):
        if shown.endswith(zh) and tr.source_of(shown) is None:
            shown, suffix = shown[: -len(zh)], en
            break
    base = tr.source_of(shown)
    if base is None:
        return None
    if letter:
        spots = [i for i, c in enumerate(base) if c.lower() == letter.lower()]
        initial = [i for i in spots if i == 0 or not base[i - 1].isalnum()]   # prefer a word start
        i = (initial or spots or [-1])[0]
        base = base[:i] + "&" + base[i:] if i >= 0 else base
    return base + suffix


def _english_suffix(s: str) -> str:
    return {"：": ":"}.get(s, s)


def _tx(obj: QObject, key: str, shown: str) -> str:
    if not shown:
        return shown
    src = _source(obj, key, shown)
    return translate(type(obj).__name__, src)


def retranslate_tree(root: QWidget) -> int:
    """Re-read the visible strings of ``root`` and everything under it in the current
    language. Returns the number of strings changed."""
    changed = 0

    def put(obj, key, getter, setter):
        nonlocal changed
        shown = getter()
        if not isinstance(shown, str) or not shown:
            return
        new = _tx(obj, key, shown)
        if new != shown:
            setter(new)
            changed += 1

    widgets = [root, *root.findChildren(QWidget)]
    actions: dict[int, QAction] = {}
    for w in widgets:
        for a in w.actions():
            actions[id(a)] = a
        if isinstance(w, QMenu):
            a = w.menuAction()
            actions[id(a)] = a
    for a in root.findChildren(QAction):
        actions[id(a)] = a
    for a in actions.values():
        if a.isSeparator():
            continue
        put(a, "text", a.text, a.setText)
        put(a, "toolTip", a.toolTip, a.setToolTip)
        put(a, "statusTip", a.statusTip, a.setStatusTip)
    for w in widgets:
        if w.isWindow() or isinstance(w, (QDockWidget, QToolBar)):
            put(w, "windowTitle", w.windowTitle, w.setWindowTitle)
        if isinstance(w, QMenu):
            put(w, "title", w.title, w.setTitle)
        if isinstance(w, (QLabel, QAbstractButton)):
            put(w, "text", w.text, w.setText)
        if isinstance(w, QGroupBox):
            put(w, "title", w.title, w.setTitle)
        if isinstance(w, QLineEdit):
            put(w, "placeholder", w.placeholderText, w.setPlaceholderText)
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                put(w.widget(i) or w, f"tab{i}", lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t))
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                put(w, f"item{i}", lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t))
        put(w, "toolTip", w.toolTip, w.setToolTip)
    return changed


def set_language(language: str, roots: list[QWidget] | None = None) -> None:
    """Switch the interface language now: install the translator and retranslate ``roots``
    (default: every top-level widget)."""
    install_language(language)
    app = QApplication.instance()
    if roots is None and isinstance(app, QApplication):
        roots = [w for w in app.topLevelWidgets()]
    for root in roots or []:
        retranslate_tree(root)
        if isinstance(root, Retranslatable):
            root.retranslate()
