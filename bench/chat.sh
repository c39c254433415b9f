#!/usr/bin/env bash
# Chat hot-path load benchmark: packages the platform, then runs ai.softnode.bench.ChatLoadBenchmark,
# which starts a stand-in model and the platform (separate JVM, -Xmx1g) and prints its figures.
#   bench/chat.sh                      # defaults: 200 turns/s offered, 5000 concurrent streams
#   BENCH_RATE=300 BENCH_STREAMS=6000 bench/chat.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"; fi
./mvnw -q -B -DskipTests package
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
ulimit -n 65536 2>/dev/null || true
exec java -Xmx2g -Dbench.rate="${BENCH_RATE:-200}" -Dbench.streams="${BENCH_STREAMS:-5000}" \
	-Dbench.platformJvmArgs="${BENCH_PLATFORM_JVM_ARGS:-}" \
	-cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
	ai.softnode.bench.ChatLoadBenchmark target/softnode-0.1.0-SNAPSHOT.jar
