#!/usr/bin/env bash
# Hot reads and the quote against the server's floor: every call below measured side by side with
# GET /health/live (the cheapest endpoint of the same node) in each round, on the demo data.
#
# Starts its own demo node on a free loopback port with a throwaway H2 data directory, logs in
# (client JWT, the demo reseller's OAuth token, the demo services API key), drives the node with
# wrk and prints a table: req/s, p50/p99, server CPU per request and the ratio to the floor (the
# median over rounds of the per-round ratio). Exits 1 when a target is missed, 2 when it cannot
# run: every hot read >= 0.5 x floor, POST /api/quote >= 0.25 x floor.
#
# Knobs (environment): BENCH_DURATION (s, default 5), BENCH_WARMUP (s per endpoint, default 5),
# BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 16), BENCH_JAVA_OPTS (extra JVM flags),
# BENCH_ONLY (a regular expression on the names below: measure only those, plus the floor),
# BENCH_JFR=1 (record a JFR profile of the measured rounds to bench/out/hot-reads.jfr; the
# profiler costs CPU, so take figures from a run without it), BENCH_NO_PIN=1.
set -euo pipefail
BENCH_NAME=hot-reads
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION="${BENCH_DURATION:-5}"
WARMUP="${BENCH_WARMUP:-5}"
ROUNDS="${BENCH_ROUNDS:-3}"
TARGET_READ="0.5"
TARGET_QUOTE="0.25"
USER_EMAIL="demo@example.com"
USER_PASSWORD="Demo-pass-1"
PARTNER_ID="01977c18-0fab-73bd-b8d1-7124b0186f0f" # PartnerDemo.CLIENT_ID
PARTNER_SECRET="demo-partner-secret"
V1_KEY="stk_demo-services-api-key"

use_jdk
need_wrk
build_jar
start_node

# --- credentials and the demo's ids -----------------------------------------------------------------
login() {
    local body token
    body="$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$USER_EMAIL\",\"password\":\"$USER_PASSWORD\"}" "$BASE/api/login")" \
        || die "POST /api/login failed"
    token="$(printf '%s' "$body" | sed -n 's/.*"token" *: *"\([^"]*\)".*/\1/p')"
    [[ -n "$token" ]] || die "no token in login response: $body"
    JWT="Bearer $token"
}
partner_login() {
    local body token
    body="$(curl -fsS -X POST -d "grant_type=client_credentials&client_id=$PARTNER_ID&client_secret=$PARTNER_SECRET" \
        "$BASE/partner/auth/token")" || die "POST /partner/auth/token failed"
    token="$(printf '%s' "$body" | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')"
    [[ -n "$token" ]] || die "no access_token in the partner token response: $body"
    PARTNER="Bearer $token"
}
get() { curl -fsS -H "Authorization: $1" "$BASE$2" || die "GET $2 failed"; }

login
partner_login
INVOICE_ID="$(get "$JWT" /api/invoice | grep -o '"id":"[0-9]*"' | head -n1 | tr -dc 0-9)"
[[ -n "$INVOICE_ID" ]] || die "the demo client has no invoice"
CATEGORY_ID="$(get "$JWT" /api/category | grep -o '"id":"[0-9]*"' | head -n1 | tr -dc 0-9)"
[[ -n "$CATEGORY_ID" ]] || die "the demo catalog has no category"
PRODUCT_ID="$(get "$JWT" "/api/category/$CATEGORY_ID/product" | grep -o '"id":"[0-9]*"' | head -n1 | tr -dc 0-9)"
[[ -n "$PRODUCT_ID" ]] || die "category $CATEGORY_ID has no product"
SERVICE_ID="" ZONE_ID=""
for sid in $(get "$JWT" /api/service | grep -o '"id":"[0-9]*"' | tr -dc '0-9\n'); do
    # Services without DNS answer 404 here: not an error, just not the one.
    ZONE_ID="$(curl -fsS -H "Authorization: $JWT" "$BASE/api/service/$sid/dns" 2>/dev/null \
        | grep -o '"domain_id":"[0-9]*"' | head -n1 | tr -dc 0-9)" || true
    if [[ -n "$ZONE_ID" ]]; then SERVICE_ID="$sid"; break; fi
done
[[ -n "$SERVICE_ID" ]] || die "no demo service with a DNS zone"
QUOTE_BODY="{\"items\":[{\"type\":\"product\",\"product_id\":$PRODUCT_ID,\"cycle\":\"m\"}]}"

# --- what is measured ---------------------------------------------------------------------------------
# name | method | path | credential (jwt, partner, v1 or none) | target ("floor" is the reference)
ENDPOINTS=(
    "floor|GET|/health/live|none|floor"
    "details|GET|/api/details|jwt|$TARGET_READ"
    "invoices|GET|/api/invoice|jwt|$TARGET_READ"
    "invoice|GET|/api/invoice/$INVOICE_ID|jwt|$TARGET_READ"
    "service|GET|/api/service/$SERVICE_ID|jwt|$TARGET_READ"
    "dns-zone|GET|/api/service/$SERVICE_ID/dns/$ZONE_ID|jwt|$TARGET_READ"
    "products|GET|/api/category/$CATEGORY_ID/product|jwt|$TARGET_READ"
    "quote|POST|/api/quote|jwt|$TARGET_QUOTE"
    "partner-clients|GET|/partner/clients|partner|$TARGET_READ"
    "v1-services|GET|/v1/services|v1|$TARGET_READ"
    "v1-invoices|GET|/v1/billing/invoices|v1|$TARGET_READ"
    # --- web pages: the web dialect adds its page URLs here, one line each, e.g.
    # "web-dashboard|GET|/clientarea|web|$TARGET_READ"  (with a "web" credential in auth_for)
)
if [[ -n "${BENCH_ONLY:-}" ]]; then
    kept=()
    for e in "${ENDPOINTS[@]}"; do
        n="${e%%|*}"
        if [[ "$n" == floor ]] || [[ "$n" =~ $BENCH_ONLY ]]; then kept+=("$e"); fi
    done
    ENDPOINTS=("${kept[@]}")
fi

auth_for() {
    case "$1" in
        jwt) printf '%s' "$JWT" ;;
        partner) printf '%s' "$PARTNER" ;;
        v1) printf 'Bearer %s' "$V1_KEY" ;;
        *) printf '' ;;
    esac
}

measure() { # ENTRY SECONDS -> RPS P50 P99 CPU_US
    local name method path cred target body=""
    IFS='|' read -r name method path cred target <<<"$1"
    [[ "$method" == POST ]] && body="$QUOTE_BODY"
    wrk_run "$name" "$BASE$path" "$(auth_for "$cred")" "$2" "$method" "$body" application/json
}

check() { # ENTRY: one request answers 2xx
    local name method path cred target code
    IFS='|' read -r name method path cred target <<<"$1"
    if [[ "$method" == POST ]]; then
        code="$(curl -sS -o /dev/null -w '%{http_code}' -X POST -H "Authorization: $(auth_for "$cred")" \
            -H 'Content-Type: application/json' -d "$QUOTE_BODY" "$BASE$path")"
    else
        code="$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: $(auth_for "$cred")" "$BASE$path")"
    fi
    [[ "$code" == 2* ]] || die "$name: $method $path answered $code"
}

: >"$OUT/hot-reads-wrk-raw.txt"
RESULTS="$OUT/hot-reads-results.txt"
: >"$RESULTS"
N=${#ENDPOINTS[@]}
say "hot-reads: server pid $SERVER_PID on $BASE (JDK $(java_major "$JAVA"), $(nproc) cores, pinning: $PINNING)"
say "hot-reads: $ROUNDS rounds x ${DURATION}s per endpoint, ${BENCH_CONNECTIONS:-16} connections, warm-up ${WARMUP}s each"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"

for e in "${ENDPOINTS[@]}"; do check "$e"; done
for e in "${ENDPOINTS[@]}"; do
    say "hot-reads: warm-up ${e%%|*}"
    measure "$e" "$WARMUP"
done
if [[ -n "${BENCH_JFR:-}" ]]; then
    jcmd_out="$("$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.start name=hot settings=profile filename="$OUT/hot-reads.jfr" 2>&1)" \
        || say "hot-reads: could not start JFR: $jcmd_out"
fi

for round in $(seq 1 "$ROUNDS"); do
    login # fresh tokens per round keep them far from expiry
    partner_login
    for k in $(seq 0 $(( N - 1 ))); do
        e="${ENDPOINTS[$(( (k + round - 1) % N ))]}" # rotate the order so no endpoint always runs first
        measure "$e" "$DURATION"
        IFS='|' read -r name _ _ _ target <<<"$e"
        printf '%s %s %s %s %s %s %s\n' "$round" "$name" "$RPS" "$P50" "$P99" "$CPU_US" "$target" >>"$RESULTS"
        say "hot-reads: round $round $name: ${RPS} req/s, p50 ${P50} ms, p99 ${P99} ms, server CPU ${CPU_US} us/req"
    done
done
if [[ -n "${BENCH_JFR:-}" ]]; then
    "$JAVA_HOME/bin/jcmd" "$SERVER_PID" JFR.stop name=hot >/dev/null 2>&1 || true
    say "hot-reads: profile in $OUT/hot-reads.jfr (jfr print --events jdk.ExecutionSample, jfr view hot-methods)"
fi

# --- report -------------------------------------------------------------------------------------------
# Per endpoint: medians over rounds. The ratio is taken within each round (the floor measured in the
# same round, under the same outside load), then the median over rounds. "by CPU" is the floor's
# CPU per request over the endpoint's: what the ratio would be on an otherwise idle machine.
ORDER="$(for e in "${ENDPOINTS[@]}"; do printf '%s ' "${e%%|*}"; done)"
REPORT="$(awk -v order="$ORDER" '
    function median(arr, n,    i, j, t, a) {
        for (i = 1; i <= n; i++) a[i] = arr[i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
        return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
    }
    { r = $1; rps[$2, r] = $3; p50[$2, r] = $4; p99[$2, r] = $5; cpu[$2, r] = $6; target[$2] = $7; if (r > rounds) rounds = r }
    END {
        n = split(order, names, " "); ok = 1
        printf "%-16s %9s %8s %8s %11s %8s %8s %7s  %s\n", "endpoint", "req/s", "p50 ms", "p99 ms", "CPU us/req", "x floor", "by CPU", "target", ""
        for (k = 1; k <= n; k++) {
            nm = names[k]
            for (r = 1; r <= rounds; r++) {
                a[r] = rps[nm, r]; b[r] = p50[nm, r]; c[r] = p99[nm, r]; d[r] = cpu[nm, r]
                x[r] = rps[nm, r] / rps["floor", r]; y[r] = cpu["floor", r] / cpu[nm, r]
            }
            ratio = median(x, rounds)
            if (target[nm] == "floor") { verdict = ""; tg = "" }
            else { tg = ">= " target[nm]; verdict = (ratio >= target[nm]) ? "PASS" : "FAIL"; if (verdict == "FAIL") ok = 0 }
            printf "%-16s %9.0f %8.3f %8.3f %11.1f %8.2f %8.2f %7s  %s\n", nm, median(a, rounds), median(b, rounds), median(c, rounds), median(d, rounds), ratio, median(y, rounds), tg, verdict
        }
        exit ok ? 0 : 1
    }' "$RESULTS")" && status=0 || status=$?

finish "Steward hot reads: $ROUNDS rounds x ${DURATION}s per endpoint (warm-up ${WARMUP}s each), ${BENCH_CONNECTIONS:-16} connections, wrk -t1"
