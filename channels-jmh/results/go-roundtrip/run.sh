#!/usr/bin/env bash
# Issue 9, target 1 against Go: PingPong.roundTripVirtual at capacity 0 and 16 on channels4j
# and the non-fair SynchronousQueue / ArrayBlockingQueue (one JMH fork each, both capacities),
# and Go's same benchmark (channels-jmh/go, its own process, 4 x 500 ms measured after 2 x 500 ms
# warm-up), rotated round by round, the machine's mode probed before and after each run.
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-4}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
GO=$D/../../go/run.sh
mkdir -p "$OUT/json" "$OUT/logs"
probe() { $J -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null; }
for ((r=1;r<=R;r++)); do
  for k in 0 1 2; do
    v=$(( (k + r - 1) % 3 ))
    p=$(probe)
    case $v in
      0) name=channels4j; args=(PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16) ;;
      1) name=peers; args=(PingPong.roundTripVirtual -p impl=sq,abq -p capacity=0,16) ;;
      2) name=go ;;
    esac
    if [ $name = go ]; then
      echo "channels-jmh/go/run.sh -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms" >> "$OUT/commands.txt"
      "$GO" -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms -rf "$OUT/json/r$r-go.json" > "$OUT/logs/r$r-go.log" 2>&1
    else
      echo "java -jar benchmarks.jar ${args[*]} -f 1 -wi 2 -w 500ms -i 4 -r 500ms" >> "$OUT/commands.txt"
      $J -jar "$JAR" "${args[@]}" -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff "$OUT/json/r$r-$name.json" > "$OUT/logs/r$r-$name.log" 2>&1
    fi
    q=$(probe)
    echo "r$r $name [$p] [$q]" | tee -a "$OUT/probes.txt"
  done
done
