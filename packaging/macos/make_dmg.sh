#!/usr/bin/env bash
# macOS: build dist/Cardwise.app with the spec, smoke-test it, and wrap it in a .dmg.
# Runs on macOS only (hdiutil, codesign); .github/workflows/bundles.yml runs it:
#   bash packaging/macos/make_dmg.sh
# Needs: python3 -m pip install -e '.[bundle]'; Tesseract data (brew install tesseract
# tesseract-lang) so the bundle check finds the OCR languages.
# Output: dist/Cardwise-<version>.dmg (ad-hoc signed; notarisation needs an Apple
# Developer ID: set CODESIGN_IDENTITY to sign with it).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
VERSION=$("$PY" -c "import app; print(app.__version__)")

"$PY" packaging/check_bundle.py
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/cardwise.spec
"$PY" packaging/smoke.py dist/Cardwise

codesign --force --deep --options runtime --entitlements packaging/macos/entitlements.plist \
    --sign "${CODESIGN_IDENTITY:--}" dist/Cardwise.app
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R dist/Cardwise.app "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Cardwise $VERSION" -srcfolder "$STAGE" -ov -format UDZO "dist/Cardwise-$VERSION.dmg"
echo "cardwise build: dist/Cardwise-$VERSION.dmg"
