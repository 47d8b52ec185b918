#!/usr/bin/env bash
# Before/after, interleaved, one fork per command: run.sh OUT ROUNDS CELLS_FILE
# CELLS_FILE: one "name=<benchmark and params without impl>" per line.
# The jars: BEFORE (default /tmp/bench-93bd866.jar) and AFTER (default /tmp/bench-0cd8ce8.jar).
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OUT=$1; ROUNDS=$2; CELLS_FILE=$3
declare -A JAR=([before]=${BEFORE:-/tmp/bench-93bd866.jar} [after]=${AFTER:-/tmp/bench-0cd8ce8.jar})
mapfile -t CELLS < "$CELLS_FILE"
mkdir -p $OUT/json $OUT/logs
for ((r=1;r<=ROUNDS;r++)); do
  for c in "${CELLS[@]}"; do
    d=${c%%=*}; cell=${c#*=}
    for v in $( ((r%2)) && echo "before after" || echo "after before"); do
      cmd="$J -jar ${JAR[$v]} $cell -p impl=channels4j -f 1 -wi 2 -w 500ms -i 4 -r 500ms"
      echo "$cmd" >> $OUT/commands.txt
      p=$($J -cp ${JAR[$v]} org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
      timeout 120 $cmd -rf json -rff $OUT/json/r$r-$d-$v.json > $OUT/logs/r$r-$d-$v.log 2>&1
      echo "r$r $d $v rc=$? probe [$p]" >> $OUT/probes.txt
    done
  done
done
