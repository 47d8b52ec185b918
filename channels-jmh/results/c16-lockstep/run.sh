#!/usr/bin/env bash
# ROUNDS, OUTDIR; variants as "name:jvmargs" in VARIANTS; cell args in CELL
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${JAR:-/tmp/bench-diag.jar}
OUT=$1; ROUNDS=${2:-3}
mkdir -p $OUT/json $OUT/logs
IFS=';' read -r -a VS <<< "$VARIANTS"
for ((r=1;r<=ROUNDS;r++)); do
  for ((k=0;k<${#VS[@]};k++)); do
    v=${VS[$(( (k + r - 1) % ${#VS[@]} ))]}
    name=${v%%:*}; args=${v#*:}
    p=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    extra=()
    [ -n "$args" ] && extra=(-jvmArgsAppend "$args")
    $J -jar $JAR $CELL "${extra[@]}" -f 1 -wi 2 -w 500ms -i 4 -r 500ms -prof gc -rf json -rff $OUT/json/r$r-$name.json > $OUT/logs/r$r-$name.log 2>&1
    q=$($J -cp $JAR org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    echo "r$r $name [$p] [$q] $(grep -E '^Iteration' $OUT/logs/r$r-$name.log | awk '{print $3}' | tr '\n' ' ')"
  done
done
