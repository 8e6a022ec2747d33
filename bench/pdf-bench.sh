#!/usr/bin/env bash
# Invoice PDF rendering rate, one thread: the PDFBox renderer against the old hand-written writer
# on the same invoices, and the Factur-X download (bench/PdfBench.java). Exits 1 when the download
# makes fewer than 100 invoices per second. Knobs: BENCH_N (invoices per round, default 500), BENCH_ROUNDS (default 6).
# Needs a JDK 21+ (JAVA_HOME) and Maven with the project's dependencies in ~/.m2. Not part of the
# test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mvn -B -q -o compile
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime
# One thread: the benchmark renders on main; a single active processor keeps the JIT and GC from
# running beside it on other cores.
exec "$JAVA" -XX:ActiveProcessorCount=1 -cp "target/classes:$(cat "$CP_FILE")" bench/PdfBench.java
