#!/usr/bin/env bash
# `npm test`: every test of the workspace. Formatting, lint, type checks and unit tests first (no engines
# needed), then PostgreSQL and Kafka are made sure to be up (infra/local/up.sh does nothing when
# they already answer) and the integration and e2e suites run one project at a time, since
# engine-backed suites must not compete for the machine's two cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false NX_SKIP_NX_CACHE="${NX_SKIP_NX_CACHE:-true}"
rm -rf tmp/test-results

status=0
npx prettier --check . --log-level=warn || { echo 'formatting: run `npm run format`'; status=1; }
npx nx run-many -t lint typecheck test --parallel=2 --outputStyle=static || status=$?

if [ "$status" -eq 0 ]; then
  eval "$(bash infra/local/up.sh)"
  npx nx run-many -t integration --parallel=1 --outputStyle=static || status=$?
fi

node tools/jest/print-summary.mjs || status=1
exit "$status"
