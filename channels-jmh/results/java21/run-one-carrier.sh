#!/usr/bin/env bash
# The quick run's one-carrier cells (-Djdk.virtualThreadScheduler.parallelism=1: no crossing
# between cores, so no machine mode) on Java 21 and JDK 25, interleaved round by round.
# Usage: JAR=... JDK21=/opt/jdk21 OUT=dir run-one-carrier.sh [rounds]
set -euo pipefail
JAR=${JAR:-channels-jmh/target/benchmarks.jar}
JDK21=${JDK21:-/opt/jdk21}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:?set OUT}
ROUNDS=${1:-3}
mkdir -p "$OUT/json"
RUN=(-f 1 -wi 2 -w 500ms -i 4 -r 500ms -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1)
for r in $(seq 1 "$ROUNDS"); do
  for jdk in 21 25; do
    java=$([ $jdk = 21 ] && echo "$JDK21/bin/java" || echo "$JDK25/bin/java")
    "$java" -jar "$JAR" 'BlockingCost.handoffVirtual' -p impl=channels4j,sq,jox \
      "${RUN[@]}" -rf json -rff "$OUT/json/handoff1c-$jdk-$r.json" >> "$OUT/jmh-one-carrier.log" 2>&1
    "$java" -jar "$JAR" 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j,sq,jox \
      -p capacity=0 -p producers=1 -p shape=mpsc \
      "${RUN[@]}" -rf json -rff "$OUT/json/batch1c-$jdk-$r.json" >> "$OUT/jmh-one-carrier.log" 2>&1
    echo "one carrier: round $r jdk $jdk done $(date -u +%T)" >> "$OUT/progress.txt"
  done
done
