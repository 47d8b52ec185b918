#!/usr/bin/env bash
# VARIANTS="name|jvmflags;..." CELLS="workload impl cap;..." OUT=file bash ab.sh ROUNDS
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
IFS=';' read -ra V <<< "$VARIANTS"; IFS=';' read -ra C <<< "$CELLS"
CP=${CP:?set CP=<the scratch channels-impl jar>:<benchmarks.jar>}
for ((r=1;r<=$1;r++)); do
  for c in "${C[@]}"; do
    n=${#V[@]}
    for ((k=0;k<n;k++)); do
      v=${V[$(( (k + r - 1) % n ))]}; name=${v%%|*}; flags=${v#*|}
      $J $flags -cp "$CP" org.channels4j.jmh.ModeWindows $c ${W:-20} ${M:-200} | sed "s/^/r$r $name /" >> "$OUT"
    done
  done
done
