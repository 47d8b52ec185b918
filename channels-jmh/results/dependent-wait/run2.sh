#!/usr/bin/env bash
# before/after, interleaved, one fork per command
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OUT=$1; ROUNDS=$2
declare -A JAR=([before]=/tmp/bench-93bd866.jar [after]=/tmp/bench-0cd8ce8.jar)
CELLS=(
 "confp4p=BatchThroughput -p policy=conflated -p threads=platform -p capacity=1 -p producers=4 -p shape=mpmc"
 "dropp4p=BatchThroughput -p policy=drop_oldest -p threads=platform -p capacity=16 -p producers=4 -p shape=mpmc"
)
OLD=(
 "c16p4v=BatchThroughput -p policy=block -p threads=virtual -p capacity=16 -p producers=4 -p shape=mpmc"
 "c1p1v=BatchThroughput -p policy=block -p threads=virtual -p capacity=1 -p producers=1 -p shape=mpsc"
 "unbp4v=BatchThroughput -p policy=block -p threads=virtual -p capacity=unbounded -p producers=4 -p shape=mpsc"
 "c16p4p=BatchThroughput -p policy=block -p threads=platform -p capacity=16 -p producers=4 -p shape=mpmc"
 "confp4p=BatchThroughput -p policy=conflated -p threads=platform -p capacity=16 -p producers=4 -p shape=mpmc"
)
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
