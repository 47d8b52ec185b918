#!/bin/bash
# PingPong.roundTripPlatform at capacity 0 in JMH's SampleTime mode (its annotation) and in
# AverageTime (-bm avgt), with CpuTimeProfiler, channels4j and the non-fair SynchronousQueue,
# one fork a command, ROUNDS rounds alternating the order.
# BENCH=<benchmarks.jar> bash run.sh ROUNDS
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p json logs
for ((r=1;r<=$1;r++)); do
  for impl in channels4j sq; do
    modes="sample avgt"; [ $((r % 2)) = 0 ] && modes="avgt sample"
    for bm in $modes; do
      echo "$(date -u +%TZ) r$r $impl $bm" >> times.txt
      $J -jar $BENCH 'PingPong.roundTripPlatform' -bm $bm -p capacity=0 -p impl=$impl -f 1 -wi 3 -w 1s -i 4 -r 1s \
        -prof org.channels4j.jmh.CpuTimeProfiler -rf json -rff json/$impl-$bm-r$r.json > logs/$impl-$bm-r$r.log 2>&1
    done
  done
done
echo "$(date -u +%TZ) end" >> times.txt
