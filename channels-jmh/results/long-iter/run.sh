#!/usr/bin/env bash
# Issue 9's target 4 (fork means within 1.3x) with longer measurement: the deciding virtual-thread
# cells with 3 x 1 s warm-up and 5 x 2 s measurement per fork instead of the quick run's
# 2 x 500 ms and 4 x 500 ms, channels4j and its peers rotated round by round, the machine's mode
# probed before and after every fork (../c16-lockstep/run-ab.sh).
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
J=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-4}
export ITER="-wi 3 -w 1s -i 5 -r 2s"
VARIANTS="channels4j|$J|channels4j;sq|$J|sq;jox|$J|jox" \
CELLS="b0p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1 -p shape=mpsc;rt0=PingPong.roundTripVirtual -p capacity=0;h0=BlockingCost.handoffVirtual" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
VARIANTS="channels4j|$J|channels4j;abq|$J|abq;jox|$J|jox" \
CELLS="b16p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=16 -p producers=1 -p shape=mpsc;rt16=PingPong.roundTripVirtual -p capacity=16" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
