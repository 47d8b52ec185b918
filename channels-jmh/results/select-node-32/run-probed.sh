#!/bin/bash
# run.sh's commands for rounds FIRST..LAST, each command between two LinePingPong probes of the
# machine's mode (near / far / mixed, as bench.sh reads them), written to probes.txt.
# BEFORE=<jar> AFTER=<jar> BENCH=<benchmarks.jar> bash run-probed.sh FIRST LAST
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p json
for ((r=$1;r<=$2;r++)); do
  for v in before after; do
    jar=$BEFORE; [ $v = after ] && jar=$AFTER
    echo "$(date -u +%TZ) r$r $v" >> times.txt
    echo "r$r $v before $($J -cp $BENCH org.channels4j.jmh.LinePingPong 2>&1 | tail -1)" >> probes.txt
    $J -cp $jar:$BENCH org.openjdk.jmh.Main 'SelectCost.blocking' -p impl=channels4j -p channels=2,4 \
      -f 3 -wi 3 -w 500ms -i 4 -r 500ms -prof gc -rf json -rff json/$v-r$r.json > json/$v-r$r.log 2>&1
    echo "r$r $v after $($J -cp $BENCH org.channels4j.jmh.LinePingPong 2>&1 | tail -1)" >> probes.txt
  done
done
echo "$(date -u +%TZ) end" >> times.txt
