"""Where the hover card opens: whole, next to the underline, inside the canvas and the screen,
whatever the interface language."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from app.ui import i18n
from app.ui.hovercard import HoverCard
from checks.findings import Category, Finding, Severity, Source


def _finding():
    return Finding("CW101", "review-incentive/gift", Category.REVIEW_INCENTIVE, Severity.ERROR, 0, 26,
                   "review and get a free gift",
                   "Offering anything of value (gifts, refunds, discounts) in exchange for a review is review manipulation.",
                   "以任何好处（礼品、返现、折扣、积分、延保、抽奖等）换取评价属于操纵评论。亚马逊明令禁止，违者可能被封号。",
                   Source("Amazon Seller Central: Customer reviews FAQ", "https://sellercentral.amazon.com/help"),
                   "If you have a moment, we would appreciate your honest review on Amazon.", element_id="t1")


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    i18n.install_language(request.param, qapp)
    yield request.param
    i18n.install_language("en", qapp)


def _host(qtbot, width, height):
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(width, height)
    host.move(0, 0)
    host.show()
    qtbot.waitExposed(host)
    return host


def test_card_at_the_right_edge_is_whole_and_flips_left(qtbot, language):
    """An underline ending near the canvas's right edge: the card ends at the underline's
    right end instead of running past the edge (the Chinese card, narrower than its minimum
    width in its own estimate, was cut off by 40 px)."""
    host = _host(qtbot, 560, 580)
    card = HoverCard(host)
    anchor = QRect(470, 200, 80, 16)
    card.show_at(_finding(), anchor)
    assert host.rect().contains(card.geometry()), (card.geometry(), host.rect())
    assert card.geometry().right() == anchor.right()          # flipped left, not just clamped
    assert card.geometry().top() > anchor.bottom()            # room below: opens below


def test_card_at_the_bottom_right_corner_flips_up(qtbot, language):
    host = _host(qtbot, 560, 580)
    card = HoverCard(host)
    anchor = QRect(470, 540, 80, 16)
    card.show_at(_finding(), anchor)
    assert host.rect().contains(card.geometry())
    assert card.geometry().bottom() < anchor.top()


def test_card_stays_on_the_screen_when_the_window_reaches_past_it(qtbot, language):
    """A canvas wider than the screen (a window pushed half off it): the card opens on the
    part of the screen the user can see."""
    host = _host(qtbot, 100, 100)
    screen = host.screen().availableGeometry()
    host.resize(screen.width() + 400, screen.height())
    host.move(screen.topLeft())
    card = HoverCard(host)
    anchor = QRect(screen.width() + 200, 100, 80, 16)       # underline off the screen's right edge
    card.show_at(_finding(), anchor)
    shown = QRect(card.mapToGlobal(card.rect().topLeft()), card.size())
    assert screen.contains(shown), (shown, screen)


def test_card_that_grows_stays_inside(qtbot, language):
    """Show in the other language makes the card taller; it stays inside the canvas."""
    host = _host(qtbot, 560, 580)
    card = HoverCard(host)
    card.show_at(_finding(), QRect(470, 100, 80, 16))
    before = card.geometry()
    card.toggle_other_language()
    assert card.other.isVisible()
    assert host.rect().contains(card.geometry())
    assert card.geometry().topLeft() == before.topLeft()      # room to grow: it stays put
