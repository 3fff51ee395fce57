"""The designer's side of ``app.fixes``: fix buttons, the ASIN question, one undo step.

* :func:`fixes` — the fixes for a finding on the card the live-check service follows (its
  marketplace profile decides whether an Amazon link is a fix at all);
* :class:`FixButton` — one button per finding: a single fix reads "Apply: <label>", several
  open a menu, none hides the button (a button that does nothing is worse than none). The
  hover card and the findings panel both use it;
* :func:`apply` — asks for the product's ASIN when the chosen fix needs one and the card has
  none (:func:`ask_asin`, ten letters or digits), then pushes :class:`ApplyFix`: one undo
  command whose text is the fix's label ("Undo Remove the QR code").

``app.fixes`` is imported when first needed: it loads the checks package, which the window
must not wait for.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QUndoCommand
from PySide6.QtWidgets import (
    QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QMenu, QPushButton, QVBoxLayout, QWidget,
)

from app.ui.i18n import translate

if TYPE_CHECKING:
    from app.fixes import Edit, Fix
    from app.model.document import Document
    from app.ui.live_presenter import LivePresenter
    from checks.findings import Finding

#: the English label of every fix (app.fixes), marked here so the catalogue translates it
LABELS = {
    "qr-remove": QT_TRANSLATE_NOOP("Fixes", "Remove the QR code"),
    "qr-amazon-review": QT_TRANSLATE_NOOP("Fixes", "Point it at the product's Amazon review page"),
    "qr-amazon-orders": QT_TRANSLATE_NOOP("Fixes", "Point it at the buyer's Amazon orders page"),
    "move-into-safe": QT_TRANSLATE_NOOP("Fixes", "Move the text into the safe zone"),
    "bleed-extend": QT_TRANSLATE_NOOP("Fixes", "Extend it to the bleed"),
    "image-cmyk": QT_TRANSLATE_NOOP("Fixes", "Convert the image to CMYK"),
    "text-shrink": QT_TRANSLATE_NOOP("Fixes", "Shrink the text to fit"),
    "text-100k": QT_TRANSLATE_NOOP("Fixes", "Set the small text in 100 % K"),
    "qr-black-on-white": QT_TRANSLATE_NOOP("Fixes", "Make it black on white"),
    "qr-white-ground": QT_TRANSLATE_NOOP("Fixes", "Give it a white background"),
}


def _tr(text: str) -> str:
    return translate("Fixes", text)


def label(fix: Fix) -> str:
    """The fix's label in the interface language."""
    return _tr(fix.label)


# ------------------------------------------------------------------------------ the command
class ApplyFix(QUndoCommand):
    """One fix as one undo step: redo applies its edits, undo plays back their inverse."""

    def __init__(self, doc: Document, fix: Fix) -> None:
        super().__init__(label(fix))
        self.doc = doc
        self.fix = fix
        self.undo_edits: tuple[Edit, ...] = ()

    def redo(self) -> None:
        try:
            self.undo_edits = self.fix.apply(self.doc)
        except Exception:
            self.setObsolete(True)
            raise

    def undo(self) -> None:
        from app.fixes import revert

        revert(self.doc, self.undo_edits)
        self.undo_edits = ()


# ------------------------------------------------------------------------------ the presenter's side
def fixes(presenter: LivePresenter, finding: Finding) -> list[Fix]:
    """The fixes for ``finding`` on the card the live check follows."""
    doc = presenter.document
    if doc is None or not finding.element_id:
        return []
    from app.fixes import fixes_for

    return fixes_for(doc, finding, presenter.service.profile)


def apply(presenter: LivePresenter, finding: Finding, fix: Fix | None = None) -> bool:
    """Apply ``fix`` (default: the finding's only fix) as one undo step; False when there is
    nothing to apply or the user cancelled the ASIN question."""
    doc = presenter.document
    if doc is None:
        return False
    offered = fixes(presenter, finding)
    if fix is None:
        if len(offered) != 1:
            return False
        fix = offered[0]
    elif fix.key not in {f.key for f in offered}:
        return False         # the card moved on since the button was shown
    if fix.needs == "asin":
        asin = ask_asin(presenter.panel.window())
        if asin is None:
            return False
        fix = fix.with_asin(asin)
    QApplication.setOverrideCursor(Qt.WaitCursor)   # converting a large photograph takes seconds
    try:
        presenter.undo_stack.push(ApplyFix(doc, fix))
    finally:
        QApplication.restoreOverrideCursor()
    return True


def attach_panel(presenter: LivePresenter) -> None:
    """Fix buttons in the findings panel's rows."""
    presenter.panel.fixes_for = lambda finding: fixes(presenter, finding)
    presenter.panel.fix_requested.connect(presenter.apply_suggestion)


def attach_card(presenter: LivePresenter) -> None:
    """Fix buttons on the hover card."""
    presenter.card.fixes_for = lambda finding: fixes(presenter, finding)
    presenter.card.fix_requested.connect(presenter.apply_suggestion)


# ------------------------------------------------------------------------------ the ASIN
class AsinDialog(QDialog):
    """Asks for the product's ASIN: ten letters or digits, OK only when it is one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("asin-dialog")
        self.setWindowTitle(_tr("Product ASIN"))
        text = QLabel(_tr("The review page belongs to one product. Enter its ASIN (10 letters or digits, "
                          "on the product page under Product information); it is kept in the card."))
        text.setWordWrap(True)
        self.edit = QLineEdit()
        self.edit.setObjectName("asin-edit")
        self.edit.setPlaceholderText("B0C1234567")
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(QRegularExpression("[A-Za-z0-9]{0,10}"), self.edit))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(360)
        self._validate()

    def _validate(self) -> None:
        from app.fixes import ASIN_RE

        ok = bool(ASIN_RE.match(self.edit.text().strip().upper()))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(ok)

    def asin(self) -> str:
        return self.edit.text().strip().upper()


def ask_asin(parent: QWidget | None) -> str | None:
    """The product's ASIN from the user, or None when they cancel."""
    dialog = AsinDialog(parent)
    return dialog.asin() if dialog.exec() == QDialog.Accepted else None


# ------------------------------------------------------------------------------ the button
class FixButton(QPushButton):
    """The fixes for one finding: "Apply: <label>" for one, a menu for several, hidden for none.
    ``chosen(fix)`` says which the user picked."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fix-button")
        self._fixes: list[Fix] = []
        self._menu = QMenu(self)
        self._menu.setObjectName("fix-menu")
        self.clicked.connect(self._clicked)
        self.setVisible(False)

    def fixes(self) -> list[Fix]:
        return list(self._fixes)

    def set_fixes(self, fixes: list[Fix]) -> None:
        self._fixes = list(fixes)
        self._menu.clear()
        if len(self._fixes) > 1:
            for fix in self._fixes:
                action = self._menu.addAction(label(fix))
                action.setObjectName(f"fix-{fix.key}")
                action.setToolTip(fix.detail)
                action.triggered.connect(lambda _checked=False, f=fix: self.chosen.emit(f))
            self.setMenu(self._menu)
        else:
            self.setMenu(None)
        self.retranslate()
        self.setVisible(bool(self._fixes))

    def menu_actions(self) -> list:
        return list(self._menu.actions())

    def retranslate(self) -> None:
        if len(self._fixes) == 1:
            fix = self._fixes[0]
            self.setText(_tr("Apply: %1").replace("%1", label(fix)))
            self.setToolTip(fix.detail)
        elif self._fixes:
            self.setText(_tr("Apply a fix"))
            self.setToolTip(_tr("Choose one of %1 fixes (one undo step)").replace("%1", str(len(self._fixes))))
        for action, fix in zip(self._menu.actions(), self._fixes):
            action.setText(label(fix))

    def _clicked(self) -> None:
        if len(self._fixes) == 1:
            self.chosen.emit(self._fixes[0])


def fix_button(fixes_: list[Fix], on_chosen: Callable[[Fix], None], parent: QWidget | None = None) -> FixButton:
    button = FixButton(parent)
    button.set_fixes(fixes_)
    button.chosen.connect(on_chosen)
    return button


__all__ = ["ApplyFix", "AsinDialog", "FixButton", "LABELS", "apply", "ask_asin", "attach_card", "attach_panel",
           "fix_button", "fixes", "label"]
