#!/usr/bin/env bash
# The reference rendezvous algorithms (MinimalDual.java: a FIFO dual queue, two variants of its layout, and a stack, written
# small) window by window beside channels4j and the non-fair SynchronousQueue, with ../run.sh.
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -eu
D=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:?set JAR}; OUT=${OUT:-$D}
CLS=$(mktemp -d)
/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --release 21 -d "$CLS" -cp "$JAR" "$D/MinimalDual.java"
cells=""
for w in handoff roundtrip batch:1:mpsc; do
  for i in channels4j sq 'class:MinimalDual$Fifo' 'class:MinimalDual$FifoTight' 'class:MinimalDual$FifoSplit' 'class:MinimalDual$Lifo'; do
    cells="$cells${cells:+;}$w $i 0"
  done
done
JAR=$JAR OUT=$OUT EXTRA_CP=$CLS CELLS_LIST="$cells" bash "$D/../run.sh" "${1:-3}"
rm -rf "$CLS"
