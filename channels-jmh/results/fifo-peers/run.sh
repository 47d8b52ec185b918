#!/usr/bin/env bash
# Issue 9: channels4j against SynchronousQueue in both of its modes, non-fair (a stack on JDK
# 25: the newest waiter is served first) and fair (a FIFO dual queue, arrival order, the order
# the contract asks of a channel), LinkedTransferQueue's transfer (FIFO) and jox, on the
# unbuffered cells where the non-fair SynchronousQueue leads. One fork per command, the
# variants rotated round by round, the machine's mode probed before and after every fork
# (c16-lockstep/run-ab.sh).
# JAR=<benchmarks.jar with the sqfair peer> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
A=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-4}
VARIANTS="channels4j|$A|channels4j;sq|$A|sq;sqfair|$A|sqfair;ltq|$A|ltq;jox|$A|jox" \
CELLS="b0p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=0 -p producers=1 -p shape=mpsc;h0=BlockingCost.handoffVirtual;rt0=PingPong.roundTripVirtual -p capacity=0" \
  "$D/../c16-lockstep/run-ab.sh" "$OUT" "$R"
