#!/usr/bin/env bash
# Cardwise: build the frozen Linux bundle and its .deb.
#   bash packaging/build.sh            check, build, smoke-test, .deb
#   bash packaging/build.sh --no-deb   check, build, smoke-test
# Needs PyInstaller in the Python that runs Cardwise:  .venv/bin/pip install -e '.[bundle]'
# (PYTHON=/path/to/python overrides .venv/bin/python). Outputs, never committed:
#   dist/Cardwise/                         the one-folder bundle (Cardwise = designer, cardwise = CLI)
#   dist/cardwise_<version>_<arch>.deb     installs it to /opt/cardwise with desktop integration
set -euo pipefail
cd "$(dirname "$0")/.."

DEB=1
[ "${1:-}" = "--no-deb" ] && DEB=0
PY=${PYTHON:-.venv/bin/python}
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
    echo "cardwise build: PyInstaller is missing; run: $PY -m pip install -e '.[bundle]'" >&2
    exit 2
fi

echo "== 1/4 bundle check (PyInstaller Analysis only)"
"$PY" packaging/check_bundle.py

echo "== 2/4 build dist/Cardwise"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
    packaging/cardwise.spec

echo "== 3/4 smoke test of the frozen bundle"
"$PY" packaging/smoke.py dist/Cardwise

if [ "$DEB" = 1 ]; then
    echo "== 4/4 .deb"
    bash packaging/linux/make_deb.sh dist/Cardwise
fi
