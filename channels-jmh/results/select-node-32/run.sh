#!/bin/bash
# SelectCost.blocking* before (main's channels-impl) and after (select-node-32.diff applied), scratch
# jars of channels-impl (built as ../mode-windows/ablations/ab-jars.sh's header says) put before
# benchmarks.jar, rotated round by round, 3 forks a command.
# BEFORE=<jar> AFTER=<jar> BENCH=<benchmarks.jar> bash run.sh ROUNDS   (writes json/, times.txt)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p json
for ((r=1;r<=$1;r++)); do
  for v in before after; do
    jar=$BEFORE; [ $v = after ] && jar=$AFTER
    echo "$(date -u +%TZ) r$r $v" >> times.txt
    $J -cp $jar:$BENCH org.openjdk.jmh.Main 'SelectCost.blocking' -p impl=channels4j -p channels=2,4 \
      -f 3 -wi 3 -w 500ms -i 4 -r 500ms -prof gc -rf json -rff json/$v-r$r.json > json/$v-r$r.log 2>&1
  done
done
echo "$(date -u +%TZ) end" >> times.txt
