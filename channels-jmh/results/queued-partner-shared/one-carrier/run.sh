#!/usr/bin/env bash
# usage: onecarrier2.sh OUTDIR ROUNDS name=jar=impl ...   (one carrier, alternating, 1 fork each)
OUT=$1; ROUNDS=$2; shift 2
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
mkdir -p "$OUT"
for ((r=1;r<=ROUNDS;r++)); do
  for e in "$@"; do
    IFS== read -r n jar impl <<< "$e"
    cmd=("$J" -jar "$jar" 'BlockingCost.handoffVirtual|BatchThroughput|PingPong.roundTripVirtual' -p impl=$impl -p policy=block -p threads=virtual -p capacity=0 -p producers=1,4 -p shape=mpsc -prof gc -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -f 1 -wi 2 -w 500ms -i 4 -r 500ms)
    [ $r = 1 ] && echo "${cmd[*]}" | sed "s#$J#java#" >> "$OUT/commands.txt"
    "${cmd[@]}" -rf json -rff "$OUT/$r-$n.json" > /dev/null 2>&1
    echo "$(date +%T) $r $n"
  done
done
