#!/usr/bin/env bash
# Target 6 for the probe back-off: the buffered virtual-thread cells, before (28d50c3, the last
# commit without it) and after (5d7fd07), ArrayBlockingQueue interleaved, one fork a command.
#   BEFORE_JAR=.../benchmarks.jar (built at 28d50c3) AFTER_JAR=.../benchmarks.jar (5d7fd07) run.sh ROUNDS
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VARIANTS="before|$BEFORE_JAR|channels4j;after|$AFTER_JAR|channels4j;abq|$AFTER_JAR|abq" \
CELLS="rt=PingPong.roundTripVirtual -p capacity=16;b=BatchThroughput -p policy=block -p threads=virtual -p capacity=1,16 -p producers=1 -p shape=mpsc" \
  "$HERE/../../c16-lockstep/run-ab.sh" "$HERE" "${1:-5}"
