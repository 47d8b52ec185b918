#!/usr/bin/env bash
# Runs the channels4j benchmarks (JMH, channels-jmh) and the same workloads on Go channels, then
# writes a Markdown results table and PNG plots.
#
#   ./bench.sh            quick, representative subset, under 10 minutes on 2 cores
#   ./bench.sh --full     every benchmark and combination with the annotations' settings (hours)
#
# Options: --out DIR (default channels-jmh/results/quick or .../full), --no-go, --no-build.
# Environment: JAVA (a JDK 25 java; JMH forks run on the JVM that runs the jar),
#              JMH_EXTRA (more JMH options for every run, e.g. "-jvmArgsAppend -XX:+UseParallelGC"),
#              BENCH_NOTE (a sentence put under the title of results.md, e.g. "noisy machine"),
#              JMH_RUN / GO_RUN (replace the forks/iterations/times, e.g. for a smoke test:
#              JMH_RUN="-f 1 -wi 0 -i 1 -r 100ms" GO_RUN="-wi 0 -i 1 -r 100ms" ./bench.sh).
# Only valid implementation/capacity pairs are run (ArrayBlockingQueue has no capacity 0, ...).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")" && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/channels-jmh/target/benchmarks.jar
MODE=quick
GO=yes
BUILD=yes
OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --no-go) GO=no ;;
    --no-build) BUILD=no ;;
    --out) OUT=$2; shift ;;
    *) echo "usage: $0 [--quick|--full] [--out DIR] [--no-go] [--no-build]" >&2; exit 2 ;;
  esac
  shift
done
OUT=${OUT:-$ROOT/channels-jmh/results/$MODE}
mkdir -p "$OUT/json"
OUT=$(cd "$OUT" && pwd)

if ! "$JAVA" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  echo "bench.sh: $JAVA is not JDK 25 or later; set JAVA=/path/to/jdk-25/bin/java" >&2
  exit 1
fi

if [ $BUILD = yes ]; then
  echo "== building channels-jmh/target/benchmarks.jar"
  (cd "$ROOT" && mvn -B -q -pl channels-jmh -am package -DskipTests -Djcstress.skip=true -Dmaven.javadoc.skip=true)
fi

rm -f "$OUT"/json/*.json "$OUT"/*.png "$OUT/commands.txt" "$OUT/jmh.log"

# Capacities each implementation has (see Implementation.java).
declare -A CAPS=(
  [channels4j]="0 1 16 1024 unbounded" [jox]="0 1 16 1024 unbounded"
  [abq]="1 16 1024" [lbq]="1 16 1024 unbounded" [ltq]="0 unbounded" [sq]="0" [jctools]="16 1024")
IMPLS="channels4j jox abq lbq ltq sq jctools"

if [ $MODE = quick ]; then
  # One fork, 2 x 400 ms warm-up, 3 x 800 ms measurement: enough for C2 to compile the hot
  # loops, not for tight errors. About 75 forks of ~6 s each, plus the build and Go.
  RUN=(-f 1 -wi 2 -w 400ms -i 3 -r 800ms)
  GROUP_IMPLS="channels4j jox abq lbq sq jctools"
  BATCH_IMPLS="channels4j jox abq lbq sq"
  PINGPONG_IMPLS="channels4j jox abq sq"
  WANT_CAPS="0 16"
  PRODUCERS="1 2 4"
  GROUP_SHAPES="1,1 2,1 4,1"
  BATCH_SHAPES="mpsc"
  BATCH_THREADS="virtual"
  LATENCY_CAPS="0 16"
  COST_CAPS="16"
  ABLATION_SHAPES="2,1 4,1"
  GO_TIMING=(-wi 2 -w 400ms -i 3 -r 800ms)
  GO_ARGS=(-producers 1,2,4 -capacities 0,16 -shapes mpsc)
else
  RUN=()   # the annotations: 2 forks, 5 x 1 s warm-up, 5 x 2 s measurement
  GROUP_IMPLS=$IMPLS
  BATCH_IMPLS=$IMPLS
  PINGPONG_IMPLS=$IMPLS
  WANT_CAPS="0 1 16 1024 unbounded"
  PRODUCERS="1 2 4 8"
  GROUP_SHAPES="1,1 2,1 4,1 8,1 2,2 4,4 8,8"
  BATCH_SHAPES="mpsc mpmc"
  BATCH_THREADS="virtual platform"
  LATENCY_CAPS="0 1 16 1024 unbounded"
  COST_CAPS="1 16 1024 unbounded"
  ABLATION_SHAPES="2,1 4,1 2,2 4,4"
  GO_TIMING=(-wi 5 -w 1s -i 5 -r 2s)
  GO_ARGS=(-producers 1,2,4,8 -capacities 0,1,16,1024 -shapes mpsc,mpmc)
fi
read -r -a EXTRA <<< "${JMH_EXTRA:-}"
[ -n "${JMH_RUN:-}" ] && read -r -a RUN <<< "$JMH_RUN"
[ -n "${GO_RUN:-}" ] && read -r -a GO_TIMING <<< "$GO_RUN"

# The capacities of $1 among $2, comma-separated; empty if none.
caps_of() {
  local impl=$1 want=$2 c r=()
  for c in ${CAPS[$impl]}; do
    case " $want " in *" $c "*) r+=("$c") ;; esac
  done
  (IFS=,; echo "${r[*]}")
}

# jmh NAME ARGS...: one JMH run, results to $OUT/json/NAME.json, the command to commands.txt.
jmh() {
  local name=$1; shift
  # rawData=false: keep the result files small (a sampled latency's histogram alone is ~600 KB).
  local cmd=("$JAVA" -Djmh.json.rawData=false -jar "$JAR" "$@" "${RUN[@]}" "${EXTRA[@]}" \
    -rf json -rff "$OUT/json/$name.json")
  echo "java -jar channels-jmh/target/benchmarks.jar $* ${RUN[*]} ${EXTRA[*]}" >> "$OUT/commands.txt"
  printf '== %-40s ' "$name"
  local start=$SECONDS
  "${cmd[@]}" >> "$OUT/jmh.log" 2>&1
  echo "$((SECONDS - start)) s"
}

START=$SECONDS

# Throughput, platform threads, JMH thread group: -tg P,C (recorded as -p producers/consumers).
for tg in $GROUP_SHAPES; do
  p=${tg%,*}; c=${tg#*,}
  for impl in $GROUP_IMPLS; do
    caps=$(caps_of "$impl" "$(echo "$WANT_CAPS" | sed 's/unbounded//')")
    [ -n "$caps" ] || continue
    jmh "group-$impl-${p}x$c" 'GroupThroughput' -tg "$tg" -p producers="$p" -p consumers="$c" -p impl="$impl" -p capacity="$caps"
  done
done

# Throughput, batches on virtual (and, in --full, pooled platform) threads.
for threads in $BATCH_THREADS; do
  for impl in $BATCH_IMPLS; do
    [ "$impl:$threads" = jctools:virtual ] && continue   # spins: platform threads only
    caps=$(caps_of "$impl" "$WANT_CAPS")
    [ -n "$caps" ] || continue
    jmh "batch-$threads-$impl" 'BatchThroughput' -p threads="$threads" -p impl="$impl" -p capacity="$caps" \
      -p producers="$(echo $PRODUCERS | tr ' ' ,)" -p shape="$(echo $BATCH_SHAPES | tr ' ' ,)"
  done
done

# Latency: ping-pong round trips (the quick run samples platform threads at capacity 0 only).
for impl in $PINGPONG_IMPLS; do
  caps=$(caps_of "$impl" "$LATENCY_CAPS")
  [ -n "$caps" ] || continue
  if [ $MODE = full ]; then
    methods='PingPong.roundTrip(Platform|Virtual)'
    [ "$impl" = jctools ] && methods='PingPong.roundTripPlatform'   # spins: platform threads only
    jmh "pingpong-$impl" "$methods" -p impl="$impl" -p capacity="$caps" -prof gc
  else
    jmh "pingpong-$impl" 'PingPong.roundTripVirtual' -p impl="$impl" -p capacity="$caps"
  fi
done
[ $MODE = quick ] && jmh pingpong-platform 'PingPong.roundTripPlatform' -p impl=channels4j,jox,sq -p capacity=0

# Cost and allocation: select (channels4j and jox have one) and uncontended send + receive.
jmh select 'SelectCost' -prof gc
for impl in channels4j jox abq lbq ltq jctools; do
  caps=$(caps_of "$impl" "$COST_CAPS")
  [ -n "$caps" ] || continue
  jmh "sendreceive-$impl" 'SendReceiveCost' -p impl="$impl" -p capacity="$caps" -prof gc
done

# Padding ablation: the ring with and without padded indices.
for tg in $ABLATION_SHAPES; do
  p=${tg%,*}; c=${tg#*,}
  jmh "padding-${p}x$c" 'PaddingAblation' -tg "$tg" -p producers="$p" -p consumers="$c"
done

if [ $GO = yes ]; then
  printf '== %-40s ' "go"
  start=$SECONDS
  "$ROOT/channels-jmh/go/run.sh" "${GO_TIMING[@]}" "${GO_ARGS[@]}" -rf "$OUT/json/go.json" >> "$OUT/go.log" 2>&1
  echo "$((SECONDS - start)) s"
fi

echo "== report ($(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s of runs)"
"$JAVA" -cp "$JAR" org.channels4j.jmh.report.ResultsReport "$OUT" "$OUT"/json/*.json
if [ -n "${BENCH_NOTE:-}" ]; then
  printf '%s\n\n**%s**\n%s\n' "$(head -1 "$OUT/results.md")" "$BENCH_NOTE" "$(tail -n +2 "$OUT/results.md")" \
    > "$OUT/results.md.tmp" && mv "$OUT/results.md.tmp" "$OUT/results.md"
fi
{
  echo
  echo "## How these were produced"
  echo
  echo "\`./bench.sh$([ $MODE = full ] && echo ' --full')\` on $(nproc) CPUs ($(uname -srm)), $(date -u +%Y-%m-%d):"
  echo
  grep -h '^# VM version' "$OUT/jmh.log" | sort -u | sed 's/^# /- JMH forks: /'
  [ -f "$OUT/go.log" ] && grep -h '^# go' "$OUT/go.log" | sed 's/^# /- Go: /'
  echo
  echo '```'
  cat "$OUT/commands.txt"
  echo '```'
} >> "$OUT/results.md"

if grep -q '<failure>' "$OUT/jmh.log"; then
  echo "bench.sh: some benchmarks failed; see $OUT/jmh.log" >&2
  exit 1
fi
echo "== wrote $OUT/results.md and $(ls "$OUT"/*.png 2>/dev/null | wc -l) PNG figures"
