#!/usr/bin/env bash
# Installs the Debian packages ReturnsDesk needs to run and test: Qt's runtime libraries for
# offscreen/Xvfb windows, a CJK font, poppler, PostgreSQL, CUPS with a PDF queue, and what
# PyInstaller needs for `make dist` on Linux (objdump).
# Idempotent: it asks apt only for what is missing, so a second call costs a dpkg query.
set -euo pipefail

packages=(
  # Qt 6 offscreen / xcb runtime
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libnss3 libasound2 xvfb
  # Chinese text on screen and in PDFs
  fonts-wqy-microhei
  # PDF checks in tests
  poppler-utils
  # the one-folder build: PyInstaller reads shared libraries with objdump
  binutils
  # shared database server and printing
  postgresql cups cups-client cups-bsd cups-ipp-utils printer-driver-cups-pdf
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them as root (apt-get install ${missing[*]}) and run again." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
