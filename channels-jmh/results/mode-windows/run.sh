#!/usr/bin/env bash
# Issue 9, targets 1 and 4: the virtual round trip and handoff window by window against the
# machine's mode. Each JVM (one workload, one implementation, one capacity) warms up 3 s, then
# runs W windows of M ms of PingPong.roundTripVirtual's or BlockingCost.handoffVirtual's
# workload, each between two cache-line probes (ModeWindows); the cells rotated round by round. Go (channels-jmh/go, its own process) has no windows
# inside one process: each of its windows is a process of 300 ms warm-up and 200 ms measured,
# between two LinePingPong probes (20,000 round trips, the median of its three rounds).
# JAR=<benchmarks.jar> [OUT=dir] [W=20] [M=200] [CELLS_LIST="workload impl capacity;..."]
#   [EXTRA_CP=<classes for class:<name> implementations>] bash run.sh [rounds]
set -u
D=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:?set JAR}; OUT=${OUT:-$D}; R=${1:-3}; W=${W:-20}; M=${M:-200}
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
CELLS=("roundtrip channels4j 0" "roundtrip sq 0" "roundtrip sqfair 0" "roundtrip jox 0" "roundtrip go 0"
       "roundtrip channels4j 16" "roundtrip abq 16" "roundtrip jox 16" "roundtrip go 16"
       "handoff channels4j 0" "handoff sq 0" "handoff sqfair 0" "handoff jox 0")
# CELLS_LIST="workload impl capacity;..." replaces the list (batch/ used the batch cells of issue 9's target 2)
if [ -n "${CELLS_LIST:-}" ]; then IFS=';' read -ra CELLS <<< "$CELLS_LIST"; fi
GO=$D/../../go/run.sh
line() { $J -cp "$JAR" org.channels4j.jmh.LinePingPong 20000 2>/dev/null | cut -d' ' -f1-3 | tr ' ' '\n' | sort -n | sed -n 2p; }
mkdir -p "$OUT"
n=${#CELLS[@]}
for ((r=1;r<=R;r++)); do
  for ((k=0;k<n;k++)); do
    c=${CELLS[$(( (k + r - 1) % n ))]}
    if [ "${c% *}" = "roundtrip go" ]; then
      cap=${c##* }
      echo "channels-jmh/go/run.sh -bench PingPong -capacities $cap -wi 1 -w 300ms -i 1 -r 200ms  (x $W, each between two probes)" >> "$OUT/commands.txt"
      for ((w=0;w<W;w++)); do
        b=$(line)
        rt=$("$GO" -bench PingPong -capacities "$cap" -wi 1 -w 300ms -i 1 -r 200ms 2>/dev/null | awk '/roundTripVirtual/{print $3}')
        a=$(line)
        printf 'r%s roundtrip go %s %s %.0f %s\n' "$r" "$cap" "$b" "$rt" "$a" | tee -a "$OUT/windows.txt"
      done
      continue
    fi
    echo "java -cp benchmarks.jar org.channels4j.jmh.ModeWindows $c $W $M" >> "$OUT/commands.txt"
    $J -cp "$JAR${EXTRA_CP:+:$EXTRA_CP}" org.channels4j.jmh.ModeWindows $c "$W" "$M" | sed "s/^/r$r /" | tee -a "$OUT/windows.txt"
  done
done
