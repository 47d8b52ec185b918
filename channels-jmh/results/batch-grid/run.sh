#!/usr/bin/env bash
# Issue 9, target 2: BatchThroughput on virtual threads in every cell it names (capacities 0, 1
# and 16; P = 1, 2, 4, 8; mpsc and mpmc), each cell one JMH command with every JVM peer that has
# that capacity, so that the peers of a cell run within the same minute (one machine mode;
# LinePingPong probes it before every cell), then the same cells on Go.
#
#   OUT=dir channels-jmh/results/batch-grid/run.sh        about 22 minutes on 2 idle cores
#   CAPS=1 GO=0 OUT=dir .../run.sh                         one capacity's 7 cells, without Go
#
# JMH: 3 forks, 2 x 500 ms warm-up, 4 x 500 ms measurement (bench.sh's quick settings).
# Writes OUT/json/<cap>-<P>-<shape>.json, OUT/probes.txt, OUT/commands.txt and OUT/go.json;
# summarize.py OUT writes the table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-$ROOT/channels-jmh/target/benchmarks.jar}
OUT=${OUT:-$ROOT/channels-jmh/results/batch-grid}
mkdir -p "$OUT/json" "$OUT/logs"
RUN=(-f 3 -wi 2 -w 500ms -i 4 -r 500ms)
declare -A PEERS=([0]="channels4j,jox,sq,ltq" [1]="channels4j,jox,abq,lbq" [16]="channels4j,jox,abq,lbq")
CAPS=${CAPS:-0 1 16}
GO=${GO:-1}
for cap in $CAPS; do
  for cell in 1-mpsc 2-mpsc 4-mpsc 8-mpsc 2-mpmc 4-mpmc 8-mpmc; do
    p=${cell%-*}; shape=${cell#*-}
    name=$cap-$p-$shape
    probe=$("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")
    echo "$name $probe" >> "$OUT/probes.txt"
    args=(BatchThroughput -p policy=block -p threads=virtual -p impl="${PEERS[$cap]}" -p capacity="$cap"
      -p producers="$p" -p shape="$shape" "${RUN[@]}")
    echo "java -jar channels-jmh/target/benchmarks.jar ${args[*]}" >> "$OUT/commands.txt"
    printf '== %-12s %-5s ' "$name" "${probe##* }"
    start=$SECONDS
    "$JAVA" -jar "$JAR" "${args[@]}" -rf json -rff "$OUT/json/$name.json" > "$OUT/logs/$name.log" 2>&1
    echo "$((SECONDS - start)) s"
  done
done
if [ "$GO" = 1 ]; then
  probe=$("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")
  echo "go $probe" >> "$OUT/probes.txt"
  echo "channels-jmh/go/run.sh -wi 2 -w 400ms -i 8 -r 500ms -producers 1,2,4,8 -capacities 0,1,16 -shapes mpsc,mpmc -bench BatchThroughput" >> "$OUT/commands.txt"
  "$ROOT/channels-jmh/go/run.sh" -wi 2 -w 400ms -i 8 -r 500ms -producers 1,2,4,8 -capacities 0,1,16 -shapes mpsc,mpmc \
    -bench BatchThroughput -rf "$OUT/json/go.json" > "$OUT/logs/go.log" 2>&1
fi
probe=$("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")
echo "end $probe" >> "$OUT/probes.txt"
