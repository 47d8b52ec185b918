#!/usr/bin/env bash
# The 32-byte node, before and after, the peers interleaved (one fork a command, rotated, the
# machine's scheduling mode probed before and after each; see ../c16-lockstep/run-ab.sh).
# BEFORE: a benchmarks.jar built at 941eb28 (the last commit with the 40-byte node);
# AFTER: one built at the commit of this directory. ROUNDS defaults to 4.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
AB=$HERE/../c16-lockstep/run-ab.sh
ROUNDS=${1:-4}
: "${BEFORE:?a benchmarks.jar built at 941eb28}" "${AFTER:?a benchmarks.jar built at this commit}"
VARIANTS="after|$AFTER|channels4j;before|$BEFORE|channels4j;sq|$AFTER|sq" \
CELLS="handoff=BlockingCost;roundtrip=PingPong.roundTripVirtual -p capacity=0;batch=BatchThroughput -p capacity=0 -p producers=1 -p shape=mpsc -p threads=virtual" \
  bash "$AB" "$HERE" "$ROUNDS"
VARIANTS="after|$AFTER|channels4j;before|$BEFORE|channels4j;jox|$AFTER|jox" \
CELLS="select=SelectCost.blocking -p channels=1,4" \
  bash "$AB" "$HERE" "$ROUNDS"
