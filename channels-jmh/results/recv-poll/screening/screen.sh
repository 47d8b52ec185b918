#!/usr/bin/env bash
# screen.sh JAR ROUNDS VARIANT_PROPS... : variants are -D strings ("none" for none)
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$1; ROUNDS=$2; shift 2
for ((r=1;r<=ROUNDS;r++)); do
  for v in "$@"; do
    probe=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null | awk '{print $NF}')
    args=()
    [ "$v" != none ] && args=(-jvmArgsAppend "$v")
    $J -jar $JAR "${BENCH:-BatchThroughput|PingPong.roundTripVirtual}" -p impl=channels4j -p capacity=${CAPS:-1,16} -p policy=block -p threads=virtual -p producers=${PS:-1,4} -p shape=mpsc -f 1 -wi 2 -w 500ms -i 4 -r 500ms "${args[@]}" -rf json -rff "r$r-${v//[^a-zA-Z0-9=]/_}.json" > /dev/null 2>&1
    echo "r$r $v $probe"
  done
done
