#!/usr/bin/env bash
# OUT ROUNDS; VARIANTS "name|jar|impl[|jvmArgs];..." ; CELL (benchmarks and params without impl);
# JVMA optional jvmArgsAppend for every variant that gives none of its own (the fourth field).
# ITER optional JMH warm-up and measurement options (default -wi 2 -w 500ms -i 4 -r 500ms).
# Several cells in one call: CELLS "dir=cell;dir=cell" instead of CELL, each written to OUT/dir.
set -u
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OUT=$1; ROUNDS=${2:-3}
read -r -a IT <<< "${ITER:--wi 2 -w 500ms -i 4 -r 500ms}"
IFS=';' read -r -a VS <<< "$VARIANTS"

run_cell() { # dir cell
  local out=$1 cell=$2 r k name jar impl va p q extra
  mkdir -p $out/json $out/logs
  for ((r=1;r<=ROUNDS;r++)); do
    for ((k=0;k<${#VS[@]};k++)); do
      IFS='|' read -r name jar impl va <<< "${VS[$(( (k + r - 1) % ${#VS[@]} ))]}"
      p=$($J -cp $jar org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
      va=${va:-${JVMA:-}}
      extra=(); [ -n "$va" ] && extra=(-jvmArgsAppend "$va")
      echo "java -jar $jar $cell -p impl=$impl ${extra[*]} -f 1 ${IT[*]} -prof gc" >> $out/commands.txt
      $J -jar $jar $cell -p impl=$impl "${extra[@]}" -f 1 "${IT[@]}" -prof gc -rf json -rff $out/json/r$r-$name.json > $out/logs/r$r-$name.log 2>&1
      q=$($J -cp $jar org.channels4j.jmh.LinePingPong 200000 2>/dev/null)
      echo "r$r $name [$p] [$q]" | tee -a $out/probes.txt
    done
  done
}

if [ -n "${CELLS:-}" ]; then
  IFS=';' read -r -a CS <<< "$CELLS"
  for c in "${CS[@]}"; do
    run_cell "$OUT/${c%%=*}" "${c#*=}"
  done
else
  run_cell "$OUT" "$CELL"
fi
