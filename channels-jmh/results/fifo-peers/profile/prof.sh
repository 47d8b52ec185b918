#!/bin/bash
# prof.sh JAR IMPL OUT CELL... : one JMH fork, perf cpu-clock samples of it for 6 s in measurement
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=$1; IMPL=$2; OUT=$3; shift 3
mkdir -p $OUT
p=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
( $J -jar $JAR "$@" -p impl=$IMPL -f 1 -wi 4 -w 1s -i 8 -r 1s -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" > $OUT/jmh.log 2>&1 ) &
bp=$!
sleep 9
fp=$(pgrep -f "jmh.runner.ForkedMain" | tail -1)
perf record -e cpu-clock -F 4999 -p $fp -o $OUT/perf.data -- sleep 5 > /dev/null 2>&1
wait $bp
q=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
echo "$fp [$p] [$q]" > $OUT/info
grep -A3 "^Benchmark" $OUT/jmh.log | tail -2 >> $OUT/info
perf report -i $OUT/perf.data --no-children --sort symbol --stdio 2>/dev/null | grep -v "^#" | grep -v "^$" | head -45 > $OUT/report.txt
cat $OUT/info; head -45 $OUT/report.txt
