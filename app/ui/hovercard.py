"""The hover card: what a finding means and what to do about it, at the underline.

It shows the severity and rule, the message in the interface language (a toggle shows the
other language: Chinese sellers often pass cards to English-speaking agents and back), the
suggested rewrite, the policy source as a clickable link, and three buttons:

* **Apply suggestion** → ``apply_requested(finding)`` (the presenter pushes one undo command);
  where the finding has fixes instead (a QR code, a print finding: ``app.fixes``) the fix
  button ("Apply: <label>", or a menu of several) → ``fix_requested(finding, fix)``;
* **Ignore once** → asks for a reason, then ``ignore_requested(finding, reason)`` (stored in
  the document, so it survives save and open);
* **Disable rule** → ``disable_requested(finding)`` (added to the settings' ignore list).

The card is a child overlay of the canvas viewport rather than a separate tool-tip window,
so it moves with the canvas, can hold buttons, and appears in ``window.grab()``.
"""
from __future__ import annotations

import html
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsDropShadowEffect,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.fix_actions import FixButton
from app.ui.i18n import current_language, translate
from app.ui.panels.findings import SEVERITY_COLOURS

if TYPE_CHECKING:
    from checks.findings import Finding

CATEGORY_TITLES = {
    "review-incentive": "Incentive for a review",
    "review-positive": "Asking for a positive review",
    "review-gating": "Review gating",
    "review-removal": "Asking to change or remove a review",
    "offsite-diversion": "Sending buyers off the marketplace",
    "data-collection": "Collecting buyer data",
    "offsite-contact": "Contact outside the marketplace",
    "external-link": "Link outside the marketplace",
    "marketing": "Marketing",
    "marketplace-trademark": "Marketplace trademark",
    "print": "Print preflight",
    "not-checked": "Not checked",
}


def _tr(text: str) -> str:
    return translate("HoverCard", text)


class HoverCard(QFrame):
    """A finding explained, with its three actions."""

    apply_requested = Signal(object)
    fix_requested = Signal(object, object)     # (finding, app.fixes.Fix)
    ignore_requested = Signal(object, str)
    disable_requested = Signal(object)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None, can_apply: Callable[[Finding], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hover-card")
        # whether Apply suggestion can act on a finding (the live-check presenter knows the card
        # being designed; on its own the card offers any suggestion)
        self.can_apply: Callable[[Finding], bool] = can_apply or (lambda finding: bool(finding.suggestion))
        # the fixes for a finding (app.fixes; the presenter knows the card), none on its own
        self.fixes_for: Callable[[Finding], list] = lambda finding: []
        self.setFrameShape(QFrame.StyledPanel)
        self.setAttribute(Qt.WA_StyledBackground, True)
        self.setStyleSheet(
            "#hover-card { background: #ffffff; border: 1px solid #c9d1db; border-radius: 8px; }"
            "#hover-card QLabel { background: transparent; }"
            "#hover-title { font-weight: 600; }"
            "#hover-rule { color: #6b7683; }"
            "#hover-other { color: #4b5563; }"
            "#hover-suggestion { background: #eef6ee; border-radius: 4px; padding: 6px; }"
            "#hover-card QPushButton { padding: 4px 10px; }"
        )
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(18)
        shadow.setOffset(0, 3)
        shadow.setColor(QColor(0, 0, 0, 70))
        self.setGraphicsEffect(shadow)
        self.setMaximumWidth(420)
        self.setMinimumWidth(320)

        self.dot = QLabel()
        self.dot.setFixedSize(12, 12)
        self.title = QLabel()
        self.title.setObjectName("hover-title")
        self.rule = QLabel()
        self.rule.setObjectName("hover-rule")
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.dot)
        head.addWidget(self.title, 1)
        head.addWidget(self.rule)

        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.PlainText)
        self.quote.setObjectName("hover-quote")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.PlainText)
        self.message.setObjectName("hover-message")
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.other = QLabel()
        self.other.setWordWrap(True)
        self.other.setTextFormat(Qt.PlainText)
        self.other.setObjectName("hover-other")
        self.other.setVisible(False)
        self.toggle = QLabel()
        self.toggle.setObjectName("hover-toggle")
        self.toggle.setTextFormat(Qt.RichText)
        self.toggle.setTextInteractionFlags(Qt.LinksAccessibleByMouse)
        self.toggle.linkActivated.connect(lambda _link: self.toggle_other_language())
        self.suggestion = QLabel()
        self.suggestion.setObjectName("hover-suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setTextFormat(Qt.PlainText)
        self.source = QLabel()
        self.source.setObjectName("hover-source")
        self.source.setOpenExternalLinks(True)
        self.source.setTextFormat(Qt.RichText)
        self.source.setTextInteractionFlags(Qt.TextBrowserInteraction)
        self.source.setWordWrap(True)

        self.apply_button = QPushButton()
        self.apply_button.setObjectName("hover-apply")
        self.apply_button.setDefault(True)
        self.ignore_button = QPushButton()
        self.ignore_button.setObjectName("hover-ignore")
        self.disable_button = QPushButton()
        self.disable_button.setObjectName("hover-disable")
        self.apply_button.clicked.connect(self._apply)
        self.fix_button = FixButton()
        self.fix_button.setObjectName("hover-fix")
        self.fix_button.chosen.connect(self._fix)
        self.ignore_button.clicked.connect(self._ask_and_ignore)
        self.disable_button.clicked.connect(self._disable)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.ignore_button)
        buttons.addWidget(self.disable_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(7)
        layout.addLayout(head)
        layout.addWidget(self.quote)
        layout.addWidget(self.message)
        layout.addWidget(self.other)
        layout.addWidget(self.toggle)
        layout.addWidget(self.suggestion)
        layout.addWidget(self.source)
        fix_row = QHBoxLayout()       # a row of its own: "Apply: <label>" can be long
        fix_row.addWidget(self.fix_button)
        fix_row.addStretch(1)
        layout.addLayout(fix_row)
        layout.addLayout(buttons)

        self.finding: Finding | None = None
        self.showing_other = False
        self._hide_timer = QTimer(self)
        self._hide_timer.setSingleShot(True)
        self._hide_timer.setInterval(450)
        self._hide_timer.timeout.connect(self._hide_if_idle)
        self.hide()
        self.retranslate()

    # -- content -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.apply_button.setText(_tr("Apply suggestion"))
        self.ignore_button.setText(_tr("Ignore once"))
        self.disable_button.setText(_tr("Disable rule"))
        self.apply_button.setToolTip(_tr("Replace the underlined words with the suggestion (one undo step)"))
        self.ignore_button.setToolTip(_tr("Keep this wording here; the reason is saved in the card"))
        self.disable_button.setToolTip(_tr("Stop checking this rule (Settings › Disabled rules turns it back on)"))
        self.fix_button.retranslate()
        if self.finding is not None:
            self.set_finding(self.finding)

    def set_finding(self, finding: Finding) -> None:
        self.finding = finding
        zh_ui = current_language().startswith("zh")
        colour = SEVERITY_COLOURS[str(finding.severity)]
        self.dot.setStyleSheet(f"background: {colour}; border-radius: 6px;")
        severity = {"error": _tr("Error"), "warning": _tr("Warning"), "info": _tr("Note")}[str(finding.severity)]
        category = _tr(CATEGORY_TITLES.get(str(finding.category), str(finding.category)))
        from app.ui.panels.findings import rule_label

        name = rule_label(finding)           # the rule's title; a rule without one: its category
        name = category if name == finding.rule else name
        self.title.setText(_tr("%1: %2").replace("%1", severity).replace("%2", name))
        self.rule.setText(finding.rule)
        self.rule.setToolTip(f"{category} · {finding.name}")
        self.quote.setText(f"“{finding.text}”" if finding.text else "")
        self.quote.setVisible(bool(finding.text))
        primary = finding.message_zh if zh_ui and finding.message_zh else finding.message
        secondary = finding.message if zh_ui else finding.message_zh
        self.message.setText(primary)
        self.other.setText(secondary or "")
        has_other = bool(secondary) and secondary != primary
        self.toggle.setVisible(has_other)
        self.other.setVisible(has_other and self.showing_other)
        self._update_toggle()
        if finding.suggestion:
            self.suggestion.setText(_tr("Suggestion: %1").replace("%1", finding.suggestion))
            self.suggestion.setToolTip(finding.suggestion)
        self.suggestion.setVisible(bool(finding.suggestion))
        # a button that does nothing is worse than none: shown only where the rewrite applies,
        # or the finding's fixes instead (none: no button)
        fixes = self.fixes_for(finding)
        self.fix_button.set_fixes(fixes)
        self.apply_button.setVisible(not fixes and bool(finding.suggestion) and self.can_apply(finding))
        if finding.source is not None:
            title = html.escape(finding.source.title, quote=False)
            if finding.source.url:
                link = f'<a href="{html.escape(finding.source.url, quote=True)}">{title}</a>'
            else:
                link = title
            self.source.setText(html.escape(_tr("Policy: %1"), quote=False).replace("%1", link))
            self.source.setToolTip(finding.source.url)
        self.source.setVisible(finding.source is not None)
        self.adjustSize()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_toggle(self) -> None:
        zh_ui = current_language().startswith("zh")
        if self.showing_other:
            label = _tr("Hide the other language")
        else:
            label = _tr("Show in English") if zh_ui else _tr("Show in Chinese (中文)")
        self.toggle.setText(f'<a href="#toggle">{html.escape(label)}</a>')

    def toggle_other_language(self) -> None:
        self.showing_other = not self.showing_other
        self.other.setVisible(self.showing_other and bool(self.other.text()))
        self._update_toggle()
        self.adjustSize()
        self._keep_inside()

    def _keep_inside(self) -> None:
        """Move the card back inside its parent and the screen after it grew."""
        if self.parentWidget() is None:
            return
        size = self._fitted_size()
        bounds = self._bounds(size)
        self.resize(size)
        self.move(QPoint(max(bounds.left(), min(self.x(), bounds.right() - size.width() + 1)),
                         max(bounds.top(), min(self.y(), bounds.bottom() - size.height() + 1))))

    # -- placement ---------------------------------------------------------------------
    def show_at(self, finding: Finding, anchor: QRect) -> None:
        """Show ``finding`` next to ``anchor`` (parent coordinates): below it and starting at
        its left if there is room, else above it and/or ending at its right; always inside
        the parent and the part of the screen available to windows."""
        self.showing_other = False
        self.set_finding(finding)
        self.adjustSize()
        size = self._fitted_size()
        x, y = anchor.left(), anchor.bottom() + 6
        if self.parentWidget() is not None:
            x, y = self._place(anchor, size, self._bounds(size)).toTuple()
        self.resize(size)
        self.move(QPoint(x, y))
        self._hide_timer.stop()
        self.show()
        self.raise_()

    def _fitted_size(self) -> QSize:
        """The size the card takes once resized: its hint within its minimum and maximum
        width (a short Chinese text hints narrower than the minimum), at the height its
        wrapped labels need at that width."""
        hint = self.sizeHint()
        width = max(self.minimumWidth(), min(hint.width(), self.maximumWidth()))
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        return QSize(width, max(height, self.minimumHeight()) if height > 0 else hint.height())

    def _bounds(self, size: QSize, margin: int = 4) -> QRect:
        """Where the card may go, in parent coordinates: the parent's area that is on the
        screen (a window reaching past the screen edge), or the whole parent when that part
        is too small to hold the card."""
        parent = self.parentWidget()
        area = parent.rect().adjusted(margin, margin, -margin, -margin)
        screen = parent.screen()
        if screen is not None:
            avail = screen.availableGeometry()
            on_screen = QRect(parent.mapFromGlobal(avail.topLeft()), parent.mapFromGlobal(avail.bottomRight()))
            visible = area.intersected(on_screen.adjusted(margin, margin, -margin, -margin))
            if visible.width() >= size.width() and visible.height() >= size.height():
                return visible
        return area

    @staticmethod
    def _place(anchor: QRect, size: QSize, bounds: QRect) -> QPoint:
        """Top-left corner for a card of ``size`` next to ``anchor`` inside ``bounds``: flipped
        to end at the anchor's right edge when it would cross the right edge, and above the
        anchor when there is no room below; then clamped."""
        x = anchor.left()
        if x + size.width() - 1 > bounds.right():
            x = anchor.right() - size.width() + 1            # flip left
        y = anchor.bottom() + 6
        if y + size.height() - 1 > bounds.bottom() and anchor.top() - 6 - size.height() >= bounds.top():
            y = anchor.top() - 6 - size.height()             # flip up
        x = max(bounds.left(), min(x, bounds.right() - size.width() + 1))
        y = max(bounds.top(), min(y, bounds.bottom() - size.height() + 1))
        return QPoint(x, y)

    def hide_soon(self) -> None:
        if self.isVisible() and not self.underMouse() and not self._menu_open():
            self._hide_timer.start()

    def _menu_open(self) -> bool:
        """The fix menu is open: the pointer left the card for it, the card must stay."""
        menu = self.fix_button.menu()
        return menu is not None and menu.isVisible()

    def _hide_if_idle(self) -> None:
        if not self._menu_open():
            self.dismiss()

    def keep(self) -> None:
        self._hide_timer.stop()

    def dismiss(self) -> None:
        self._hide_timer.stop()
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def enterEvent(self, event) -> None:  # noqa: N802
        self.keep()
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.hide_soon()
        super().leaveEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape:
            self.dismiss()
            return
        super().keyPressEvent(event)

    # -- actions -----------------------------------------------------------------------
    def ask_reason(self) -> str | None:
        """Ask why this occurrence may stay; None when the user cancels or gives none."""
        reason, ok = QInputDialog.getText(
            self.window(),
            _tr("Ignore once"),
            _tr("Why may this wording stay here? (saved in the card, shown on the sign-off sheet)"),
            QLineEdit.Normal,
            "",
        )
        reason = (reason or "").strip()
        return reason if ok and reason else None

    def _apply(self) -> None:
        if self.finding is not None and self.finding.suggestion and self.can_apply(self.finding):
            finding = self.finding
            self.dismiss()
            self.apply_requested.emit(finding)

    def _fix(self, fix) -> None:
        if self.finding is not None:
            finding = self.finding
            self.dismiss()
            self.fix_requested.emit(finding, fix)

    def _ask_and_ignore(self) -> None:
        if self.finding is None:
            return
        finding = self.finding
        self.keep()
        reason = self.ask_reason()
        if reason:
            self.dismiss()
            self.ignore_requested.emit(finding, reason)

    def _disable(self) -> None:
        if self.finding is not None:
            finding = self.finding
            self.dismiss()
            self.disable_requested.emit(finding)
