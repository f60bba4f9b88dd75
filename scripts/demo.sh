#!/usr/bin/env bash
# Set up, build the seed graph into the embedded store, print example queries and serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
STORE=${KG_STORE:-store}
.venv/bin/kg build seeds --store "$STORE"
.venv/bin/kg query "$(cat kg/queries/consultations.rq)" --store "$STORE"
exec .venv/bin/kg serve --store "$STORE" --port "${PORT:-8000}"
