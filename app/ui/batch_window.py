"""File › Batch check…: check a folder of existing artwork from the designer.

The window is a thin shell over the core runner (:class:`app.batch.runner.BatchRunner`),
which runs in a :class:`QThread` (its workers are separate processes), so the GUI stays
responsive; Cancel sets the runner's cancel event. Results fill a sortable table (file,
page, severity, rule, category, text); selecting a row shows the page with the findings
boxed and numbered (the same picture as the HTML report), and the reports can be exported
as HTML, CSV or JSON.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMessageBox,
    QProgressBar, QPushButton, QScrollArea, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing checks costs ~0.3 s of the designer's cold start
    from checks.findings import FileResult, Finding

from app.ui.i18n import translate as _translate

CONTEXT = "BatchWindow"
SEV_COLOURS = {"error": "#d93025", "warning": "#c98a00", "info": "#1a73e8", "unreadable": "#5f6670"}
SEV_RANK = {"error": 0, "unreadable": 1, "warning": 2, "info": 3}
COLUMNS = ("File", "Page", "Severity", "Rule", "Category", "Text")
RESULT_ROLE = Qt.UserRole + 1
FINDING_ROLE = Qt.UserRole + 2
SORT_ROLE = Qt.UserRole + 3


def tr(text: str) -> str:
    return _translate(CONTEXT, text)


class BatchWorker(QObject):
    """Runs one batch in its thread; emits results as files finish."""

    progressed = Signal(int, int, object)   # done, total, FileResult
    finished = Signal(object)               # list[FileResult]
    failed = Signal(str)

    def __init__(self, paths: list[str], profile: str, *, jobs: int | None = None, timeout: float = 60.0,
                 use_cache: bool = True) -> None:
        super().__init__()
        self.paths = paths
        self.profile = profile
        self.jobs = jobs
        self.timeout = timeout
        self.use_cache = use_cache
        self.cancel = threading.Event()

    def run(self) -> None:
        from app.batch.analyze import CheckOptions, get_checker
        from app.batch.runner import BatchRunner, discover

        try:
            get_checker(self.profile)
            entries = discover(self.paths).entries
            cache = None
            if self.use_cache:
                try:
                    from app.batch.cache import ResultCache
                    cache = ResultCache()
                except Exception:
                    cache = None
            runner = BatchRunner(CheckOptions(profile=self.profile), jobs=self.jobs, timeout=self.timeout, cache=cache,
                                 cancel=self.cancel, progress=lambda d, t, r: self.progressed.emit(d, t, r))
            try:
                results = runner.run(entries)
            finally:
                if cache is not None:
                    cache.close()
            self.finished.emit(results)
        except Exception as exc:  # a broken rule pack or profile: say so in the window
            self.failed.emit(str(exc))


class BatchWindow(QWidget):
    """Pick a folder, run, browse findings with a page preview, export reports."""

    def __init__(self, parent: QWidget | None = None, *, profile: str = "amazon", jobs: int | None = None) -> None:
        super().__init__(parent, Qt.Window)
        self.setObjectName("batch-window")
        self.setWindowTitle(tr("Batch check"))
        self.resize(1200, 760)
        self.jobs = jobs
        self.results: list[FileResult] = []
        self._thread: QThread | None = None
        self._worker: BatchWorker | None = None

        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText(tr("Folder with artwork (PDF, images, SVG, DOCX, text, .cardwise)"))
        browse = QPushButton(tr("Choose folder…"), self)
        browse.clicked.connect(self.choose_folder)
        self.profile = QComboBox(self)
        try:
            from checks import available_profiles
            self.profile.addItems(available_profiles())
        except Exception:
            self.profile.addItem("amazon")
        self.profile.setCurrentText(profile)
        self.run_button = QPushButton(tr("Check"), self)
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("Cancel"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        top = QHBoxLayout()
        top.addWidget(self.folder, 1)
        top.addWidget(browse)
        top.addWidget(QLabel(tr("Profile:"), self))
        top.addWidget(self.profile)
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)

        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.status = QLabel(tr("Choose a folder and press Check."), self)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((170, 44, 80, 64, 130)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)

        self.preview = QLabel(self)
        self.preview.setAlignment(Qt.AlignHCenter | Qt.AlignTop)
        self.preview.setMinimumWidth(300)
        self._page_pixmap: QPixmap | None = None
        scroll = self.preview_scroll = QScrollArea(self)
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        self.detail = QTextBrowser(self)
        self.detail.setOpenExternalLinks(True)
        self.detail.setMaximumHeight(190)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(scroll, 1)
        rl.addWidget(self.detail)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setSizes([720, 460])

        self.export_buttons = []
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        for label, fmt in ((tr("Export HTML report…"), "html"), (tr("Export CSV…"), "csv"), (tr("Export JSON…"), "json")):
            b = QPushButton(label, self)
            b.setEnabled(False)
            b.clicked.connect(lambda _=False, f=fmt: self.export_dialog(f))
            bottom.addWidget(b)
            self.export_buttons.append(b)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

    # ---- running ---------------------------------------------------------------------------
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder to check"), self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)

    def start(self, paths: list[str] | None = None) -> bool:
        """Start checking ``paths`` (default: the chosen folder). False if nothing to do."""
        if self.is_running():
            return False
        paths = paths or ([self.folder.text().strip()] if self.folder.text().strip() else [])
        if not paths:
            self.status.setText(tr("Choose a folder first."))
            return False
        self.results = []
        self.model.removeRows(0, self.model.rowCount())
        self.progress.setRange(0, 0)
        self.status.setText(tr("Checking…"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for b in self.export_buttons:
            b.setEnabled(False)
        self._thread = QThread(self)
        self._worker = BatchWorker(paths, self.profile.currentText(), jobs=self.jobs)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.start()
        return True

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel.set()
            self.status.setText(tr("Cancelling…"))

    def _on_progress(self, done: int, total: int, result: FileResult) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"%v / %m  {Path(result.path).name}")

    def _on_finished(self, results: list[FileResult]) -> None:
        self.results = list(results)
        self._fill(self.results)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        for b in self.export_buttons:
            b.setEnabled(bool(self.results))
        cancelled = self._worker is not None and self._worker.cancel.is_set()
        errors = sum(1 for r in results for f in r.findings if str(f.severity) == "error")
        warnings = sum(1 for r in results for f in r.findings if str(f.severity) == "warning")
        unread = sum(1 for r in results if r.error and r.error != "cancelled")
        text = tr("%1 files: %2 errors, %3 warnings, %4 could not be read").replace("%1", str(len(results))) \
            .replace("%2", str(errors)).replace("%3", str(warnings)).replace("%4", str(unread))
        self.status.setText((tr("Cancelled.") + " " if cancelled else "") + text)
        self.progress.setRange(0, max(1, len(results)))
        self.progress.setValue(len(results))
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.status.setText(tr("The check could not run: %1").replace("%1", message))

    # ---- results ---------------------------------------------------------------------------
    def _fill(self, results: list[FileResult]) -> None:
        self.table.setSortingEnabled(False)
        for r in results:
            if r.error:
                if r.error == "cancelled":
                    continue
                self._row(r, None, "unreadable", "", "", r.error.removeprefix(r.path + ": "))
                continue
            for f in r.findings:
                self._row(r, f, str(f.severity), f.rule, str(f.category), f.text)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(2, Qt.AscendingOrder)

    def _row(self, r: FileResult, f: Finding | None, severity: str, rule: str, category: str, text: str) -> None:
        page = f.page if f is not None and f.page is not None else None
        name = self._display_name(r.path)
        cells = [name, "" if page is None else str(page), tr(severity), rule, category, text.replace("\n", " ")]
        sort = [name.lower(), page or 0, SEV_RANK.get(severity, 9), rule, category, text.lower()]
        items = []
        for col, (value, key) in enumerate(zip(cells, sort)):
            it = QStandardItem(value)
            it.setData(key, SORT_ROLE)
            it.setData(r, RESULT_ROLE)
            it.setData(f, FINDING_ROLE)
            if col == 2:
                it.setForeground(QColor(SEV_COLOURS.get(severity, "#000")))
            if col == 0:
                it.setToolTip(r.path)
            elif col == 5:
                it.setToolTip(text if f is None else f"{text}\n\n{f.message}")
            items.append(it)
        self.model.appendRow(items)

    def _display_name(self, path: str) -> str:
        """The path relative to the checked folder (shorter in the table)."""
        root = self.folder.text().strip()
        if root:
            try:
                rel = Path(path).resolve().relative_to(Path(root).resolve())
                return str(rel)
            except (ValueError, OSError):
                pass
        return path

    def selected(self) -> tuple[FileResult | None, Finding | None]:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None, None
        idx = self.proxy.mapToSource(rows[0])
        item = self.model.item(idx.row(), 0)
        return item.data(RESULT_ROLE), item.data(FINDING_ROLE)

    def _show_selected(self, *_args) -> None:
        r, f = self.selected()
        if r is None:
            return
        if f is None:
            self.preview.clear()
            self.detail.setHtml(f"<b>{_esc(r.path)}</b><br>{_esc(r.error or '')}")
            return
        self.detail.setHtml(_detail_html(f))
        self._page_pixmap = self.page_pixmap(r, f)
        self._fit_preview()
        if self._page_pixmap is None:
            self.preview.setText(tr("No page preview for this file type."))

    def _fit_preview(self) -> None:
        """Show the page as wide as the preview area (never enlarged)."""
        if self._page_pixmap is None:
            self.preview.clear()
            return
        width = max(200, self.preview_scroll.viewport().width() - 8)
        pix = self._page_pixmap
        if pix.width() > width:
            pix = pix.scaledToWidth(width, Qt.SmoothTransformation)
        self.preview.setPixmap(pix)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self._fit_preview()

    def page_pixmap(self, r: FileResult, f: Finding) -> QPixmap | None:
        """The finding's page with every finding on it boxed and numbered; the selected one first."""
        if f.page is None or f.bbox is None:
            return None
        from app.batch.report import annotated_page

        on_page = [x for x in r.findings if x.page == f.page and x.bbox is not None]
        on_page.sort(key=lambda x: (x is not f, x.start))
        img = annotated_page(r, f.page, list(enumerate(on_page, start=1)))
        if img is None:
            return None
        img = img.convert("RGBA")
        qimg = QImage(img.tobytes("raw", "RGBA"), img.width, img.height, QImage.Format_RGBA8888).copy()
        return QPixmap.fromImage(qimg)

    # ---- export ----------------------------------------------------------------------------
    def export(self, path: str, fmt: str) -> None:
        """Write the current results as ``fmt`` (html | csv | json) to ``path``."""
        if fmt == "html":
            from app.batch.report import write_report
            write_report(self.results, path, profile=self.profile.currentText())
            return
        from checks.render import render
        tmp = Path(path).with_name(f".{Path(path).name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            render(self.results, fmt, fh)
        tmp.replace(path)

    def export_dialog(self, fmt: str) -> None:
        filters = {"html": tr("HTML report (*.html)"), "csv": tr("CSV (*.csv)"), "json": tr("JSON (*.json)")}
        path, _ = QFileDialog.getSaveFileName(self, tr("Export report"), str(Path.home() / f"cardwise-report.{fmt}"),
                                              filters[fmt])
        if not path:
            return
        try:
            self.export(path, fmt)
            self.status.setText(tr("Report written to %1").replace("%1", path))
        except OSError as exc:
            QMessageBox.warning(self, tr("Export report"), tr("Could not write %1: %2").replace("%1", path)
                                .replace("%2", exc.strerror or str(exc)))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt)
        if self.is_running():
            self.cancel()
            self._thread.quit()
            self._thread.wait(5000)
        super().closeEvent(event)


def _esc(s: str) -> str:
    import html
    return html.escape(s)


def _detail_html(f: Finding) -> str:
    colour = SEV_COLOURS.get(str(f.severity), "#000")
    parts = [f'<p><b style="color:{colour}">{_esc(str(f.severity))}</b> <b>{_esc(f.rule)}</b> '
             f'<span style="color:#5f6670">{_esc(str(f.category))}</span></p>',
             f"<p>“{_esc(f.text)}”</p><p>{_esc(f.message)}</p>"]
    if f.message_zh:
        parts.append(f'<p style="color:#5f6670">{_esc(f.message_zh)}</p>')
    if f.suggestion:
        parts.append(f"<p><b>{_esc(tr('Instead:'))}</b> {_esc(f.suggestion)}</p>")
    return "".join(parts)


def install(window) -> QAction:
    """Add File › Batch check… to ``window`` (called by the application's composition root)."""
    from app.ui.actions import CommandId, service_action

    action = service_action(CommandId.BATCH, window)

    def open_window() -> None:
        existing = getattr(window, "_batch_window", None)
        if existing is None:
            profile = "amazon"
            doc = getattr(window, "document", None)
            if doc is not None and getattr(doc, "settings", None):
                profile = doc.settings.get("profile", "amazon")
            existing = window._batch_window = BatchWindow(window, profile=profile)
        existing.show()
        existing.raise_()
        existing.activateWindow()

    action.triggered.connect(open_window)
    from app.ui.settings_dialog import menu_for

    menu = menu_for(window, "&File", "menu-file")
    before = next((a for a in menu.actions() if a.objectName() == "action-quit" or a.menuRole() == QAction.QuitRole), None)
    if before is not None:
        menu.insertAction(before, action)
    else:
        menu.addAction(action)
    return action
