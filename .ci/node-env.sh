# Sourced, not run: puts a Node.js of at least 22.13 first on PATH. When the
# machine's own node is older, scripts/ensure-node.mjs installs the npm
# package node-<platform>-<arch>@24 into .node/ in the clone (git-ignored)
# and this uses that (npm ci must run under it, before npm test).
node_bin=$(node scripts/ensure-node.mjs --bin) || exit 1
export PATH="$node_bin:$PATH"
