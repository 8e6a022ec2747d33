# Shared by the HTTP benchmarks (sourced, not run): finding a JDK, building the jar, starting a
# throwaway node on a free loopback port, and measuring one endpoint with wrk plus the server's
# CPU time from /proc. The sourcing script sets BENCH_NAME (for messages) before sourcing.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
OUT="$BENCH/out"

say() { printf '%s\n' "$*" >&2; }
die() { say "${BENCH_NAME:-bench}: $*"; exit 2; }

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

use_jdk() {
    JAVA_HOME="$(find_java_home)" || die "no JDK 21 or newer found (JAVA_HOME, java on PATH, /usr/lib/jvm/*)"
    export JAVA_HOME
    JAVA="$JAVA_HOME/bin/java"
}

# --- tools ----------------------------------------------------------------------------------------
need_wrk() {
    command -v curl >/dev/null || die "curl is required"
    if ! command -v wrk >/dev/null; then
        say "${BENCH_NAME}: wrk is not installed (Debian package 'wrk')."
        if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
            say "${BENCH_NAME}: installing it now: apt-get install -y wrk"
            apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } \
                || die "could not install wrk; install it with: apt-get install -y wrk"
        else
            die "install it with: sudo apt-get install -y wrk"
        fi
    fi
}

PIN_SERVER=()
PIN_WRK=()
PINNING="none"
if [[ -z "${BENCH_NO_PIN:-}" ]] && command -v taskset >/dev/null && (( $(nproc) >= 2 )); then
    PIN_SERVER=(taskset -c 0)
    PIN_WRK=(taskset -c 1)
    PINNING="server on cpu 0, wrk on cpu 1 (taskset)"
fi

# --- build if the jar is missing or older than the sources ----------------------------------------
JAR="$ROOT/target/steward.jar"
build_jar() {
    if [[ ! -f "$JAR" || -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]]; then
        command -v mvn >/dev/null || die "target/steward.jar needs building and Maven (mvn) is not installed"
        say "${BENCH_NAME}: building target/steward.jar with $JAVA_HOME"
        (cd "$ROOT" && { mvn -q -B -o package -DskipTests >&2 || mvn -q -B package -DskipTests >&2; }) \
            || die "build failed"
    fi
}

# --- the node -------------------------------------------------------------------------------------
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
stop_node() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() {
    stop_node
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_healthy: polls $BASE/health every 0.1 s until it answers (dies after 180 s or when the
# server process exits).
wait_healthy() {
    local i
    for i in $(seq 1 1800); do
        if curl -fsS -o /dev/null "$BASE/health" 2>/dev/null; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; die "server exited during start-up"; }
        sleep 0.1
    done
    cat "$SERVER_LOG" >&2
    die "server not healthy after 180 s"
}

# start_node [extra serve args...]: a demo node on a free port with a throwaway H2 data directory,
# pinned to CPU 0; sets PORT, BASE, SERVER_PID, SERVER_LOG and waits for /health.
start_node() {
    PORT="$(free_port)" || die "no free port found"
    BASE="http://127.0.0.1:$PORT"
    mkdir -p "$OUT"
    SERVER_LOG="$OUT/${BENCH_NAME}-server.log"
    # shellcheck disable=SC2086
    STEWARD_ACCESS_LOG_LEVEL=WARN "${PIN_SERVER[@]}" "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
        serve --demo --host 127.0.0.1 --port "$PORT" --data "$WORK/data" "$@" >"$SERVER_LOG" 2>&1 &
    SERVER_PID=$!
    wait_healthy
    local i
    # Something else may have taken the port between the check and the bind: make sure the node
    # that answered is ours (it prints its banner just after /health starts answering).
    for i in $(seq 1 50); do
        grep -q "serving on http://127.0.0.1:$PORT " "$SERVER_LOG" && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.2
    done
    cat "$SERVER_LOG" >&2
    die "the server on port $PORT is not the one this script started"
}

# --- measuring ------------------------------------------------------------------------------------
CLK_TCK="$(getconf CLK_TCK)"
server_cpu_ticks() { # user + system CPU of the server process so far, in clock ticks
    awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"
}

# wrk_run NAME URL AUTH SECONDS [METHOD BODY CONTENT_TYPE] -> sets RPS P50 P99 CPU_US (in this
# shell, so a failure stops the script). CPU_US is the server's CPU time per request: unlike
# throughput it hardly moves when other work shares the machine, so it tells a real change from
# noise.
wrk_run() {
    local name="$1" url="$2" auth="$3" secs="$4" method="${5:-GET}" body="${6:-}" ctype="${7:-}"
    local raw line t0 t1 reqs non2xx sock
    t0="$(server_cpu_ticks)"
    raw="$(BENCH_AUTH="$auth" BENCH_METHOD="$method" BENCH_BODY="$body" BENCH_CONTENT_TYPE="$ctype" \
        "${PIN_WRK[@]}" wrk -t1 -c"${BENCH_CONNECTIONS:-16}" -d"${secs}s" --latency \
        -s "$BENCH/report.lua" "$url")" || die "wrk failed for $name"
    t1="$(server_cpu_ticks)"
    printf '%s\n' "$raw" >>"$OUT/${BENCH_NAME}-wrk-raw.txt"
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
    (( sock == 0 )) || say "${BENCH_NAME}: $name: $sock socket errors"
    CPU_US="$(awk -v d="$(( t1 - t0 ))" -v hz="$CLK_TCK" -v n="$reqs" 'BEGIN { printf "%.1f", d * 1e6 / hz / n }')"
}

# load_warning LOAD: a note under the report when the machine was busy (load above half the cores)
load_warning() {
    if awk -v l="$1" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
        printf '\nWARNING: the machine was busy before the run (load %s on %s cores): throughput and its\n' "$1" "$(nproc)"
        printf 'ratios follow the other load; the CPU-per-request ratios are the steadier ones.\n'
    fi
}

# finish TITLE: prints the report ($REPORT, $LOAD_BEFORE) with the machine's state to the terminal
# and to bench/out/$BENCH_NAME-report.txt, then exits 1 when $status says a target was missed.
finish() {
    {
        printf '\n%s\n' "$1"
        printf 'JDK %s (%s), %s cores, pinning: %s, load average before/after: %s / %s\n\n' \
            "$(java_major "$JAVA")" "$JAVA_HOME" "$(nproc)" "$PINNING" "$LOAD_BEFORE" "$(cut -d' ' -f1-3 /proc/loadavg)"
        printf '%s\n' "$REPORT"
        load_warning "${LOAD_BEFORE%% *}"
    } | tee "$OUT/${BENCH_NAME}-report.txt"
    if (( status != 0 )); then
        say "${BENCH_NAME}: target missed"
        exit 1
    fi
}
