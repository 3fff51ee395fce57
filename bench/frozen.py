"""Start-up figures of the frozen bundle (or of the checkout, for comparison), with the targets.

    .venv/bin/python bench/frozen.py dist/Cardwise            # the frozen programs
    .venv/bin/python bench/frozen.py --checkout               # the same commands from this checkout
    .venv/bin/python bench/frozen.py --checkout --profile     # + the check's slowest imports

Each command runs ``--runs`` times as packaging/smoke.py runs it (no Python on PATH, a fresh
HOME, cache and settings folder each time, ``QT_QPA_PLATFORM=offscreen``) and prints the best
and median wall time and the best CPU time (user + sys of the process and its children). On a
shared machine the wall time grows with the load; the CPU time barely does, so it is the figure
to compare against the targets (the load average is printed with the figures):

* ``cardwise check --no-cache`` of one violating text: target <= 2.0 s;
* ``Cardwise CARD.cardwise`` from process start to the window shown (the designer writes the
  time it showed its window to ``CARDWISE_STARTUP_PROBE`` and quits): target <= 1.5 s;
* ``cardwise --version``: no target, the floor (bootloader, Python, the archive).

``--profile`` (with ``--checkout``) reruns the check under ``python -X importtime`` and prints
its slowest top-level imports. The frozen programs cannot be profiled that way: PyInstaller's
bootloader starts its Python isolated from ``PYTHON*`` variables (``PYTHONPROFILEIMPORTTIME``
prints nothing), and the frozen programs import the same modules as the checkout, from the
archive instead of ``.pyc`` files: compare the two ``cardwise --version`` rows for the cost
of the bootloader and the archive.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECK_TARGET_S = 2.0
START_TARGET_S = 1.5
VIOLATION = "Thank you for your order!\nLeave us a 5-star review and get a FREE gift card.\n"


def _env(tmp: Path, checkout: bool) -> dict[str, str]:
    keep = ("LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")
    env = {k: v for k, v in os.environ.items() if k in keep}
    empty = tmp / "empty-path"
    empty.mkdir(parents=True, exist_ok=True)
    env.update(PATH=str(empty), HOME=str(tmp / "home"), XDG_CACHE_HOME=str(tmp / "cache"),
               XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"),
               CARDWISE_CACHE_DIR=str(tmp / "cardwise-cache"), CARDWISE_SETTINGS=str(tmp / "settings.ini"),
               QT_QPA_PLATFORM="offscreen")
    if checkout:
        env["PYTHONPATH"] = str(ROOT)
    return env


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[subprocess.CompletedProcess, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return proc, wall, cpu


def _row(name: str, walls: list[float], cpus: list[float], target: float | None) -> None:
    t = f"{target:.1f} s" if target else ""
    verdict = "" if target is None else ("ok" if min(cpus) <= target else "OVER")
    print(f"| {name} | {min(walls):.2f} | {statistics.median(walls):.2f} | {min(cpus):.2f} | {t} | {verdict} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bundle", type=Path, nargs="?", help="the one-folder bundle, e.g. dist/Cardwise")
    ap.add_argument("--checkout", action="store_true", help="run this checkout's code with the running Python")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--profile", action="store_true", help="with --checkout: print the check's slowest imports")
    args = ap.parse_args(argv)
    if (args.bundle is None) == (not args.checkout):
        ap.error("give the bundle folder, or --checkout")

    with tempfile.TemporaryDirectory(prefix="cardwise-bench-") as tmp_name:
        tmp = Path(tmp_name)
        card = tmp / "card.txt"
        card.write_text(VIOLATION, encoding="utf-8")
        probe = tmp / "shown.txt"
        if args.checkout:
            py = sys.executable
            cli = [py, "-c", "import sys; from app.cli import main; sys.exit(main())"]
            gui = [py, "-c", "import sys; from app.cli import designer_main; sys.exit(designer_main())"]
        else:
            bundle = args.bundle.resolve()
            mac_or_win = sys.platform in ("win32", "darwin")
            exe = ".exe" if os.name == "nt" else ""
            cli = [str(bundle / (f"cardwise-cli{exe}" if mac_or_win else "cardwise"))]
            gui = [str(bundle / f"Cardwise{exe}")]
        made = tmp / "warranty.cardwise"
        proc, _w, _c = _timed(cli + ["new", "--template", "warranty", "-o", str(made)], _env(tmp, args.checkout), tmp)
        if proc.returncode != 0:
            print(proc.stdout + proc.stderr)
            return 1

        print(f"{'checkout ' + str(ROOT) if args.checkout else 'bundle ' + str(args.bundle)}; "
              f"{args.runs} runs each; load average {os.getloadavg()[0]:.1f}")
        print("| what | best wall s | median wall s | best CPU s | target | |\n| --- | ---: | ---: | ---: | --- | --- |")
        over = False
        for name, cmd, target, ok_codes in (
                ("cardwise --version", cli + ["--version"], None, (0,)),
                ("cardwise check --no-cache (one text)", cli + ["check", "--no-cache", str(card)], CHECK_TARGET_S, (1,)),
        ):
            walls, cpus = [], []
            for i in range(args.runs):
                run_tmp = tmp / f"run-{len(name)}-{i}"
                run_tmp.mkdir()
                proc, wall, cpu = _timed(cmd, _env(run_tmp, args.checkout), tmp)
                if proc.returncode not in ok_codes:
                    print(f"{name}: exit {proc.returncode}\n{proc.stdout[-400:]}{proc.stderr[-800:]}")
                    return 1
                walls.append(wall)
                cpus.append(cpu)
            _row(name, walls, cpus, target)
            over |= target is not None and min(cpus) > target

        walls, cpus, shown = [], [], []
        for i in range(args.runs):
            run_tmp = tmp / f"gui-{i}"
            run_tmp.mkdir()
            env = _env(run_tmp, args.checkout)
            env["CARDWISE_STARTUP_PROBE"] = str(probe)
            probe.unlink(missing_ok=True)
            t0 = time.time()
            proc, wall, cpu = _timed(gui + [str(made)], env, tmp)
            if proc.returncode != 0 or not probe.is_file():
                print(f"designer: exit {proc.returncode}\n{proc.stderr[-800:]}")
                return 1
            shown.append(float(probe.read_text().strip()) - t0)
            walls.append(wall)
            cpus.append(cpu)
        print(f"| Cardwise CARD.cardwise, start to window shown | {min(shown):.2f} | {statistics.median(shown):.2f} "
              f"| {min(cpus):.2f} (whole run) | {START_TARGET_S:.1f} s | "
              f"{'ok' if min(shown) <= START_TARGET_S else 'OVER'} |")
        over |= min(shown) > START_TARGET_S

        if args.profile and args.checkout:
            proc = subprocess.run([cli[0], "-X", "importtime", *cli[1:], "check", "--no-cache", str(card)],
                                  capture_output=True, text=True, env=_env(tmp / "profile", True), cwd=tmp,
                                  timeout=300)
            rows = [m for m in (re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
                                for line in proc.stderr.splitlines()) if m]
            top = sorted((int(m.group(2)), m.group(4)) for m in rows if len(m.group(3)) <= 1)
            print("\nslowest top-level imports of the check (cumulative ms, -X importtime, inflated by it):")
            for us, name in top[::-1][:15]:
                print(f"  {us / 1000:8.1f}  {name}")
        return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
