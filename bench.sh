#!/usr/bin/env bash
# Runs the channels4j benchmarks (JMH, channels-jmh) and the same workloads on Go channels, then
# writes a Markdown results table and PNG plots.
#
#   ./bench.sh            quick: the headline cells only, 3 forks each, about 11 minutes on 2 cores
#   ./bench.sh --full     every benchmark and combination with the annotations' settings (hours)
#
# The quick run answers the questions the README quotes (virtual-thread batch throughput and
# ping-pong, platform-thread group throughput, the cost of a blocking handoff, a select and a
# buffered send + receive) against the peers a user would pick instead, with 3 forks per cell:
# a fresh JVM can land in another mode, and only several forks show it. The report prints every
# figure with the spread of its fork means and marks it unreliable (⚠) when its 99.9% interval
# is wider than ±25% of its mean or its forks differ by more than 1.3× (channels-jmh/README.md).
# The JSON result files keep JMH's raw per-fork iteration data: the spread is computed from it.
# Before every command a probe (org.channels4j.jmh.LinePingPong, about 1 s) measures how far
# apart the two CPUs are at that moment, near or far: on the 2-vCPU build VM this changes within
# minutes and decides the two-carrier blocking cells; results.md lists it per command.
#
# Options: --out DIR (default channels-jmh/results/quick or .../full), --no-go, --no-build,
#          --report-only (run nothing: rewrite DIR's results.md and plots from its json/, probes.txt,
#          commands.txt and logs, e.g. after a change to the report).
# Environment: JAVA (a JDK 25 java; JMH forks run on the JVM that runs the jar),
#              JMH_EXTRA (more JMH options for every run, e.g. "-jvmArgsAppend -XX:+UseParallelGC"),
#              BENCH_NOTE (a sentence put under the title of results.md, e.g. "noisy machine"),
#              JMH_RUN / GO_RUN (replace the forks/iterations/times, e.g. for a smoke test:
#              JMH_RUN="-f 2 -wi 0 -i 2 -r 100ms" GO_RUN="-wi 0 -i 2 -r 100ms" ./bench.sh).
# Only valid implementation/capacity pairs are run (ArrayBlockingQueue has no capacity 0, ...).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")" && pwd)
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=$ROOT/channels-jmh/target/benchmarks.jar
MODE=quick
GO=yes
BUILD=yes
REPORT_ONLY=no
OUT=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) MODE=quick ;;
    --full) MODE=full ;;
    --no-go) GO=no ;;
    --no-build) BUILD=no ;;
    --report-only) REPORT_ONLY=yes ;;
    --out) OUT=$2; shift ;;
    *) echo "usage: $0 [--quick|--full] [--out DIR] [--no-go] [--no-build] [--report-only]" >&2; exit 2 ;;
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

if [ $REPORT_ONLY = no ]; then
rm -f "$OUT"/json/*.json "$OUT"/*.png "$OUT/commands.txt" "$OUT/jmh.log" "$OUT/probes.txt" "$OUT/duration.txt"

# Capacities each implementation has (see Implementation.java).
declare -A CAPS=(
  [channels4j]="0 1 16 1024 unbounded" [jox]="0 1 16 1024 unbounded"
  [abq]="1 16 1024" [lbq]="1 16 1024 unbounded" [ltq]="0 unbounded" [sq]="0" [sqfair]="0" [jctools]="16 1024")
IMPLS="channels4j jox abq lbq ltq sq sqfair jctools"

if [ $MODE = quick ]; then
  # 3 forks, 2 x 500 ms warm-up, 4 x 500 ms measurement: 12 measured iterations per cell, so
  # JMH's 99.9% half-width is 1.28 standard deviations of an iteration (it was 18 with one fork
  # of 3), and three fresh JVMs show a cell that is bimodal from fork to fork.
  # Cells (impl x capacity x producers or methods; abq has no capacity 0, sq and sqfair only 0;
  # sqfair is SynchronousQueue(true), the FIFO one, whose order a channel's must match: the
  # default SynchronousQueue serves the newest waiter first, channels-jmh/results/fifo-peers):
  #   GroupThroughput 1x1, 4x1    channels4j 4, jox 4, sq 2, abq 2               12
  #   BatchThroughput P=1, 4      channels4j 4, jox 4, sq 2, sqfair 2, abq 2     14
  #   PingPong.roundTripVirtual   channels4j 2, jox 2, sq 1, sqfair 1, abq 1      7
  #   BlockingCost, 2 methods     channels4j, jox, sq, sqfair, ltq               10
  #   SelectCost ready, blockingVirtual, 1 and 4 channels, channels4j, jox        8
  #   SendReceiveCost capacity 16 channels4j, jox, abq                            3
  #   one carrier: handoff and unbuffered batch P=1, channels4j, sq, sqfair, jox  8
  # 62 cells x 3 forks = 186 forks of about 3.5 s, plus 24 JMH host JVMs, 26 probes and Go (11
  # cells of 4.8 s). Timed on 2 idle cores: 11 min 45 s of runs, 12 min 13 s with the build, on a
  # fresh clone (2026-12-06, quick-9e1b9bd); without sqfair (51 cells) 10 min 39 s to 10 min 48 s.
  RUN=(-f 3 -wi 2 -w 500ms -i 4 -r 500ms)
  GROUP_IMPLS="channels4j jox sq abq"
  BATCH_IMPLS="channels4j jox sq sqfair abq"
  PINGPONG_IMPLS="channels4j jox sq sqfair abq"
  WANT_CAPS="0 16"
  PRODUCERS="1 4"
  GROUP_SHAPES="1,1 4,1"
  BATCH_SHAPES="mpsc"
  BATCH_THREADS="virtual"
  LATENCY_CAPS="0 16"
  SELECT=(-p channels=1,4 SelectCost.ready SelectCost.blockingVirtual)
  COST_IMPLS="channels4j jox abq"
  COST_CAPS="16"
  ABLATION_SHAPES=""   # the padding ablation is a --full question
  # Go has no forks: more iterations instead, for an interval as narrow as the JVM cells'.
  GO_TIMING=(-wi 2 -w 400ms -i 8 -r 500ms)
  GO_ARGS=(-producers 1,4 -capacities 0,16 -shapes mpsc -select-channels 1,4)
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
  SELECT=(SelectCost)
  COST_IMPLS="channels4j jox abq lbq ltq jctools"
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

# probe NAME: the machine's mode before a command (org.channels4j.jmh.LinePingPong: a cache-line
# round trip between two threads, three times, and near / far / mixed), appended to probes.txt.
# On the 2-vCPU build VM the mode changes within minutes and decides the two-carrier cells.
probe() {
  local line
  line=$("$JAVA" -cp "$JAR" org.channels4j.jmh.LinePingPong 200000 2>/dev/null || echo "- - - failed")
  echo "$1 $line" >> "$OUT/probes.txt"
  PROBE_MODE=${line##* }
}

# jmh NAME ARGS...: one JMH run, results to $OUT/json/NAME.json, the command to commands.txt.
jmh() {
  local name=$1; shift
  probe "$name"
  # JMH keeps the raw per-fork data (for a sampled latency, a histogram: ~600 KB a cell).
  local cmd=("$JAVA" -jar "$JAR" "$@" "${RUN[@]}" "${EXTRA[@]}" \
    -rf json -rff "$OUT/json/$name.json")
  echo "java -jar channels-jmh/target/benchmarks.jar $* ${RUN[*]} ${EXTRA[*]}" >> "$OUT/commands.txt"
  printf '== %-40s %-6s ' "$name" "$PROBE_MODE"
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
    jmh "batch-$threads-$impl" 'BatchThroughput' -p policy=block -p threads="$threads" -p impl="$impl" -p capacity="$caps" \
      -p producers="$(echo $PRODUCERS | tr ' ' ,)" -p shape="$(echo $BATCH_SHAPES | tr ' ' ,)"
  done
done

# Latency: ping-pong round trips (the quick run: virtual threads only).
for impl in $PINGPONG_IMPLS; do
  caps=$(caps_of "$impl" "$LATENCY_CAPS")
  [ -n "$caps" ] || continue
  if [ $MODE = full ]; then
    methods=PingPong.roundTrip   # Platform and Virtual
    [ "$impl" = jctools ] && methods='PingPong.roundTripPlatform'   # spins: platform threads only
    jmh "pingpong-$impl" "$methods" -p impl="$impl" -p capacity="$caps" -prof gc
  else
    jmh "pingpong-$impl" 'PingPong.roundTripVirtual' -p impl="$impl" -p capacity="$caps"
  fi
done

# One carrier (-Djdk.virtualThreadScheduler.parallelism=1): the regime of a busy program, more
# runnable virtual threads than carriers, where a woken partner waits in the waker's own
# carrier's queue. No cross-core traffic, so no machine mode either. results.md labels these
# rows "carriers=1". (A JMH_EXTRA with its own -jvmArgsAppend would replace this one.)
ONE_CARRIER=(-jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1)
jmh one-carrier-handoff 'BlockingCost.handoffVirtual' -p impl=channels4j,sq,sqfair,jox -prof gc "${ONE_CARRIER[@]}"
jmh one-carrier-batch 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j,sq,sqfair,jox -p capacity=0 \
  -p producers=1 -p shape=mpsc "${ONE_CARRIER[@]}"

# Cost and allocation: a plain blocking handoff, select (channels4j and jox have one) and
# uncontended send + receive.
jmh blocking 'BlockingCost' -prof gc
jmh select "${SELECT[@]}" -prof gc
for impl in $COST_IMPLS; do
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
  probe go
  printf '== %-40s %-6s ' "go" "$PROBE_MODE"
  start=$SECONDS
  "$ROOT/channels-jmh/go/run.sh" "${GO_TIMING[@]}" "${GO_ARGS[@]}" -rf "$OUT/json/go.json" >> "$OUT/go.log" 2>&1
  echo "$((SECONDS - start)) s"
fi

echo "$(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s" > "$OUT/duration.txt"
echo "== report ($(cat "$OUT/duration.txt") of runs)"
probe end   # before the report: it labels each figure with the mode before and after its command
else
  for f in commands.txt jmh.log probes.txt; do
    # git keeps json/, probes.txt and results.md of a committed run, not its logs (.gitignore)
    [ -f "$OUT/$f" ] || { echo "bench.sh --report-only: $OUT/$f is missing; rerun the benchmarks" >&2; exit 2; }
  done
  echo "== report only, from $OUT"
  rm -f "$OUT"/*.png
fi
"$JAVA" -cp "$JAR" org.channels4j.jmh.report.ResultsReport "$OUT" "$OUT"/json/*.json
{
  echo
  echo "## The machine's mode before each command"
  echo
  echo "\`org.channels4j.jmh.LinePingPong\`, run before every command (and once at the end): the mean round"
  echo "trip of one cache line between two platform threads, three times, in ns, and the mode: near"
  echo "(median under 150 ns), far (over 250 ns) or mixed. A blocking figure on two carriers is"
  echo "comparable only with one measured in the same mode (channels-jmh/results/queued-partner)."
  echo
  echo "| before | round trips, ns | mode |"
  echo "|---|---|---|"
  while read -r name a b c mode; do
    echo "| $name | $a / $b / $c | $mode |"
  done < "$OUT/probes.txt"
  echo
  for m in near far mixed; do
    printf '%s: %s. ' "$m" "$(awk -v m=$m '$5 == m' "$OUT/probes.txt" | wc -l)"
  done
  echo
} >> "$OUT/results.md"
if [ -n "${BENCH_NOTE:-}" ]; then
  printf '%s\n\n**%s**\n%s\n' "$(head -1 "$OUT/results.md")" "$BENCH_NOTE" "$(tail -n +2 "$OUT/results.md")" \
    > "$OUT/results.md.tmp" && mv "$OUT/results.md.tmp" "$OUT/results.md"
fi
{
  echo
  echo "## How these were produced"
  echo
  echo "\`./bench.sh$([ $MODE = full ] && echo ' --full')\` on $(nproc) CPUs ($(uname -srm)), $(date -u -r "$OUT/commands.txt" +%Y-%m-%d)$([ -f "$OUT/duration.txt" ] && echo "; the runs took $(cat "$OUT/duration.txt")"):"
  echo
  grep -h '^# VM version' "$OUT/jmh.log" | sort -u | sed 's/^# /- JMH forks: /'
  [ -f "$OUT/go.log" ] && grep -h '^# go' "$OUT/go.log" | sort -u | sed 's/^# /- Go: /'
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
