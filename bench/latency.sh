#!/bin/sh
# Runs the latency benchmark described in docs/benchmarks.md: builds the sample and the
# benchmark, then measures request latency of the sample under a steady load while a heap
# snapshot is taken, for each conversion mode and for Boot's /actuator/heapdump.
# Arguments go to the benchmark (for example --items=2000000 --rate=150 --seconds=10 --runs=2).
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl sample-app,bench -am package -DskipTests
work="${TMPDIR:-/tmp}/v8heapsnapshot-latency"
mkdir -p "$work"
cd bench
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/classes:target/lib/*" \
	io.github.v8heapsnapshot.bench.latency.LatencyBenchmark \
	../sample-app/target/v8heapsnapshot-sample-app.jar target/v8heapsnapshot-bench-*.jar "$work" "$@"
