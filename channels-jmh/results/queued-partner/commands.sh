# Rebuilt on 2026-12-07: run.sh and run2.sh each appended their commands to a commands.txt that
# was never committed (.gitignore ignores results/*/commands.txt, meant for bench.sh's own
# output). Rebuilt by expanding run.sh (sitting 1) and run2.sh (sitting 2), both committed with
# the results in bc5f491 (run2.sh "as it ran" in 10cf0fb), and checked against every json/*.json
# (benchmark, params, 3 forks, 2 x 500 ms warm-up, 4 x 500 ms measurement, the gc profiler's
# metrics on the handoff only, jvmArgs -Djdk.virtualThreadScheduler.parallelism=1 on the one-*
# files only, JDK 25.0.3, the jvm path) and the logs (their "# VM options:" lines and the jar
# each names: /tmp/qp/before.jar in the *-before logs, /tmp/qp/after.jar in the others).
# Not recoverable: the jars themselves, scratch files that are gone; README.md says before.jar
# was built from 0eb241a and after.jar from 0c41f16 (the peers ran on after.jar).
# The exploration's commands are in exploration/run.sh; not repeated here.
# Both scripts ran in /tmp/qp, so json/ and logs/ below are that directory's; the committed
# files have the same names under channels-jmh/results/queued-partner/.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
RUN="-f 3 -wi 2 -w 500ms -i 4 -r 500ms"
cd /tmp/qp

# Sitting 1 (run.sh): two carriers, then one carrier (-jvmArgsAppend ...parallelism=1),
# each regime before, after, peers. run.sh runs no probe: the cache-line probe that README.md says
# ran by mistake beside the one-carrier "before" handoff is not in it, and its command is not recorded.
$J -jar before.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two-before-BlockingCost.handoffVirtual.json
$J -jar before.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two-before-PingPong.roundTripVirtual.json
$J -jar before.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two-before-BatchThroughput.json
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two-after-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two-after-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two-after-BatchThroughput.json
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=sq,jox $RUN -rf json -rff json/two-peers-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0 $RUN -rf json -rff json/two-peers-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=sq,jox -p capacity=0 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two-peers-BatchThroughput.json
$J -jar before.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-before-BlockingCost.handoffVirtual.json
$J -jar before.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-before-PingPong.roundTripVirtual.json
$J -jar before.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-before-BatchThroughput.json
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-after-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-after-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-after-BatchThroughput.json
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=sq,jox $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-peers-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0 $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-peers-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=sq,jox -p capacity=0 -p producers=1,4 -p shape=mpsc $RUN -jvmArgsAppend -Djdk.virtualThreadScheduler.parallelism=1 -rf json -rff json/one-peers-BatchThroughput.json

# Sitting 2 (run2.sh): two carriers, interleaved before, after, peers, after, before; a
# cache-line probe before each run and at the end (probes.txt). The probe was
# /tmp/qp/LinePingPong.java, 2,000,000 round trips, run as a source file; today the same
# program is java -cp benchmarks.jar org.channels4j.jmh.LinePingPong 2000000.
$J /tmp/qp/LinePingPong.java
$J -jar before.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two2-1-before-BlockingCost.handoffVirtual.json
$J -jar before.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two2-1-before-PingPong.roundTripVirtual.json
$J -jar before.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two2-1-before-BatchThroughput.json
$J /tmp/qp/LinePingPong.java
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two2-2-after-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two2-2-after-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two2-2-after-BatchThroughput.json
$J /tmp/qp/LinePingPong.java
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=sq,jox $RUN -rf json -rff json/two2-3-peers-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0 $RUN -rf json -rff json/two2-3-peers-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=sq,jox -p capacity=0 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two2-3-peers-BatchThroughput.json
$J /tmp/qp/LinePingPong.java
$J -jar after.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two2-4-after-BlockingCost.handoffVirtual.json
$J -jar after.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two2-4-after-PingPong.roundTripVirtual.json
$J -jar after.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two2-4-after-BatchThroughput.json
$J /tmp/qp/LinePingPong.java
$J -jar before.jar BlockingCost.handoffVirtual -prof gc -p impl=channels4j $RUN -rf json -rff json/two2-5-before-BlockingCost.handoffVirtual.json
$J -jar before.jar PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 $RUN -rf json -rff json/two2-5-before-PingPong.roundTripVirtual.json
$J -jar before.jar BatchThroughput -p policy=block -p threads=virtual -p impl=channels4j -p capacity=0,16 -p producers=1,4 -p shape=mpsc $RUN -rf json -rff json/two2-5-before-BatchThroughput.json
$J /tmp/qp/LinePingPong.java
