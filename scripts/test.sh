#!/usr/bin/env bash
# Set up (idempotent) and run the test suite and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/setup-virtuoso.sh || echo "Virtuoso setup failed: its push test will be skipped" >&2
./scripts/setup-tools.sh || echo "tool setup failed: graphviz/xmllint tests will be skipped" >&2
if [ -x scripts/setup-browser.sh ]; then
  ./scripts/setup-browser.sh || echo "browser setup failed: browser tests will be skipped" >&2
fi
.venv/bin/ruff check kg tests benchmarks
SE_OFFLINE=true .venv/bin/python -m pytest -q "$@"
