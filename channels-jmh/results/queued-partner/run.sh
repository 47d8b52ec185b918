#!/bin/bash
# Before (0eb241a) / after (queued-partner) on two regimes: the default scheduler (2 carriers) and one carrier.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
RUN="-f 3 -wi 2 -w 500ms -i 4 -r 500ms"
cd /tmp/qp
for regime in two one; do
  if [ $regime = one ]; then XA=(-jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1); else XA=(); fi
  for build in before after peers; do
    jar=$build.jar; impl="-p impl=channels4j"; caps0="0"; capsb="0,16"; caps16="0,16"
    if [ $build = peers ]; then jar=after.jar; fi
    run() { echo "java -jar $jar $* $RUN ${XA[*]}" >> commands.txt; $J -jar $jar "$@" $RUN "${XA[@]}" -rf json -rff json/$regime-$build-$1.json >> logs/$regime-$build.log 2>&1; }
    if [ $build = peers ]; then
      run BlockingCost.handoffVirtual -prof gc -p impl=sq,jox
      run PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0
      run BatchThroughput -p policy=block -p threads=virtual -p impl=sq,jox -p capacity=0 -p producers=1,4 -p shape=mpsc
    else
      run BlockingCost.handoffVirtual -prof gc -p impl=channels4j
      run PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16
      run BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc
    fi
    echo "$regime $build done $(date +%T)"
  done
done
