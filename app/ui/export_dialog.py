"""File › Export…: print PDF, PNG proof and N-up sheet, with a live preview.

The dialog only gathers options; the files are written by the same core functions as
``cardwise export`` (``app.export.pdf.export_pdf``, ``app.export.proof.render_proof``,
``app.export.nup.export_nup``), so a PDF from the dialog has exactly the geometry of one
from the command line.

* **Print PDF**: bleed preset (the card's own, 3 mm, 0.125 in, 2 mm, 1.5 mm), crop marks,
  PDF/X flavour (X-1a-style; X-4 with the printer's ICC profile), printing condition of
  the OutputIntent (FOGRA39 …), text to outlines.
* **PNG proof** (beside the PDF): resolution, trim or bleed view, guides.
* **N-up sheet** (beside the PDF): A4 or Letter.
* **Preview**: the first page of the print PDF (or of the N-up sheet when one is chosen),
  re-rendered (debounced) whenever an option changes — the PDF is drawn into a temporary folder and rasterised with pypdfium2.
* The options of the last successful export come back next time (kept in the settings).
* **Errors**: the preflight runs when the dialog opens. Error findings are listed, and the
  Export button stays disabled until a waiver reason is typed; the reason then goes into
  the PDF's metadata and the bilingual sign-off sheet is written beside the PDF, exactly as
  ``cardwise export --allow-violations "reason"`` does.
"""
from __future__ import annotations

import tempfile
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import CardwiseError
from app.model.document import Document
from app.ui.i18n import current_language, translate
from app.ui.panels.findings import localized_message

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

PREVIEW_SIZE = QSize(380, 420)
PREVIEW_DEBOUNCE_MS = 250


def _tr(text: str) -> str:
    return translate("ExportDialog", text)


def bleed_choices() -> list[tuple[str, float | None]]:
    """(label, points or None = the card's own bleed), in menu order."""
    from app.model.geometry import BLEED_PRESETS

    labels = {"3mm": "3 mm", "0.125in": "0.125 in (⅛ in)", "2mm": "2 mm", "1.5mm": "1.5 mm"}
    return [(_tr("Card setting"), None)] + [(labels.get(k, k), v) for k, v in BLEED_PRESETS.items()]


@dataclass
class ExportChoices:
    """What the dialog asks for (independent of the widgets, so tests and the CLI agree)."""

    pdf_path: Path
    bleed: float | None = None
    crop_marks: bool = False
    pdfx: str = "x1a"
    condition: str = "fogra39"
    icc_path: str | None = None
    outline_text: bool = False
    proof: bool = False
    proof_dpi: int = 150
    proof_view: str = "trim"
    proof_guides: bool = False
    nup: str | None = None          # "a4" | "letter"
    waiver: str | None = None
    profile: str | None = None      # marketplace profile of the wording check (None: the card's)
    disabled_rules: tuple[str, ...] = ()   # the designer's disabled rules: the gate judges as the designer does
    written: list[Path] = field(default_factory=list)

    def pdf_options(self, **overrides: Any):
        from app.export.pdf import ExportOptions

        opts = ExportOptions(crop_marks=self.crop_marks, bleed=self.bleed, pdfx=self.pdfx, condition=self.condition,
                             icc_path=self.icc_path or None, outline_text=self.outline_text,
                             allow_violations=self.waiver or None, profile=self.profile,
                             disabled_rules=tuple(self.disabled_rules))
        for k, v in overrides.items():
            setattr(opts, k, v)
        return opts

    @property
    def proof_path(self) -> Path:
        return self.pdf_path.with_suffix(".png")

    @property
    def nup_path(self) -> Path:
        return self.pdf_path.with_name(f"{self.pdf_path.stem}-nup-{self.nup}.pdf")


def card_verdict(doc: Document, choices: "ExportChoices", judge_factory=None):
    """The card's verdict (``app.verdict.judge_card``) under the dialog's options: what the
    gate refuses on, the same verdict the designer's live check and ``cardwise export`` give.
    ``judge_factory``: the window's (its checker process judges the wording), else None."""
    from app.export.preflight import PreflightOptions
    from app.verdict import judge_card, profile_of

    judge = judge_factory(profile_of(doc, choices.profile)) if judge_factory is not None else None
    return judge_card(doc, profile=choices.profile, options=PreflightOptions.from_export(choices.pdf_options()),
                      judge=judge)


def run_export(doc: Document, choices: ExportChoices, judge_factory=None):
    """Write everything ``choices`` asks for with the core exporters; returns the PDF result.

    Raises ``ExportRefused`` (errors, no waiver) or another ``CardwiseError``."""
    from app.export.pdf import export_pdf

    verdict = card_verdict(doc, choices, judge_factory)
    result = export_pdf(doc, choices.pdf_path, choices.pdf_options(), verdict=verdict)
    written = [Path(result.path)]
    if result.signoff_path:
        written.append(Path(result.signoff_path))
    if choices.proof:
        from app.export.proof import ProofOptions, render_proof

        render_proof(result.path, choices.proof_path,
                     ProofOptions(dpi=float(choices.proof_dpi), view=choices.proof_view,
                                  guides=choices.proof_guides, safe=doc.spec.safe if choices.proof_guides else None))
        written.append(choices.proof_path)
    if choices.nup:
        from app.export.nup import export_nup

        # the print PDF above has just passed (or waived) the same gate
        export_nup(doc, choices.nup_path, sheet=choices.nup, options=choices.pdf_options(preflight=False),
                   verdict=verdict)
        written.append(choices.nup_path)
    choices.written = written
    return result


def pil_to_qimage(img) -> QImage:
    rgb = img.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    q = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format_RGB888)
    return q.copy()   # own the pixels (``data`` is freed with this frame)


class ExportDialog(QDialog):
    """See the module docstring."""

    exported = Signal(object)   # ExportChoices, after a successful export

    def __init__(self, document: Document, parent: QWidget | None = None, default_path: str | Path | None = None,
                 findings: list | None = None, profile: str | None = None, store=None,
                 disabled_rules: tuple[str, ...] = (), judge_factory=None) -> None:
        super().__init__(parent)
        self.document = document
        self.profile = profile
        self.judge_factory = judge_factory   # profile → Judge: the designer's checker process
        self.disabled_rules = tuple(disabled_rules)
        self.store = store          # a QSettings: the options of the last export come back
        self.errors: list = []
        self.setWindowTitle(_tr("Export"))
        self.setObjectName("export-dialog")
        self._tmp = tempfile.TemporaryDirectory(prefix="cardwise-preview-")
        self.preview_error: str | None = None
        self.preview_renders = 0
        self.result = None
        self.last_choices: ExportChoices | None = None

        # -- output ---------------------------------------------------------------------
        self.path_edit = QLineEdit(str(default_path or Path.home() / "card.pdf"))
        browse = QPushButton(_tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        # -- PDF --------------------------------------------------------------------------
        pdf_box = QGroupBox(_tr("Print PDF"))
        pdf_form = QFormLayout(pdf_box)
        self.bleed_box = QComboBox()
        for label, value in bleed_choices():
            self.bleed_box.addItem(label, value)
        pdf_form.addRow(_tr("Bleed:"), self.bleed_box)
        self.crop_marks = QCheckBox(_tr("Crop marks"))
        pdf_form.addRow("", self.crop_marks)
        self.pdfx_box = QComboBox()
        self.pdfx_box.addItem(_tr("PDF/X-1a-style (CMYK, most printers)"), "x1a")
        self.pdfx_box.addItem(_tr("PDF/X-4 (needs the printer's ICC profile)"), "x4")
        pdf_form.addRow(_tr("PDF/X flavour:"), self.pdfx_box)
        self.condition_box = QComboBox()
        from app.export.pdfx import DEFAULT_CONDITION, OUTPUT_CONDITIONS

        for key, cond in OUTPUT_CONDITIONS.items():
            self.condition_box.addItem(cond.info, key)
        self.condition_box.setCurrentIndex(max(0, self.condition_box.findData(DEFAULT_CONDITION)))
        pdf_form.addRow(_tr("Printing condition:"), self.condition_box)
        self.icc_edit = QLineEdit()
        self.icc_edit.setPlaceholderText(_tr("Optional: the printer's CMYK ICC profile"))
        icc_browse = QPushButton(_tr("Browse…"))
        icc_browse.clicked.connect(self._browse_icc)
        icc_row = QHBoxLayout()
        icc_row.addWidget(self.icc_edit, 1)
        icc_row.addWidget(icc_browse)
        pdf_form.addRow(_tr("ICC profile:"), icc_row)
        self.outline = QCheckBox(_tr("Convert text to outlines"))
        pdf_form.addRow("", self.outline)

        # -- extras ---------------------------------------------------------------------
        extra_box = QGroupBox(_tr("Also write"))
        extra_form = QFormLayout(extra_box)
        self.proof = QCheckBox(_tr("PNG proof"))
        self.proof_dpi = QSpinBox()
        self.proof_dpi.setRange(72, 600)
        self.proof_dpi.setValue(150)
        self.proof_dpi.setSuffix(" dpi")
        self.proof_view = QComboBox()
        self.proof_view.addItem(_tr("Trimmed"), "trim")
        self.proof_view.addItem(_tr("With bleed"), "bleed")
        self.proof_guides = QCheckBox(_tr("Guides"))
        proof_row = QHBoxLayout()
        proof_row.addWidget(self.proof)
        proof_row.addWidget(self.proof_dpi)
        proof_row.addWidget(self.proof_view)
        proof_row.addWidget(self.proof_guides)
        proof_row.addStretch(1)
        extra_form.addRow(proof_row)
        self.nup = QCheckBox(_tr("N-up sheet"))
        self.nup_sheet = QComboBox()
        self.nup_sheet.addItem("A4", "a4")
        self.nup_sheet.addItem("Letter", "letter")
        nup_row = QHBoxLayout()
        nup_row.addWidget(self.nup)
        nup_row.addWidget(self.nup_sheet)
        nup_row.addStretch(1)
        extra_form.addRow(nup_row)

        # -- findings & waiver -------------------------------------------------------------
        self.errors_box = QGroupBox(_tr("Errors that stop the export"))
        ev = QVBoxLayout(self.errors_box)
        self.errors_list = QListWidget()
        self.errors_list.setMaximumHeight(120)
        self.errors_list.setWordWrap(True)
        self.errors_list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        ev.addWidget(self.errors_list)
        self.waiver_label = QLabel(_tr("Export anyway? Give the reason; it is recorded in the PDF and on a sign-off sheet written beside it."))
        self.waiver_label.setWordWrap(True)
        ev.addWidget(self.waiver_label)
        self.waiver = QLineEdit()
        self.waiver.setObjectName("waiver-reason")
        self.waiver.setPlaceholderText(_tr("Waiver reason (required to export with errors)"))
        ev.addWidget(self.waiver)

        # -- preview ----------------------------------------------------------------------
        self.preview = QLabel()
        self.preview.setObjectName("export-preview")
        self.preview.setAlignment(Qt.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_SIZE)
        # the label's size comes from the layout, never from the pixmap it shows: the
        # picture is scaled to the label (on open, on resize), not the other way round
        self.preview.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Ignored)
        self._preview_image: QImage | None = None
        self.preview.installEventFilter(self)
        self.preview.setFrameShape(QFrame.StyledPanel)
        self.preview.setStyleSheet("#export-preview { background: #e8ebef; }")
        self.preview_caption = QLabel()
        self.preview_caption.setAlignment(Qt.AlignCenter)
        self.preview_caption.setStyleSheet("color: #5b6673;")
        preview_col = QVBoxLayout()
        preview_col.addWidget(QLabel(_tr("Preview (first page)")))
        preview_col.addWidget(self.preview, 1)
        preview_col.addWidget(self.preview_caption)

        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.export_button = self.buttons.addButton(_tr("Export"), QDialogButtonBox.AcceptRole)
        self.export_button.setObjectName("export-button")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.do_export)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        form = QFormLayout()
        form.addRow(_tr("Save as:"), path_row)
        left.addLayout(form)
        left.addWidget(pdf_box)
        left.addWidget(extra_box)
        left.addWidget(self.errors_box)
        left.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(left, 3)
        top.addLayout(preview_col, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.buttons)

        # -- behaviour --------------------------------------------------------------------
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DEBOUNCE_MS)
        self.preview_timer.timeout.connect(self.render_preview)
        for w in (self.bleed_box, self.pdfx_box, self.condition_box, self.proof_view, self.nup_sheet):
            w.currentIndexChanged.connect(self._options_changed)
        for w in (self.crop_marks, self.outline, self.proof, self.proof_guides, self.nup):
            w.toggled.connect(self._options_changed)
        self.proof_dpi.valueChanged.connect(self._options_changed)
        self.icc_edit.textChanged.connect(self._options_changed)
        self.waiver.textChanged.connect(self._update_enabled)
        self._restore_options()
        self.errors = [f for f in (findings if findings is not None else self._safe_preflight())
                       if str(f.severity) == "error"]
        self._show_errors()
        self._options_changed()
        self.render_preview()

    # -- remembered options -----------------------------------------------------------------
    def _restore_options(self) -> None:
        q = self.store
        if q is None:
            return

        def pick(box: QComboBox, value) -> None:
            i = box.findData(value)
            if i >= 0:
                box.setCurrentIndex(i)

        bleed = q.value("export/bleed", "card")
        try:
            pick(self.bleed_box, None if bleed in (None, "card", "") else float(bleed))
        except (TypeError, ValueError):
            pass
        pick(self.pdfx_box, q.value("export/pdfx", "x1a"))
        pick(self.condition_box, q.value("export/condition", "fogra39"))
        pick(self.proof_view, q.value("export/proof_view", "trim"))
        pick(self.nup_sheet, q.value("export/nup_sheet", "a4"))
        for key, box in (("crop_marks", self.crop_marks), ("outline", self.outline), ("proof", self.proof),
                         ("guides", self.proof_guides), ("nup", self.nup)):
            box.setChecked(str(q.value(f"export/{key}", "false")).lower() == "true")
        try:
            self.proof_dpi.setValue(int(q.value("export/proof_dpi", 150)))
        except (TypeError, ValueError):
            pass
        icc = str(q.value("export/icc", "") or "")
        if icc and Path(icc).exists():
            self.icc_edit.setText(icc)

    def _save_options(self, c: ExportChoices) -> None:
        q = self.store
        if q is None:
            return
        q.setValue("export/bleed", "card" if c.bleed is None else c.bleed)
        for key, value in (("pdfx", c.pdfx), ("condition", c.condition), ("proof_view", c.proof_view),
                           ("nup_sheet", self.nup_sheet.currentData()), ("crop_marks", c.crop_marks),
                           ("outline", c.outline_text), ("proof", c.proof), ("guides", c.proof_guides),
                           ("nup", bool(c.nup)), ("proof_dpi", c.proof_dpi), ("icc", c.icc_path or "")):
            q.setValue(f"export/{key}", value)
        q.sync()

    # -- state ------------------------------------------------------------------------------
    def choices(self) -> ExportChoices:
        return ExportChoices(
            pdf_path=Path(self.path_edit.text().strip()).expanduser(),
            bleed=self.bleed_box.currentData(),
            crop_marks=self.crop_marks.isChecked(),
            pdfx=self.pdfx_box.currentData(),
            condition=self.condition_box.currentData(),
            icc_path=self.icc_edit.text().strip() or None,
            outline_text=self.outline.isChecked(),
            proof=self.proof.isChecked(),
            proof_dpi=self.proof_dpi.value(),
            proof_view=self.proof_view.currentData(),
            proof_guides=self.proof_guides.isChecked(),
            nup=self.nup_sheet.currentData() if self.nup.isChecked() else None,
            waiver=self.waiver.text().strip() or None,
            profile=self.profile,
            disabled_rules=self.disabled_rules,
        )

    def _safe_preflight(self) -> list:
        """The verdict's findings (judge_card turns a checker failure into PF019, which blocks)."""
        return list(card_verdict(self.document, self.choices(), self.judge_factory).findings)

    def _show_errors(self) -> None:
        self.errors_list.clear()
        for f in self.errors:
            item = QListWidgetItem(f"{f.rule}  {localized_message(f)}" + (f" — “{f.text}”" if f.text else ""))
            item.setForeground(Qt.GlobalColor.darkRed)
            item.setToolTip(f.message_zh if not current_language().startswith("zh") else f.message)
            self.errors_list.addItem(item)
        self.errors_box.setVisible(bool(self.errors))
        self._update_enabled()

    def _update_enabled(self) -> None:
        c = self.choices()
        ok = bool(c.pdf_path.name) and (not self.errors or bool(c.waiver))
        if c.pdfx == "x4" and not c.icc_path:
            ok = False
        self.export_button.setEnabled(ok)
        if self.errors and not c.waiver:
            self.export_button.setToolTip(_tr("Give a waiver reason to export with errors"))
        elif c.pdfx == "x4" and not c.icc_path:
            self.export_button.setToolTip(_tr("PDF/X-4 needs the printer's ICC profile"))
        else:
            self.export_button.setToolTip("")

    def _options_changed(self, *_args) -> None:
        self.proof_dpi.setEnabled(self.proof.isChecked())
        self.proof_view.setEnabled(self.proof.isChecked())
        self.proof_guides.setEnabled(self.proof.isChecked())
        self.nup_sheet.setEnabled(self.nup.isChecked())
        self._update_enabled()
        self.preview_timer.start()

    # -- preview ---------------------------------------------------------------------------
    def render_preview(self) -> QImage | None:
        """Draw what the options produce (first page) and show it; returns the image."""
        self.preview_timer.stop()
        c = self.choices()
        tmp = Path(self._tmp.name)
        try:
            from app.export.pdf import export_pdf

            opts = c.pdf_options(preflight=False, verify=False, outline_text=False, allow_violations=None)
            if opts.pdfx == "x4" and not opts.icc_path:
                opts.pdfx = "x1a"
            pdf = tmp / "preview.pdf"
            export_pdf(self.document, pdf, opts)
            caption = _tr("Print PDF, page 1")
            if c.nup:
                from app.export.nup import export_nup

                pdf_nup = tmp / "preview-nup.pdf"
                layout = export_nup(self.document, pdf_nup, sheet=c.nup, options=opts)
                pdf = pdf_nup
                caption = _tr("N-up sheet, page 1") + f" ({layout.count} ×)"
            image = self._rasterise(pdf)
        except CardwiseError as exc:
            self.preview_error = str(exc)
            self._preview_image = None
            self.preview.setPixmap(QPixmap())
            self.preview.setText(str(exc))
            self.preview.setWordWrap(True)
            return None
        self.preview_error = None
        self.preview_renders += 1
        self._preview_image = image
        self._fit_preview()
        self.preview_caption.setText(caption)
        return image

    def _fit_preview(self) -> None:
        """Scale the last rendered page to the preview's current size (whole page visible)."""
        if self._preview_image is None or self._preview_image.isNull():
            return
        room = self.preview.contentsRect().size() - QSize(16, 16)
        if room.width() < 8 or room.height() < 8:
            return
        self.preview.setPixmap(QPixmap.fromImage(self._preview_image).scaled(
            room, Qt.KeepAspectRatio, Qt.SmoothTransformation))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        # the layout gives the preview its real size only when the dialog is shown, and again
        # on every resize: fit the page then (rendering happened earlier, at a guessed size)
        if watched is self.preview and event.type() in (QEvent.Resize, QEvent.Show):
            self._fit_preview()
        return super().eventFilter(watched, event)

    def _rasterise(self, pdf: Path, dpi: float = 110.0) -> QImage:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(pdf))
        try:
            page = doc[0]
            bitmap = page.render(scale=dpi / 72.0)
            image = pil_to_qimage(bitmap.to_pil())
            page.close()
        finally:
            doc.close()
        return image

    # -- export ----------------------------------------------------------------------------
    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export PDF"), self.path_edit.text(), _tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.path_edit.setText(path)

    def _browse_icc(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("ICC profile"), "", _tr("ICC profiles (*.icc *.icm)"))
        if path:
            self.icc_edit.setText(path)

    def do_export(self) -> bool:
        """Write the files; on success close the dialog. Errors are shown, nothing is lost."""
        from app.export.pdf import ExportRefused

        c = self.choices()
        if c.pdf_path.suffix.lower() != ".pdf":
            c.pdf_path = c.pdf_path.with_suffix(".pdf")
        try:
            self.result = run_export(self.document, c, self.judge_factory)
        except ExportRefused as exc:
            self.errors = [f for f in exc.findings if str(f.severity) == "error"]
            self._show_errors()
            self.waiver.setFocus()
            return False
        except (CardwiseError, OSError) as exc:
            QMessageBox.warning(self, _tr("Export failed"), str(exc))
            return False
        self.last_choices = c
        self._save_options(c)
        self.exported.emit(c)
        self.accept()
        return True

    def done(self, r: int) -> None:  # noqa: D401 - Qt override
        super().done(r)
        self._tmp.cleanup()


def install(window: MainWindow) -> QAction:
    """Add File › Export… (Ctrl+E)."""
    from app.ui.actions import CommandId, service_action

    action = service_action(CommandId.EXPORT, window)

    def open_dialog() -> None:
        current = window.current_path
        default = Path(current).with_suffix(".pdf") if current else Path.home() / "card.pdf"
        from app.ui.settings import settings_for

        settings = settings_for(window)
        # the profile the user checks against in the designer gates the export too
        profile = settings.profile if settings.q.contains("check/profile") else None
        service = window.live_check
        with (service.suspended() if service is not None else nullcontext()):
            dialog = ExportDialog(window.document, window, default, profile=profile, store=settings.q,
                                  disabled_rules=tuple(settings.disabled_rules), judge_factory=window.judge_factory)
            accepted = dialog.exec() == QDialog.Accepted
        if accepted and dialog.result is not None:
            written = ", ".join(str(p) for p in dialog.last_choices.written) or str(dialog.result.path)
            window.status_bar.showMessage(_tr("Exported %1").replace("%1", written), 8000)

    action.triggered.connect(open_dialog)
    from app.ui.settings_dialog import menu_for

    menu = menu_for(window, "&File", "menu-file")
    # after Save As / before Quit when the menu has them
    before = None
    for a in menu.actions():
        if a.objectName() in ("action-quit", "cardwise:file:quit") or a.menuRole() == QAction.QuitRole:
            before = a
            break
    if before is not None:
        menu.insertAction(before, action)
        menu.insertSeparator(before)
    else:
        menu.addSeparator()
        menu.addAction(action)
    return action
