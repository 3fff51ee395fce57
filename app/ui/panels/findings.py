"""The findings panel: compliance and preflight findings together, grouped by severity.

Each group header carries its count ("Errors (2)"). A row shows the rule id, the message in
the interface language (the other language in the tool tip, with the suggestion) and where
the finding is (element name and side). The rule is named by its title in the interface
language (``app.batch.titles``; the id and machine name are in its tool tip). Clicking a row emits ``activated(finding)``; the
live-check service then selects the element (switching side if needed) and the span.
Double-click or Enter also emits ``explained(finding)``: the hover card opens there.
A finding with fixes (``app.fixes``: a QR code, a print finding) has a fix button in its
last column ("Apply: <label>", or a menu of several) → ``fix_requested(finding, fix)``;
one without has none.

The panel only shows what it is given (``set_findings``); it computes nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from PySide6.QtCore import QEvent, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QHeaderView, QLabel, QSizePolicy, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from app.ui.fix_actions import FixButton
from app.ui.i18n import current_language, translate

if TYPE_CHECKING:   # the checks package costs ~0.3 s to import: not before the window shows
    from checks.findings import Finding

ORDER = ("error", "warning", "info")          # Severity values, worst first
SEVERITY_COLOURS = {"error": "#d64545", "warning": "#c98a00", "info": "#2f7de1"}
FINDING_ROLE = Qt.UserRole + 1


def _tr(text: str) -> str:
    return translate("FindingsPanel", text)


def group_title(severity: str, count: int) -> str:
    label = {"error": _tr("Errors"), "warning": _tr("Warnings"), "info": _tr("Notes")}[str(severity)]
    return f"{label} ({count})"


def localized_message(finding: Finding, language: str | None = None) -> str:
    """The finding's message in ``language`` (default: the interface language)."""
    language = language or current_language()
    if language.startswith("zh") and finding.message_zh:
        return finding.message_zh
    return finding.message


def rule_label(finding: Finding, language: str | None = None) -> str:
    """The finding's rule by its title in ``language`` (default: the interface language)."""
    from app.batch.titles import rule_title

    return rule_title(finding.rule, (language or current_language()).startswith("zh"))


def other_message(finding: Finding, language: str | None = None) -> str:
    language = language or current_language()
    return finding.message if language.startswith("zh") else (finding.message_zh or finding.message)


class FindingsPanel(QWidget):
    """A tree of findings grouped by severity."""

    activated = Signal(object)      # click: go to the finding
    explained = Signal(object)      # double-click or Enter: go there and open its hover card
    fix_requested = Signal(object, object)   # (finding, app.fixes.Fix) from a row's fix button

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findings-panel")
        self.tree = QTreeWidget()
        self.tree.setObjectName("findings-tree")
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeToContents)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._explain)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #5b6673; padding: 16px;")
        # The dock keeps the height the user gave it: neither the list nor the message may ask
        # the main window for more room as findings come and go (the panel's own minimum and
        # hint below are the same whatever it shows), and the list scrolls instead.
        for child in (self.tree, self.empty):
            child.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Ignored)
            child.setMinimumHeight(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.setMinimumHeight(self._rows_height(2))
        self._findings: list[Finding] = []
        self._describe: Callable[[Finding], str] = lambda f: ""
        #: the fixes for a finding (the live-check service sets it; on its own: none)
        self.fixes_for: Callable[[Finding], list] = lambda f: []
        self._loading = True
        self._provisional = False
        self._unavailable: str | None = None
        self.retranslate()

    def _rows_height(self, rows: int) -> int:
        """The height of the column header and ``rows`` whole rows (a group header is a row)."""
        bold = QFont(self.font())
        bold.setBold(True)
        row = QFontMetrics(bold).height() + 8
        frame = 2 * self.tree.frameWidth()
        return self.tree.header().sizeHint().height() + rows * row + frame

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(240, self._rows_height(2))

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt)
        return QSize(480, self._rows_height(5))

    # -- content -----------------------------------------------------------------------
    def set_loading(self, loading: bool) -> None:
        self._loading = loading
        self._rebuild()

    def set_unavailable(self, reason: str | None) -> None:
        """The wording check cannot run (the reason is shown; print findings still are)."""
        self._unavailable = reason
        self._loading = False
        self._rebuild()

    def set_findings(self, findings: Iterable[Finding], describe: Callable[[Finding], str] | None = None,
                     *, provisional: bool = False) -> None:
        """Show ``findings``; ``describe(finding)`` says where it is (element, side);
        ``provisional``: the sentence encoder has not read the newest wording yet, so an empty
        list says "nothing so far", not "ready to print"."""
        new = sorted(findings, key=lambda f: (-f.severity.rank, f.element_id or "", f.start, f.rule))
        if describe is not None:
            self._describe = describe
        if provisional != self._provisional:
            self._provisional = provisional
            if not new:
                self._findings = new
                self._loading = False
                self._rebuild()
                return
        if self._moved_only(new):
            # the same findings, moved with the text typed before them: the rows look the
            # same, so they stay; each row now holds its finding where it is (quietly: nothing
            # shown changes, and the view would re-measure its columns for each)
            with QSignalBlocker(self.tree.model()):
                for row, f in zip(self.rows(), new):
                    row.setData(0, FINDING_ROLE, f)
            self._findings = new
            return
        self._findings = new
        self._loading = False
        self._rebuild()

    def _moved_only(self, new: list[Finding]) -> bool:
        """``new`` shows exactly as the rows do: the same findings but for their offsets, at
        the same places (rows with fix buttons are always rebuilt: a fix is made for the card
        as it is)."""
        old = self._findings
        if self._loading or self._unavailable or len(old) != len(new) or not new:
            return False
        rows = self.rows()
        if len(rows) != len(new) or any(self.tree.itemWidget(row, 3) is not None for row in rows):
            return False
        return all(a.with_(start=0, end=0) == b.with_(start=0, end=0) and row.text(2) == self._describe(b)
                   for a, b, row in zip(old, new, rows))

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def counts(self) -> dict[str, int]:
        """Findings per severity value ("error", "warning", "info")."""
        out = {s: 0 for s in ORDER}
        for f in self._findings:
            out[str(f.severity)] += 1
        return out

    def rows(self) -> list[QTreeWidgetItem]:
        """The finding rows (not the group headers), top to bottom."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            out.extend(group.child(j) for j in range(group.childCount()))
        return out

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([_tr("Rule"), _tr("Problem"), _tr("Where"), _tr("Fix")])
        self._rebuild()

    def fix_button(self, row: QTreeWidgetItem) -> FixButton | None:
        """The fix button of a finding row (None: the finding has no fix)."""
        widget = self.tree.itemWidget(row, 3)
        return widget if isinstance(widget, FixButton) else None

    def _rebuild(self) -> None:
        self.tree.clear()
        if self._unavailable:
            self.empty.setText(_tr("The wording check could not run, so the text has not been checked: %1")
                               .replace("%1", self._unavailable))
        elif self._loading:
            self.empty.setText(_tr("The checker is loading; findings appear in a moment."))
        elif self._provisional:
            self.empty.setText(_tr("No problems so far. Cardwise is still reading the new wording."))
        else:
            self.empty.setText(_tr("No problems found. The card follows the marketplace rules and is ready to print."))
        self.empty.setVisible(not self._findings)
        self.tree.setVisible(bool(self._findings))
        counts = self.counts()
        bold = QFont(self.font())
        bold.setBold(True)
        for severity in ORDER:
            if not counts[severity]:
                continue
            group = QTreeWidgetItem([group_title(severity, counts[severity]), "", ""])
            group.setFirstColumnSpanned(True)
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            group.setFlags(Qt.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for f in self._findings:
                if str(f.severity) != severity:
                    continue
                where = self._describe(f)
                row = QTreeWidgetItem([rule_label(f), localized_message(f), where])
                row.setData(0, FINDING_ROLE, f)
                tip = [other_message(f)]
                if f.text:
                    tip.insert(0, f"“{f.text}”")
                if f.suggestion:
                    tip.append(_tr("Suggestion: %1").replace("%1", f.suggestion))
                if str(f.category) == "print":
                    tip.append(_tr("Print preflight"))
                row.setToolTip(1, "\n".join(tip))
                row.setToolTip(0, f"{f.rule} · {f.name}")
                row.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
                group.addChild(row)
                fixes = self.fixes_for(f)
                if fixes:
                    button = FixButton()
                    button.setStyleSheet("QPushButton { padding: 0px 8px; }")
                    button.set_fixes(fixes)
                    button.chosen.connect(lambda fix, f=f: self.fix_requested.emit(f, fix))
                    self.tree.setItemWidget(row, 3, button)
            group.setExpanded(True)

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _clicked(self, item: QTreeWidgetItem, column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if finding is not None:
            self.activated.emit(finding)

    def _explain(self, item: QTreeWidgetItem, column: int = 0) -> None:
        finding = item.data(0, FINDING_ROLE)
        if finding is not None:
            self.activated.emit(finding)
            self.explained.emit(finding)
