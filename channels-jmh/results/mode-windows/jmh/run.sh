#!/usr/bin/env bash
# JMH's own iterations against the machine's mode: each command one fork of one implementation
# (channels4j, the non-fair SynchronousQueue, jox) on one benchmark, with ModeProbe writing the
# cache-line probe before and after every iteration (-Dchannels4j.modeProbe); the
# implementations rotated round by round. table.py joins each iteration's score with its probes.
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-3}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
ITER=(-f 1 -wi 3 -w 1s -i 20 -r 200ms)
IMPLS=(channels4j sq jox)
mkdir -p "$OUT/json" "$OUT/probes" "$OUT/logs"
for ((r=1;r<=R;r++)); do
  for ((k=0;k<${#IMPLS[@]};k++)); do
    impl=${IMPLS[$(( (k + r - 1) % ${#IMPLS[@]} ))]}
    for cell in batch roundtrip handoff; do
      case $cell in
        batch) args=(BatchThroughput.transfer -p impl=$impl -p capacity=0 -p producers=1,2 -p shape=mpsc,mpmc -p threads=virtual -p policy=block) ;;
        roundtrip) args=(PingPong.roundTripVirtual -p impl=$impl -p capacity=0) ;;
        handoff) args=(BlockingCost.handoffVirtual -p impl=$impl) ;;
      esac
      name=r$r-$impl-$cell
      echo "java -jar benchmarks.jar ${args[*]} ${ITER[*]} -jvmArgsAppend -Dchannels4j.modeProbe=probes/$name.txt" >> "$OUT/commands.txt"
      $J -jar "$JAR" "${args[@]}" "${ITER[@]}" -jvmArgsAppend "-Dchannels4j.modeProbe=$OUT/probes/$name.txt" \
        -rf json -rff "$OUT/json/$name.json" > "$OUT/logs/$name.log" 2>&1
      echo "$name done"
    done
  done
done
