#!/usr/bin/env bash
# OUT ROUNDS; VARIANTS "name|jar|impl[|jvmArgs];..." ; CELL (benchmarks and params without impl);
# JVMA optional jvmArgsAppend for every variant that gives none of its own (the fourth field)
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OUT=$1; ROUNDS=${2:-3}
mkdir -p $OUT/json $OUT/logs
IFS=';' read -r -a VS <<< "$VARIANTS"
for ((r=1;r<=ROUNDS;r++)); do
  for ((k=0;k<${#VS[@]};k++)); do
    IFS='|' read -r name jar impl va <<< "${VS[$(( (k + r - 1) % ${#VS[@]} ))]}"
    p=$($J -cp $jar org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    va=${va:-${JVMA:-}}
    extra=(); [ -n "$va" ] && extra=(-jvmArgsAppend "$va")
    echo "java -jar $jar $CELL -p impl=$impl ${extra[*]} -f 1 -wi 2 -w 500ms -i 4 -r 500ms -prof gc" >> $OUT/commands.txt
    $J -jar $jar $CELL -p impl=$impl "${extra[@]}" -f 1 -wi 2 -w 500ms -i 4 -r 500ms -prof gc -rf json -rff $OUT/json/r$r-$name.json > $OUT/logs/r$r-$name.log 2>&1
    q=$($J -cp $jar org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
    echo "r$r $name [$p] [$q]" | tee -a $OUT/probes.txt
  done
done
