#!/usr/bin/env bash
# Install Virtuoso Open Source from Debian (idempotent) so tests/test_push.py can start a private server.
# Only the binaries are installed: the tests run `virtuoso-t` on a temporary database of their own, so no
# system service is configured or started.
set -euo pipefail
if command -v virtuoso-t >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null
command -v virtuoso-t >/dev/null
