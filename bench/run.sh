#!/bin/sh
# Runs the benchmark described in docs/benchmarks.md: builds the engine, its command line
# and the benchmark, then measures the JVM's dump, the conversion, the command line and Node.
# Arguments go to the benchmark (for example --scales=100000 --runs=1); --help lists them.
# The JVM that dumps its heap is the one in JAVA_HOME, else the java on the PATH.
set -eu
cd "$(dirname "$0")/.."
./mvnw -q -pl bench -am package -DskipTests
cd bench
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "target/classes:target/lib/*" io.github.v8heapsnapshot.bench.Benchmark "$@"
