#!/usr/bin/env bash
# Debian chromium + chromedriver for the UI tests (no downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."
exec kg/web/install-chromium.sh
