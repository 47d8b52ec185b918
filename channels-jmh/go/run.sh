#!/usr/bin/env bash
# Runs the Go channel benchmarks (main.go) with the given flags, installing Go from Debian's
# golang-go package first if it is missing. Example:
#   channels-jmh/go/run.sh -wi 2 -w 500ms -i 3 -r 1s -producers 1,2,4 -capacities 0,16 -rf go.json
set -euo pipefail
if ! command -v go >/dev/null 2>&1; then
  echo "gobench: installing golang-go" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq golang-go >/dev/null
fi
# Build first, so that no measurement includes compilation; run from the caller's directory, so
# that a relative -rf path means what the caller meant.
BIN=${TMPDIR:-/tmp}/channels4j-gobench
(cd "$(dirname "$0")" && go build -o "$BIN" .)
exec "$BIN" "$@"
