#!/usr/bin/env bash
# Set up a fresh machine: a virtualenv with kg and its dependencies (all from PyPI), plus the web assets.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[test]"
if [ -x kg/web/build.sh ]; then
  kg/web/build.sh
fi
