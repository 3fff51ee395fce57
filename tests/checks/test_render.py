"""Output renderers: the exact text a user reads, and machine formats that parse back."""
from __future__ import annotations

import csv
import io
import json

import pytest

from checks.findings import Category, FileResult, Finding, Severity, Source
from checks.render import FORMATS, UnknownFormat, render, summary, summary_line

SUGGEST = "Contact us through Amazon Buyer-Seller Messaging (Your Orders › Contact Seller)."
SRC = Source("Amazon Communication Guidelines", "https://sellercentral.amazon.com/help/hub/reference/G1701")


def finding(text: str, phrase: str, *, rule: str = "CW501", cat: str = "offsite-contact",
            sev: str = "warning", occurrence: int = 0, **kw) -> Finding:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Finding(rule=rule, name=f"{cat}/test-rule", category=Category(cat), severity=Severity(sev),
                   start=start, end=start + len(phrase), text=phrase,
                   message="Off-Amazon contact channel.", message_zh="站外联系方式。",
                   source=SRC, suggestion=SUGGEST, **kw)


def out(results, fmt, **kw) -> str:
    buf = io.StringIO()
    render(results, fmt, buf, **kw)
    return buf.getvalue()


CARD = "THANK YOU!\nLeave a review and get a FREE gift!\nEmail: gift@lumivox.example.com"


@pytest.fixture
def results() -> list[FileResult]:
    return [
        FileResult("card.txt", [
            finding(CARD, "gift@lumivox.example.com"),
            finding(CARD, "Leave a review and get a FREE gift", rule="CW101", cat="review-incentive", sev="error"),
        ], text=CARD, lang="en"),
        FileResult("clean.txt", [], text="Thank you for your order!", lang="en"),
        FileResult("broken.bin", error="not a text file (binary content)"),
    ]


# --------------------------------------------------------------------------- text
def test_text_output_is_compiler_style(results):
    """Text output: path:line:col, severity, rule, message; source line; underline; suggestion; summary."""
    assert out(results, "text").splitlines() == [
        "card.txt:2:1: error CW101 Off-Amazon contact channel.",
        "    2 | Leave a review and get a FREE gift!",
        "      | ^" + "~" * (len("Leave a review and get a FREE gift") - 1),
        f"  suggestion: {SUGGEST}",
        "card.txt:3:8: warning CW501 Off-Amazon contact channel.",
        "    3 | Email: gift@lumivox.example.com",
        "      |        ^" + "~" * (len("gift@lumivox.example.com") - 1),
        f"  suggestion: {SUGGEST}",
        "broken.bin: error: not a text file (binary content)",
        "1 error, 1 warning in 3 files (1 could not be read)",
    ]


def test_underline_sits_under_span_after_tabs_and_wide_characters():
    """The underline lines up under the span after a tab, CJK characters and an emoji."""
    text = "感谢！🎁\tmail: a@b.example"
    r = FileResult("zh.txt", [finding(text, "a@b.example")], text=text)
    lines = out([r], "text").splitlines()
    assert lines[0] == "zh.txt:1:12: warning CW501 Off-Amazon contact channel."
    source, underline = lines[1], lines[2]
    # 感谢！ takes 6 cells and 🎁 2, so the tab fills cells 8-15 with 8 spaces
    assert source == "    1 | 感谢！🎁" + " " * 8 + "mail: a@b.example"
    prefix_cells = 6 + 2 + 8 + len("mail: ")
    assert underline == "      | " + " " * prefix_cells + "^" + "~" * (len("a@b.example") - 1)


def test_emoji_sequences_take_two_cells():
    """A family emoji (ZWJ sequence) and a skin-toned thumb take two cells each, so the underline stays put."""
    text = "👨‍👩‍👧👍🏽 a@b.example"
    lines = out([FileResult("f.txt", [finding(text, "a@b.example")], text=text)], "text").splitlines()
    assert lines[2] == "      | " + " " * (2 + 2 + 1) + "^" + "~" * (len("a@b.example") - 1)


def test_span_across_lines_is_underlined_on_each_line():
    """A span crossing a line break is shown on both lines, with ^ only at its start."""
    text = "Happy? Leave\na review now."
    f = finding(text, "Leave\na review")
    lines = out([FileResult("m.txt", [f], text=text)], "text").splitlines()
    assert lines[1:5] == [
        "    1 | Happy? Leave",
        "      |        ^~~~~",
        "    2 | a review now.",
        "      | ~~~~~~~~",
    ]


def test_artwork_finding_prints_page():
    """A finding located on a page of artwork reads path:page N and shows the matched text."""
    text = "Scan me: shop.brand.example"
    f = finding(text, "shop.brand.example", rule="CW520", cat="external-link", page=2, bbox=(10, 20, 110, 40))
    lines = out([FileResult("insert.pdf", [f], text=text, pages=2)], "text").splitlines()
    assert lines[:2] == ["insert.pdf:page 2: warning CW520 Off-Amazon contact channel.",
                         "      | shop.brand.example"]


def test_text_in_chinese_and_colour():
    """lang=zh shows the Chinese message; colour adds ANSI codes only when asked."""
    text = "a@b.example"
    r = [FileResult("c.txt", [finding(text, text)], text=text)]
    zh = out(r, "text", lang="zh")
    assert "站外联系方式。" in zh and "建议:" in zh and "\x1b[" not in zh
    coloured = out(r, "text", color=True)
    assert "\x1b[1;33mwarning\x1b[0m" in coloured


@pytest.mark.parametrize("results_, line", [
    ([], "0 errors, 0 warnings in 0 files"),
    ([FileResult("a.txt", text="")], "0 errors, 0 warnings in 1 file"),
    ([FileResult("a", error="x"), FileResult("b", error="y")], "0 errors, 0 warnings in 2 files (2 could not be read)"),
])
def test_summary_line_plurals(results_, line):
    """The summary line counts findings and files with correct plurals."""
    assert summary_line(results_) == line


# --------------------------------------------------------------------------- json
def test_json_round_trip_and_shape(results):
    """JSON: version 1, one entry per input in order, documented finding keys, 1-based line/col, error kept."""
    doc = json.loads(out(results, "json"))
    assert doc["version"] == 1
    assert [f["path"] for f in doc["files"]] == ["card.txt", "clean.txt", "broken.bin"]
    first = doc["files"][0]["findings"][0]
    required = {"rule", "name", "category", "severity", "start", "end", "line", "col", "text",
                "message", "message_zh", "source", "suggestion"}
    assert required <= set(first)
    assert (first["rule"], first["line"], first["col"], first["severity"]) == ("CW101", 2, 1, "error")
    assert CARD[first["start"]:first["end"]] == first["text"]
    assert first["source"] == {"title": SRC.title, "url": SRC.url}
    assert doc["files"][1] == {"path": "clean.txt", "lang": "en", "findings": [], "error": None}
    assert doc["files"][2]["error"] == "not a text file (binary content)" and doc["files"][2]["findings"] == []
    assert doc["summary"] == summary(results)
    assert doc["summary"]["errors"] == 1 and doc["summary"]["warnings"] == 1 and doc["summary"]["unreadable"] == 1


def test_json_and_csv_name_each_rule_by_its_title(results):
    """Next to the id, the rule's name a seller can read, in the report's language; a caller
    that knows more rules (print checks) passes its own titles."""
    doc = json.loads(out(results, "json"))
    assert [(f["rule"], f["title"]) for f in doc["files"][0]["findings"]] == [
        ("CW101", "Reward for a review"), ("CW501", "E-mail address")]
    zh = json.loads(out(results, "json", lang="zh"))
    assert [f["title"] for f in zh["files"][0]["findings"]] == ["以好处换取评论", "电子邮件地址"]
    pf = FileResult("card.pdf", [finding(CARD, "THANK YOU", rule="PF003", cat="print", sev="warning")], text=CARD)
    named = json.loads(out([pf], "json", title_of={"PF003": "Text too small to print"}.get))
    assert named["files"][0]["findings"][0]["title"] == "Text too small to print"
    unnamed = json.loads(out([pf], "json"))
    assert unnamed["files"][0]["findings"][0]["title"] == "PF003"   # not in the packs: its id


def test_json_offsets_are_code_points_with_emoji():
    """JSON start/end and col count code points: an emoji before the span counts as one."""
    text = "🎁🎁 感谢 a@b.example"
    doc = json.loads(out([FileResult("e.txt", [finding(text, "a@b.example")], text=text)], "json"))
    f = doc["files"][0]["findings"][0]
    assert (f["start"], f["col"], f["end_col"]) == (6, 7, 18)
    assert text[f["start"]:f["end"]] == "a@b.example"


def test_json_and_text_show_where_a_qr_code_leads():
    """A QR finding carries the link verdict: JSON 'link' and 'qr', text 'link:' line; merged rules are listed."""
    payload = "https://shop.brand.example/"
    text = "[QR] " + payload
    f = finding(text, payload, rule="CW801", cat="offsite-diversion", sev="error", page=1).with_(
        extra={"verdict": "shop", "reason": "shop.brand.example is a shop outside Amazon.",
               "reason_zh": "shop.brand.example 是亚马逊以外的商店。", "qr": True, "rules": ["CW801", "CW520"]})
    r = [FileResult("card.pdf", [f], text=text)]
    got = json.loads(out(r, "json"))["files"][0]["findings"][0]
    assert got["link"]["kind"] == "shop" and got["qr"] is True and got["rules"] == ["CW801", "CW520"]
    assert "  link: shop.brand.example is a shop outside Amazon." in out(r, "text").splitlines()
    assert "  链接: shop.brand.example 是亚马逊以外的商店。" in out(r, "text", lang="zh").splitlines()


def test_json_artwork_keys():
    """Artwork findings add page and bbox; non-ASCII stays readable (not escaped)."""
    text = "微信：brand_cs"
    f = finding(text, text, page=1, bbox=(1.234, 2, 3, 4))
    doc_text = out([FileResult("a.png", [f], text=text)], "json")
    assert "微信" in doc_text
    got = json.loads(doc_text)["files"][0]["findings"][0]
    assert got["page"] == 1 and got["bbox"] == [1.23, 2, 3, 4]


# --------------------------------------------------------------------------- sarif
def test_sarif_required_shape(results):
    """SARIF 2.1.0: schema and version, driver rules with help and helpUri, results with full regions."""
    doc = json.loads(out(results, "sarif"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "Cardwise"
    ids = [r["id"] for r in driver["rules"]]
    assert sorted(ids) == ["CW101", "CW501"]
    for rule in driver["rules"]:
        assert rule["help"]["text"] and rule["helpUri"] == SRC.url and rule["shortDescription"]["text"]
    assert run["columnKind"] == "unicodeCodePoints"
    res = {r["ruleId"]: r for r in run["results"]}
    email = res["CW501"]
    assert email["level"] == "warning" and driver["rules"][email["ruleIndex"]]["id"] == "CW501"
    loc = email["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "card.txt"
    assert loc["region"] == {"startLine": 3, "startColumn": 8, "endLine": 3, "endColumn": 32,
                             "charOffset": CARD.index("gift@"), "charLength": 24,
                             "snippet": {"text": "gift@lumivox.example.com"}}
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert len(notes) == 1 and "broken.bin" in notes[0]["message"]["text"] and notes[0]["level"] == "error"


def test_sarif_levels_and_uris():
    """Info maps to SARIF 'note'; paths with spaces are percent-encoded URIs; stdin has a name."""
    text = "x"
    f = finding(text, "x", sev="info")
    doc = json.loads(out([FileResult("my cards/a b.txt", [f], text=text), FileResult("-", [], text="")], "sarif"))
    run = doc["runs"][0]
    assert run["results"][0]["level"] == "note"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["my%20cards/a%20b.txt", "stdin"]


# --------------------------------------------------------------------------- csv
def test_csv_parses_back(results):
    """CSV: header, one row per finding (quoted when needed), one row for an unreadable input."""
    text = out(results, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["file", "page", "line", "col", "severity", "rule", "title", "category", "text",
                             "message", "suggestion"]
    assert [(r["file"], r["line"], r["col"], r["rule"], r["title"], r["severity"]) for r in rows] == [
        ("card.txt", "2", "1", "CW101", "Reward for a review", "error"),
        ("card.txt", "3", "8", "CW501", "E-mail address", "warning"),
        ("broken.bin", "", "", "", "", "error"),
    ]
    assert rows[1]["suggestion"] == SUGGEST and rows[2]["message"] == "not a text file (binary content)"


def test_csv_quotes_commas_newlines_and_keeps_unicode():
    """Commas, quotes, newlines and CJK survive a CSV round trip."""
    text = 'Say "hi", then\n微信：brand_cs'
    f = finding(text, 'Say "hi", then\n微信')
    rows = list(csv.reader(io.StringIO(out([FileResult("q.txt", [f], text=text)], "csv", lang="zh"))))
    assert rows[1][8] == 'Say "hi", then\n微信' and rows[1][9] == "站外联系方式。"
    assert rows[1][6] == "电子邮件地址"          # the rule's title in the report's language


# --------------------------------------------------------------------------- registry
def test_unknown_format_names_the_choices():
    """Asking for an unknown format says which formats exist."""
    with pytest.raises(UnknownFormat, match="text, json, sarif, csv"):
        render([], "xml", io.StringIO())
    assert set(FORMATS) == {"text", "json", "sarif", "csv"}


def test_documented_json_example_matches_renderer_keys():
    """docs/json-schema.md's example parses and uses exactly the keys the JSON renderer writes."""
    from pathlib import Path
    import re as _re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "json-schema.md").read_text(encoding="utf-8")
    example = json.loads(_re.search(r"## Example\s+```json\n(.*?)```", doc, _re.S).group(1))
    text = "Thank you for choosing Lumivox lamp\nEmail: gift@lumivox.example.com"
    f = finding(text, "gift@lumivox.example.com")
    ours = json.loads(out([FileResult("cards/thank-you.txt", [f], text=text, lang="en"),
                           FileResult("cards/logo.bin", error="not a text file (binary content)")], "json"))
    assert set(example) == set(ours)
    assert set(example["files"][0]) == set(ours["files"][0])
    assert set(example["files"][0]["findings"][0]) == set(ours["files"][0]["findings"][0])
    assert set(example["summary"]) == set(ours["summary"])
    got, documented = ours["files"][0]["findings"][0], example["files"][0]["findings"][0]
    assert [got[k] for k in ("start", "end", "line", "col", "end_line", "end_col")] == \
        [documented[k] for k in ("start", "end", "line", "col", "end_line", "end_col")]
