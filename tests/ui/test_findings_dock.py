"""The findings dock in the designer: it keeps the height the user gave it while findings come
and go (the canvas does not shrink by itself), scrolls when there are more rows than fit, and
never cuts a group header in half."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from checks.findings import Category, Finding, Severity, Source


@pytest.fixture(autouse=True)
def checker_still_loading(monkeypatch, designer):
    """The checker stays loading in these tests: they fill the panel themselves, and a
    checker that became ready would replace their rows with the card's own findings."""
    import app.ui.live_check as live_check

    gate = threading.Event()

    def loading(profile):
        gate.wait(30)
        raise RuntimeError("the test is over")

    monkeypatch.setattr(live_check, "_default_checker", loading)
    yield
    gate.set()


def _finding(rule: str, severity: Severity, n: int) -> Finding:
    return Finding(rule, "review/x", Category.REVIEW_INCENTIVE, severity, 0, 4, "gift",
                   "Offering something for a review is not allowed.", "不得以任何好处换取评价。",
                   Source("Amazon Community Guidelines", "https://www.amazon.com/"), "",
                   element_id=f"t{n}")


def _mix(errors: int, warnings: int) -> list[Finding]:
    return ([_finding("CW101", Severity.ERROR, i) for i in range(errors)]
            + [_finding("PF004", Severity.WARNING, 100 + i) for i in range(warnings)])


def _dock_height(win) -> int:
    QApplication.processEvents()
    return win.live_presenter.dock.height()


def test_findings_dock_keeps_its_height_as_findings_come_and_go(designer):
    from app.ui.live_check import install

    win = designer(show=False)
    install(win)
    win.resize(1200, 800)
    win.show()
    QApplication.processEvents()
    dock, panel = win.live_presenter.dock, win.live_presenter.panel
    panel.set_findings([])
    start = _dock_height(win)
    canvas = win.view.height()
    for errors, warnings in ((1, 0), (1, 1), (6, 3), (0, 0), (2, 9)):
        panel.set_findings(_mix(errors, warnings))
        assert _dock_height(win) == start, (errors, warnings)
        assert win.view.height() == canvas
    # the user drags the splitter: that height is kept from then on
    win.resizeDocks([dock], [start + 90], Qt.Vertical)
    user = _dock_height(win)
    assert user == start + 90
    for errors, warnings in ((0, 0), (1, 1), (12, 12), (0, 1)):
        panel.set_findings(_mix(errors, warnings))
        assert _dock_height(win) == user, (errors, warnings)


def test_many_findings_scroll_and_headers_show_whole(designer, qtbot):
    from app.ui.live_check import install

    win = designer(show=False)
    install(win)
    win.resize(1200, 800)
    win.show()
    QApplication.processEvents()
    panel = win.live_presenter.panel
    panel.set_findings(_mix(8, 8))
    QApplication.processEvents()
    tree = panel.tree
    bar = tree.verticalScrollBar()
    assert bar.maximum() > 0  # more rows than fit: the list scrolls
    viewport = tree.viewport().rect()
    warnings = tree.topLevelItem(1)
    assert warnings.text(0) == "Warnings (8)"
    tree.scrollToItem(warnings)
    QApplication.processEvents()
    rect = tree.visualItemRect(warnings)
    assert viewport.contains(rect), (rect, viewport)   # the header is shown whole
    # dragged as small as it goes, the dock still shows a group header and a finding whole
    win.resizeDocks([win.live_presenter.dock], [1], Qt.Vertical)
    QApplication.processEvents()
    panel.set_findings(_mix(8, 8))
    QApplication.processEvents()
    tree.scrollToTop()
    QApplication.processEvents()
    viewport = tree.viewport().rect()
    assert viewport.contains(tree.visualItemRect(tree.topLevelItem(0)))
    assert viewport.contains(tree.visualItemRect(tree.topLevelItem(0).child(0)))
