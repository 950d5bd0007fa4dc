#!/usr/bin/env bash
# Reproduces the runtime stage of deploy/Dockerfile without Docker, and checks it: in a temporary
# directory, the production dependencies only (`npm ci --omit=dev`, the same command as the
# image's deps stage) and the compiled dist folders; none of the development tools; every
# compiled module loads; `chidao migrate`, the api, projector and reporting processes (each until
# /health answers, SQLite in the temporary directory) and `chidao audit verify` run from it.
# Keep in step with the Dockerfile.
#   tools/verify-production-install.sh      (about two minutes: better-sqlite3 compiles)
set -euo pipefail
cd "$(dirname "$0")/.."

# The apps the image runs; their dependencies bring the libraries.
APPS=(api cli projector reporting)
# Development tools that must not reach the image.
FORBIDDEN=(jest eslint playwright-core @swc/core typescript)

work=$(mktemp -d "${TMPDIR:-/tmp}/chidao-production-XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "build (dist/ and apps/web/dist)"
node tools/build.js
node tools/ensure-web-build.js

step "npm ci --omit=dev in $work"
cp package.json package-lock.json "$work/"
for manifest in apps/*/package.json libs/*/package.json; do
  mkdir -p "$work/$(dirname "$manifest")"
  cp "$manifest" "$work/$manifest"
done
node .ci/complete-lockfile.js "$work/package-lock.json"
workspaces=()
for app in "${APPS[@]}"; do workspaces+=(-w "apps/$app"); done
started=$SECONDS
(cd "$work" && npm_config_nodedir="${npm_config_nodedir:-/usr}" \
  npm ci --omit=dev --no-audit --no-fund "${workspaces[@]}")
echo "npm ci took $((SECONDS - started)) s"

step "compiled code"
# The same set as the Dockerfile's build stage collects.
cp -r --parents apps/*/dist libs/*/dist apps/cli/bin "$work/"
du -sh "$work/node_modules" | sed 's/^/node_modules: /'

step "no development tools"
for name in "${FORBIDDEN[@]}"; do
  found=$(find "$work" -type d -path "*/node_modules/$name" -print -quit)
  if [ -n "$found" ]; then
    echo "FAIL: $name is installed (${found#"$work"/})" >&2
    exit 1
  fi
  echo "absent: $name"
done

step "every compiled module loads"
# Entry points (main.js, apps/api's cli/) run when loaded: they are started below or skipped.
(cd "$work" && NODE_ENV=production node - <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.js')) files.push(full);
  }
};
for (const group of ['apps', 'libs']) {
  for (const name of fs.readdirSync(group)) {
    const dist = path.join(group, name, 'dist');
    if (name !== 'web' && fs.existsSync(dist)) walk(dist);
  }
}
const entries = /^apps\/[^/]+\/dist\/main\.js$|^apps\/api\/dist\/cli\//;
const loaded = files.filter((file) => !entries.test(file));
for (const file of loaded) require(path.resolve(file));
for (const name of fs.readdirSync('libs')) require(`@chidao/${name}`);
console.log(`${loaded.length} modules and ${fs.readdirSync('libs').length} @chidao libraries loaded`);
EOF
)

step "chidao migrate; api, projector and reporting until /health answers; chidao audit verify"
data="$work/data"
mkdir -p "$data"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
environment=(env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production CHIDAO_DATA_DIR="$data"
  CHIDAO_JWT_SECRET=production-install-check-secret-0123456789 PORT="$port")
run() (cd "$work" && exec "${environment[@]}" "$@")
# Starts apps/<name>/dist/main.js as the image does and stops it once /health answers.
serve() {
  local name=$1 started
  started=$(date +%s%N)
  # exec: $! is then the process itself, which kill stops.
  (cd "$work" && exec "${environment[@]}" node --enable-source-maps "apps/$name/dist/main.js") \
    >"$work/$name.log" 2>&1 &
  server=$!
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ! kill -0 "$server" 2>/dev/null || [ $(($(date +%s%N) - started)) -gt 60000000000 ]; then
      cat "$work/$name.log" >&2
      echo "FAIL: $name exited, or its /health did not answer within 60 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "$name: /health answered after $((($(date +%s%N) - started) / 1000000)) ms"
  kill "$server"
  wait "$server" || true
  server=""
}
run node apps/cli/bin/chidao.js migrate
serve api
serve projector
serve reporting
run node apps/cli/bin/chidao.js audit verify --data-dir "$data"

step "production install OK"
