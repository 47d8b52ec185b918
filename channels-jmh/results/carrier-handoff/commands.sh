# Rebuilt on 2026-12-07: the commands.txt README.md has named since 95a7b92 was never committed
# (467f2b2's message says a rebuilt one was added, but .gitignore ignores results/*/commands.txt,
# meant for bench.sh's own output, so git never held either). Rebuilt from
# the settings each json/*.json records (benchmark, params, forks, warm-up and measurement
# iterations and times, jvmArgs, JDK 25.0.3, the jvm path) and README.md. There are no logs,
# no run script and no probes for this sitting.
# Not recoverable, stated plainly:
# - the jars. "Before" ran an experimental build (never committed) whose yield was switched off
#   by -Dc4j.yieldMask=-1 (the jvmArgs the before-*.json files record); README.md says that is
#   65e8475's code path. Which jar "after" and the peers ran (that build without the property,
#   or a build of 95a7b92, the commit that added CarrierHandoff) is not recorded.
#   JAR_BEFORE and JAR_AFTER below stand for them.
# - the option that passed -Dc4j.yieldMask=-1: -jvmArgsAppend (used here) and -jvmArgs record
#   the same jvmArgs.
# - the order of the runs: README.md says only "one run after another within 40 minutes" on
#   2026-12-02; listed here before, then after, each group as the files sort.
# - whether the benchmark was named BatchThroughput or BatchThroughput.transfer on the command
#   line; the JSON records BatchThroughput.transfer, the only method these files hold.
# The settings differ between files and are kept as recorded: 3 forks everywhere except
# before-pingpong-channels4j.json, 4 forks; 3 x 1 s warm-up and 4 x 1 s measurement everywhere.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
D=channels-jmh/results/carrier-handoff
$J -jar $JAR_BEFORE BatchThroughput.transfer -p impl=channels4j -p capacity=0,16 -p policy=block -p producers=1,4 -p shape=mpsc -p threads=virtual -f 3 -wi 3 -w 1s -i 4 -r 1s -jvmArgsAppend -Dc4j.yieldMask=-1 -rf json -rff $D/json/before-batch-channels4j.json
$J -jar $JAR_BEFORE PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 4 -wi 3 -w 1s -i 4 -r 1s -jvmArgsAppend -Dc4j.yieldMask=-1 -rf json -rff $D/json/before-pingpong-channels4j.json
$J -jar $JAR_AFTER BatchThroughput.transfer -p impl=channels4j -p capacity=0,16 -p policy=block -p producers=1,4 -p shape=mpsc -p threads=virtual -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-batch-channels4j.json
$J -jar $JAR_AFTER BatchThroughput.transfer -p impl=sq,jox -p capacity=0 -p policy=block -p producers=1,4 -p shape=mpsc -p threads=virtual -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-batch-peers0.json
$J -jar $JAR_AFTER BatchThroughput.transfer -p impl=jox,abq -p capacity=16 -p policy=block -p producers=1,4 -p shape=mpsc -p threads=virtual -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-batch-peers16.json
$J -jar $JAR_AFTER PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-pingpong-channels4j.json
$J -jar $JAR_AFTER PingPong.roundTripVirtual -p impl=sq,jox -p capacity=0 -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-pingpong-peers0.json
$J -jar $JAR_AFTER PingPong.roundTripVirtual -p impl=jox,abq -p capacity=16 -f 3 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $D/json/after-pingpong-peers16.json
