#!/bin/sh
# Install (or upgrade, or with --uninstall remove) motcua for every user of this PC, from
# the unpacked tarball: the program in /opt/motcua, `motcua` on the PATH, the menu entry
# and its icon. Run as root from the unpacked folder: sudo ./motcua/install.sh
# The officers' data (~/.local/share/motcua of each user) is never touched here.
set -eu
PREFIX=/opt/motcua
APPLICATIONS=/usr/share/applications
ICONS=/usr/share/icons/hicolor/256x256/apps
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo $0 $*)" >&2
    exit 2
fi

if [ "${1:-}" = "--uninstall" ]; then
    rm -f /usr/local/bin/motcua "$APPLICATIONS/motcua.desktop" "$ICONS/motcua.png"
    rm -rf "$PREFIX"
    echo "motcua removed; each user's data folder (~/.local/share/motcua) is kept."
    exit 0
fi

if [ "$HERE" != "$PREFIX" ]; then
    # An upgrade replaces the whole program folder: no file of the old version stays.
    rm -rf "$PREFIX.new"
    cp -a "$HERE" "$PREFIX.new"
    rm -rf "$PREFIX"
    mv "$PREFIX.new" "$PREFIX"
fi
ln -sf "$PREFIX/motcua" /usr/local/bin/motcua
install -D -m 0644 "$PREFIX/motcua.desktop" "$APPLICATIONS/motcua.desktop"
install -D -m 0644 "$PREFIX/motcua.png" "$ICONS/motcua.png"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$APPLICATIONS" || true
echo "motcua installed in $PREFIX; check it with: motcua selftest"
