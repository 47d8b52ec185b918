#!/usr/bin/env bash
# channels4j against SynchronousQueue in their steady state: the unbuffered virtual-thread cells
# with 5 x 2 s warm-up and 5 x 2 s measurement per fork (the quick run warms up 2 x 500 ms),
# rotated round by round, the machine's mode probed before and after every fork
# (../c16-lockstep/run-ab.sh).
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
J=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-5}
export ITER="-wi 5 -w 2s -i 5 -r 2s"
VARIANTS="channels4j|$J|channels4j;sq|$J|sq" \
CELLS="h0=BlockingCost.handoffVirtual;b0p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1 -p shape=mpsc;rt0=PingPong.roundTripVirtual -p capacity=0" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
