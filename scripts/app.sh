#!/usr/bin/env bash
# `npm run app`: install, migrate and seed the embedded SQLite database (first run only), build, and serve
# Yishi on http://localhost:${PORT:-3000}, restarted by its supervisor if it dies (scripts/supervisor.ts).
# A second run reuses everything that has not changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export DATABASE_URL="${DATABASE_URL:-file:./data/yishi.db}"
mkdir -p data
if [ -z "${SESSION_SECRET:-}" ]; then
  # One secret per installation, kept beside the data so sessions survive restarts.
  [ -f data/session-secret ] || (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))" > data/session-secret)
  SESSION_SECRET=$(cat data/session-secret)
  export SESSION_SECRET
fi
npx tsx scripts/setup-db.ts
if [ ! -f build/app-server/server.js ] || [ ! -f build/app-server/supervisor.js ] || [ -n "$(find app public server.ts scripts/supervisor.ts scripts/server-entry.ts vite.config.ts vite.server.config.ts tailwind.config.ts package-lock.json -newer build/app-server/server.js -print -quit)" ]; then
  echo "Building…"
  npm run build --silent > /dev/null
fi
exec bash scripts/start.sh
