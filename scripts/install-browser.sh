#!/usr/bin/env bash
# End-to-end tests use Debian's Chromium (no browser download is possible here) and CJK fonts so that
# Chinese renders in screenshots. Installs them once, when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
sudo=""
[ "$(id -u)" = "0" ] || sudo="sudo"
echo "Installing chromium and fonts-noto-cjk from Debian…"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-noto-cjk > /dev/null
