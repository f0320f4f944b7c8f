#!/usr/bin/env bash
# Installs node_modules exactly from package-lock.json, and only when the lock file changed since the
# last install (a second `npm run app` starts in seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.yishi-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "Installing dependencies (npm ci)…"
# better-sqlite3 has no reachable prebuilt binary here; build it from source straight away.
npm_config_build_from_source=true npm ci --no-audit --no-fund --loglevel=error
echo "$want" > "$stamp"
