#!/usr/bin/env bash
# alternate: plain fork, then a fork with one CPU burner (nice 0) running beside it
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; JAR=/tmp/bench-main.jar; OUT=$1; mkdir -p $OUT/json
for r in 1 2 3; do
  for v in idle burn; do
    p=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    if [ $v = burn ]; then (exec timeout 60 sh -c 'while :; do :; done') & bp=$!; fi
    $J -jar $JAR BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=16 -p producers=1 -p shape=mpsc -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $OUT/json/r$r-$v.json > $OUT/r$r-$v.log 2>&1
    [ $v = burn ] && kill $bp 2>/dev/null; wait 2>/dev/null
    q=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    echo "r$r $v [$p] [$q] $(grep -E '^Iteration' $OUT/r$r-$v.log | awk '{print $3}' | tr '\n' ' ')" | tee -a $OUT/probes.txt
  done
done
