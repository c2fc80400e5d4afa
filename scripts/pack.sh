#!/usr/bin/env bash
# Packs the CLI for npm into DEST (default: the current directory) and prints the tarball's path.
# dist/cli/index.js is one self-contained bundle, so the published manifest lists no dependencies:
# `npx agent-sandbox-guard` then installs one package and nothing else (not the Node binaries the
# tests use, nor the libraries already inside the bundle). Used by .ci/run and the release workflow.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=$(cd "${1:-.}" && pwd)
[ -f dist/cli/index.js ] || { echo "dist/cli/index.js is missing; run npm run build" >&2; exit 1; }
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/dist"
cp package.json README.md LICENSE "$stage/"
cp -r dist/cli "$stage/dist/"
(
  cd "$stage"
  npm pkg delete dependencies optionalDependencies devDependencies scripts >/dev/null
  npm pack --silent --pack-destination "$dest" >/dev/null
)
name=$(node -p 'const p=require("./package.json"); `${p.name}-${p.version}.tgz`')
echo "$dest/$name"
