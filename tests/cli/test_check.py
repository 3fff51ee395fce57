"""`cardwise check` from the command line: formats, exit codes, stdin, and bad input that never stops a run."""
from __future__ import annotations

import csv
import io
import json
import os
import re

import pytest


INCENTIVE = "Thank you!\nLeave a review and get a FREE gift!\n"
CLEAN = "Thank you for choosing us. We hope you enjoy your new lamp.\n"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cli-cache"))


def test_error_finding_prints_compiler_style_and_exits_1(tmp_path, capsys, check_cli):
    """A card offering a gift for a review prints path:line:col with the rule, and exits 1."""
    p = tmp_path / "card.txt"
    p.write_text(INCENTIVE)
    code, out, _ = check_cli(str(p))
    assert code == 1
    assert re.search(rf"{re.escape(str(p))}:2:\d+: error CW\d+", out)


def test_clean_card_exits_0(tmp_path, capsys, check_cli):
    """A compliant card exits 0 with no error line."""
    p = tmp_path / "clean.txt"
    p.write_text(CLEAN)
    code, out, _ = check_cli(str(p))
    assert code == 0 and ": error" not in out


def test_bad_inputs_each_get_a_message_and_the_run_goes_on(tmp_path, capsys, check_cli):
    """Binary, invalid UTF-8, 10 MB, empty, missing and FIFO inputs are reported; the good file is still checked."""
    (tmp_path / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01" * 200)
    (tmp_path / "latin1.txt").write_bytes("Café! Leave a review and get a free gift!".encode("latin-1"))
    (tmp_path / "huge.txt").write_bytes(b"thank you " * (1024 * 1024))
    (tmp_path / "empty.txt").write_bytes(b"")
    os.mkfifo(tmp_path / "fifo.txt")
    good = tmp_path / "good.txt"
    good.write_text(INCENTIVE)
    inputs = [str(tmp_path / n) for n in ("binary.txt", "latin1.txt", "huge.txt", "empty.txt", "missing.txt", "fifo.txt")]
    code, out, err = check_cli(*inputs, str(good), "--format", "json")
    doc = json.loads(out)
    files = {os.path.basename(f["path"]): f for f in doc["files"]}
    assert [os.path.basename(f["path"]) for f in doc["files"]] == [os.path.basename(p) for p in inputs] + ["good.txt"]
    assert "binary file" in files["binary.txt"]["error"]
    assert "too large for card text" in files["huge.txt"]["error"]
    assert "no such file" in files["missing.txt"]["error"]
    assert "not a regular file" in files["fifo.txt"]["error"]
    assert files["empty.txt"]["error"] is None and files["empty.txt"]["findings"] == []
    assert files["latin1.txt"]["error"] is None and files["latin1.txt"]["findings"]  # checked despite bad bytes
    assert "not valid UTF-8" in err and "empty file" in err
    assert files["good.txt"]["findings"]
    assert code == 2  # some inputs could not be read


def test_stdin_is_checked(capsys, monkeypatch, check_cli):
    """`cardwise check -` reads the card text from stdin."""
    code, out, _ = check_cli("-", "--format", "json", stdin=INCENTIVE.encode())
    doc = json.loads(out)
    assert code == 1 and doc["files"][0]["path"] == "<stdin>" and doc["files"][0]["findings"]


def test_ignore_and_select_take_repeated_and_comma_lists(tmp_path, capsys, check_cli):
    """--ignore review-incentive drops those findings; --select keeps only the named ones."""
    p = tmp_path / "card.txt"
    p.write_text("Leave a review and get a free gift! Questions? help@brand.example\n")
    _, out, _ = check_cli(str(p), "--format", "json", "--no-cache")
    cats = {f["category"] for f in json.loads(out)["files"][0]["findings"]}
    assert {"review-incentive", "offsite-contact"} <= cats
    _, out, _ = check_cli(str(p), "--format", "json", "--ignore", "review-incentive,review-positive")
    assert "review-incentive" not in {f["category"] for f in json.loads(out)["files"][0]["findings"]}
    _, out, _ = check_cli(str(p), "--format", "json", "--select", "offsite-contact")
    assert {f["category"] for f in json.loads(out)["files"][0]["findings"]} == {"offsite-contact"}


def test_csv_format_parses_back(tmp_path, capsys, check_cli):
    """--format csv gives a header and one row per finding."""
    p = tmp_path / "card.txt"
    p.write_text(INCENTIVE)
    _, out, _ = check_cli(str(p), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and rows[0]["file"] == str(p) and rows[0]["severity"]


def test_json_csv_and_report_name_the_rule_next_to_its_id(tmp_path, capsys, check_cli):
    """A seller reads "CW101 Reward for a review", not a bare id: JSON ``title`` and the CSV
    ``title`` column in the message language, the HTML report beside each finding's id."""
    p = tmp_path / "card.txt"
    p.write_text(INCENTIVE)
    _, out, _ = check_cli(str(p), "--format", "json")
    found = json.loads(out)["files"][0]["findings"]
    assert ("CW101", "Reward for a review") in [(f["rule"], f["title"]) for f in found]
    _, out, _ = check_cli(str(p), "--format", "csv", "--messages", "zh")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert ("CW101", "以好处换取评论") in [(r["rule"], r["title"]) for r in rows]
    report = tmp_path / "report.html"
    check_cli(str(p), "--report", str(report))
    assert '<span class="rule">CW101</span> <span class="title">Reward for a review</span>' in \
        report.read_text(encoding="utf-8")


def test_unknown_profile_is_a_usage_error(tmp_path, capsys, check_cli):
    """A misspelt profile exits 2 naming the available ones."""
    p = tmp_path / "card.txt"
    p.write_text(CLEAN)
    code, _, err = check_cli(str(p), "--profile", "amazn")
    assert code == 2 and "amazn" in err and "amazon" in err


def test_no_paths_on_a_terminal_is_a_usage_error(monkeypatch, check_cli):
    """`cardwise check` with nothing to check says how to use it."""
    class _Tty:
        def isatty(self):
            return True
    monkeypatch.setattr("sys.stdin", _Tty())
    code, _, err = check_cli()
    assert code == 2 and "give files or folders" in err


def test_report_is_self_contained_html(tmp_path, capsys, check_cli):
    """--report writes one HTML file with no external resources."""
    p = tmp_path / "card.txt"
    p.write_text(INCENTIVE)
    report = tmp_path / "report.html"
    check_cli(str(p), "--report", str(report))
    html = report.read_text(encoding="utf-8")
    assert "<table" in html and "card.txt" in html
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="https?:', html)


def test_piped_output_has_no_colour_and_no_progress_bar(tmp_path, capsys, check_cli):
    """When stdout is not a terminal, neither ANSI colours nor a progress bar are written."""
    for i in range(3):
        (tmp_path / f"card{i}.txt").write_text(INCENTIVE)
    _, out, err = check_cli(str(tmp_path))
    assert "\x1b[" not in out and "\x1b[" not in err
    assert "checking" not in err


def test_color_always_colours_the_text_output(tmp_path, capsys, check_cli):
    """--color always forces ANSI colours even when piped."""
    p = tmp_path / "card.txt"
    p.write_text(INCENTIVE)
    _, out, _ = check_cli(str(p), "--color", "always")
    assert "\x1b[" in out


def test_artwork_findings_carry_page_and_bbox_in_json(tmp_path, capsys, check_cli):
    """A PDF card's findings in JSON have a 1-based page and a 4-number box in PDF points."""
    from reportlab.pdfgen import canvas

    p = tmp_path / "card.pdf"
    c = canvas.Canvas(str(p), pagesize=(288, 432))
    c.drawString(20, 400, "Leave a review and get a free gift!")
    c.save()
    code, out, _ = check_cli(str(p), "--format", "json")
    f = json.loads(out)["files"][0]["findings"][0]
    assert code == 1 and f["page"] == 1 and len(f["bbox"]) == 4
    x0, y0, x1, y1 = f["bbox"]
    assert 20 <= x0 < x1 <= 288 and 395 <= y0 < y1 <= 415


def test_rules_are_listed_by_title(capsys):
    """`cardwise rules` names each rule: id, severity, title, then the machine name."""
    from app.cli import main

    assert main(["rules"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("CW803"))
    assert "QR code to a sign-up form" in line and "data-collection/qr-sign-up" in line


def test_unknown_language_is_a_usage_error(tmp_path, capsys, check_cli):
    """--lang xx exits 2 and lists the languages Cardwise knows."""
    p = tmp_path / "card.txt"
    p.write_text(CLEAN)
    code, _, err = check_cli(str(p), "--lang", "xx")
    assert code == 2 and "unknown language 'xx'" in err and "en" in err


def test_rules_for_a_card_language(capsys):
    """`cardwise rules --lang` lists the rules that check that language; an unknown one is a usage error."""
    from app.cli import main

    assert main(["rules", "CW101", "--format", "json", "--lang", "en"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert "en" in d["languages"] and d["suggestion"] and d["examples"]
    assert (d["title"], d["title_zh"]) == ("Reward for a review", "以好处换取评论")
    assert main(["rules", "--lang", "xx"]) == 2
    assert "no rule pack for language 'xx'" in capsys.readouterr().err
