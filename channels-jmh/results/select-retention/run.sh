#!/bin/bash
# SelectCost before (ab9977b's channels-impl) and after (the select retention fix) the fix,
# jars rotated round by round, 3 forks each a round.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
B=/work/main/channels-jmh/target/benchmarks.jar
cd /tmp/s/selfix
for r in 1 2; do
  for v in before after; do
    jar=/tmp/s/base.jar; [ $v = after ] && jar=/tmp/s/fix.jar
    echo "$(date -u +%TZ) r$r $v" >> times.txt
    $J -cp $jar:$B org.openjdk.jmh.Main 'SelectCost.blocking' -p impl=channels4j -p channels=1,4 -f 3 -prof gc \
      -rf json -rff $v-r$r.json > $v-r$r.log 2>&1
  done
done
echo "$(date -u +%TZ) end" >> times.txt
