#!/usr/bin/env bash
# SynchronousQueue's spin in channels4j: a scratch build (fixed-spin-n.diff, never landed) whose
# usual budget, with -Dabl.fixedSpin=128, is 128 polls at every wait instead of adapting (JDK 25's
# LinkedTransferQueue spins 128 times when its carrier has no queued work), against the library as
# it is and SynchronousQueue, steady state (5 x 2 s warm-up, 5 x 2 s measured), rotated, probed.
# BASE=<benchmarks.jar> SCRATCH=<scratch benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
B=${BASE:?}; S=${SCRATCH:?}; OUT=${OUT:-$D}; R=${1:-3}
export ITER="-wi 5 -w 2s -i 5 -r 2s"
VARIANTS="base|$B|channels4j;spin128|$S|channels4j|-Dabl.fixedSpin=128;sq|$B|sq" \
CELLS="b0p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1 -p shape=mpsc;rt0=PingPong.roundTripVirtual -p capacity=0;h0=BlockingCost.handoffVirtual" \
  "$D/../../c16-lockstep/run-ab.sh" "$OUT" "$R"
