"""The findings panel, the status light and the hover card, on their own (no window)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from app.ui.hovercard import HoverCard
from app.ui.panels.findings import FindingsPanel
from app.ui.status_light import StatusLight, summary
from checks.findings import Category, Finding, Severity, Source


def _finding(rule="CW101", severity=Severity.ERROR, element="t1", start=0, end=4, text="gift",
             suggestion="We'd love to hear your honest feedback.", category=Category.REVIEW_INCENTIVE):
    return Finding(rule, f"{category}/x", category, severity, start, end, text,
                   "Offering something for a review is not allowed.", "不得以任何好处换取评价。",
                   Source("Amazon Community Guidelines", "https://www.amazon.com/gp/help/customer/display.html?nodeId=GLHXEX85MVRRDDY6"),
                   suggestion, element_id=element)


def test_panel_groups_by_severity_with_counts(qtbot):
    """Errors come first under a header with their count, then warnings, then notes."""
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings([
        _finding("PF004", Severity.WARNING, category=Category.PRINT),
        _finding("CW101"),
        _finding("CW102"),
        _finding("CW900", Severity.INFO),
    ])
    tree = panel.tree
    headers = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert headers == ["Errors (2)", "Warnings (1)", "Notes (1)"]
    assert [r.text(0) for r in panel.rows()] == ["CW101", "CW102", "PF004", "CW900"]


def test_clicking_a_row_emits_the_finding(qtbot):
    """A click on a finding row hands that finding to whoever reveals it on the canvas."""
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    f = _finding()
    panel.set_findings([f], lambda _f: "Text · Front")
    row = panel.rows()[0]
    assert row.text(2) == "Text · Front"
    with qtbot.waitSignal(panel.activated) as blocker:
        panel.tree.itemClicked.emit(row, 0)
    assert blocker.args == [f]


def test_empty_panel_says_the_card_is_clean(qtbot):
    """With no findings the panel says so instead of showing an empty table."""
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings([])
    assert panel.tree.isHidden() and "No problems" in panel.empty.text()


def test_status_light_colour_follows_the_worst_finding(qtbot):
    """Red with errors, amber with only warnings, green when clean; counts read naturally."""
    light = StatusLight()
    qtbot.addWidget(light)
    light.set_counts(2, 1)
    assert light.state == "error" and light.text == "2 errors, 1 warning"
    light.set_counts(0, 3)
    assert light.state == "warning"
    light.set_counts(0, 0)
    assert light.state == "ok" and light.text == summary(0, 0) == "No problems"
    with qtbot.waitSignal(light.clicked):
        qtbot.mouseClick(light, Qt.LeftButton)


def test_hover_card_shows_message_source_and_actions(qtbot):
    """The card quotes the words, explains, links the policy and offers the three actions."""
    host = QWidget()
    host.resize(800, 600)
    qtbot.addWidget(host)
    host.show()
    card = HoverCard(host)
    f = _finding()
    card.show_at(f, QRect(50, 50, 80, 16))
    assert card.isVisible()
    assert card.message.text() == f.message
    assert "nodeId=GLHXEX85MVRRDDY6" in card.source.text()
    assert card.apply_button.isEnabled()
    assert not card.other.isVisible()
    card.toggle_other_language()
    assert card.other.isVisible() and card.other.text() == f.message_zh
    with qtbot.waitSignal(card.apply_requested) as blocker:
        card.apply_button.click()
    assert blocker.args == [f]


def test_hover_card_ignore_asks_for_a_reason(qtbot, monkeypatch):
    """Ignore once needs a reason; cancelling the question ignores nothing."""
    host = QWidget()
    host.resize(600, 400)
    qtbot.addWidget(host)
    card = HoverCard(host)
    f = _finding()
    card.show_at(f, QRect(10, 10, 50, 16))
    monkeypatch.setattr(card, "ask_reason", lambda: None)
    with qtbot.assertNotEmitted(card.ignore_requested):
        card.ignore_button.click()
    monkeypatch.setattr(card, "ask_reason", lambda: "Approved by Amazon account manager")
    with qtbot.waitSignal(card.ignore_requested) as blocker:
        card.ignore_button.click()
    assert blocker.args == [f, "Approved by Amazon account manager"]


def test_apply_is_disabled_without_a_suggestion(qtbot):
    """A finding without a rewrite cannot be 'applied'."""
    host = QWidget()
    qtbot.addWidget(host)
    card = HoverCard(host)
    card.show_at(_finding(suggestion=None), QRect(0, 0, 10, 10))
    assert not card.apply_button.isEnabled()
