"""Rule kinds (checks/kinds.py): one class per kind, registered in one table; a rule of a
kind with a broken field fails to load with a message naming the file, the rule and the field."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import Checker, RulePackError, load_rules
from checks.kinds import KINDS, RuleKind
from checks.rules import load_ruleset

RULES_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "rule-format.md"

_HEAD = """rules:
  - id: {rid}
    name: marketing/kind-test
    category: marketing
    severity: warning
    title: Kind test
    title_zh: 类型测试
    message: A test rule.
    message_zh: 测试规则。
    source: {{title: Test, url: "https://example.com"}}
"""


def _free_id() -> str:
    rs = load_rules()
    used = {r.id for r in rs.rules} | set(rs.retired)
    return next(f"CW{n}" for n in range(999, 900, -1) if f"CW{n}" not in used)


@pytest.mark.parametrize("fields, expect", [
    ("kind: pattern\n", "missing required field 'patterns'"),
    ("kind: pattern\n    patterns: 5\n", "field 'patterns' must be a list of non-empty strings"),
    ("kind: regex\n    regex: '(unclosed'\n", "regex does not compile"),
    ("kind: regex\n", "missing required field 'regex'"),
    ("kind: cooccur\n    require: []\n", "cooccur needs at least one concept in 'require'"),
    ("kind: cooccur\n    require: [incentive]\n    span: half\n", "span must be 'all' or 'anchor'"),
    ("kind: cooccur\n    require: [incentiv]\n", "unknown concept 'incentiv'"),
    ("kind: sequence\n    steps: [incentive, review_request, gift]\n", "sequence needs exactly two steps"),
    ("kind: detector\n    detector: fax\n",
     "detector 'fax' is not one of url, email, phone, handle, messenger"),
    ("kind: qr\n", "missing required field 'kinds'"),
    ("kind: notice\n    event: lunch\n", "event 'lunch' is not one of second-stage-unavailable"),
    ("kind: artwork\n    label: x\n    beside: y\n", "artwork needs 'glyphs' (the characters that draw a star)"),
    ("kind: artwork\n    glyphs: '★'\n    beside: y\n", "artwork needs 'label' (a regular expression)"),
    ("kind: language\n    patterns: [gift]\n", "unknown field(s) patterns for kind 'language'"),
    ("kind: telepathy\n",
     "unknown kind 'telepathy' (known: pattern, regex, cooccur, sequence, detector, qr, language, notice, artwork)"),
])
def test_each_kind_reports_its_bad_fields(tmp_path, fields, expect):
    dst = tmp_path / "rules"
    shutil.copytree(RULES_DIR, dst)
    rid = _free_id()
    (dst / "en" / "zz_kind_test.yaml").write_text(_HEAD.format(rid=rid) + "    " + fields, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_ruleset(dst)
    msg = str(info.value)
    assert "zz_kind_test.yaml" in msg and rid in msg and expect in msg, msg


def test_a_bad_token_pattern_is_reported_with_its_rule_at_first_check(tmp_path):
    dst = tmp_path / "rules"
    shutil.copytree(RULES_DIR, dst)
    rid = _free_id()
    (dst / "en" / "zz_kind_test.yaml").write_text(
        _HEAD.format(rid=rid) + "    kind: pattern\n    patterns: ['@no_such_list gift']\n", encoding="utf-8")
    with pytest.raises(RulePackError, match=rf"zz_kind_test.yaml.*{rid}.*pattern: slot '@no_such_list' names unknown lexicon"):
        Checker(rules_dir=dst).check("Leave a review.")


def test_every_rule_runs_through_its_registered_kind():
    """The loader accepts exactly the registered kinds, and each is documented."""
    rs = load_rules()
    assert all(isinstance(k, RuleKind) and k.name == name for name, k in KINDS.items())
    assert {r.kind for r in rs.rules} <= set(KINDS)
    assert all(r.impl is KINDS[r.kind] for r in rs.rules)
    doc = DOCS.read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in doc for name in KINDS), [n for n in KINDS if f"| `{n}` |" not in doc]
