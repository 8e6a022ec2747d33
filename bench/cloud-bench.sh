#!/usr/bin/env bash
# Cloud benchmark on the machine's LXD: N VMs (default 20) created at once through the client API,
# create -> running p50/p99, failures, and where the server group placed their services.
#   bench/cloud-bench.sh         20 VMs
#   bench/cloud-bench.sh 40      any N
# Needs LXD set up by ../shared/lxd/setup.sh (bridge lxdbr0, image busybox) and Maven with the
# project's dependencies. Its containers are named stw-test-b* and removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then export JAVA_HOME=$d; break; fi
  done
fi
n="${1:-20}"
echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -q -B -o test -Dtest=CloudBench -Dbench.vms="$n" -Dsteward.test.db="${BENCH_DB:-h2}" \
    -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | grep -E '^RESULT|^FAILURE|FAIL|ERROR\]' | head -20
