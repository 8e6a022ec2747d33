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
BENCH_NAME=auth-bench
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION="${BENCH_DURATION:-10}"
WARMUP="${BENCH_WARMUP:-15}"
ROUNDS="${BENCH_ROUNDS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
export BENCH_CONNECTIONS="$CONNECTIONS"
TARGET_BASIC_VS_JWT="0.9"
TARGET_DETAILS_VS_MINIMAL="0.5"
USER_EMAIL="demo@example.com"
USER_PASSWORD="Demo-pass-1"

use_jdk
need_wrk
build_jar
start_node

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

# run NAME PATH AUTH SECONDS -> sets RPS P50 P99 CPU_US (bench/lib.sh)
run() { wrk_run "$1" "$BASE$2" "$3" "$4"; }

NAMES=(basic jwt minimal)
PATHS=(/api/details /api/details /health/live)
LABELS=("GET /api/details, Basic" "GET /api/details, Bearer JWT" "GET /health/live (minimal)")

auth_for() { # index jwt
    case "$1" in 0) printf '%s' "$BASIC" ;; 1) printf '%s' "$2" ;; *) printf '' ;; esac
}

: >"$OUT/auth-bench-wrk-raw.txt"
RESULTS="$OUT/auth-bench-results.txt"
: >"$RESULTS"

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

finish "Steward auth benchmark: $ROUNDS rounds x ${DURATION}s per endpoint (warm-up ${WARMUP}s each), $CONNECTIONS connections, wrk -t1"
