#!/usr/bin/env bash
# Installs the Debian libraries Qt needs to run offscreen (shared/design/PLATFORM.md),
# only when some are missing and we are root with apt-get; otherwise prints a hint.
set -euo pipefail

# Offscreen Qt (tests) needs the first two lines; a real X display (make run, screenshots under
# Xvfb) also needs the xcb libraries of the third and fourth (Qt's message names only xcb-cursor0).
# fonts-noto-cjk gives the Chinese interface (issue 13) real glyphs instead of boxes.
packages=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
          libglib2.0-0 libxkbcommon0 fonts-dejavu-core fonts-noto-cjk
          libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
          libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0)

installed() {  # Debian 13 renamed some libraries with a t64 suffix.
    local p
    for p in "$1" "$1t64"; do
        dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed' && return 0
    done
    return 1
}

if ! command -v dpkg >/dev/null; then
    echo "deps.sh: not Debian; make sure Qt's runtime libraries (EGL, GL, fontconfig, xkbcommon) are installed"
    exit 0
fi

missing=()
for p in "${packages[@]}"; do
    installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update && apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "deps.sh: Qt needs: sudo apt-get install --no-install-recommends ${missing[*]}"
fi
