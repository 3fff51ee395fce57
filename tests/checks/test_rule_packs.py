"""Rule packs load and validate: unique stable ids, known categories, sources, profiles;
a broken pack fails at load time with a message naming the file, the rule and the field."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import RulePackError, available_profiles, load_rules
from checks.docgen import rendered_docs
from checks.findings import COMPLIANCE_CATEGORIES
from checks.rules import DETECTOR_CONCEPTS, MODEL_CONCEPT, frame_enabled, load_ruleset

RULES_DIR = Path(__file__).resolve().parents[2] / "resources" / "rules"


def test_ids_unique_and_not_retired():
    """Rule ids are unique and none reuses a retired id (ids are forever)."""
    rs = load_rules()
    ids = [r.id for r in rs.rules]
    assert len(ids) == len(set(ids))
    assert not (set(ids) & set(rs.retired)) or all(
        r.status == "removed" for r in rs.rules if r.id in rs.retired)


def test_every_category_has_a_rule_and_every_rule_a_source():
    """Each of the ten TAXONOMY categories is covered, and every rule cites its policy."""
    rs = load_rules()
    covered = {r.category for r in rs.rules}
    assert set(COMPLIANCE_CATEGORIES) <= covered
    assert all(r.source and r.source.title for r in rs.rules), [r.id for r in rs.rules if not r.source]


def test_every_rule_has_english_and_chinese_messages():
    """The GUI shows message_zh to Chinese users: it must exist and actually be Chinese."""
    for r in load_rules().rules:
        assert r.message and r.message_zh, r.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.message_zh), f"{r.id}: message_zh is not Chinese"


def test_every_rule_has_a_short_english_and_chinese_title():
    """The batch window, the findings panel and `cardwise rules` name rules by their titles."""
    for r in load_rules().rules:
        assert r.title and r.title[-1] != "." and len(r.title) <= 48, r.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in r.title_zh), f"{r.id}: title_zh is not Chinese"


def test_profiles_are_the_five_marketplaces():
    """amazon (default first), walmart, ebay, etsy and tiktok are available."""
    profiles = available_profiles()
    assert profiles[0] == "amazon"
    assert {"amazon", "walmart", "ebay", "etsy", "tiktok"} <= set(profiles)


@pytest.fixture
def pack_copy(tmp_path):
    dst = tmp_path / "rules"
    shutil.copytree(RULES_DIR, dst)
    return dst


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,expect", [
    ("category: review-incentive\n", "category: review-bribes\n", "not one of the TAXONOMY ids"),
    ("severity: error\n", "severity: fatal\n", "severity 'fatal'"),
    ("kind: cooccur\n", "kind: telepathy\n", "unknown kind 'telepathy'"),
    ("require: [incentive, review_request|review_mention|star_trade]", "require: [incentiv, review_request]", "unknown concept 'incentiv'"),
    ("source: amazon-reviews-faq\n", "source: nowhere\n", "source 'nowhere'"),
    ("    negatable: true\n", "    negatable: true\n    colour: red\n", "unknown field(s) colour"),
    ('    title: "Reward for a review"\n', "", "missing required field 'title'"),
    ('    title_zh: "以好处换取评论"\n', "", "missing required field 'title_zh'"),
    ('title: "Reward for a review"', 'title: "Reward for a review."', "'title' ends with a full stop"),
    ('title_zh: "以好处换取评论"', 'title_zh: "以好处换取评论。"', "'title_zh' ends with a full stop"),
    ('title: "Reward for a review"', 'title: "' + "A gift, a refund or a discount offered for a review" + '"',
     "a title is one line of at most 48"),
])
def test_schema_errors_name_file_rule_and_field(pack_copy, old, new, expect):
    """A typo in a pack is a clear RulePackError naming review.yaml and CW101."""
    _break(pack_copy / "frames" / "review.yaml", old, new)
    with pytest.raises(RulePackError) as info:
        load_ruleset(pack_copy)
    msg = str(info.value)
    assert "review.yaml" in msg and "CW101" in msg and expect in msg


def test_duplicate_id_is_refused(pack_copy):
    """Two rules with one id cannot both load (the message names both files)."""
    _break(pack_copy / "frames" / "marketing.yaml", "id: CW901", "id: CW101")
    with pytest.raises(RulePackError, match="already used"):
        load_ruleset(pack_copy)


def test_invalid_yaml_is_reported_with_the_file(pack_copy):
    """Broken YAML names the file instead of crashing."""
    (pack_copy / "frames" / "marketing.yaml").write_text("rules: [\n  - id: CW901\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="marketing.yaml: not valid YAML"):
        load_ruleset(pack_copy)


def test_bad_pattern_is_reported_at_first_check(pack_copy):
    """A pattern naming an unknown lexicon fails with the concept and the pattern."""
    from checks import Checker

    _break(pack_copy / "en" / "concepts.yaml", '"@incentive_noun"\n', '"@incentive_nouns"\n')
    checker = Checker(rules_dir=pack_copy)
    with pytest.raises(RulePackError, match="concept 'incentive'.*unknown lexicon @incentive_nouns"):
        checker.check("Leave a review.")


def test_every_frame_rule_runs_in_every_language():
    """A frame rule runs in a language only where the pack defines each of its concepts, guards
    included (a pack that lacks a guard does not get the rule half-armed). So a concept one pack
    forgets removes the finding from that language's cards without a word: Italian cards went
    unchecked for a raised rating until the Italian pack got `rating_raise`. Every frame rule
    runs in all six languages; the failure names the rule, the language and the concept."""
    rs = load_rules()
    gaps = []
    for r in rs.rules:
        if not r.frame or r.status == "removed":
            continue
        for lang, pack in sorted(rs.packs.items()):
            if lang not in r.langs:
                defined = set(pack.concepts) | set(DETECTOR_CONCEPTS) | {MODEL_CONCEPT}
                missing = ["|".join(alts) for alts in r.concept_refs()
                           if not any(c.split("/")[0] in defined for c in alts)]
                gaps.append(f"{r.id} ({r.name}) does not run in '{lang}': "
                            f"resources/rules/{lang}/concepts.yaml lacks {missing}")
    assert not gaps, "\n".join(gaps)


def test_rules_md_is_up_to_date():
    """docs/rules.md is generated from the packs and the print checks (PF…); run
    `cardwise rules --write-docs` after editing a pack."""
    from app.export.preflight import reference_rows

    for path, text in rendered_docs(print_rows=reference_rows()).items():
        assert path.exists() and path.read_text(encoding="utf-8") == text, \
            f"{path.name} is stale: run `cardwise rules --write-docs`"


def test_a_shared_concept_reaches_every_pack_and_a_pack_may_define_its_own(pack_copy):
    """resources/rules/concepts.yaml holds what reads the same in every language (the
    marketplace's marks): every pack gets it, so the trademark model rule runs in all six;
    a pack that defines the name keeps its own."""
    rs = load_ruleset(pack_copy)
    assert all("marketplace_mark" in p.concepts for p in rs.packs.values())
    cw090 = next(r for r in rs.rules if r.id == "CW090")
    assert all(frame_enabled(cw090, p) for p in rs.packs.values())
    de = pack_copy / "de" / "concepts.yaml"
    de.write_text(de.read_text(encoding="utf-8") + "  marketplace_mark:\n    - regex: 'Amazonien'\n",
                  encoding="utf-8")
    assert load_ruleset(pack_copy).packs["de"].concepts["marketplace_mark"] == [{"regex": "Amazonien"}]


def test_a_token_pattern_in_the_shared_concepts_is_refused_with_the_file_named(pack_copy):
    _break(pack_copy / "concepts.yaml", "  marketplace_mark:\n", "  amazon_word:\n    - \"=amazon\"\n  marketplace_mark:\n")
    with pytest.raises(RulePackError, match=r"concepts.yaml.*amazon_word.*regexes only"):
        load_ruleset(pack_copy)
