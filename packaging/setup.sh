#!/usr/bin/env bash
# Cardwise: set up everything on a fresh Debian machine (Python >= 3.11).
#   bash packaging/setup.sh          runtime: system packages + .venv with Cardwise
#   bash packaging/setup.sh --dev    the same plus the test tools
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

DEV=0
[ "${1:-}" = "--dev" ] && DEV=1

# System packages: Tesseract language data (read by tesserocr, which bundles the engine),
# a CJK TrueType font, Ghostscript (text-to-outlines export), poppler (pdftoppm proofs),
# and the two xcb libraries the Qt wheel needs for a real display.
APT_PKGS="tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra tesseract-ocr-spa
tesseract-ocr-ita tesseract-ocr-jpn tesseract-ocr-chi-sim fonts-dejavu-core fonts-droid-fallback ghostscript
poppler-utils libxcb-icccm4 libxcb-keysyms1"
missing=""
for p in $APT_PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "cardwise setup: installing system packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
extra=""
[ "$DEV" = 1 ] && extra="[dev]"
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
echo "cardwise setup: ready (.venv)"
