#!/usr/bin/env bash
# Installs the npm packages the tests use (tests/zpl: the independent ZPL renderer; tests/e2e:
# Playwright, axe-core, ws and the OpenAPI validator of the web UI tests) exactly as
# package-lock.json pins them; does nothing when they are already there. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm > /dev/null; then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    echo "install-npm: installing npm"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends nodejs npm
fi
for dir in tests/zpl tests/e2e; do
    stamp="$dir/node_modules/.package-lock.sha256"
    wanted=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
        echo "install-npm: $dir up to date"
        continue
    fi
    # Playwright drives Debian's chromium (scripts/deps/web.txt): it never downloads a browser.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$dir" --no-audit --no-fund
    echo "$wanted" > "$stamp"
done
