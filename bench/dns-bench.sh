#!/usr/bin/env bash
# DNS benchmark: Steward's authoritative server against PowerDNS (bind backend) serving the same
# 10k-record zone, each pinned to CPU 0 with dnsperf on CPU 1, and the propagation of record
# changes (2xx of the API -> new answer from the DNS server). See bench/README.md.
# Needs: dnsperf, pdns-server, pdns-backend-bind, python3, taskset. Not part of the test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for tool in dnsperf pdns_server python3; do
    command -v "$tool" >/dev/null || { echo "dns-bench: $tool is missing (apt-get install dnsperf pdns-server pdns-backend-bind python3)" >&2; exit 2; }
done
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
    for j in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*/bin/java; do [[ -x "$j" ]] && { JAVA_HOME="${j%/bin/java}"; break; }; done
fi
export JAVA_HOME
JAR="$ROOT/target/steward.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
    echo "dns-bench: building target/steward.jar" >&2
    (cd "$ROOT" && { mvn -q -B -o package -DskipTests >&2 || mvn -q -B package -DskipTests >&2; })
fi
# dns-compare.py: query cost against PowerDNS and Knot, unsigned and signed (needs knot as well).
# `dns-bench.sh --compare-only` skips dns-bench.py. Exit status: the worse of the two (2 > 1 > 0).
status=0
if [[ "${1:-}" != "--compare-only" ]]; then python3 "$ROOT/bench/dns-bench.py" || status=$?; fi
python3 "$ROOT/bench/dns-compare.py" || { s=$?; if (( s > status )); then status=$s; fi; }
exit $status
