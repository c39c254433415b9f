#!/usr/bin/env bash
# Analytics benchmark: rollups of 1,000,000 conversations for one bot, the analytics API and dashboard
# page timed over HTTP, and the rollup maintenance cost per chat turn. Prints its figures.
#   bench/analytics.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"; fi
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" ai.softnode.bench.AnalyticsBenchmark
