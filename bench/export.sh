#!/usr/bin/env bash
# Export benchmark: seeds one workspace with 100,000 conversations (two messages each) in an on-disk
# H2 database, then downloads GET /api/v1/account/export with the platform in a 256 MB heap, and
# prints the time, the ZIP's size and the peak heap during the export.
#   bench/export.sh                       # 100,000 conversations
#   BENCH_CONVERSATIONS=20000 bench/export.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64; export PATH="$JAVA_HOME/bin:$PATH"; fi
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx256m -Dbench.conversations="${BENCH_CONVERSATIONS:-100000}" \
	-cp "target/test-classes:target/classes:$(cat target/bench.classpath)" ai.softnode.bench.ExportBenchmark
