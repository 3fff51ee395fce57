"""The status-bar light: live preflight at a glance (like InDesign's and Affinity's).

Grey while the checker is still loading, green when nothing is found, amber when the worst
finding is a warning, red when an error would stop the export. The text beside the light
gives the counts ("2 errors, 1 warning"), followed by "checking…" while the counts are
provisional (the sentence encoder's findings follow once typing pauses); a click emits
``clicked`` (the live-check service opens the findings panel).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.ui.i18n import translate

COLOURS = {
    "off": QColor("#9aa3ad"),
    "ok": QColor("#2e9e5b"),
    "warning": QColor("#e0a21b"),
    "error": QColor("#d64545"),
}


def _tr(text: str) -> str:
    return translate("StatusLight", text)


def summary(errors: int, warnings: int, infos: int = 0) -> str:
    """"2 errors, 1 warning" in the interface language; "No problems" when clean."""
    parts = []
    if errors:
        parts.append((_tr("%n errors") if errors != 1 else _tr("1 error")).replace("%n", str(errors)))
    if warnings:
        parts.append((_tr("%n warnings") if warnings != 1 else _tr("1 warning")).replace("%n", str(warnings)))
    if infos:
        parts.append((_tr("%n notes") if infos != 1 else _tr("1 note")).replace("%n", str(infos)))
    return _tr(", ").join(parts) if parts else _tr("No problems")


class StatusLight(QWidget):
    """A round light and the counts; click to open the findings panel."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("status-light")
        self.setCursor(Qt.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self.state = "off"
        self.counts = (0, 0, 0)
        self.provisional = False
        self.text = _tr("Checker loading…")
        self.setToolTip(_tr("Live check: click to show the findings"))

    def set_loading(self) -> None:
        self.state, self.text = "off", _tr("Checker loading…")
        self._refresh()

    def set_unavailable(self, reason: str) -> None:
        self.state, self.text = "off", _tr("Checker unavailable")
        self.setToolTip(reason)
        self._refresh()

    def set_counts(self, errors: int, warnings: int, infos: int = 0, provisional: bool = False) -> None:
        """Show the counts; ``provisional``: more findings may follow (a deep check is due)."""
        self.counts = (errors, warnings, infos)
        self.provisional = provisional
        self.state = "error" if errors else "warning" if warnings else "ok"
        self.text = self._counts_text()
        self._refresh()

    def _counts_text(self) -> str:
        text = summary(*self.counts)
        return _tr("%1 · checking…").replace("%1", text) if self.provisional else text

    def retranslate(self) -> None:
        if self.state == "off":
            self.text = _tr("Checker loading…")
        else:
            self.text = self._counts_text()
        self.setToolTip(_tr("Live check: click to show the findings"))
        self._refresh()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _refresh(self) -> None:
        self.updateGeometry()
        self.update()

    def colour(self) -> QColor:
        return COLOURS[self.state]

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self.text) + 30, max(20, fm.height() + 6))

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        d = 12.0
        y = (self.height() - d) / 2
        p.setPen(QPen(self.colour().darker(130), 1))
        p.setBrush(self.colour())
        p.drawEllipse(QRectF(6, y, d, d))
        p.setPen(self.palette().windowText().color())
        p.drawText(QRectF(24, 0, self.width() - 24, self.height()), Qt.AlignVCenter | Qt.AlignLeft, self.text)
        p.end()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)
