"""Live compliance in the designer: the presentation half.

:class:`LivePresenter` shows what :class:`app.ui.live_check.LiveCheckService` publishes and
turns the user's answers into undo commands. It owns

* **underlines** through the text items' ``set_underlines`` (red wavy = error, amber wavy =
  warning, blue dotted = info, drawn by the canvas). Only items whose underlines changed
  are touched (repainted);
* the **findings panel** (click a row: go to the words; Enter or double-click: explain
  them) and the **status light** (grey while the checker loads; "checking…" after the
  counts while the verdict is provisional; click: show the panel);
* the **hover card**: hovering an underline — or a flagged QR code or picture — shows the
  :class:`~app.ui.hovercard.HoverCard` (from the keyboard: Edit › Explain Finding at Cursor,
  Ctrl+.). Its *Apply suggestion* is one ``EditText`` undo command, *Ignore once* an
  undoable :class:`app.ui.commands.IgnoreFinding` stored in the document's ignores (saved
  with the project), *Disable rule* goes to the settings' ignore list.

Everything it works with is passed in: the service, the canvas scene and view, the undo
stack, the settings, ``select_element(element_id, side)`` (the window's), and the panel,
light, dock and Explain action the composition root placed in the window.
"""
from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QDockWidget

from app.model.document import Document, Ignore
from app.model.elements import TextBox
from app.ui.canvas.items import ElementItem, TextItem
from app.ui.canvas.scene import CardScene
from app.ui.canvas.view import CanvasView
from app.ui import fix_actions
from app.ui.commands import IgnoreFinding
from app.ui.hovercard import HoverCard
from app.ui.i18n import translate
from app.ui.live_check import LiveCheckService, apply_suggestion_text, suggestion_applies
from app.ui.panels.findings import FindingsPanel
from app.ui.settings import Settings
from app.ui.status_light import StatusLight

if TYPE_CHECKING:
    from checks.findings import Finding


def _tr(text: str) -> str:
    return translate("LiveCheck", text)


class LivePresenter(QObject):
    """See the module docstring."""

    def __init__(self, service: LiveCheckService, *, scene: CardScene, view: CanvasView | None,
                 undo_stack: QUndoStack, settings: Settings,
                 select_element: Callable[[str, str | None], Any],
                 panel: FindingsPanel | None = None, light: StatusLight | None = None,
                 dock: QDockWidget | None = None, explain_action: QAction | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.scene = scene
        self.view = view
        self.undo_stack = undo_stack
        self.settings = settings
        self.select_element = select_element
        self.panel = panel or FindingsPanel()
        self.light = light or StatusLight()
        self.dock = dock
        self.explain_action = explain_action
        self._findings: list[Finding] = []
        self.panel.activated.connect(self.reveal)
        self.panel.explained.connect(lambda f: self.show_card(f))
        fix_actions.attach_panel(self)       # fix buttons in the rows (app.fixes)
        self.light.clicked.connect(self.show_panel)
        if explain_action is not None:
            explain_action.triggered.connect(self.show_card_at_caret)

        self.card: HoverCard | None = None
        if view is not None:
            viewport = view.viewport()
            viewport.setMouseTracking(True)
            viewport.installEventFilter(self)
            view.installEventFilter(self)     # key presses arrive at the view, not the viewport
            self.card = HoverCard(viewport, can_apply=self.can_apply)
            self.card.apply_requested.connect(self.apply_suggestion)
            self.card.ignore_requested.connect(self.ignore_once)
            self.card.disable_requested.connect(self.disable_rule)
            fix_actions.attach_card(self)

        service.published.connect(self.show_findings)
        service.loading.connect(self._on_loading)
        service.checker_ready.connect(self._on_ready)
        service.checker_failed.connect(self._on_failed)
        service.check_failed.connect(self.light.set_unavailable)
        service.preflight_failed.connect(
            lambda reason: self.light.setToolTip(_tr("Preflight failed: %1").replace("%1", reason)))
        if service.checker_error is not None:
            self._on_failed(service.checker_error)
        elif service.is_loading:
            self._on_loading()
        self.show_findings(service.findings())

    @property
    def document(self) -> Document | None:
        return self.service.document

    # ---- results → views --------------------------------------------------------------
    def findings(self) -> list[Finding]:
        """What is shown now."""
        return list(self._findings)

    def findings_for(self, element_id: str) -> list[Finding]:
        return [f for f in self._findings if f.element_id == element_id]

    def show_findings(self, findings: list[Finding]) -> None:
        """Show ``findings`` (what the service published): underlines first, then the panel
        and the status light."""
        self._findings = list(findings)
        self.refresh_underlines()
        self.refresh_panel()

    def refresh_panel(self) -> None:
        """The panel rows and the status light for the findings shown (once the checker has
        run: until then the panel says it is loading)."""
        service = self.service
        if service.checker is None and service.checker_error is None:
            return
        self.panel.set_findings(self._findings, self.describe, provisional=self.service.provisional)
        if service.checker is not None:
            counts = {"error": 0, "warning": 0, "info": 0}
            for f in self._findings:
                counts[str(f.severity)] += 1
            self.light.set_counts(counts["error"], counts["warning"], counts["info"],
                                  provisional=service.provisional)

    def _on_loading(self) -> None:
        self.light.set_loading()
        self.panel.set_loading(True)

    def _on_ready(self) -> None:
        self.refresh_panel()

    def _on_failed(self, message: str) -> None:
        self.light.set_unavailable(message)
        self.panel.set_findings(self._findings, self.describe, provisional=self.service.provisional)
        self.panel.set_unavailable(message)

    def refresh_underlines(self) -> None:
        """Give each text item on the shown side its underlines; an item whose underlines
        did not change is left alone (no repaint)."""
        doc = self.document
        if doc is None:
            return
        by_element: dict[str, list[tuple[int, int, str]]] = {}
        for f in self._findings:
            if f.element_id and f.end > f.start:
                by_element.setdefault(f.element_id, []).append((f.start, f.end, str(f.severity)))
            for eid, (start, end) in f.extra.get("spans", {}).items():   # a finding read across boxes
                if end > start:
                    by_element.setdefault(eid, []).append((start, end, str(f.severity)))
        for _side, el in doc.elements():
            if not isinstance(el, TextBox):
                continue
            item = self.text_item(el.id)
            if isinstance(item, TextItem):
                spans = sorted(by_element.get(el.id, []))
                if item.underlines() != spans:
                    item.set_underlines(spans)

    def describe(self, f: Finding) -> str:
        """Where a finding is: "Text “Thank you…” · Front"."""
        doc = self.document
        if doc is None or not f.element_id:
            return ""
        try:
            side, el = doc.find(f.element_id)
        except KeyError:
            return ""
        kinds = {"text": _tr("Text"), "image": _tr("Image"), "qr": _tr("QR code"),
                 "rect": _tr("Rectangle"), "line": _tr("Line")}
        label = el.name
        if not label and isinstance(el, TextBox):
            first = el.text.strip().splitlines()[0] if el.text.strip() else ""
            label = (first[:18] + "…") if len(first) > 18 else first
        what = kinds.get(el.kind, el.kind)
        side_name = _tr("Front") if side.name == "front" else _tr("Back")
        return f"{what} “{label}” · {side_name}" if label else f"{what} · {side_name}"

    def text_item(self, element_id: str):
        """The canvas item drawing ``element_id`` (None when it is not on the shown side)."""
        return self.scene.item_for(element_id)

    # ---- panel & light ---------------------------------------------------------------
    def show_panel(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.tree.setFocus()

    def reveal(self, finding: Finding) -> None:
        """Select the finding's element (switching side if needed) and its span."""
        if not finding.element_id or self.document is None:
            return
        try:
            side, _el = self.document.find(finding.element_id)
        except KeyError:
            return
        self.select_element(finding.element_id, side.name)
        if finding.end > finding.start:
            item = self.text_item(finding.element_id)
            if isinstance(item, TextItem):
                item.select_span(finding.start, finding.end)

    # ---- hover card --------------------------------------------------------------------
    def finding_at(self, scene_pos) -> tuple[Any, Finding] | None:
        """(text item, finding) under ``scene_pos``, the worst finding first."""
        for item in self.scene.items(scene_pos):
            if not isinstance(item, ElementItem):
                item = item.parentItem()
            if not isinstance(item, ElementItem):
                continue
            eid = item.element_id
            if isinstance(item, TextItem):
                offset = item.offset_at(scene_pos)
                if offset is None:
                    continue
                hits = [f for f in self.findings_for(eid) if f.start <= offset < max(f.end, f.start + 1)]
                if not hits:   # a finding on the whole box (five-star text) counts anywhere in it
                    hits = [f for f in self.findings_for(eid) if str(f.category) != "print"
                            and f.start == 0 and f.end >= len(item.element.text)]
            else:              # QR codes, images, shapes: the element itself is the finding
                hits = [f for f in self.findings_for(eid) if str(f.category) != "print"]
            if hits:
                hits.sort(key=lambda f: (-f.severity.rank, f.end - f.start))
                return item, hits[0]
        return None

    def show_card(self, finding: Finding, item=None) -> None:
        """Show the hover card for ``finding`` at its underline."""
        if self.card is None:
            return
        anchor = QRect(12, 12, 10, 10)
        item = item or self.text_item(finding.element_id or "")
        view = self.view
        if item is not None and view is not None and not isinstance(item, TextItem):
            anchor = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        if view is not None and isinstance(item, TextItem):
            rects = item.span_rects(finding.start, finding.end)   # scene coordinates
            if rects:
                box = view.mapFromScene(rects[0]).boundingRect()
                for r in rects[1:]:
                    box = box.united(view.mapFromScene(r).boundingRect())
                anchor = box
        self.card.show_at(finding, anchor)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        et = event.type()
        view = self.view
        if et == QEvent.MouseMove and self.card is not None and view is not None and obj is view.viewport():
            if event.buttons() == Qt.NoButton:
                scene_pos = view.mapToScene(event.position().toPoint())
                hit = self.finding_at(scene_pos)
                if hit is not None:
                    item, finding = hit
                    if not self.card.isVisible() or self.card.finding != finding:
                        self.show_card(finding, item)
                    else:
                        self.card.keep()
                elif self.card.isVisible():
                    self.card.hide_soon()
        elif et == QEvent.Leave and self.card is not None:
            self.card.hide_soon()
        elif et in (QEvent.MouseButtonPress, QEvent.KeyPress, QEvent.Wheel) and self.card is not None:
            self.card.dismiss()     # the user is working: get out of the way
        return False

    def show_card_at_caret(self) -> bool:
        """Keyboard route to the hover card (Ctrl+.): the finding under the text caret."""
        editor = self.scene.editor
        if editor is None:
            return False
        eid = editor.item.element_id
        offset = editor.cursor
        hits = [f for f in self.findings_for(eid) if f.start <= offset <= f.end and f.end > f.start]
        if not hits:
            return False
        hits.sort(key=lambda f: (-f.severity.rank, f.end - f.start))
        self.show_card(hits[0], editor.item)
        if self.card is not None:
            self.card.apply_button.setFocus()
        return True

    # ---- the three actions --------------------------------------------------------------
    def can_apply(self, finding: Finding) -> bool:
        """Whether Apply can change the card for ``finding``: a rewrite, or a fix (app.fixes)."""
        doc = self.document
        if doc is None or not finding.element_id:
            return False
        return suggestion_applies(finding, doc.get(finding.element_id)) or bool(fix_actions.fixes(self, finding))

    def apply_suggestion(self, finding: Finding, fix=None) -> bool:
        """Replace the finding's text with its suggestion, or apply ``fix`` (app.fixes; by
        default the finding's only fix) when there is no rewrite: one undo step."""
        doc = self.document
        if doc is None or not finding.element_id:
            return False
        el = doc.get(finding.element_id)
        if fix is not None or not suggestion_applies(finding, el):
            return fix_actions.apply(self, finding, fix)
        if not suggestion_applies(finding, el):
            return False
        new_text = apply_suggestion_text(el.text, finding)
        from app.ui.commands import EditText

        cmd = EditText(doc, el.id, new_text, label=_tr("Apply Suggestion (%1)").replace("%1", finding.rule))
        self.undo_stack.push(cmd)
        return True

    def ignore_once(self, finding: Finding, reason: str) -> None:
        """Ignore this occurrence, with the reason, in the document (undoable)."""
        if self.document is None or not finding.element_id:
            return
        ignore = Ignore(finding.rule, finding.element_id, finding.text, finding.start, reason.strip(),
                        _dt.date.today().isoformat())
        self.undo_stack.push(IgnoreFinding(self.document, ignore))

    def disable_rule(self, finding: Finding) -> None:
        """Stop checking this rule everywhere (Settings › Disabled rules); the service hides
        its findings at once."""
        self.settings.disable_rule(finding.rule)

    def retranslate(self) -> None:
        self.panel.retranslate()
        self.light.retranslate()
        if self.card is not None:
            self.card.retranslate()
        self.refresh_panel()
        if self.dock is not None:
            self.dock.setWindowTitle(_tr("Findings"))
