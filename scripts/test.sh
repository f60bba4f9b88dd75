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
export PATH="$PWD/.venv/bin:$PATH"  # the tools the tests start (oxigraph, kg) come from the venv
ruff check kg tests benchmarks
SE_OFFLINE=true python -m pytest -q "$@"
