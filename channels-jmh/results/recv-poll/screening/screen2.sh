#!/usr/bin/env bash
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
ROUNDS=$1; shift
for ((r=1;r<=ROUNDS;r++)); do
  for v in "$@"; do
    jar=${v%%:*}; props=${v#*:}
    [ $jar = before ] && JAR=/tmp/before-ac6/channels-jmh/target/benchmarks.jar || JAR=/tmp/exp2/channels-jmh/target/benchmarks.jar
    probe=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null | awk '{print $NF}')
    args=()
    [ "$props" != none ] && args=(-jvmArgsAppend "$props")
    $J -jar $JAR "${BENCH:-BatchThroughput|PingPong.roundTripVirtual}" -p impl=channels4j -p capacity=${CAPS:-1,16} -p policy=block -p threads=virtual -p producers=${PS:-1} -p shape=mpsc -f 1 -wi 2 -w 500ms -i 4 -r 500ms "${args[@]}" -rf json -rff "r$r-${v//[^a-zA-Z0-9=]/_}.json" > /dev/null 2>&1
    echo "r$r $v $probe"
  done
done
