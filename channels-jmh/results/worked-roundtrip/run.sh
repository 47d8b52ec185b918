#!/bin/bash
# WorkedRoundTrip: the capacity-0 round trip with work on the echo side or the caller's, platform
# and virtual threads, channels4j and the peers rotated fork by fork: ROUNDS rounds, each one
# fork of every implementation (the order rotated round by round), then the work alone.
# A LinePingPong probe (the machine's mode, near or far) before every command, in probes.txt.
# BENCH=<benchmarks.jar> [IMPLS="channels4j sq"] [WORK=0,4096] [SIDES=echo] bash run.sh ROUNDS
#   (run in this directory; writes json/, logs/, probes.txt, times.txt)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
BENCH=${BENCH:-../../target/benchmarks.jar}
IMPLS=(${IMPLS:-channels4j sq jox ltq})
WORK=${WORK:-0,64,512,4096,32768}
SIDES=${SIDES:-echo,caller}
IT=(-wi 3 -w 500ms -i 4 -r 500ms -p capacity=0 -p work=$WORK)
mkdir -p json logs
probe() {
  echo "$1 $($J -cp $BENCH org.channels4j.jmh.LinePingPong 200000 2>/dev/null | tail -1)" >> probes.txt
}
for ((r=1;r<=$1;r++)); do
  n=${#IMPLS[@]}
  for ((k=0;k<n;k++)); do
    impl=${IMPLS[$(( (k + r - 1) % n ))]}
    echo "$(date -u +%TZ) r$r $impl platform" >> times.txt
    probe "platform-$impl-r$r"
    $J -jar $BENCH 'WorkedRoundTrip.roundTripPlatform' -p impl=$impl -p side=$SIDES -f 1 "${IT[@]}" \
      -prof org.channels4j.jmh.CpuTimeProfiler -rf json -rff json/platform-$impl-r$r.json > logs/platform-$impl-r$r.log 2>&1
    echo "$(date -u +%TZ) r$r $impl virtual" >> times.txt
    probe "virtual-$impl-r$r"
    $J -jar $BENCH 'WorkedRoundTrip.roundTripVirtual' -p impl=$impl -p side=$SIDES -f 1 "${IT[@]}" \
      -prof org.channels4j.jmh.CpuTimeProfiler -rf json -rff json/virtual-$impl-r$r.json > logs/virtual-$impl-r$r.log 2>&1
  done
  echo "$(date -u +%TZ) r$r work alone" >> times.txt
  $J -jar $BENCH 'WorkedRoundTrip.workAlone' -p impl=channels4j -p side=echo -f 1 "${IT[@]}" \
    -rf json -rff json/workalone-none-r$r.json > logs/workalone-r$r.log 2>&1
done
probe end
echo "$(date -u +%TZ) end" >> times.txt
