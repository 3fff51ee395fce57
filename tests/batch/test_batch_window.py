"""The designer's Batch check window, driven with pytest-qt on a small generated folder."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("PySide6")

import artwork_factory as factory  # noqa: E402
from batch_cards import RISKY  # noqa: E402


@pytest.fixture()
def folder(tmp_path):
    d = tmp_path / "artwork"
    d.mkdir()
    factory.pdf(RISKY, d / "risky.pdf")
    (d / "clean.txt").write_text("Thank you for choosing us. We hope you enjoy your new lamp.")
    (d / "broken.pdf").write_bytes(b"%PDF-1.7 garbage")
    (d / "notes.xyz").write_text("not artwork")
    return d


def test_batch_window_runs_off_thread_fills_a_sortable_table_previews_and_exports(qtbot, folder, tmp_path, checker):
    """Check a folder: progress finishes, rows list findings and the unreadable file, the preview shows the page, exports write."""
    from PySide6.QtCore import Qt

    from app.ui.batch_window import BatchWindow

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.folder.setText(str(folder))
    assert w.start()
    assert w.cancel_button.isEnabled() and not w.run_button.isEnabled()
    qtbot.waitUntil(lambda: not w.is_running() and w.run_button.isEnabled(), timeout=60_000)
    assert len(w.results) == 3
    rows = w.proxy.rowCount()
    assert rows >= 3
    cells = [[w.proxy.index(r, c).data() for c in range(7)] for r in range(rows)]
    assert any(c[0].endswith("broken.pdf") and "not a readable PDF" in c[6] for c in cells)
    from app.batch.titles import titles

    english_titles = {t for t, _zh in titles().values()}
    risky = [c for c in cells if c[0].endswith("risky.pdf")]
    assert risky and all(c[2] == "1" and c[4] in english_titles for c in risky)   # rule names, not ids
    # sorted by severity: errors first
    assert cells[0][3] == "Error"
    w.table.sortByColumn(0, Qt.AscendingOrder)
    names = [w.proxy.index(r, 0).data() for r in range(rows)]
    assert names == sorted(names, key=str.lower)
    # select a risky.pdf finding: the preview shows its page with boxes
    row = next(r for r in range(rows) if w.proxy.index(r, 0).data().endswith("risky.pdf"))
    w.table.selectRow(row)
    pix = w.preview.pixmap()
    assert pix is not None and not pix.isNull()
    assert w._page_pixmap is not None and w._page_pixmap.width() > 300  # the page at preview size
    out = tmp_path / "out"
    out.mkdir()
    w.export(str(out / "r.html"), "html")
    w.export(str(out / "r.json"), "json")
    w.export(str(out / "r.csv"), "csv")
    assert "data:image/jpeg;base64," in (out / "r.html").read_text(encoding="utf-8")
    assert len(json.loads((out / "r.json").read_text(encoding="utf-8"))["files"]) == 3
    assert (out / "r.csv").read_text(encoding="utf-8").startswith("file,")
    # every finding named next to its id, print checks and the artwork reader's notes included
    from app.batch.titles import rule_title
    found = [f for entry in json.loads((out / "r.json").read_text(encoding="utf-8"))["files"] for f in entry["findings"]]
    assert found and all(f["title"] == rule_title(f["rule"]) != f["rule"] for f in found)


def test_install_adds_the_menu_action(qtbot):
    """install(window) puts File › Batch check… in the menu and it opens the window."""
    from PySide6.QtWidgets import QMainWindow

    from app.ui.batch_window import BatchWindow, install

    win = QMainWindow()
    qtbot.addWidget(win)
    action = install(win)
    file_menu = next(a.menu() for a in win.menuBar().actions() if a.menu() is not None)
    assert action in file_menu.actions() and "Batch check" in action.text()
    action.trigger()
    batch = win.findChild(BatchWindow)
    assert batch is not None and batch.isVisible()
    action.trigger()   # a second click raises the same window
    assert win.findChildren(BatchWindow) == [batch]
    batch.close()


def test_cancel_stops_the_run_and_keeps_the_window_usable(qtbot, folder, checker):
    """Cancel during a run ends it; the window can start again."""
    from app.ui.batch_window import BatchWindow

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    assert w.start([str(folder)])
    w.cancel()
    qtbot.waitUntil(lambda: not w.is_running() and w.run_button.isEnabled(), timeout=60_000)
    assert w.run_button.isEnabled() and not w.cancel_button.isEnabled()


def test_every_file_is_listed_with_its_status_and_can_be_filtered(qtbot, folder, checker):
    """Clean, flagged, unreadable and skipped files each get a row naming their status;
    the filter shows one status; severities and categories are names, not ids."""
    from app.ui.batch_window import COL_CATEGORY, COL_FILE, COL_SEVERITY, COL_STATUS, COL_TEXT, BatchWindow

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.folder.setText(str(folder))
    assert w.start()
    qtbot.waitUntil(lambda: not w.is_running() and w.run_button.isEnabled(), timeout=60_000)

    def table() -> list[list[str]]:
        return [[w.proxy.index(r, c).data() for c in range(w.proxy.columnCount())] for r in range(w.proxy.rowCount())]

    status_of = {}
    for row in table():
        status_of.setdefault(row[COL_FILE], set()).add(row[COL_STATUS])
    assert status_of == {"risky.pdf": {"Findings"}, "clean.txt": {"Clean"}, "broken.pdf": {"Unreadable"},
                         "notes.xyz": {"Skipped"}}
    rows = table()
    assert next(r for r in rows if r[COL_FILE] == "notes.xyz")[COL_TEXT] == "Cardwise does not read .xyz files"
    assert next(r for r in rows if r[COL_FILE] == "clean.txt")[COL_TEXT] == "No findings"
    flagged = [r for r in rows if r[COL_FILE] == "risky.pdf"]
    assert {r[COL_SEVERITY] for r in flagged} <= {"Error", "Warning", "Note"}
    raw_ids = {"error", "warning", "info", "review-positive", "review-incentive", "offsite-contact", "data-collection"}
    assert not {r[COL_CATEGORY] for r in flagged} & raw_ids
    assert all(r[COL_CATEGORY] and "-" not in r[COL_CATEGORY] for r in flagged)
    assert "Skipped: 1" in w.status.text() and "Warnings: " in w.status.text()

    w.set_status_filter("clean")
    assert [r[COL_FILE] for r in table()] == ["clean.txt"]
    w.set_status_filter("skipped")
    assert [r[COL_FILE] for r in table()] == ["notes.xyz"]
    w.set_status_filter("findings")
    assert {r[COL_FILE] for r in table()} == {"risky.pdf"} and len(table()) == len(flagged)
    w.set_status_filter("")
    assert len(table()) == len(rows)


def test_batch_window_follows_a_live_language_switch(qtbot, folder, checker):
    """Switching to Chinese with results on screen translates the headers, statuses,
    severities, categories and filter; switching back restores English."""
    from PySide6.QtWidgets import QApplication

    from app.ui import i18n
    from app.ui.batch_window import COL_FILE, COL_RULE, COL_SEVERITY, COL_STATUS, BatchWindow

    w = BatchWindow(jobs=1)
    qtbot.addWidget(w)
    w.folder.setText(str(folder))
    assert w.start()
    qtbot.waitUntil(lambda: not w.is_running() and w.run_button.isEnabled(), timeout=60_000)

    def headers() -> list[str]:
        return [w.model.headerData(c, Qt.Horizontal) for c in range(w.model.columnCount())]

    from PySide6.QtCore import Qt

    assert headers()[:3] == ["File", "Status", "Page"]
    try:
        i18n.set_language("zh_CN", [w])
        QApplication.processEvents()
        assert headers()[:4] == ["文件", "状态", "页", "严重程度"]
        rows = [[w.proxy.index(r, c).data() for c in range(w.proxy.columnCount())] for r in range(w.proxy.rowCount())]
        by_file = {r[COL_FILE]: r for r in rows}
        assert by_file["clean.txt"][COL_STATUS] == "无问题"
        assert by_file["notes.xyz"][COL_STATUS] == "已跳过"
        assert {r[COL_SEVERITY] for r in rows if r[COL_FILE] == "risky.pdf"} <= {"错误", "警告", "提示"}
        from app.batch.titles import titles

        chinese_titles = {zh for _t, zh in titles().values()}
        assert {r[COL_RULE] for r in rows if r[COL_FILE] == "risky.pdf"} <= chinese_titles   # rule names in Chinese
        assert w.status_filter.itemText(0) == "全部文件"
        assert "文件：" in w.status.text() and "已跳过：1" in w.status.text()
    finally:
        i18n.set_language("en", [w])
    QApplication.processEvents()
    assert headers()[:3] == ["File", "Status", "Page"]
