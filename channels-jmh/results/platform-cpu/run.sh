#!/bin/bash
# Platform-thread capacity-0 cells with CPU time per operation (CpuTimeProfiler) and -prof gc,
# channels4j and the peers rotated fork by fork: ROUNDS rounds, each one fork of every cell
# for every implementation, the implementation order rotated round by round.
# BENCH=<benchmarks.jar> bash run.sh ROUNDS   (writes json/, logs/, times.txt, commands.txt is commands.sh)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
BENCH=${BENCH:-channels-jmh/target/benchmarks.jar}
IMPLS=(channels4j sq jox ltq)
IT=(-wi 3 -w 1s -i 4 -r 1s -prof org.channels4j.jmh.CpuTimeProfiler -prof gc)
mkdir -p json logs
for ((r=1;r<=$1;r++)); do
  n=${#IMPLS[@]}
  for ((k=0;k<n;k++)); do
    impl=${IMPLS[$(( (k + r - 1) % n ))]}
    echo "$(date -u +%TZ) r$r $impl" >> times.txt
    $J -jar $BENCH 'GroupThroughput' -tg 1,1 -p producers=1 -p consumers=1 -p capacity=0 -p impl=$impl -f 1 "${IT[@]}" \
      -rf json -rff json/group1x1-$impl-r$r.json > logs/group1x1-$impl-r$r.log 2>&1
    $J -jar $BENCH 'GroupThroughput' -tg 4,1 -p producers=4 -p consumers=1 -p capacity=0 -p impl=$impl -f 1 "${IT[@]}" \
      -rf json -rff json/group4x1-$impl-r$r.json > logs/group4x1-$impl-r$r.log 2>&1
    $J -jar $BENCH 'PingPong.roundTripPlatform' -p capacity=0 -p impl=$impl -f 1 "${IT[@]}" \
      -rf json -rff json/rtp-$impl-r$r.json > logs/rtp-$impl-r$r.log 2>&1
    $J -jar $BENCH 'BlockingCost.handoffPlatform' -p impl=$impl -f 1 "${IT[@]}" \
      -rf json -rff json/handoff-$impl-r$r.json > logs/handoff-$impl-r$r.log 2>&1
  done
done
echo "$(date -u +%TZ) end" >> times.txt
