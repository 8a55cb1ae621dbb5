#!/bin/sh
# Measures the sample application's snapshots, as docs/benchmarks.md describes: the first one
# of a fresh JVM and the later ones, each its dump and its conversion, from the application's
# own v8heapsnapshot.duration timer. Arguments: the number of snapshots [5] and of leaked
# sessions [200]. The JVM is the one in JAVA_HOME, else the java on the PATH.
set -eu
cd "$(dirname "$0")/.."
snapshots=${1:-5}
sessions=${2:-200}
./mvnw -q -pl sample-app -am package -DskipTests
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar sample-app/target/v8heapsnapshot-sample-app.jar --server.port=0 \
	--server.address=127.0.0.1 --v8heapsnapshot.storage.directory="$work/snapshots" \
	--management.endpoints.web.exposure.include=health,v8heapsnapshot,metrics >"$work/log" 2>&1 &
pid=$!
port=
while [ -z "$port" ]; do
	sleep 1
	port=$(sed -n 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$work/log")
done
base="http://127.0.0.1:$port"
i=0
while [ "$i" -lt "$sessions" ]; do
	curl -sf -o /dev/null -X POST "$base/sessions?user=user-$i"
	i=$((i + 1))
done
total() {
	curl -sf "$base/actuator/metrics/v8heapsnapshot.duration?tag=phase:$1" \
		| sed 's/.*"statistic":"TOTAL_TIME","value":\([0-9.E-]*\).*/\1/'
}
dump=0
convert=0
echo "snapshot dump_s convert_s convert/dump"
i=1
while [ "$i" -le "$snapshots" ]; do
	curl -sf -o "$work/snapshot.heapsnapshot" "$base/actuator/v8heapsnapshot"
	newDump=$(total dump)
	newConvert=$(total convert)
	awk -v i="$i" -v d="$newDump" -v pd="$dump" -v c="$newConvert" -v pc="$convert" \
		'BEGIN { printf "%d %.3f %.3f %.2f\n", i, d - pd, c - pc, (c - pc) / (d - pd) }'
	dump=$newDump
	convert=$newConvert
	i=$((i + 1))
done
