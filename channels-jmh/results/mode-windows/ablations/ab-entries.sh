#!/usr/bin/env bash
# Like ab-jars.sh, but each entry names its own class path and implementation, so that scratch
# builds of channels-impl and the reference structures (MinimalTwoQueue, MinimalDual, compiled
# to a directory) rotate JVM by JVM in one run. Writes the windows to OUT and each command to
# OUT.commands; summarise with sum.py.
# JAR=<benchmarks.jar> ENTRIES="name|<class path before benchmarks.jar>|<impl> ..." \
#   [WORKLOADS="handoff roundtrip batch:1:mpsc"] [W=20] [M=200] OUT=file bash ab-entries.sh ROUNDS
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${JAR:?set JAR}; read -ra E <<< "${ENTRIES:?}"; read -ra WL <<< "${WORKLOADS:-handoff roundtrip batch:1:mpsc}"
for ((r=1;r<=$1;r++)); do
  for w in "${WL[@]}"; do
    n=${#E[@]}
    for ((k=0;k<n;k++)); do
      e=${E[$(( (k + r - 1) % n ))]}
      IFS='|' read -r name cp impl <<< "$e"
      echo "java -cp $cp:benchmarks.jar org.channels4j.jmh.ModeWindows $w $impl 0 ${W:-20} ${M:-200}" >> "${OUT:?}.commands"
      $J -cp "$cp:$JAR" org.channels4j.jmh.ModeWindows $w $impl 0 ${W:-20} ${M:-200} | sed "s/^/r$r $name /" >> "$OUT"
    done
  done
done
