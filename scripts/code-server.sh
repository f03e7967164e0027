#!/usr/bin/env bash
# Install code-server (VS Code in a browser) into the tools folder and print the
# path of its binary. The end-to-end test of the VS Code extension
# (test/vscode/e2e.mjs) runs the extension in it, because this machine cannot
# download VS Code itself.
#
# code-server is deliberately not a project dependency: a user's `npm install`
# must not pull a whole editor. It comes from the npm registry, built with
# Node 24 (first on PATH, npm_config_nodedir pointing at its headers) because
# its native modules must match the Node that runs it; npm 11 blocks dependency
# install scripts unless npm_config_dangerously_allow_all_scripts is set.
# Debian packages it needs to build: libkrb5-dev (and chromium for the test).
#
# Idempotent: when the binary is already there, it only prints the path.
# Progress goes to stderr, the path alone to stdout:
#   CODE_SERVER="$(scripts/code-server.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."

MPLAN_CODE_SERVER_VERSION="${MPLAN_CODE_SERVER_VERSION:-4.139.1}"
MPLAN_TOOLS="${MPLAN_TOOLS:-$HOME/.cache/mplan-tools}"
prefix="$MPLAN_TOOLS/code-server-$MPLAN_CODE_SERVER_VERSION"
bin="$prefix/node_modules/.bin/code-server"
# The marker is written only after a complete install, so an interrupted
# install is retried rather than taken for a working one.
marker="$prefix/.installed"

if [ -x "$bin" ] && [ -f "$marker" ]; then
    echo "$bin"
    exit 0
fi

. scripts/use-node.sh
if [ -z "${npm_config_nodedir:-}" ]; then
    # use-node.sh leaves a new-enough system Node alone; code-server still needs
    # the headers of the Node that runs it.
    npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")"
    export npm_config_nodedir
fi

echo "code-server: installing code-server@$MPLAN_CODE_SERVER_VERSION into $prefix with node $(node --version) (compiles native modules: takes minutes)" >&2
mkdir -p "$prefix"
# A package.json of its own, so npm installs into this folder and never looks
# for the project's.
if [ ! -f "$prefix/package.json" ]; then
    printf '{ "name": "mplan-tools-code-server", "private": true }\n' >"$prefix/package.json"
fi
npm_config_dangerously_allow_all_scripts=true \
    npm install --prefix "$prefix" --no-audit --no-fund --no-save \
    "code-server@$MPLAN_CODE_SERVER_VERSION" >&2

if [ ! -x "$bin" ]; then
    echo "code-server: the install finished but $bin is missing" >&2
    exit 1
fi
# Not `code-server --version`: any run of code-server without --config writes
# a default config (with a password) into ~/.config/code-server.
installed="$(node -p "require('$prefix/node_modules/code-server/package.json').version")"
if [ "$installed" != "$MPLAN_CODE_SERVER_VERSION" ]; then
    echo "code-server: installed $installed, expected $MPLAN_CODE_SERVER_VERSION" >&2
    exit 1
fi
echo "code-server: $installed installed" >&2
touch "$marker"
echo "$bin"
