#!/usr/bin/env bash
# Analytics benchmark: rollups of 1,000,000 conversations for one bot over 365 days, the analytics API
# and dashboard page timed over HTTP for 7/30/90/365-day ranges (p50/p95), and the rollup maintenance
# cost per chat turn. Prints its figures, with the load average they were measured under.
#   bash bench/analytics.sh
#   BENCH_MAVEN_FLAGS=-o BENCH_JAVA_OPTS="-Dbench.turns=20000 -Dbench.tail=300" bash bench/analytics.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"; fi
# shellcheck disable=SC2086
./mvnw -q -B ${BENCH_MAVEN_FLAGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
echo "machine: $(nproc) cores; $(uptime)"
# shellcheck disable=SC2086
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" ai.softnode.bench.AnalyticsBenchmark
