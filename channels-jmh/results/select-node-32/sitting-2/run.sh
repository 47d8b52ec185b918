#!/bin/bash
# The second sitting: SelectCost.blocking* at k = 2, 4 and 8, before and after, which variant goes
# first alternating round by round, each command between two LinePingPong mode probes (probes.txt).
# BEFORE=<jar> AFTER=<jar> BENCH=<benchmarks.jar> bash run.sh ROUNDS   (writes json/, times.txt)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p json
for ((r=1;r<=$1;r++)); do
  order="before after"; [ $((r % 2)) = 0 ] && order="after before"
  for v in $order; do
    jar=$BEFORE; [ $v = after ] && jar=$AFTER
    echo "$(date -u +%TZ) r$r $v" >> times.txt
    echo "r$r $v before $($J -cp $BENCH org.channels4j.jmh.LinePingPong 2>&1 | tail -1)" >> probes.txt
    $J -cp $jar:$BENCH org.openjdk.jmh.Main 'SelectCost.blocking' -p impl=channels4j -p channels=2,4,8 \
      -f 3 -wi 3 -w 500ms -i 4 -r 500ms -prof gc -rf json -rff json/$v-r$r.json > json/$v-r$r.log 2>&1
    echo "r$r $v after $($J -cp $BENCH org.channels4j.jmh.LinePingPong 2>&1 | tail -1)" >> probes.txt
  done
done
echo "$(date -u +%TZ) end" >> times.txt
