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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QRegularExpression, QSortFilterProxyModel, Qt, QThread, Signal
from PySide6.QtGui import QAction, QColor, QImage, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMainWindow, QMessageBox,
    QProgressBar, QPushButton, QScrollArea, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing checks costs ~0.3 s of the designer's cold start
    from checks.findings import FileResult, Finding

from app.ui.gc_guard import collect_on_gui_thread
from app.ui.i18n import translate as _translate

CONTEXT = "BatchWindow"
SEV_COLOURS = {"error": "#d93025", "warning": "#c98a00", "info": "#1a73e8", "unreadable": "#5f6670"}
SEV_RANK = {"error": 0, "unreadable": 1, "warning": 2, "info": 3}
_T = QT_TRANSLATE_NOOP
COLUMNS = (_T("BatchWindow", "File"), _T("BatchWindow", "Status"), _T("BatchWindow", "Page"),
           _T("BatchWindow", "Severity"), _T("BatchWindow", "Rule"), _T("BatchWindow", "Category"),
           _T("BatchWindow", "Text"))
COL_FILE, COL_STATUS, COL_PAGE, COL_SEVERITY, COL_RULE, COL_CATEGORY, COL_TEXT = range(len(COLUMNS))
RESULT_ROLE = Qt.UserRole + 1
FINDING_ROLE = Qt.UserRole + 2
SORT_ROLE = Qt.UserRole + 3
STATUS_ROLE = Qt.UserRole + 4     # the row's file status id (see STATUSES)

#: A file's status in the table (id → label), in filter order. Every file checked or met
#: in the folder gets at least one row, so "checked and clean" is told from "skipped".
STATUSES = {
    "findings": _T("BatchWindow", "Findings"),
    "clean": _T("BatchWindow", "Clean"),
    "partial": _T("BatchWindow", "Checked in part"),
    "unreadable": _T("BatchWindow", "Unreadable"),
    "skipped": _T("BatchWindow", "Skipped"),
}
STATUS_COLOURS = {"findings": "#d93025", "clean": "#2b8a3e", "partial": "#c98a00", "unreadable": "#5f6670",
                  "skipped": "#5f6670"}
STATUS_RANK = {"findings": 0, "unreadable": 1, "partial": 2, "clean": 3, "skipped": 4}
SEVERITY_NAMES = {"error": _T("BatchWindow", "Error"), "warning": _T("BatchWindow", "Warning"),
                  "info": _T("BatchWindow", "Note")}
CATEGORY_NAMES = {
    "review-incentive": _T("BatchWindow", "Incentive for a review"),
    "review-positive": _T("BatchWindow", "Asking for a positive review"),
    "review-gating": _T("BatchWindow", "Review gating"),
    "review-removal": _T("BatchWindow", "Asking to change or remove a review"),
    "offsite-diversion": _T("BatchWindow", "Sending buyers off the marketplace"),
    "data-collection": _T("BatchWindow", "Collecting buyer data"),
    "offsite-contact": _T("BatchWindow", "Contact outside the marketplace"),
    "external-link": _T("BatchWindow", "Link outside the marketplace"),
    "marketing": _T("BatchWindow", "Marketing"),
    "marketplace-trademark": _T("BatchWindow", "Marketplace trademark"),
    "print": _T("BatchWindow", "Print preflight"),
    "not-checked": _T("BatchWindow", "Not checked"),
}


def file_status(r: FileResult) -> str:
    """The status id of one checked file (see STATUSES)."""
    if r.error:
        return "skipped" if r.error == "cancelled" else "unreadable"
    if r.extra.get("partial"):
        return "partial"
    return "findings" if r.findings else "clean"


def severity_name(severity: str) -> str:
    return tr(SEVERITY_NAMES[severity]) if severity in SEVERITY_NAMES else severity


def category_name(category: str) -> str:
    return tr(CATEGORY_NAMES[category]) if category in CATEGORY_NAMES else category


def rule_name(rule: str) -> str:
    """A rule's title in the interface language ("Reward for a review"), not its id."""
    from app.batch.titles import rule_title

    return rule_title(rule, _chinese_ui())


def skipped_reason(s) -> str:
    """Why a file in the folder was not opened (an ``app.batch.runner.SkippedFile``), in the
    interface language."""
    if s.why == "special":
        return tr("Not a regular file (%1)").replace("%1", s.detail)
    if s.detail:
        return tr("Cardwise does not read %1 files").replace("%1", s.detail)
    return tr("No file extension: Cardwise does not read it")


def tr(text: str) -> str:
    return _translate(CONTEXT, text)


class BatchWorker(QObject):
    """Runs one batch in its thread; emits results as files finish."""

    progressed = Signal(int, int, object)   # done, total, FileResult
    discovered = Signal(object)             # list[SkippedFile]: files in the folder not opened
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
            found = discover(self.paths)
            self.discovered.emit(list(found.skipped_files))
            entries = found.entries
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
        self.skipped: list = []             # app.batch.runner.SkippedFile, from the last run
        self._summary: tuple | None = None  # (cancelled, files, errors, warnings, unreadable, skipped)
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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(COL_STATUS)
        self.proxy.setFilterRole(STATUS_ROLE)
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("batch-status-filter")
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        self._fill_filter()
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
        # the Rule column names the rule by its title ("Asking for five stars"), not its id
        for col, width in enumerate((150, 90, 44, 70, 170, 190)):
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
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        filter_row = QHBoxLayout()
        self.filter_label = QLabel(tr("Show:"), self)
        filter_row.addWidget(self.filter_label)
        filter_row.addWidget(self.status_filter)
        filter_row.addStretch(1)
        ll.addLayout(filter_row)
        ll.addWidget(self.table, 1)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(scroll, 1)
        rl.addWidget(self.detail)
        split = QSplitter(Qt.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([860, 420])

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
        self._set_headers()

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
        self.skipped = []
        self._summary = None
        self.model.removeRows(0, self.model.rowCount())
        self.progress.setRange(0, 0)
        self.status.setText(tr("Checking…"))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        for b in self.export_buttons:
            b.setEnabled(False)
        collect_on_gui_thread()   # no cycle collection on the worker thread (app/ui/gc_guard.py)
        self._thread = QThread(self)
        self._worker = BatchWorker(paths, self.profile.currentText(), jobs=self.jobs)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progress)
        self._worker.discovered.connect(self._on_discovered)
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

    def _on_discovered(self, skipped: list) -> None:
        self.skipped = list(skipped)

    def _on_finished(self, results: list[FileResult]) -> None:
        self.results = list(results)
        self._fill()
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        for b in self.export_buttons:
            b.setEnabled(bool(self.results))
        cancelled = self._worker is not None and self._worker.cancel.is_set()
        errors = sum(1 for r in results for f in r.findings if str(f.severity) == "error")
        warnings = sum(1 for r in results for f in r.findings if str(f.severity) == "warning")
        unread = sum(1 for r in results if r.error and r.error != "cancelled")
        self._summary = (cancelled, len(results), errors, warnings, unread, len(self.skipped))
        self._show_summary()
        self.progress.setRange(0, max(1, len(results)))
        self.progress.setValue(len(results))
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.status.setText(tr("The check could not run: %1").replace("%1", message))

    def _show_summary(self) -> None:
        if self._summary is None:
            return
        cancelled, files, errors, warnings, unread, skipped = self._summary
        # "label: count" reads right for one and for many, in every language (no plural forms)
        text = tr("Files: %1 · Errors: %2 · Warnings: %3 · Unreadable: %4").replace("%1", str(files)) \
            .replace("%2", str(errors)).replace("%3", str(warnings)).replace("%4", str(unread))
        if skipped:
            text += tr(" · Skipped: %1").replace("%1", str(skipped))
        self.status.setText((tr("Cancelled.") + " " if cancelled else "") + text)

    # ---- language ----------------------------------------------------------------------------
    def _set_headers(self) -> None:
        self.model.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])

    def _fill_filter(self) -> None:
        current = self.status_filter.currentData()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(tr("All files"), "")
        for key, label in STATUSES.items():
            self.status_filter.addItem(tr(label), key)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(current or "")))
        self.status_filter.blockSignals(False)

    def retranslate(self) -> None:
        """Re-read every string the window built itself (headers, statuses, severities,
        categories, summary) in the current interface language."""
        self.setWindowTitle(tr("Batch check"))
        self.filter_label.setText(tr("Show:"))
        self._set_headers()
        self._fill_filter()
        if self.results or self.skipped:
            self._fill()
        self._show_summary()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().changeEvent(event)
        if event.type() == QEvent.LanguageChange:
            self.retranslate()

    # ---- results ---------------------------------------------------------------------------
    def set_status_filter(self, status: str) -> None:
        """Show only files of ``status`` (a STATUSES id; "" for all)."""
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))

    def _apply_filter(self, *_args) -> None:
        status = self.status_filter.currentData() or ""
        self.proxy.setFilterRegularExpression(QRegularExpression(f"^{status}$" if status else ""))

    def _fill(self) -> None:
        """One row per finding, and one row for every file without any: clean, checked in
        part, unreadable, skipped (with the reason), so no file goes unlisted."""
        selected = self.selected()
        self.model.removeRows(0, self.model.rowCount())
        self.table.setSortingEnabled(False)
        for r in self.results:
            status = file_status(r)
            if r.error:
                reason = tr("Not checked: the run was cancelled") if status == "skipped" \
                    else r.error.removeprefix(r.path + ": ")
                self._row(r, None, status, reason)
                continue
            for f in r.findings:
                self._row(r, f, status, f.text)
            if not r.findings:
                note = tr("No findings") if status == "clean" else tr("Checked in part: %1").replace(
                    "%1", str(r.extra.get("partial", "")))
                self._row(r, None, status, note)
        from checks.findings import FileResult as _FileResult

        for s in self.skipped:
            self._row(_FileResult(s.path, error=s.reason), None, "skipped", skipped_reason(s))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_SEVERITY, Qt.AscendingOrder)
        if selected[0] is not None:
            self._reselect(*selected)

    def _reselect(self, r: FileResult, f: Finding | None) -> None:
        for row in range(self.proxy.rowCount()):
            item = self.model.item(self.proxy.mapToSource(self.proxy.index(row, 0)).row(), 0)
            if item.data(RESULT_ROLE) is r and item.data(FINDING_ROLE) is f:
                self.table.selectRow(row)
                return

    def _row(self, r: FileResult, f: Finding | None, status: str, text: str) -> None:
        severity = str(f.severity) if f is not None else ""
        rule = f.rule if f is not None else ""
        category = str(f.category) if f is not None else ""
        page = f.page if f is not None and f.page is not None else None
        name = self._display_name(r.path)
        title = rule_name(rule) if rule else ""
        cells = [name, tr(STATUSES[status]), "" if page is None else str(page), severity_name(severity) if severity
                 else "", title, category_name(category) if category else "", text.replace("\n", " ")]
        sort = [name.lower(), STATUS_RANK[status], page or 0,
                SEV_RANK.get(severity, 9) * 10 + STATUS_RANK[status], title.lower(), category, text.lower()]
        items = []
        for col, (value, key) in enumerate(zip(cells, sort)):
            it = QStandardItem(value)
            it.setData(key, SORT_ROLE)
            it.setData(r, RESULT_ROLE)
            it.setData(f, FINDING_ROLE)
            it.setData(status, STATUS_ROLE)
            if col == COL_SEVERITY:
                it.setForeground(QColor(SEV_COLOURS.get(severity, "#000")))
            elif col == COL_STATUS:
                it.setForeground(QColor(STATUS_COLOURS[status]))
            if col == COL_FILE:
                it.setToolTip(r.path)
            elif col == COL_RULE and f is not None:
                it.setToolTip(f"{f.rule} · {f.name}")
            elif col == COL_TEXT:
                it.setToolTip(text if f is None else f"{text}\n\n{_message(f)}")
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
            rows = self.table.selectionModel().selectedRows()
            shown = self.proxy.index(rows[0].row(), COL_TEXT).data() if rows else ""
            status = self.proxy.index(rows[0].row(), COL_STATUS).data() if rows else ""
            self._page_pixmap = None
            self.preview.clear()
            self.detail.setHtml(f"<b>{_esc(r.path)}</b><br>{_esc(status)}: {_esc(shown or '')}")
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
        from app.batch.titles import rule_title
        from checks.render import render
        tmp = Path(path).with_name(f".{Path(path).name}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            # English, as the HTML report: messages and rule titles (print checks included)
            render(self.results, fmt, fh, title_of=rule_title)
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


def _chinese_ui() -> bool:
    from app.ui.i18n import current_language

    return current_language().startswith("zh")


def _message(f: Finding) -> str:
    """The finding's message in the interface language."""
    return f.message_zh if _chinese_ui() and f.message_zh else f.message


def _detail_html(f: Finding) -> str:
    colour = SEV_COLOURS.get(str(f.severity), "#000")
    other = f.message if _chinese_ui() else f.message_zh
    parts = [f'<p><b style="color:{colour}">{_esc(severity_name(str(f.severity)))}</b> '
             f'<b title="{_esc(f.rule)} · {_esc(f.name)}">{_esc(rule_name(f.rule))}</b> '
             f'<span style="color:#5f6670">{_esc(category_name(str(f.category)))}</span></p>',
             f"<p>“{_esc(f.text)}”</p><p>{_esc(_message(f))}</p>"]
    if other and other != _message(f):
        parts.append(f'<p style="color:#5f6670">{_esc(other)}</p>')
    if f.suggestion:
        parts.append(f"<p><b>{_esc(tr('Instead:'))}</b> {_esc(f.suggestion)}</p>")
    return "".join(parts)


def install(window: QMainWindow) -> QAction:
    """Add File › Batch check… to ``window`` (called by the application's composition root;
    a designer ``MainWindow`` also lends its card's profile to the first run)."""
    from app.ui.actions import CommandId, service_action
    from app.ui.main_window import MainWindow

    action = service_action(CommandId.BATCH, window)
    opened: list[BatchWindow] = []   # one batch window per main window, made on first use

    def open_window() -> None:
        if not opened:
            profile = "amazon"
            if isinstance(window, MainWindow):
                profile = window.document.settings.get("profile", "amazon")
            opened.append(BatchWindow(window, profile=profile))
        existing = opened[0]
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
