#!/usr/bin/env bash
# Whether the spin budget's adaptation is what makes channels4j's steady state bimodal: the
# library as it is (base) against a scratch build whose usual budget never adapts and stays at
# the full spin (fixed-spin.diff, -Dabl.fixedSpin=true; never landed), and SynchronousQueue,
# steady state (5 x 2 s warm-up, 5 x 2 s measurement), rotated round by round, probed.
# BASE=<benchmarks.jar> SCRATCH=<scratch benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
B=${BASE:?}; S=${SCRATCH:?}; OUT=${OUT:-$D}; R=${1:-4}
export ITER="-wi 5 -w 2s -i 5 -r 2s"
VARIANTS="base|$B|channels4j;fixed|$S|channels4j|-Dabl.fixedSpin=true;sq|$B|sq" \
CELLS="b0p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1 -p shape=mpsc;rt0=PingPong.roundTripVirtual -p capacity=0" \
  "$D/../../c16-lockstep/run-ab.sh" "$OUT" "$R"
