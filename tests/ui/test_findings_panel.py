"""The findings panel, the status light and the hover card, on their own (no window)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QWidget

from app.ui.hovercard import HoverCard
from app.ui.panels.findings import FINDING_ROLE, FindingsPanel
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
    # each rule by its title (a rule without one, CW900 here, by its id)
    assert [r.text(0) for r in panel.rows()] == ["Reward for a review", "Reward next to a review request",
                                                 "Line too thin", "CW900"]
    assert panel.rows()[0].toolTip(0) == "CW101 · review-incentive/x"


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


def test_apply_is_absent_without_a_suggestion(qtbot):
    """A finding without a rewrite has no Apply button (not a button that does nothing)."""
    host = QWidget()
    qtbot.addWidget(host)
    card = HoverCard(host)
    card.show_at(_finding(suggestion=None), QRect(0, 0, 10, 10))
    assert card.apply_button.isHidden()
    card.show_at(_finding(), QRect(0, 0, 10, 10))
    assert not card.apply_button.isHidden()


def test_settings_list_and_re_enable_disabled_rules(qtbot, tmp_path):
    """Settings › Disabled rules lists what Disable rule switched off; Enable again removes it."""
    from PySide6.QtCore import QSettings

    from app.ui.settings_dialog import Settings, SettingsDialog

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    settings.disable_rule("CW201")
    settings.disable_rule("CW101")
    changed = []
    settings.changed.connect(changed.append)
    dialog = SettingsDialog(settings, rule_titles={"CW101": "review-incentive/gift-for-review"})
    qtbot.addWidget(dialog)
    assert [dialog.rules_list.item(i).text() for i in range(dialog.rules_list.count())] == [
        "CW101 — review-incentive/gift-for-review", "CW201"]
    dialog.rules_list.item(0).setSelected(True)
    dialog.remove_button.click()
    dialog.accept()
    assert settings.disabled_rules == ["CW201"]
    assert "check/disabled_rules" in changed


def test_settings_reject_unknown_values(tmp_path):
    """A hand-edited settings file with nonsense falls back to safe defaults."""
    from PySide6.QtCore import QSettings

    from app.ui.settings_dialog import Settings

    q = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    q.setValue("view/unit", "furlong")
    q.setValue("ui/language", "klingon")
    q.setValue("check/profile", "nowhere")
    s = Settings(q)
    assert (s.unit, s.language, s.profile) == ("mm", "en", "amazon")
    with pytest.raises(ValueError):
        s.unit = "furlong"


def test_panel_and_card_speak_chinese_in_the_chinese_interface(qtbot, qapp):
    """In 简体中文 the panel shows message_zh and Chinese headers; the card offers the English."""
    from app.ui import i18n

    i18n.install_language("zh_CN", qapp)
    try:
        panel = FindingsPanel()
        qtbot.addWidget(panel)
        f = _finding()
        panel.set_findings([f])
        assert panel.tree.topLevelItem(0).text(0) == "错误 (1)"
        assert panel.rows()[0].text(1) == f.message_zh
        assert panel.rows()[0].text(0) == "以好处换取评论"          # the rule's Chinese title
        host = QWidget()
        host.resize(700, 500)
        qtbot.addWidget(host)
        host.show()
        card = HoverCard(host)
        card.show_at(f, QRect(10, 10, 40, 16))
        assert card.message.text() == f.message_zh
        assert card.apply_button.text() == "采用建议"
        assert card.title.text() == "错误：以好处换取评论"
        card.toggle_other_language()
        assert card.other.text() == f.message
    finally:
        i18n.install_language("en", qapp)


def test_findings_moved_by_typing_keep_their_rows_and_the_selection(qtbot):
    """Typing before a finding moves its offsets only: the rows stay (the one the user picked
    stays selected) and hold the finding where it is now; a finding that changes is shown anew."""
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    panel.set_findings([_finding("CW101", start=10, end=14), _finding("CW102", start=30, end=34)])
    panel.tree.setCurrentItem(panel.rows()[1])
    picked = panel.rows()[1]
    panel.set_findings([_finding("CW101", start=11, end=15), _finding("CW102", start=31, end=35)])
    assert panel.rows()[1] is picked and picked.isSelected()
    assert [r.data(0, FINDING_ROLE).start for r in panel.rows()] == [11, 31]
    panel.set_findings([_finding("CW101", start=11, end=15, text="gifts"), _finding("CW102", start=31, end=35)])
    assert panel.rows()[0].toolTip(1).startswith("“gifts”")
    assert [r.data(0, FINDING_ROLE).text for r in panel.rows()] == ["gifts", "gift"]
