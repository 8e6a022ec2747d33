#!/usr/bin/env bash
# DNS change propagation: on a zone of N records (10,000 by default), record edits through the
# client API, each followed by UDP queries until the new address is answered; sequentially and with
# 8 writers; on one node (H2, the embedded default) and on PostgreSQL with two nodes on one schema
# (writes through node A, answers read from node B, which hears of them by LISTEN/NOTIFY).
#   bench/dns-propagation-bench.sh            10,000 records, 1,000 changes per measurement
#   bench/dns-propagation-bench.sh 10000 400  N records, C changes per measurement
# Needs PostgreSQL on localhost:5432 (trust auth, database `test`; the run gets its own schema,
# dropped afterwards) and Maven with the project's dependencies. Prints RESULT lines.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME=$d; break; fi
  done
fi

records=${1:-10000}
changes=${2:-1000}
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for db in h2 postgres; do
  mvn -q -B -o test -Dtest=DnsPropagationBench -Dsteward.test.db=$db -Dbench.dns.records="$records" -Dbench.dns.changes="$changes" \
      -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^RESULT|FAIL|ERROR\]' | head -20
done
echo "targets: 2xx_to_answer_p99_ms < 20 on one node, < 1000 from node A to node B; changes_per_s >= 500 with 8 writers; stale_first_answers = 0 on one node"
