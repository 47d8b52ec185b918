#!/usr/bin/env bash
# The unbuffered re-check without the ticket, before and after, the peers interleaved, far and
# near forks as they come (each fork probed with LinePingPong before and after).
# BEFORE=<benchmarks.jar of e915c99> AFTER=<benchmarks.jar of the change> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
B=${BEFORE:?set BEFORE}; A=${AFTER:?set AFTER}; OUT=${OUT:-$D}; R=${1:-4}
# capacity 0: SynchronousQueue and jox beside both builds
VARIANTS="before|$B|channels4j;after|$A|channels4j;sq|$A|sq;jox|$A|jox" \
CELLS="b0=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1,4 -p shape=mpsc;rt0=PingPong.roundTripVirtual -p capacity=0;h0=BlockingCost.handoffVirtual;g0=GroupThroughput -tg 1,1 -p producers=1 -p consumers=1 -p capacity=0" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
# capacities 1 and 16 (the waiting code they share got the settle store): ArrayBlockingQueue and jox
VARIANTS="before|$B|channels4j;after|$A|channels4j;abq|$A|abq;jox|$A|jox" \
CELLS="b1=BatchThroughput -p policy=block -p threads=virtual -p capacity=1 -p producers=1,4 -p shape=mpsc;rt16=PingPong.roundTripVirtual -p capacity=16" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
