#!/usr/bin/env bash
# Billing-run benchmark on PostgreSQL: the billing engine over N bulk-created due services
# (one per client, so N invoices) against a COPY of the same invoice rows, then a rerun.
# Three warm-up runs over min(N, 100k) services of their own come first (printed as WARMUP
# lines: the first is the cold run), so the measured run is of compiled code; the COPY is the best
# of three, each into fresh tables after a checkpoint. -Dbench.warmups=K changes the warm-ups.
#   bench/billing-bench.sh              100k services
#   bench/billing-bench.sh --1m         also 1M services (a separate run: about 10x longer)
#   bench/billing-bench.sh 20000        any N
#   BENCH_OPTS=-Dbench.tell=false ...   without telling the run's invoices afterwards (told_s)
# Needs PostgreSQL on localhost:5432 (trust auth, database `test`; each run gets its own schema,
# dropped afterwards) and Maven with the project's dependencies. Prints one RESULT line per size.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME=$d; break; fi
  done
fi

sizes=(100000)
case "${1:-}" in
  --1m) sizes=(100000 1000000) ;;
  '') ;;
  *[!0-9]*) echo "usage: $0 [--1m | N]" >&2; exit 2 ;;
  *) sizes=("$1") ;;
esac

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${sizes[@]}"; do
  mvn -q -B -o test -Dtest=BillingBench -Dsteward.test.db=postgres -Dbench.services="$n" ${BENCH_OPTS:-} \
      -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^RESULT|^WARMUP|FAIL|ERROR\]' | head -20
done
echo "target: invoices_per_s >= 0.5 x copy_invoices_per_s by wall time (ratio) and by CPU (ratio_by_cpu); rerun_invoices = 0"
