#!/usr/bin/env bash
# The whole test suite from nothing: installs what it needs (scripts/setup.sh), then runs every
# test with Node's test runner. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
