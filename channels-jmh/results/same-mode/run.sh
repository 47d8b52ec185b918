#!/usr/bin/env bash
# The unbuffered cells of issue 9 with the peers, one fork per command, the implementations
# interleaved and rotated round by round, and the machine's mode probed between every two
# commands: so each fork is attributed to the near or the far mode (or neither, if the probes
# before and after it disagree), and channels4j is compared with its peers within one mode.
# The quick run (./bench.sh) runs each implementation's cells back to back, minutes apart from
# its peers', and the mode changed three times during the one of 2026-12-03.
#
#   channels-jmh/results/same-mode/run.sh [ROUNDS]     (default 4 rounds, about 4 minutes)
#   BEFORE_JAR=/path/benchmarks.jar run.sh [ROUNDS]    adds channels4j from an older build as a
#                                                      fourth implementation, "before", in the same rounds
#   python3 channels-jmh/results/same-mode/summarize.py channels-jmh/results/same-mode
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/channels-jmh/target/benchmarks.jar
ROUNDS=${1:-4}
RUN=(-f 1 -wi 2 -w 500ms -i 4 -r 500ms)
[ -n "${SAME_MODE_RUN:-}" ] && read -r -a RUN <<< "$SAME_MODE_RUN"   # a smoke test: "-f 1 -wi 0 -i 1 -r 100ms"
OUT=${OUT:-$HERE}
IMPLS=(channels4j sq jox)
[ -n "${BEFORE_JAR:-}" ] && IMPLS+=(before)
mkdir -p "$OUT"
cd "$OUT"
rm -rf json logs probes.txt commands.txt
mkdir -p json logs

probe() {   # NAME: one line "NAME r1 r2 r3 mode" (org.channels4j.jmh.LinePingPong, about 1 s)
  echo "$1 $("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")" >> probes.txt
}

for ((round = 1; round <= ROUNDS; round++)); do
  for ((k = 0; k < ${#IMPLS[@]}; k++)); do
    impl=${IMPLS[$(( (k + round - 1) % ${#IMPLS[@]} ))]}
    tag=r$round-$impl
    probe "$tag"
    # four cells a command: the unbuffered handoff (with -prof gc), the round trip and batches
    # with 1 and 4 producers, all on virtual threads and two carriers
    jar=$JAR param=$impl
    [ "$impl" = before ] && jar=$BEFORE_JAR param=channels4j
    cmd=("$JAVA" -jar "$jar" 'BlockingCost.handoffVirtual|PingPong.roundTripVirtual|BatchThroughput'
      -p impl="$param" -p capacity=0 -p policy=block -p threads=virtual -p producers=1,4 -p shape=mpsc
      -prof gc "${RUN[@]}")
    echo "java -jar ${jar#"$ROOT/"} '${cmd[3]}' ${cmd[*]:4}" >> commands.txt
    "${cmd[@]}" -rf json -rff "json/$tag.json" > "logs/$tag.log" 2>&1
    echo "$(date -u +%T) $tag $(tail -1 probes.txt | awk '{print $NF}')"
  done
done
probe end
