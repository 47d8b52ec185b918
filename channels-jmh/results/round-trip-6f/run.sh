#!/usr/bin/env bash
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh: issue 9's target 1 cells, 6 interleaved rounds, Go before and after
D=$(cd "$(dirname "$0")" && pwd); J=${JAR:-$D/../../target/benchmarks.jar}; O=${OUT:-$D}; mkdir -p "$O"
G="$D/../../go/run.sh -wi 2 -w 500ms -i 4 -r 500ms -bench PingPong -capacities 0,16"
$G -rf "$O/go-before.json" > "$O/go-before.log" 2>&1
VARIANTS="channels4j|$J|channels4j;sq|$J|sq;abq|$J|abq;jox|$J|jox" CELL="PingPong.roundTripVirtual -p capacity=0,16" \
  "$D/../c16-lockstep/run-ab.sh" "$O" 6
$G -rf "$O/go-after.json" > "$O/go-after.log" 2>&1
