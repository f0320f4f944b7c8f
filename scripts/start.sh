#!/usr/bin/env bash
# `npm start`: the compiled production server on plain node (run `npm run build` first), run by a small
# cluster primary that restarts it if it dies (scripts/supervisor.ts). Under systemd, which restarts the
# service itself, set YISHI_SUPERVISOR=none to run the server alone (docs/deploy.md).
# Memory: one process is sized for about 2,000 live connections. A small young generation and a 320 MB
# old-space limit make V8 collect the garbage of bursts (many phones joining at once) instead of growing
# into it; the retained heap at 2,000 connections is well under that (see bench/live-vote/README.md).
# Scale out with more processes (SOCKET_ADAPTER=postgres); raise YISHI_MAX_HEAP_MB for bigger processes.
# The flags are applied to the server process in both cases (scripts/server-entry.ts for the supervisor).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${YISHI_BUILD_DIR:-build}"
export NODE_ENV=production
if [ "${YISHI_SUPERVISOR:-cluster}" = "none" ]; then
  exec node --max-semi-space-size=16 --max-old-space-size="${YISHI_MAX_HEAP_MB:-320}" "$build/app-server/server.js"
fi
exec node "$build/app-server/supervisor.js"
