"""Hostile artwork through `cardwise check`: every file handled, partial reads flagged, RSS bounded.

    .venv/bin/python bench/hostile_artwork.py [--frames 10000] [--pages 100000] [--timeout 120]

Builds, in a temp folder: a TIFF with many frames, a PDF with many pages, a project file
holding a 100,000-digit number, a damaged project (corrupt deflate data), a card with a 1 MB
paragraph, a FIFO named card.txt and a file whose name is not UTF-8. Runs
``cardwise check --format json --no-cache`` on the folder in a child process and prints, per
file, its error or finding count and whether the JSON entry says "partial", plus the wall time
and the peak RSS of the command and all its processes together (sampled from /proc).

Targets (issue 12): every file has an entry (the FIFO is skipped with a reason), no
traceback, the TIFF and the PDF carry "partial": true with the count read, peak RSS ≤ 1 GB.
Baseline before issue 12: partial reads only on stderr, a traceback for the 100,000-digit
number, the FIFO hung the run past --timeout, the 1 MB paragraph failed with spaCy E088.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def many_frame_tiff(frames: int, side: int = 32) -> bytes:
    """A little-endian TIFF of ``frames`` white 8-bit grey frames, written directly (Pillow's
    appending writer takes minutes for 10,000 frames)."""
    import struct

    pixels = b"\xff" * side * side
    entries = 8
    ifd_size = 2 + entries * 12 + 4
    out = bytearray(b"II*\x00" + struct.pack("<I", 8))
    for i in range(frames):
        ifd_at = len(out)
        data_at = ifd_at + ifd_size
        nxt = 0 if i == frames - 1 else data_at + len(pixels)
        tags = [(256, 3, 1, side), (257, 3, 1, side), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1),
                (273, 4, 1, data_at), (278, 3, 1, side), (279, 4, 1, len(pixels))]
        out += struct.pack("<H", entries)
        for tag, typ, count, value in tags:
            out += struct.pack("<HHII", tag, typ, count, value)
        out += struct.pack("<I", nxt)
        out += pixels
    return bytes(out)


def many_page_pdf(pages: int) -> bytes:
    """A valid PDF of ``pages`` blank pages, written directly (pikepdf takes minutes)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, b" ".join(b"%d 0 R" % (3 + i) for i in range(pages)))]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] >>"] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def build(folder: Path, frames: int, pages: int) -> None:

    from app.io.project import to_bytes
    from app.model import CardSpec, Document, TextBox

    (folder / "frames.tif").write_bytes(many_frame_tiff(frames))
    (folder / "pages.pdf").write_bytes(many_page_pdf(pages))

    d = Document.new(CardSpec.from_preset("a6"))
    d.add_element("front", TextBox.from_text("Leave a review and get a FREE gift!", w=200, h=60))
    card = to_bytes(d)
    with zipfile.ZipFile(io.BytesIO(card)) as zf:
        body = zf.read("document.json").decode()
    with zipfile.ZipFile(folder / "digits.cardwise", "w") as zf:
        zf.writestr("document.json", body.replace('"rotation": 0.0', '"rotation": ' + "9" * 100_000, 1))
    b = bytearray(card)
    at = card.index(b"document.json") + len(b"document.json")
    for k in range(at + 2, at + 12):
        b[k] ^= 0xFF
    (folder / "damaged.cardwise").write_bytes(bytes(b))
    long = Document.new(CardSpec.from_preset("a6"))
    long.add_element("front", TextBox.from_text(
        "We hope you enjoy the lamp and the note that came with it. " * 17_500 + "Leave a review for a gift!",
        w=200, h=60))
    (folder / "long.cardwise").write_bytes(to_bytes(long))
    os.mkfifo(folder / "card.txt")
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text("Thank you for your order!")


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants now (Linux /proc), in MB."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(p for p, pp in parent.items() if pp == pid)
    return total / 2**20


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--frames", type=int, default=10_000)
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--timeout", type=float, default=120.0, help="--timeout given to cardwise check")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "art"
        folder.mkdir()
        t = time.perf_counter()
        build(folder, args.frames, args.pages)
        built = time.perf_counter() - t
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CARDWISE_CACHE_DIR": str(Path(tmp) / "cache")}
        t = time.perf_counter()
        with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
            proc = subprocess.Popen([sys.executable, "-m", "app.cli", "check", "--format", "json", "--no-cache",
                                     "--timeout", str(args.timeout), str(folder)],
                                    stdout=out_f, stderr=err_f, env=env, cwd=ROOT)
            rss_mb = 0.0
            while proc.poll() is None:   # sum the RSS of the command and every descendant
                rss_mb = max(rss_mb, tree_rss_mb(proc.pid))
                time.sleep(0.1)
            wall = time.perf_counter() - t
            out_f.seek(0)
            err_f.seek(0)
            stdout, stderr = out_f.read(), err_f.read()
    err = stderr.decode("utf-8", "replace")
    try:
        doc = json.loads(stdout)
    except ValueError:
        print(stdout[:2000].decode("utf-8", "replace"), err[-3000:], sep="\n")
        print("FAIL: the output is not JSON")
        return 1
    print(f"built the files in {built:.1f} s; `cardwise check` took {wall:.1f} s, exit code {proc.returncode}")
    ok = True
    for f in doc["files"]:
        name = os.path.basename(f["path"])
        what = f"error: {f['error']}" if f["error"] else f"{len(f['findings'])} finding(s)"
        part = f"  partial: {f['partial_reason']}" if f.get("partial") else ""
        print(f"  {name:22s} {what[:110]}{part}")
    names = {os.path.basename(f["path"]): f for f in doc["files"]}
    checks = {
        "TIFF flagged partial": names.get("frames.tif", {}).get("partial") is True,
        "PDF flagged partial": names.get("pages.pdf", {}).get("partial") is True,
        "100,000-digit number refused in one line": "digit number" in (names.get("digits.cardwise", {}).get("error") or ""),
        "1 MB paragraph checked": names.get("long.cardwise", {}).get("error") is None,
        "FIFO skipped with a reason": "FIFO" in err and "card.txt" not in names,
        "no traceback": "Traceback" not in err,
        "peak RSS <= 1 GB": rss_mb <= 1024,
    }
    print(f"peak RSS of the command, its fork server and workers together: {rss_mb:.0f} MB "
          f"(target <= 1024 MB)")
    for k, v in checks.items():
        print(f"  {'ok  ' if v else 'FAIL'} {k}")
        ok &= v
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
