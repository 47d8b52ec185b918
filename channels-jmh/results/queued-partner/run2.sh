#!/bin/bash
# Second sitting on two carriers, interleaved (before, after, peers, after, before), with a
# cache-line round-trip probe between runs: the first sitting's two-carrier peers ran in another
# machine mode than its before/after runs.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
RUN="-f 3 -wi 2 -w 500ms -i 4 -r 500ms"
cd /tmp/qp
# /tmp/qp/LinePingPong.java was org.channels4j.jmh.LinePingPong with 2,000,000 round trips; today: java -cp benchmarks.jar org.channels4j.jmh.LinePingPong 2000000
probe() { echo "probe $(date +%T) $($J /tmp/qp/LinePingPong.java | tr '\n' ' ')" >> probes.txt; }
n=0
for build in before after peers after before; do
  n=$((n+1)); jar=$build.jar; tag=two2-$n-$build
  [ $build = peers ] && jar=after.jar
  probe
  run() { echo "java -jar $jar $* $RUN" >> commands.txt; $J -jar $jar "$@" $RUN -rf json -rff json/$tag-$1.json >> logs/$tag.log 2>&1; }
  if [ $build = peers ]; then
    run BlockingCost.handoffVirtual -prof gc -p impl=sq,jox
    run PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0
    run BatchThroughput -p policy=block -p threads=virtual -p impl=sq,jox -p capacity=0 -p producers=1,4 -p shape=mpsc
  else
    run BlockingCost.handoffVirtual -prof gc -p impl=channels4j
    run PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16
    run BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc
  fi
  echo "$tag done $(date +%T)"
done
probe
