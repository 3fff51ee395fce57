"""The core stays free of Qt: the import-linter contracts in pyproject.toml hold."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    """A Qt import in checks/ or the app core would break the CLI on servers; lint-imports catches it."""
    exe = Path(sys.executable).parent / "lint-imports"
    proc = subprocess.run([str(exe), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_cli_without_display_explains_instead_of_crashing(monkeypatch, capsys):
    """On a server with no display the designer command prints one clear line, not a Qt abort."""
    from app import cli

    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    code = cli.main(["--sample"])
    err = capsys.readouterr().err
    assert code == 0
    assert "no display" in err and "cardwise check" in err


def test_output_piped_into_head_ends_quietly(tmp_path):
    """`cardwise check big.txt | head` stops without a BrokenPipeError traceback."""
    big = tmp_path / "big.txt"
    big.write_text("Leave a 5-star review for a free gift! Email a@b.example\n" * 400, encoding="utf-8")
    exe = Path(sys.executable).parent / "cardwise"
    proc = subprocess.run(
        f"'{exe}' check --no-cache '{big}' | head -1", shell=True, capture_output=True, text=True
    )
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.stdout.count("\n") == 1
