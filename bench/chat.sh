#!/usr/bin/env bash
# Chat hot-path load benchmark: packages the platform, then runs ai.softnode.bench.ChatLoadBenchmark,
# which starts a stand-in model and the platform (separate JVM, -Xmx1g) and prints its figures.
#   bash bench/chat.sh                         # 200 turns/s offered, 5000 concurrent streams
#   BENCH_RATE=300 BENCH_STREAMS=6000 BENCH_SECONDS=30 bash bench/chat.sh
#   BENCH_PLATFORM_JVM_ARGS="-XX:StartFlightRecording=filename=/tmp/sn.jfr,settings=profile,dumponexit=true" bash bench/chat.sh
#   BENCH_MODEL_TLS=true bash bench/chat.sh   # the stand-in model over HTTPS (as the real API) instead of plain HTTP
#   BENCH_PLATFORM_GC=G1 bash bench/chat.sh    # the platform's collector (default Z; empty for the JVM's own choice)
#   BENCH_MAVEN_ARGS="" bash bench/chat.sh     # let Maven go online (default: offline, -o)
#   BENCH_JAVA_ARGS="-Xlog:gc:file=/tmp/bench-gc.log" bash bench/chat.sh   # options for the benchmark's own JVM
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"; fi
MAVEN_ARGS_BENCH="${BENCH_MAVEN_ARGS--o}"
./mvnw -q -B $MAVEN_ARGS_BENCH -DskipTests package
./mvnw -q -B $MAVEN_ARGS_BENCH test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# every stream is two sockets in the platform and two in this JVM (visitor and stand-in model)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $(( ${BENCH_STREAMS:-5000} * 2 + 1000 )) ]; then
	echo "warning: only $(ulimit -n) open files allowed; the streams phase needs about $(( ${BENCH_STREAMS:-5000} * 2 + 1000 ))" >&2
fi
exec java -Xmx2g -XX:+UseZGC -Djdk.pollerMode=1 ${BENCH_JAVA_ARGS:-} -Dbench.rate="${BENCH_RATE:-200}" -Dbench.streams="${BENCH_STREAMS:-5000}" \
	-Dbench.seconds="${BENCH_SECONDS:-20}" -Dbench.warmup="${BENCH_WARMUP:-120}" -Dbench.phases="${BENCH_PHASES:-1234}" -Dbench.modelTls="${BENCH_MODEL_TLS:-false}" -Dbench.timeline="${BENCH_TIMELINE:-false}" ${BENCH_HISTOGRAM:+-Dbench.histogram="$BENCH_HISTOGRAM"} -Dbench.platformJvmArgs="${BENCH_PLATFORM_JVM_ARGS:-}" -Dbench.platformGc="${BENCH_PLATFORM_GC-Z}" \
	-Djdk.httpclient.connectionPoolSize=0 \
	-cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
	ai.softnode.bench.ChatLoadBenchmark target/softnode-0.1.0-SNAPSHOT.jar
