#!/usr/bin/env bash
# Build dist/cardwise_<version>_<arch>.deb from the frozen bundle (packaging/build.sh runs this).
#   bash packaging/linux/make_deb.sh dist/Cardwise
# Layout: the bundle in /opt/cardwise; /usr/bin/cardwise (CLI) and /usr/bin/cardwise-designer
# (designer) as links; the desktop entry, AppStream metadata, the .cardwise MIME type and the
# icon in every hicolor size, so a double-clicked .cardwise file opens the designer.
set -euo pipefail
cd "$(dirname "$0")/../.."
BUNDLE=${1:?usage: make_deb.sh dist/Cardwise}
PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c "import app; print(app.__version__)")
APP_ID=$("$PY" -c "import app; print(app.APP_ID)")
ARCH=$(dpkg --print-architecture)
OUT="dist/cardwise_${VERSION}_${ARCH}.deb"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT

mkdir -p "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" "$STAGE/usr/share/metainfo" \
         "$STAGE/usr/share/mime/packages" "$STAGE/DEBIAN"
cp -a "$BUNDLE" "$STAGE/opt/cardwise"
ln -s /opt/cardwise/cardwise "$STAGE/usr/bin/cardwise"
ln -s /opt/cardwise/Cardwise "$STAGE/usr/bin/cardwise-designer"
install -m 644 "packaging/linux/$APP_ID.desktop" "$STAGE/usr/share/applications/"
install -m 644 "packaging/linux/$APP_ID.metainfo.xml" "$STAGE/usr/share/metainfo/"
install -m 644 "packaging/linux/$APP_ID.mime.xml" "$STAGE/usr/share/mime/packages/$APP_ID.xml"
for png in packaging/icons/png/*.png; do
    size=$(basename "$png" .png)
    mkdir -p "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps"
    install -m 644 "$png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done
mkdir -p "$STAGE/usr/share/icons/hicolor/scalable/apps"
install -m 644 packaging/icons/cardwise.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"

SIZE_KB=$(du -sk "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: cardwise
Version: $VERSION
Architecture: $ARCH
Maintainer: Cardwise <support@cardwise.invalid>
Installed-Size: $SIZE_KB
Section: graphics
Priority: optional
Depends: libc6 (>= 2.31), libegl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xkb1, libxcb-render-util0, libxcb-image0, libdbus-1-3, fonts-dejavu-core
Recommends: fonts-droid-fallback, ghostscript
Description: design package-insert cards that stay inside marketplace rules
 Cardwise designs printed package-insert cards (thank-you, warranty, contact cards) at true
 print size and checks their wording against marketplace rules while you type, then writes
 the print-ready PDF. Includes the command-line checker (cardwise check).
CONTROL
cat > "$STAGE/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
POSTINST
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
chmod 755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$OUT" >/dev/null
echo "cardwise build: $OUT ($(du -h "$OUT" | cut -f1))"
