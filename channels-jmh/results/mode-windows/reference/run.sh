#!/usr/bin/env bash
# The reference rendezvous algorithms (MinimalTwoQueue.java: channels4j's protocol over two queues, written small;
# MinimalDual.java: a FIFO dual queue, two variants of its layout, one without a
# sentinel, and a stack with two variants that add a FIFO's costs, written small) window by window beside channels4j
# and the non-fair SynchronousQueue, with ../run.sh. IMPLS="<names>" picks some of them.
# JAR=<benchmarks.jar> [OUT=dir] bash run.sh [rounds]
set -eu
D=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:?set JAR}; OUT=${OUT:-$D}
CLS=$(mktemp -d)
/usr/lib/jvm/temurin-25-jdk-amd64/bin/javac --release 21 -d "$CLS" -cp "$JAR" "$D/MinimalDual.java" "$D/MinimalTwoQueue.java"
R='class:MinimalDual$'; T='class:MinimalTwoQueue$'
IMPLS=${IMPLS:-"channels4j sq ${R}Fifo ${R}FifoTight ${R}FifoSplit ${R}FifoDirect ${R}Lifo ${R}LifoTailed ${R}LifoBoxed"}
cells=""
for w in handoff roundtrip batch:1:mpsc; do
  for i in $IMPLS; do
    cells="$cells${cells:+;}$w $i 0"
  done
done
JAR=$JAR OUT=$OUT EXTRA_CP=$CLS CELLS_LIST="$cells" bash "$D/../run.sh" "${1:-3}"
rm -rf "$CLS"
