#!/usr/bin/env bash
# Scratch builds of channels-impl rotated JVM by JVM, as ab.sh rotates flags on one build: each
# variant is a jar of channels-impl's classes (built without Maven, module-info left out) put
# before benchmarks.jar on the class path, so that its classes and its provider win.
# A scratch jar, from a checkout with the change applied (the API jar from mvn install):
#   cp -r channels-impl/src/main/java S && rm S/module-info.java
#   javac --release 21 -cp channels-api/target/channels-api-*-SNAPSHOT.jar -d C $(find S -name '*.java')
#   cp -r channels-impl/src/main/resources/* C/ && jar cf variant.jar -C C .
# JAR=<benchmarks.jar> VARIANTS="name=<scratch jar> ..." CELLS="workload impl cap;..." OUT=file bash ab-jars.sh ROUNDS
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=${JAR:?set JAR}; read -ra V <<< "${VARIANTS:?}"; IFS=';' read -ra C <<< "${CELLS:?}"
for ((r=1;r<=$1;r++)); do
  for c in "${C[@]}"; do
    n=${#V[@]}
    for ((k=0;k<n;k++)); do
      v=${V[$(( (k + r - 1) % n ))]}; name=${v%%=*}
      $J -cp "${v#*=}:$JAR" org.channels4j.jmh.ModeWindows $c ${W:-20} ${M:-200} | sed "s/^/r$r $name /" >> "${OUT:?}"
    done
  done
done
