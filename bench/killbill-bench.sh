#!/usr/bin/env bash
# Kill Bill as a peer of Steward's billing run: the same number of monthly subscriptions, one per
# account, invoiced for the same renewal, on the same PostgreSQL, invoices per second side by side.
#   bench/killbill-bench.sh            100k subscriptions, then bench/billing-bench.sh at the same N
#   bench/killbill-bench.sh 10000      any N
#   KB_SKIP_STEWARD=1 ...              Kill Bill only
# Kill Bill 0.22.26 (the server WAR, org.kill-bill.billing:killbill-profiles-killbill, from Maven
# Central) runs in Jetty 9.4 (org.eclipse.jetty:jetty-runner) on JDK 17, in test mode (so the
# bench can move its clock), against its own database `killbill_bench` (dropped and re-created;
# its DDL is read from the WAR's jars). Downloads go to ~/.m2 (Maven), the unpacked WAR to
# ${KB_CACHE:-~/.cache/steward-bench/killbill}; nothing lands in the repository. Only 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
case "$N" in *[!0-9]*|'') echo "usage: $0 [N]" >&2; exit 2 ;; esac
KB_VERSION=${KB_VERSION:-0.22.26}
JETTY_VERSION=${JETTY_VERSION:-9.4.53.v20231009}
CACHE=${KB_CACHE:-$HOME/.cache/steward-bench/killbill}
export KB_PORT=${KB_PORT:-18080} KB_DB=${KB_DB:-killbill_bench}
JAVA17=${KB_JAVA:-}
if [ -z "$JAVA17" ]; then
  for d in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64 /usr/lib/jvm/java-11-openjdk-amd64; do
    [ -x "$d/bin/java" ] && { JAVA17=$d/bin/java; break; }
  done
fi
[ -n "$JAVA17" ] || { echo "Kill Bill $KB_VERSION needs JDK 11 or 17 (set KB_JAVA)" >&2; exit 2; }

M2=${M2_REPO:-$HOME/.m2/repository}
WAR=$M2/org/kill-bill/billing/killbill-profiles-killbill/$KB_VERSION/killbill-profiles-killbill-$KB_VERSION.war
RUNNER=$M2/org/eclipse/jetty/jetty-runner/$JETTY_VERSION/jetty-runner-$JETTY_VERSION.jar
[ -f "$WAR" ] || mvn -B -q dependency:get -Dartifact=org.kill-bill.billing:killbill-profiles-killbill:$KB_VERSION:war -Dtransitive=false
[ -f "$RUNNER" ] || mvn -B -q dependency:get -Dartifact=org.eclipse.jetty:jetty-runner:$JETTY_VERSION -Dtransitive=false

mkdir -p "$CACHE"
if [ ! -d "$CACHE/war-$KB_VERSION/WEB-INF" ]; then
  rm -rf "$CACHE/war-$KB_VERSION" && unzip -q "$WAR" -d "$CACHE/war-$KB_VERSION"
fi
LIB=$CACHE/war-$KB_VERSION/WEB-INF/lib

# Kill Bill's schema, as its jars ship it: the PostgreSQL bridge (domains, functions) first, then
# every module's ddl.sql (the queue/bus tables, util, account, catalog, subscription, invoice...).
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); Kill Bill $KB_VERSION, Jetty $JETTY_VERSION, $("$JAVA17" -version 2>&1 | head -1)"
psql -h 127.0.0.1 -d test -qc "DROP DATABASE IF EXISTS $KB_DB" -c "CREATE DATABASE $KB_DB"
{
  unzip -p "$LIB"/killbill-util-*.jar org/killbill/billing/util/ddl-postgresql.sql
  for j in "$LIB"/killbill-queue-*.jar "$LIB"/killbill-*-"$KB_VERSION".jar; do
    { unzip -Z1 "$j" | grep -E '(^|/)ddl\.sql$' || true; } | while read -r f; do unzip -p "$j" "$f"; echo; done
  done
} > "$CACHE/ddl.sql"
psql -h 127.0.0.1 -d "$KB_DB" -q -v ON_ERROR_STOP=1 -f "$CACHE/ddl.sql" 2>&1 | grep -v NOTICE || true
echo "schema: $(psql -h 127.0.0.1 -d "$KB_DB" -Atc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") tables"

# Queues: Kill Bill's defaults poll every 3 s for 10 entries; polled every 100 ms for up to 100
# here, so the renewal measures the invoicing and not the polling interval.
cat > "$CACHE/killbill.properties" <<EOF
org.killbill.dao.url=jdbc:postgresql://127.0.0.1:5432/$KB_DB
org.killbill.dao.user=$(id -un)
org.killbill.dao.password=
org.killbill.billing.osgi.dao.url=jdbc:postgresql://127.0.0.1:5432/$KB_DB
org.killbill.billing.osgi.dao.user=$(id -un)
org.killbill.billing.osgi.dao.password=
org.killbill.server.test.mode=true
org.killbill.osgi.bundle.install.dir=$CACHE/bundles
org.killbill.notificationq.main.claimed=100
org.killbill.notificationq.main.sleep=100
org.killbill.persistent.bus.main.claimed=100
org.killbill.persistent.bus.main.sleep=100
org.killbill.persistent.bus.external.claimed=100
org.killbill.persistent.bus.external.sleep=100
EOF
cat > "$CACHE/logback.xml" <<'EOF'
<configuration><root level="WARN"/></configuration>
EOF

OPENS=()
# Kill Bill 0.22 predates JDK 17's strong encapsulation: its OSGi framework (Felix 4) installs
# URL handlers by reflection on the JDK's own, so those packages are opened to it.
for p in java.lang java.lang.invoke java.lang.reflect java.util java.util.concurrent java.net java.io java.nio java.security \
         java.text java.math sun.nio.ch sun.net.www sun.net.www.protocol.jar sun.net.www.protocol.file sun.net.www.protocol.http \
         sun.net.www.protocol.https sun.net.www.protocol.ftp sun.net.www.protocol.mailto sun.net.www.protocol.jrt \
         jdk.internal.loader jdk.internal.misc jdk.internal.ref; do
  OPENS+=(--add-opens "java.base/$p=ALL-UNNAMED")
done
"$JAVA17" -Xmx2g "${OPENS[@]}" -Dorg.killbill.server.properties="file://$CACHE/killbill.properties" \
  -Dlogback.configurationFile="$CACHE/logback.xml" \
  -jar "$RUNNER" --host 127.0.0.1 --port "$KB_PORT" "$CACHE/war-$KB_VERSION" > "$CACHE/killbill.log" 2>&1 &
KB_PID=$!
# Ready once Kill Bill's own check passes (the /healthcheck answer as a whole also fails on
# connection-pool latency thresholds, which a loaded machine trips).
kb_ready() { curl -s -m 2 "http://127.0.0.1:$KB_PORT/1.0/healthcheck" | grep -q '"org.killbill.billing.server.healthchecks.KillbillHealthcheck":{"healthy":true'; }
trap 'kill $KB_PID 2>/dev/null || true; wait $KB_PID 2>/dev/null || true' EXIT
trap 'exit 1' INT TERM
for _ in $(seq 1 300); do
  kb_ready && break
  kill -0 $KB_PID 2>/dev/null || { echo "Kill Bill exited; see $CACHE/killbill.log" >&2; tail -20 "$CACHE/killbill.log" >&2; exit 2; }
  sleep 1
done
kb_ready || { echo "Kill Bill did not become healthy" >&2; exit 2; }

python3 bench/killbill_bench.py setup "$N"
psql -h 127.0.0.1 -d "$KB_DB" -qc "CHECKPOINT" -c "ANALYZE"
python3 bench/killbill_bench.py renew "$N" "$KB_PID"
kill $KB_PID; wait $KB_PID 2>/dev/null || true
trap - EXIT
psql -h 127.0.0.1 -d test -qc "DROP DATABASE IF EXISTS $KB_DB"

if [ -z "${KB_SKIP_STEWARD:-}" ]; then
  echo "Steward, same N:"
  bench/billing-bench.sh "$N"
fi
