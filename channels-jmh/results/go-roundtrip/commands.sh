# Rebuilt on 2026-12-07: the commands.txt that run.sh wrote was never committed (.gitignore
# ignores results/*/commands.txt, meant for bench.sh's own output). Rebuilt from run.sh (the
# script as it ran, committed with the results in 9f77ee5), the order of runs in probes.txt,
# the settings every json/*.json records (benchmark, params, forks, warm-up and measurement
# iterations and times, empty jvmArgs, JDK 25.0.3, the jvm path) and the logs' JMH headers
# ("# VM options: <none>", "# Warmup: 2 iterations, 500 ms each", "# Measurement: 4
# iterations, 500 ms each") and jar path.
# Not recoverable: the jar itself. The logs name /tmp/q2/channels-jmh/target/benchmarks.jar,
# a scratch checkout that is gone; README.md says it was built at 9e1b9bd. Go's warm-up
# (2 x 500 ms) and iteration time (500 ms) are as run.sh passes them: json/r*-go.json records
# only the 4 measured iterations and logs/r*-go.log only Go's version.
# run.sh also ran the mode probe before and after each command
# ($J -cp $JAR org.channels4j.jmh.LinePingPong 200000; results in probes.txt).
# The peers' command also tried abq at capacity 0 and sq at 16; both fail at once ("not
# applicable", logs/r*-peers.log), so json/r*-peers.json holds sq at 0 and abq at 16 only.
# Paths relative to the repository root; -rf/-rff and Go's -rf name the committed JSON files.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=/tmp/q2/channels-jmh/target/benchmarks.jar
D=channels-jmh/results/go-roundtrip
$J -jar $JAR PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r1-channels4j.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=sq,abq -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r1-peers.json
channels-jmh/go/run.sh -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms -rf $D/json/r1-go.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=sq,abq -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r2-peers.json
channels-jmh/go/run.sh -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms -rf $D/json/r2-go.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r2-channels4j.json
channels-jmh/go/run.sh -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms -rf $D/json/r3-go.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r3-channels4j.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=sq,abq -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r3-peers.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=channels4j -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r4-channels4j.json
$J -jar $JAR PingPong.roundTripVirtual -p impl=sq,abq -p capacity=0,16 -f 1 -wi 2 -w 500ms -i 4 -r 500ms -rf json -rff $D/json/r4-peers.json
channels-jmh/go/run.sh -bench PingPong -capacities 0,16 -wi 2 -w 500ms -i 4 -r 500ms -rf $D/json/r4-go.json
