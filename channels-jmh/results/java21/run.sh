#!/usr/bin/env bash
# The rendezvous cells of issue 9 on a Java 21 runtime and on JDK 25, interleaved fork by fork
# (round r runs one fork of every cell on 21, then on 25), with the peers in the same run.
# Usage: JAR=channels-jmh/target/benchmarks.jar JDK21=/opt/jdk21 OUT=dir run.sh [rounds]
#        ... run.sh --one-carrier [rounds]: the quick run's one-carrier cells instead
#        (-Djdk.virtualThreadScheduler.parallelism=1: nothing crosses between cores, so the
#        machine's modes do not apply)
set -euo pipefail
CELLS=two-carrier
if [ "${1:-}" = --one-carrier ]; then
  CELLS=one-carrier
  shift
fi
JAR=${JAR:-channels-jmh/target/benchmarks.jar}
JDK21=${JDK21:-/opt/jdk21}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
OUT=${OUT:?set OUT}
ROUNDS=${1:-3}
mkdir -p "$OUT/json"
RUN=(-f 1 -wi 2 -w 500ms -i 4 -r 500ms)
ONE=(-jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1)
for r in $(seq 1 "$ROUNDS"); do
  for jdk in 21 25; do
    java=$([ $jdk = 21 ] && echo "$JDK21/bin/java" || echo "$JDK25/bin/java")
    if [ $CELLS = one-carrier ]; then
      "$java" -jar "$JAR" 'BlockingCost.handoffVirtual' -p impl=channels4j,sq,jox \
        "${RUN[@]}" "${ONE[@]}" -rf json -rff "$OUT/json/handoff1c-$jdk-$r.json" >> "$OUT/jmh-one-carrier.log" 2>&1
      "$java" -jar "$JAR" 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j,sq,jox \
        -p capacity=0 -p producers=1 -p shape=mpsc \
        "${RUN[@]}" "${ONE[@]}" -rf json -rff "$OUT/json/batch1c-$jdk-$r.json" >> "$OUT/jmh-one-carrier.log" 2>&1
      echo "one carrier: round $r jdk $jdk done $(date -u +%T)" >> "$OUT/progress.txt"
      continue
    fi
    # SynchronousQueue has capacity 0 only; ArrayBlockingQueue none of 0
    "$java" -jar "$JAR" 'PingPong.roundTripVirtual' -p impl=channels4j,sq,jox -p capacity=0 \
      "${RUN[@]}" -rf json -rff "$OUT/json/pingpong0-$jdk-$r.json" >> "$OUT/jmh.log" 2>&1
    "$java" -jar "$JAR" 'PingPong.roundTripVirtual' -p impl=channels4j,jox,abq -p capacity=16 \
      "${RUN[@]}" -rf json -rff "$OUT/json/pingpong16-$jdk-$r.json" >> "$OUT/jmh.log" 2>&1
    "$java" -jar "$JAR" 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j,sq,jox \
      -p capacity=0 -p producers=1,4 -p shape=mpsc \
      "${RUN[@]}" -rf json -rff "$OUT/json/batch0-$jdk-$r.json" >> "$OUT/jmh.log" 2>&1
    "$java" -jar "$JAR" 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j,jox,abq \
      -p capacity=1 -p producers=1,4 -p shape=mpsc \
      "${RUN[@]}" -rf json -rff "$OUT/json/batch1-$jdk-$r.json" >> "$OUT/jmh.log" 2>&1
    echo "round $r jdk $jdk done $(date -u +%T)" >> "$OUT/progress.txt"
  done
done
