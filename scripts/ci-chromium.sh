#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests (tests/test_web_browser.py).
#
# Playwright drives /usr/bin/chromium; it never downloads a browser. Installs the 'chromium'
# package when missing (needs root, as CI runs, or sudo). Idempotent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" != "0" ]; then
    sudo="sudo"
fi
echo "ci-chromium: installing Chromium from Debian's packages" >&2
$sudo apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2
/usr/bin/chromium --version >&2 || true
