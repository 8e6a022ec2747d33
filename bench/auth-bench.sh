#!/usr/bin/env bash
# Authentication overhead benchmark: GET /api/details with Basic auth vs with a Bearer JWT, and
# both against GET /health/live (the cheapest JSON endpoint of the same server) as the ceiling.
#
# Starts its own demo node on a free loopback port with a throwaway H2 data directory, drives it
# with wrk, prints a table and exits 1 when a target is missed (2 when it cannot run at all):
#   Basic throughput          >= 0.9 x JWT throughput
#   /details (JWT) throughput >= 0.5 x /health/live throughput
#
# Knobs (environment): BENCH_DURATION (s, default 10), BENCH_WARMUP (s per endpoint, default 15),
# BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16), BENCH_JAVA_OPTS (extra JVM flags),
# BENCH_NO_PIN=1 (do not pin server and wrk to separate cores). Not part of the test suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/out"
DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-15}"
ROUNDS="${BENCH_ROUNDS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
TARGET_BASIC_VS_JWT="0.9"
TARGET_DETAILS_VS_MINIMAL="0.5"
USER_EMAIL="demo@example.com"
USER_PASSWORD="Demo-pass-1"

say() { printf '%s\n' "$*" >&2; }
die() { say "auth-bench: $*"; exit 2; }

# --- JDK >= 21: JAVA_HOME, else java on PATH, else the newest under /usr/lib/jvm ------------------
java_major() {
    local v
    v="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)" || return 1
    v="${v#1.}"
    printf '%s' "${v%%.*}"
}

find_java_home() {
    local j m best="" best_m=0
    if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
        m="$(java_major "$JAVA_HOME/bin/java" || echo 0)"
        if (( m >= 21 )); then printf '%s' "$JAVA_HOME"; return 0; fi
    fi
    if j="$(command -v java)"; then
        m="$(java_major "$j" || echo 0)"
        if (( m >= 21 )); then
            j="$(readlink -f "$j")"
            printf '%s' "${j%/bin/java}"
            return 0
        fi
    fi
    for j in /usr/lib/jvm/*/bin/java; do
        [[ -x "$j" ]] || continue
        m="$(java_major "$j" || echo 0)"
        if (( m >= 21 && m > best_m )); then best_m=$m; best="${j%/bin/java}"; fi
    done
    [[ -n "$best" ]] && { printf '%s' "$best"; return 0; }
    return 1
}

JAVA_HOME="$(find_java_home)" || die "no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm/*)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"

# --- tools ----------------------------------------------------------------------------------------
command -v curl >/dev/null || die "curl is required"
if ! command -v wrk >/dev/null; then
    say "auth-bench: wrk is not installed (Debian package 'wrk')."
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        say "auth-bench: installing it now: apt-get install -y wrk"
        apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } \
            || die "could not install wrk; install it with: apt-get install -y wrk"
    else
        die "install it with: sudo apt-get install -y wrk"
    fi
fi
PIN_SERVER=()
PIN_WRK=()
if [[ -z "${BENCH_NO_PIN:-}" ]] && command -v taskset >/dev/null && (( $(nproc) >= 2 )); then
    PIN_SERVER=(taskset -c 0)
    PIN_WRK=(taskset -c 1)
fi

# --- build if the jar is missing or older than the sources ----------------------------------------
JAR="$ROOT/target/steward.jar"
if [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
    command -v mvn >/dev/null || die "target/steward.jar needs building and Maven (mvn) is not installed"
    say "auth-bench: building target/steward.jar with $JAVA_HOME"
    (cd "$ROOT" && { mvn -q -B -o package -DskipTests >&2 || mvn -q -B package -DskipTests >&2; }) \
        || die "build failed"
fi

# --- start the node -------------------------------------------------------------------------------
free_port() {
    local p
    for _ in $(seq 1 50); do
        p=$(( 20000 + RANDOM % 40000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then printf '%s' "$p"; return 0; fi
    done
    return 1
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/steward-bench.XXXXXX")"
SERVER_PID=""
cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PORT="$(free_port)" || die "no free port found"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$OUT"
SERVER_LOG="$OUT/server.log"
# shellcheck disable=SC2086
STEWARD_ACCESS_LOG_LEVEL=WARN "${PIN_SERVER[@]}" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
    serve --demo --host 127.0.0.1 --port "$PORT" --data "$WORK/data" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

for i in $(seq 1 120); do
    if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; die "server exited during start-up"; }
    (( i == 120 )) && { cat "$SERVER_LOG" >&2; die "server not healthy after 60 s"; }
    sleep 0.5
done
# Something else may have taken the port between the check and the bind: make sure the node that
# answered is ours.
kill -0 "$SERVER_PID" 2>/dev/null && grep -q "serving on http://127.0.0.1:$PORT " "$SERVER_LOG" \
    || { cat "$SERVER_LOG" >&2; die "the server on port $PORT is not the one this script started"; }

# --- credentials ----------------------------------------------------------------------------------
BASIC="Basic $(printf '%s:%s' "$USER_EMAIL" "$USER_PASSWORD" | base64 | tr -d '\n')"

login() {
    local body token
    body="$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\"}" "$BASE/api/login")" \
        || die "POST /api/login failed"
    token="$(printf '%s' "$body" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
    [[ -n "$token" ]] || die "no token in login response: $body"
    printf 'Bearer %s' "$token"
}

check() { # name path auth
    local code
    code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: $3" "$BASE$2")"
    [[ "$code" == 200 ]] || die "$1: GET $2 answered $code, expected 200"
}

# --- measuring ------------------------------------------------------------------------------------
CLK_TCK="$(getconf CLK_TCK)"
server_cpu_ticks() { # user + system CPU of the server process so far, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"
}

# run NAME PATH AUTH SECONDS -> sets RPS P50 P99 CPU_US (in this shell, so a failure stops the
# script). CPU_US is the server's CPU time per request: unlike throughput it hardly moves when
# other work shares the machine, so it tells a real change from noise.
run() {
    local name="$1" path="$2" auth="$3" secs="$4" raw line t0 t1 reqs non2xx sock
    t0="$(server_cpu_ticks)"
    raw="$(BENCH_AUTH="$auth" "${PIN_WRK[@]}" wrk -t1 -c"$CONNECTIONS" -d"${secs}s" --latency \
        -s "$BENCH/report.lua" "$BASE$path")" || die "wrk failed for $name"
    t1="$(server_cpu_ticks)"
    printf '%s\n' "$raw" >>"$OUT/wrk-raw.txt"
    line="$(printf '%s\n' "$raw" | grep '^RESULT ')" || die "no RESULT line from wrk for $name"
    field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$line"; }
    non2xx="$(field non2xx)"
    sock="$(field socket_errors)"
    reqs="$(field requests)"
    RPS="$(field rps)"
    P50="$(field p50_ms)"
    P99="$(field p99_ms)"
    [[ -n "$RPS" && -n "$P50" && -n "$P99" && -n "$reqs" && "$reqs" -gt 0 ]] || die "unreadable wrk result for $name: $line"
    (( non2xx == 0 )) || die "$name: $non2xx responses were not 2xx"
    (( sock == 0 )) || say "auth-bench: $name: $sock socket errors"
    CPU_US="$(awk -v d="$(( t1 - t0 ))" -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.1f", d * 1e6 / hz / n }')"
}

NAMES=(basic jwt minimal)
PATHS=(/api/details /api/details /health/live)
LABELS=("GET /api/details, Basic" "GET /api/details, Bearer JWT" "GET /health/live (minimal)")

auth_for() { # index jwt
    case "$1" in 0) printf '%s' "$BASIC" ;; 1) printf '%s' "$2" ;; *) printf '' ;; esac
}

: >"$OUT/wrk-raw.txt"
RESULTS="$OUT/results.txt"
: >"$RESULTS"

PINNING="none"
(( ${#PIN_SERVER[@]} > 0 )) && PINNING="server on cpu 0, wrk on cpu 1 (taskset)"
say "auth-bench: server pid $SERVER_PID on $BASE (JDK $(java_major "$JAVA") at $JAVA_HOME, $(nproc) cores, pinning: $PINNING)"
say "auth-bench: $ROUNDS rounds x ${DURATION}s per endpoint, $CONNECTIONS connections, warm-up ${WARMUP}s each"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
JWT="$(login)"
for i in 0 1 2; do check "${NAMES[$i]}" "${PATHS[$i]}" "$(auth_for $i "$JWT")"; done
for i in 0 1 2; do
    say "auth-bench: warm-up ${NAMES[$i]}"
    run "${NAMES[$i]}" "${PATHS[$i]}" "$(auth_for $i "$JWT")" "$WARMUP"
done

for round in $(seq 1 "$ROUNDS"); do
    JWT="$(login)" # a fresh token per round keeps it far from its 15-minute expiry
    for k in 0 1 2; do
        i=$(( (k + round - 1) % 3 )) # rotate the order so no endpoint always runs first
        run "${NAMES[$i]}" "${PATHS[$i]}" "$(auth_for $i "$JWT")" "$DURATION"
        printf '%s %s %s %s %s %s\n' "$round" "${NAMES[$i]}" "$RPS" "$P50" "$P99" "$CPU_US" >>"$RESULTS"
        say "auth-bench: round $round ${NAMES[$i]}: ${RPS} req/s, p50 ${P50} ms, p99 ${P99} ms, server CPU ${CPU_US} us/req"
    done
done

# --- report ---------------------------------------------------------------------------------------
# Per endpoint: the median over rounds. Ratios: computed within each round (same conditions), then
# the median over rounds. The CPU-based ratios (inverse ratio of server CPU per request) are what
# the throughput ratios would be on an otherwise idle machine; they are shown, not judged.
REPORT="$(awk -v tb="$TARGET_BASIC_VS_JWT" -v td="$TARGET_DETAILS_VS_MINIMAL" \
    -v l0="${LABELS[0]}" -v l1="${LABELS[1]}" -v l2="${LABELS[2]}" '
    function median(arr, n,    i, j, t, a) {
        for (i = 1; i <= n; i++) a[i] = arr[i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
        return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
    }
    { r = $1; rps[$2, r] = $3; p50[$2, r] = $4; p99[$2, r] = $5; cpu[$2, r] = $6; if (r > rounds) rounds = r }
    END {
        split("basic jwt minimal", names, " ")
        label["basic"] = l0; label["jwt"] = l1; label["minimal"] = l2
        printf "%-30s %9s %8s %8s %12s   %s\n", "endpoint", "req/s", "p50 ms", "p99 ms", "CPU us/req", "req/s per round"
        for (k = 1; k <= 3; k++) {
            nm = names[k]; per = ""
            for (r = 1; r <= rounds; r++) {
                a[r] = rps[nm, r]; b[r] = p50[nm, r]; c[r] = p99[nm, r]; d[r] = cpu[nm, r]
                per = per sprintf(" %.0f", rps[nm, r])
            }
            printf "%-30s %9.0f %8.3f %8.3f %12.1f  %s\n", label[nm], median(a, rounds), median(b, rounds), median(c, rounds), median(d, rounds), per
        }
        for (r = 1; r <= rounds; r++) {
            x[r] = rps["basic", r] / rps["jwt", r]; y[r] = rps["jwt", r] / rps["minimal", r]
            cx[r] = cpu["jwt", r] / cpu["basic", r]; cy[r] = cpu["minimal", r] / cpu["jwt", r]
        }
        bj = median(x, rounds); dm = median(y, rounds)
        printf "\n%-40s %6.2f  target >= %-4s %s   (by CPU/req: %.2f)\n", "Basic / JWT (throughput)", bj, tb, (bj >= tb ? "PASS" : "FAIL"), median(cx, rounds)
        printf "%-40s %6.2f  target >= %-4s %s   (by CPU/req: %.2f)\n", "/details (JWT) / minimal (throughput)", dm, td, (dm >= td ? "PASS" : "FAIL"), median(cy, rounds)
        exit (bj >= tb && dm >= td) ? 0 : 1
    }' "$RESULTS")" && status=0 || status=$?

{
    printf '\nSteward auth benchmark: %s rounds x %ss per endpoint (warm-up %ss each), %s connections, wrk -t1\n' \
        "$ROUNDS" "$DURATION" "$WARMUP" "$CONNECTIONS"
    printf 'JDK %s (%s), %s cores, pinning: %s, load average before/after: %s / %s\n\n' \
        "$(java_major "$JAVA")" "$JAVA_HOME" "$(nproc)" "$PINNING" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%s\n' "$REPORT"
    if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        printf '\nWARNING: the machine was busy before the run (load %s on %s cores): throughput and its\n' "${LOAD_BEFORE%% *}" "$(nproc)"
        printf 'ratios follow the other load; the CPU/req ratios are the reliable ones.\n'
    fi
} | tee "$OUT/report.txt"
if (( status != 0 )); then
    say "auth-bench: target missed"
    exit 1
fi
