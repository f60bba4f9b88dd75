#!/bin/sh
# Installs the headless browser the UI test drives (tests/test_server_ui.py): Debian's chromium and
# chromium-driver, no downloaded browser. Needs root (or sudo); a no-op when both are already there.
set -eu
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "chromium and chromedriver are installed"
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
