#!/usr/bin/env bash
# Command-line tools the export tests read files back with: Graphviz (`dot`) and libxml2's `xmllint`.
# Idempotent; without root (and without password-less sudo) it says what to install and exits 0, and the
# tests that need a missing tool are skipped with that reason.
set -euo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "setup-tools: not root; install with: apt-get install ${missing[*]} (export tests needing them will skip)" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq || echo "setup-tools: apt-get update failed; trying the install anyway" >&2
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  || echo "setup-tools: could not install ${missing[*]} (export tests needing them will skip)" >&2
