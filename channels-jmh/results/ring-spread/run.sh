#!/usr/bin/env bash
# BEFORE=<benchmarks.jar of acd206d> AFTER=<benchmarks.jar with the spread ring> [OUT=dir] bash run.sh
# Capacity 16 before and after the ring spread its slots one to a cache line, with the peers
# interleaved: one fork per command, the variants rotated round by round, the machine's mode
# probed before and after every command (run-ab.sh of c16-lockstep).
D=$(cd "$(dirname "$0")" && pwd); A=${AFTER:?}; B0=${BEFORE:?}; O=${OUT:-$D}
B="BatchThroughput -p policy=block -p threads=virtual -p capacity=16"
VARIANTS="before|$B0|channels4j;after|$A|channels4j;abq|$A|abq;jox|$A|jox" \
CELLS="b16p1=$B -p shape=mpsc -p producers=1;b16p2=$B -p shape=mpsc -p producers=2;b16p4=$B -p shape=mpsc -p producers=4;b16p8=$B -p shape=mpsc -p producers=8;b16m2=$B -p shape=mpmc -p producers=2;b16m4=$B -p shape=mpmc -p producers=4;b16m8=$B -p shape=mpmc -p producers=8" \
  "$D/../c16-lockstep/run-ab.sh" "$O" 5
VARIANTS="before|$B0|channels4j;after|$A|channels4j;abq|$A|abq" \
CELLS="pp16=PingPong.roundTripVirtual -p capacity=16;g16p1=GroupThroughput -tg 1,1 -p producers=1 -p consumers=1 -p capacity=16;g16p4=GroupThroughput -tg 4,1 -p producers=4 -p consumers=1 -p capacity=16;fast16=SendReceiveCost -p capacity=16;b1p1=BatchThroughput -p policy=block -p threads=virtual -p capacity=1 -p shape=mpsc -p producers=1" \
  "$D/../c16-lockstep/run-ab.sh" "$O" 4
