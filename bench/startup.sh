#!/usr/bin/env bash
# Start-up time and idle memory of `./steward serve`, as a user meets them: from launching the
# launcher script to /health answering, on a fresh data directory with --demo (the first start)
# and then on that existing data directory (every later start), plus the resident memory after
# the node has idled. Each start is split into where its time went: the launcher script (finding
# the JDK, checking the build), the JVM before main, the node (database, migrations, features),
# the demo data and the listeners (the node logs the split in its "started:" line).
#
# Targets (exit 1 when one is missed, 2 when it cannot run): a start on an existing data
# directory under 3 s, a first start with --demo under 6 s, idle RSS under 300 MB; each the
# median over the runs.
#
# Knobs (environment): BENCH_RUNS (starts on the existing directory, default 5), BENCH_IDLE (s
# idle before reading RSS, default 10), BENCH_NO_AOT=1 (start without the JDK's ahead-of-time
# cache even when the launcher made one: the comparison run), BENCH_PIN=1 (pin the node to CPU 0;
# by default it is not pinned: a start uses every core, JIT and GC threads included).
set -euo pipefail
BENCH_NAME=startup
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
if [[ -z "${BENCH_PIN:-}" ]]; then PIN_SERVER=(); PINNING="none"; fi

RUNS="${BENCH_RUNS:-5}"
IDLE="${BENCH_IDLE:-10}"
TARGET_START_MS=3000
TARGET_FIRST_MS=6000
TARGET_RSS_MB=300

use_jdk
command -v curl >/dev/null || die "curl is required"
# The launcher builds the jar (and its start-up cache) when the sources changed: do that first,
# outside the measurement.
(cd "$ROOT" && ./steward build >&2) || die "./steward build failed"
mkdir -p "$OUT"
RESULTS="$OUT/startup-results.txt"
: >"$RESULTS"
DATA="$WORK/data"
EXTRA_OPTS=""
[[ -n "${BENCH_NO_AOT:-}" ]] && EXTRA_OPTS="-XX:AOTMode=off"

now_ms() { date +%s%3N; }

# one_start KIND [--demo]: launches ./steward serve, waits for /health, reads the node's split
# and (for the last kind) its RSS after idling, stops it. Appends a line to RESULTS.
one_start() {
    local kind="$1"; shift
    PORT="$(free_port)" || die "no free port found"
    BASE="http://127.0.0.1:$PORT"
    SERVER_LOG="$OUT/startup-server.log"
    local t0 t1 split rss launcher_ms
    t0="$(now_ms)"
    # Our own dns ports: two nodes on one machine must not share the default 5353.
    STEWARD_JAVA_OPTS="$EXTRA_OPTS ${BENCH_JAVA_OPTS:-}" STEWARD_DNS_PORT=0 STEWARD_DNS_FORWARDING_PORT=0 \
        STEWARD_ACCESS_LOG_LEVEL=WARN "${PIN_SERVER[@]}" "$ROOT/steward" serve --host 127.0.0.1 --port "$PORT" --data "$DATA" "$@" \
        >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    wait_healthy
    t1="$(now_ms)"
    local i
    for i in $(seq 1 50); do grep -q 'msg="started:' "$SERVER_LOG" && break; sleep 0.1; done
    split="$(sed -n 's/.*msg="started: \([^"]*\)".*/\1/p' "$SERVER_LOG" | head -n1)"
    [[ -n "$split" ]] || die "no start-up split in the server log"
    splitf() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$split"; }
    # The launcher's share: launch to the JVM starting, i.e. wall time minus the JVM's own uptime
    # at /health (total_ms is taken when the listeners are up, just before /health answers).
    launcher_ms=$(( t1 - t0 - $(splitf total_ms) ))
    (( launcher_ms < 0 )) && launcher_ms=0
    rss=0
    if [[ "$kind" == existing ]]; then
        sleep "$IDLE"
        rss="$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status")"
    fi
    printf '%s %s %s %s %s %s %s %s %s\n' "$kind" "$(( t1 - t0 ))" "$launcher_ms" "$(splitf jvm_before_main_ms)" \
        "$(splitf node_ms)" "$(splitf demo_ms)" "$(splitf listen_ms)" "$rss" \
        "$(sed -n 's/.*migrations checked and applied in \([0-9]*\) ms.*/\1/p' "$SERVER_LOG" | head -n1)" >>"$RESULTS"
    say "startup: $kind: $(( t1 - t0 )) ms to /health (launcher ${launcher_ms} ms, $split)$( [[ "$kind" == existing ]] && printf ', RSS %s MB after %ss idle' "$rss" "$IDLE")"
    stop_node
}

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
AOT_STATE="off (BENCH_NO_AOT)"
if [[ -z "${BENCH_NO_AOT:-}" ]]; then
    if [[ -f "$ROOT/target/steward.aot" ]]; then AOT_STATE="on (target/steward.aot)"; else AOT_STATE="none made (JDK < 25?)"; fi
fi
rm -rf "$DATA"
one_start first --demo
for _ in $(seq 1 "$RUNS"); do one_start existing; done

REPORT="$(awk -v ts="$TARGET_START_MS" -v tf="$TARGET_FIRST_MS" -v tr="$TARGET_RSS_MB" '
    function median(arr, n,    i, j, t, a) {
        for (i = 1; i <= n; i++) a[i] = arr[i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
        return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
    }
    $1 == "first" { f = $0; split($0, fv, " ") }
    $1 == "existing" { n++; w[n] = $2; l[n] = $3; j[n] = $4; nd[n] = $5; li[n] = $7; r[n] = $8; m[n] = $9 }
    END {
        printf "%-26s %8s %9s %9s %8s %8s %8s %10s %8s\n", "start", "wall ms", "launcher", "jvm>main", "node", "(flyway)", "demo", "listeners", "RSS MB"
        printf "%-26s %8d %9d %9d %8d %8d %8d %10d %8s\n", "first, --demo", fv[2], fv[3], fv[4], fv[5], fv[9], fv[6], fv[7], "-"
        printf "%-26s %8d %9d %9d %8d %8d %8d %10d %8d\n", "existing (median of " n ")", median(w, n), median(l, n), median(j, n), median(nd, n), median(m, n), 0, median(li, n), median(r, n)
        ok = 1
        printf "\n%-44s %6d ms  target < %d  %s\n", "start on an existing data directory", median(w, n), ts, (median(w, n) < ts ? "PASS" : "FAIL")
        if (median(w, n) >= ts) ok = 0
        printf "%-44s %6d ms  target < %d  %s\n", "first start with --demo", fv[2], tf, (fv[2] < tf ? "PASS" : "FAIL")
        if (fv[2] >= tf) ok = 0
        printf "%-44s %6d MB  target < %d   %s\n", "idle RSS", median(r, n), tr, (median(r, n) < tr ? "PASS" : "FAIL")
        if (median(r, n) >= tr) ok = 0
        exit ok ? 0 : 1
    }' "$RESULTS")" && status=0 || status=$?

{
    printf '\nSteward start-up: ./steward serve, 1 first start with --demo, %s starts on the existing data directory, RSS after %ss idle\n' "$RUNS" "$IDLE"
    printf 'JDK %s (%s), %s cores, node pinned: %s, AOT cache: %s, load average before/after: %s / %s\n\n' \
        "$(java_major "$JAVA")" "$JAVA_HOME" "$(nproc)" "$PINNING" "$AOT_STATE" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%s\n' "$REPORT"
} | tee "$OUT/startup-report.txt"
if (( status != 0 )); then
    say "startup: target missed"
    exit 1
fi
