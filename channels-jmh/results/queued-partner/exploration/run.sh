#!/bin/bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=/tmp/exp/channels-jmh/target/benchmarks.jar
RUN="-f 3 -wi 2 -w 500ms -i 4 -r 500ms"
for m in "$@"; do
  A="--add-opens=java.base/java.util.concurrent=ALL-UNNAMED -Dc4j.exp=$m $XA"
  $J -jar $JAR 'BlockingCost.handoffVirtual' -p impl=channels4j $RUN -jvmArgsAppend "$A" -rf json -rff /tmp/expres/h$TAG$m.json > /tmp/expres/h$TAG$m.log 2>&1
  $J -jar $JAR 'PingPong.roundTripVirtual' -p impl=channels4j -p capacity=0,16 $RUN -jvmArgsAppend "$A" -rf json -rff /tmp/expres/p$TAG$m.json > /tmp/expres/p$TAG$m.log 2>&1
  $J -jar $JAR 'BatchThroughput' -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0 -p producers=1,4 -p shape=mpsc $RUN -jvmArgsAppend "$A" -rf json -rff /tmp/expres/b$TAG$m.json > /tmp/expres/b$TAG$m.log 2>&1
  echo "mode $m done $(date +%T)"
done
