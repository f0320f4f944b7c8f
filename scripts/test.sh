#!/usr/bin/env bash
# `npm test`: everything a change must pass, on a fresh machine — typecheck, lint, unit tests,
# integration tests on SQLite and PostgreSQL, and end-to-end tests in Debian's Chromium.
# Every stage runs even if an earlier one failed; the last line sums them up for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
export NODE_OPTIONS="${NODE_OPTIONS:-} --no-warnings=ExperimentalWarning"
mkdir -p test-results && rm -f test-results/*.json

bash scripts/install.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-browser.sh || { echo "0 passed, 1 failed"; exit 1; }
bash scripts/install-nginx.sh || { echo "0 passed, 1 failed"; exit 1; }
npx tsx scripts/prisma-generate.ts || { echo "0 passed, 1 failed"; exit 1; }

# PostgreSQL for the integration tests (the machine's service; started if it is installed but down).
export YISHI_TEST_PG_ADMIN_URL="${YISHI_TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
if ! node -e "const c=new (require('pg').Client)(process.env.YISHI_TEST_PG_ADMIN_URL);c.connect().then(()=>c.end(),()=>process.exit(1))" 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    sleep 2
  fi
fi

failed_stages=()
stage() {
  local name=$1; shift
  echo
  echo "━━━ $name ━━━"
  if "$@"; then echo "✔ $name"; else echo "✘ $name"; failed_stages+=("$name"); fi
}

stage typecheck npx tsc --noEmit
stage lint npx eslint . --max-warnings=0
stage format npx prettier --check . --log-level warn
stage unit npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=test-results/vitest-unit.json
stage build npm run build --silent
stage integration npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=test-results/vitest-integration.json
stage e2e npx playwright test

echo
npx tsx scripts/test-summary.ts "${failed_stages[@]+"${failed_stages[@]}"}"
