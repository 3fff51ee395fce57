"""The contact/link rule pack (resources/rules/frames/contact.yaml) agrees with the detectors:
every marked example is found exactly, every lookalike stays clean, and no suggested rewrite
contains a contact channel or off-Amazon link of its own."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from checks.detectors import DETECTORS, detect

PACK = Path(__file__).resolve().parents[2] / "resources" / "rules" / "frames" / "contact.yaml"
_MARK = re.compile(r"\[([^\[\]]+)\]")


def _load() -> list[dict]:
    data = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    return [{**data.get("defaults", {}), **r} for r in data["rules"]]


RULES = _load()
#: the rules read straight off a detector; a wording rule built on a detector's hits (CW513: a QR
#: code unless its target is named as safe, ``kind: cooccur``) has its examples run by the engine
#: (tests/checks/test_rule_examples.py)
DETECTOR_RULES = [r for r in RULES if "detector" in r]


def _unmark(raw: str) -> tuple[str, tuple[int, int]]:
    m = _MARK.search(raw)
    text = raw[:m.start()] + m.group(1) + raw[m.end():]
    return text, (m.start(), m.start() + len(m.group(1)))


def _spans(rule: dict, text: str) -> list[tuple[int, int]]:
    kinds = set(rule.get("kinds") or ())
    return [(h.start, h.end) for h in DETECTORS[rule["detector"]](text) if not kinds or h.kind in kinds]


def test_ids_are_in_the_contact_block_and_unique():
    """Contact/link rule ids are unique and stay in the CW501-CW599 block."""
    ids = [r["id"] for r in RULES]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"CW5\d\d", i) and i != "CW500" for i in ids)


@pytest.mark.parametrize("rule", DETECTOR_RULES, ids=lambda r: r["id"])
def test_rule_examples_match_their_span(rule):
    """Each 'match' example is found by the rule's detector at exactly the marked span."""
    assert rule["examples"]["match"], f"{rule['id']} has no examples"
    for raw in rule["examples"]["match"]:
        text, span = _unmark(raw)
        assert _spans(rule, text) == [span], f"{rule['id']} misses its example: {raw!r}"


@pytest.mark.parametrize("rule", DETECTOR_RULES, ids=lambda r: r["id"])
def test_rule_lookalikes_stay_clean(rule):
    """Each 'ok' lookalike gives the rule's detector (with its kinds) no hit."""
    assert rule["examples"]["ok"], f"{rule['id']} has no lookalikes"
    if rule.get("unless"):
        pytest.skip("cleared by wording concepts (unless:), which the engine's example test runs")
    for text in rule["examples"]["ok"]:
        assert _spans(rule, text) == [], f"False positive against {rule['id']}: {text!r}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r["id"])
def test_suggestions_carry_no_contact_or_offsite_link(rule):
    """A suggested rewrite contains no e-mail, phone, messenger, handle or off-Amazon link."""
    hits = [h for h in detect(rule["suggestion"]) if h.kind != "amazon"]
    assert hits == [], f"{rule['id']} suggestion trips: {[rule['suggestion'][h.start:h.end] for h in hits]}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r["id"])
def test_rules_are_bilingual_and_sourced(rule):
    """Every rule has an English and a Chinese message and cites a policy source."""
    assert rule["message"].strip() and re.search(r"[\u4e00-\u9fff]", rule["message_zh"]) and rule["source"]


def test_a_contact_rule_is_a_detector_rule_or_a_wording_rule_on_a_detector():
    """Every contact/link rule reads a detector, directly or through a concept built on one
    (``url/qr-code``), so a seller's e-mail, phone, link or QR code is never left unread."""
    for r in RULES:
        if "detector" in r:
            assert r["detector"] in DETECTORS, r["id"]
        else:
            assert r.get("kind") == "cooccur", r["id"]
            assert any(c.split("/")[0] in DETECTORS for c in r["require"]), r["id"]
