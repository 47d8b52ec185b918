#!/bin/bash
# fork-by-fork: probe, run one JMH fork with counters, sample carrier CPU
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$1; OUT=$2; N=${3:-4}; CELL=${4:-"PingPong.roundTripVirtual -p capacity=0"}; IMPL=${5:-channels4j}
mkdir -p $OUT
for ((r=1;r<=N;r++)); do
  p=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
  ( $J -jar $JAR $CELL -p impl=$IMPL -f 1 -wi 5 -w 1s -i 5 -r 1s -prof gc > $OUT/r$r.log 2>&1 ) &
  bp=$!
  sleep 8
  # the forked JVM: the newest java process whose command line has ForkedMain
  fp=$(pgrep -f "jmh.runner.ForkedMain" | while read x; do [ "$(cat /proc/$x/comm)" = java ] && echo $x; done | tail -1)
  if [ -n "$fp" ]; then
    for s in 1 2; do
      for t in /proc/$fp/task/*; do c=$(cat $t/comm); case "$c" in ForkJoinPool*) echo "s$s $c $(awk '{print $14+$15}' $t/stat) $(grep voluntary_ctxt_switches $t/status | head -1 | awk '{print $2}')";; esac; done
      [ $s = 1 ] && sleep 4
    done > $OUT/r$r.census
  fi
  wait $bp
  q=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
  echo "r$r [$p] [$q] $(grep -E '^PingPong|^BatchThroughput|^BlockingCost' $OUT/r$r.log | grep -v gc | awk '{print $(NF-3), $(NF-2), $(NF-1), $NF}' | head -1) $(grep 'gc.alloc.rate.norm' $OUT/r$r.log | awk '{print $(NF-3)}') $(grep E1 $OUT/r$r.log)"
done
