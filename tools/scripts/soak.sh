#!/usr/bin/env bash
# `npm run test:soak`: the crash, race and fuzz tests at full length (CI runs them short):
# 10 relay SIGKILLs during a load of 1,000 lifecycles, 3,000 fuzzed command requests. Engines as
# for `npm test`; ends with the same one-line summary.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
rm -rf tmp/test-results
eval "$(bash infra/local/up.sh)"
npx nx run-many -t build -p api relay --outputStyle=static >/dev/null
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning"
status=0
NX_TASK_TARGET_PROJECT=relay NX_TASK_TARGET_TARGET=soak RELAY_KILLS=10 RELAY_KILL_CASES=1000 npx jest -c apps/relay/jest.int.config.cjs relay-delivery -t SIGKILL || status=$?
NX_TASK_TARGET_PROJECT=api NX_TASK_TARGET_TARGET=soak FUZZ_RUNS=3000 npx jest -c apps/api/jest.int.config.cjs command-fuzz || status=$?
node tools/jest/print-summary.mjs || status=1
exit "$status"
