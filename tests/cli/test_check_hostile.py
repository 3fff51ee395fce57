"""`cardwise check` with hostile inputs (issue 12): damaged projects, names that are not
UTF-8, special files, stdin sniffing and its cache key, long TMPDIR, partial reads, long text."""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from app import cli
from app.io.project import save, to_bytes
from app.model import CardSpec, Document, TextBox

INCENTIVE = "Leave a review and get a FREE gift!"
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "thank-you.cardwise"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CARDWISE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def _card(text: str) -> bytes:
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text(text, w=200, h=100))
    return to_bytes(d)


def _damaged_deflate(data: bytes) -> bytes:
    b = bytearray(data)
    start = data.index(b"document.json") + len(b"document.json")
    for k in range(start + 2, start + 12):
        b[k] ^= 0xFF
    return bytes(b)


def test_damaged_project_is_a_clean_error_not_a_type_name(tmp_path, capsys, check_cli):
    """A corrupt deflate stream showed as 'could not be read (error …)'; now the loader's line."""
    p = tmp_path / "bad.cardwise"
    p.write_bytes(_damaged_deflate(_card(INCENTIVE)))
    code, out, _ = check_cli(str(p), "--format", "json", "--no-cache")
    entry = json.loads(out)["files"][0]
    assert code == 2
    assert "could not be read (" not in entry["error"] and "bad.cardwise" in out
    assert len(entry["error"]) <= 200


def test_project_with_a_100000_digit_number_is_one_line(tmp_path, capsys, check_cli):
    """A project file holding a 100,000-digit number printed a traceback."""
    with zipfile.ZipFile(io.BytesIO(_card("Hi"))) as zf:
        body = zf.read("document.json").decode()
    body = body.replace('"rotation": 0.0', '"rotation": ' + "9" * 100_000, 1)
    p = tmp_path / "digits.cardwise"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("document.json", body)
    code, out, err = check_cli(str(p), "--no-cache")
    assert code == 2 and "Traceback" not in err
    assert "100,000-digit number" in out


def test_export_of_a_damaged_project_is_one_line(tmp_path, capsys):
    """`cardwise export` of the same file printed a zlib traceback."""
    p = tmp_path / "bad.cardwise"
    p.write_bytes(_damaged_deflate(_card("Hi")))
    code = cli.main(["export", str(p), "-o", str(tmp_path / "x.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and "bad.cardwise" in err
    assert len(err.strip().splitlines()) == 1


def test_folder_with_a_name_that_is_not_utf8(tmp_path, capsys, check_cli):
    """A file name with a byte that is not UTF-8 crashed the cache key; now it is checked
    and shown with \\xff."""
    folder = tmp_path / "cards"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")
    (folder / name).write_text(INCENTIVE)
    for _ in range(2):   # the second run reads the cache
        code, out, err = check_cli(str(folder), "--format", "json")
        entry = json.loads(out)["files"][0]
        assert code == 1, err
        assert entry["path"].endswith("caf\\xe9.txt") and entry["findings"]


def test_fifo_in_a_folder_is_skipped_without_opening_it(tmp_path, capsys, check_cli):
    """A FIFO named card.txt hung the run past --timeout; it is skipped with a reason."""
    (tmp_path / "a.txt").write_text(INCENTIVE)
    os.mkfifo(tmp_path / "card.txt")
    code, out, err = check_cli(str(tmp_path), "--format", "json", "--timeout", "5")
    doc = json.loads(out)
    assert [os.path.basename(f["path"]) for f in doc["files"]] == ["a.txt"]
    assert "card.txt: skipped, it is a FIFO (named pipe)" in err
    assert code == 1


def test_symlink_loop_is_named_as_such(tmp_path, capsys, check_cli):
    """A path through a symlink loop was reported as 'no such file or directory'."""
    loop = tmp_path / "loop"
    os.symlink(loop, loop)
    code, out, _ = check_cli(str(loop / "card.txt"), "--format", "json")
    error = json.loads(out)["files"][0]["error"]
    assert "symbolic links" in error and "no such file" not in error


def test_card_piped_to_stdin_is_read_as_a_card_and_cached_apart(tmp_path, capsys, monkeypatch, check_cli):
    """A .cardwise piped to `check -` was read as a Word document and that wrong result was
    cached by content, so the same card checked as a file failed until --no-cache."""
    data = _card(INCENTIVE)
    code, out, _ = check_cli("-", "--format", "json", stdin=data)
    entry = json.loads(out)["files"][0]
    assert entry["error"] is None and entry["findings"], entry
    assert code == 1
    p = tmp_path / "same.cardwise"
    p.write_bytes(data)
    code, out, _ = check_cli(str(p), "--format", "json")
    assert json.loads(out)["files"][0]["error"] is None and code == 1


def test_long_tmpdir_does_not_break_the_worker_pool(tmp_path, capsys, monkeypatch):
    """With a 98-character TMPDIR the fork server's socket path was too long
    ('AF_UNIX path too long'); the pool must still start.

    Run in a child process: the fork server and its temp folder are chosen once per process."""
    import subprocess
    import sys

    long_tmp = tmp_path / ("t" * max(1, 98 - len(str(tmp_path)) - 1))
    long_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(long_tmp), "PYTHONPATH": str(ROOT),
           "CARDWISE_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "check", "--no-cache", str(SAMPLE)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=240)
    assert "AF_UNIX" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1), proc.stderr


def test_partial_pdf_is_flagged_in_json_text_and_html(tmp_path, capsys, check_cli):
    """A PDF with more pages than the limit is checked in part: the JSON entry says
    "partial": true with the reason, the text output says it on the file's line, and the
    HTML report shows it (it was only on stderr)."""
    from reportlab.pdfgen import canvas

    p = tmp_path / "many.pdf"
    c = canvas.Canvas(str(p), pagesize=(288, 432))
    for i in range(55):
        c.drawString(20, 400, f"Page {i + 1}: thank you for your order.")
        c.showPage()
    c.save()
    report = tmp_path / "r.html"
    code, out, _ = check_cli(str(p), "--format", "json", "--report", str(report))
    entry = json.loads(out)["files"][0]
    assert entry["partial"] is True and entry["partial_reason"] == "50 of 55 pages read"
    assert "Checked in part" in report.read_text()
    code, out, _ = check_cli(str(p))
    assert f"{p}: partial: only part of the file was checked (50 of 55 pages read)" in out


def test_whole_file_has_no_partial_key(tmp_path, capsys, check_cli):
    """A file read whole carries no "partial" key (absent, not false)."""
    p = tmp_path / "c.txt"
    p.write_text(INCENTIVE)
    _, out, _ = check_cli(str(p), "--format", "json")
    assert "partial" not in json.loads(out)["files"][0]


def test_a_one_megabyte_paragraph_is_checked_in_pieces(tmp_path, capsys, check_cli):
    """A card with a 1 MB paragraph was 'unreadable' with spaCy's E088; it is checked, and a
    finding near the end points at the right offset."""
    filler = "We hope you enjoy the lamp and the little note that came with it. " * 15_200
    text = filler + INCENTIVE
    assert len(text) > 1_000_000
    p = tmp_path / "long.cardwise"
    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text(text, w=200, h=100))
    save(d, p)
    code, out, err = check_cli(str(p), "--format", "json", "--no-cache", "--timeout", "240")
    entry = json.loads(out)["files"][0]
    assert entry["error"] is None, entry["error"]
    assert "E088" not in out + err
    last = max(entry["findings"], key=lambda f: f["start"])
    assert last["start"] >= len(filler) and last["text"] and last["text"].lower() in INCENTIVE.lower()


def test_symlink_loop_inside_a_folder_is_named(tmp_path, capsys, check_cli):
    """A file in a folder that is a symlink loop got 'could not be read (OSError: …)'."""
    os.symlink(tmp_path / "x.txt", tmp_path / "x.txt")
    code, out, _ = check_cli(str(tmp_path), "--format", "json", "--no-cache")
    error = json.loads(out)["files"][0]["error"]
    assert "symbolic links" in error and "OSError" not in error


def test_card_without_its_extension_is_sniffed(tmp_path, capsys, check_cli):
    """A project saved under another name (card.bin) given by name is read as a card."""
    p = tmp_path / "card.bin"
    p.write_bytes(_card(INCENTIVE))
    code, out, _ = check_cli(str(p), "--format", "json", "--no-cache")
    entry = json.loads(out)["files"][0]
    assert entry["error"] is None and entry["findings"] and code == 1
