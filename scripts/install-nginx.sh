#!/usr/bin/env bash
# The cluster test (tests/integration/cluster.test.ts) puts Debian's nginx in front of two processes, with
# its own configuration and prefix on an unprivileged port. Installs it once, when missing.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" = "0" ] || sudo="sudo"
echo "Installing nginx from Debian…"
$sudo apt-get update -qq
# nginx-light is enough (upstream hash, map, proxy); the test never uses the packaged site.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-light > /dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx > /dev/null
