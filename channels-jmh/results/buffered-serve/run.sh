#!/usr/bin/env bash
# Buffered channels served by the completer (BufferChannel), before and after, with the peers:
# one fork per command, the implementations interleaved and rotated round by round, the
# machine's mode probed before every command (as same-mode/run.sh does).
#
#   BEFORE_JAR=/path/to/older/benchmarks.jar OUT=dir channels-jmh/results/buffered-serve/run.sh [ROUNDS]
#
# Two carriers: BatchThroughput at capacities 1 and 16 with 1, 4 and 8 producers (mpsc) on
# virtual threads, the capacity-1 and -16 round trip, and the uncontended send + receive (the
# fast path). One carrier (-Djdk.virtualThreadScheduler.parallelism=1): the batches with one
# producer. About 45 s a command; 4 implementations x 3 rounds, about 10 minutes.
#
# PARTS="c2 c1 pl ub" adds (recv-poll/, about 11 minutes in all):
#   pl   platform threads: GroupThroughput 1 x 1 at capacity 16
#   ub   unbounded: BatchThroughput with 1 and 4 producers (not abq, which has no unbounded form)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/channels-jmh/target/benchmarks.jar
ROUNDS=${1:-3}
RUN=(-f 1 -wi 2 -w 500ms -i 4 -r 500ms)
OUT=${OUT:-$HERE}
IMPLS=(channels4j before jox abq)
mkdir -p "$OUT"
cd "$OUT"
rm -rf json logs probes.txt commands.txt
mkdir -p json logs
probe() {
  echo "$1 $("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")" >> probes.txt
}
for ((round = 1; round <= ROUNDS; round++)); do
  for ((k = 0; k < ${#IMPLS[@]}; k++)); do
    impl=${IMPLS[$(( (k + round - 1) % ${#IMPLS[@]} ))]}
    jar=$JAR param=$impl
    [ "$impl" = before ] && jar=$BEFORE_JAR param=channels4j
    for part in ${PARTS:-c2 c1}; do
      case $part in
        c2) cmd=("$JAVA" -jar "$jar" 'BatchThroughput|PingPong.roundTripVirtual|SendReceiveCost'
              -p impl="$param" -p capacity=1,16 -p policy=block -p threads=virtual -p producers=1,4,8 -p shape=mpsc "${RUN[@]}") ;;
        c1) cmd=("$JAVA" -jar "$jar" 'BatchThroughput'
              -p impl="$param" -p capacity=1,16 -p policy=block -p threads=virtual -p producers=1 -p shape=mpsc "${RUN[@]}"
              -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1) ;;
        pl) cmd=("$JAVA" -jar "$jar" 'GroupThroughput' -tg 1,1
              -p impl="$param" -p capacity=16 -p producers=1 -p consumers=1 "${RUN[@]}") ;;
        ub) [ "$impl" = abq ] && continue
            cmd=("$JAVA" -jar "$jar" 'BatchThroughput'
              -p impl="$param" -p capacity=unbounded -p policy=block -p threads=virtual -p producers=1,4 -p shape=mpsc "${RUN[@]}") ;;
        *) echo "unknown part $part" >&2; exit 2 ;;
      esac
      tag=r$round-$impl-$part
      probe "$tag"
      echo "java -jar ${jar#"$ROOT/"} '${cmd[3]}' ${cmd[*]:4}" >> commands.txt
      "${cmd[@]}" -rf json -rff "json/$tag.json" > "logs/$tag.log" 2>&1
      echo "$(date -u +%T) $tag $(tail -1 probes.txt | awk '{print $NF}')"
    done
  done
done
probe end
