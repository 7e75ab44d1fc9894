#!/usr/bin/env bash
# Runs the whole benchmark suite (about 14 minutes on 2 cores) and writes llm-bench/target/benchmarks.md,
# the tables the README shows. Extra arguments: the report path. To check a few benchmarks quickly:
#   JAVA_OPTS="-Dllm.bench.only=Matmul.*|Embedding.* -Dllm.bench.quick=true" llm-bench/run-benchmarks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests -pl llm-bench -am package dependency:build-classpath \
    -Dmdep.outputFile="$PWD/llm-bench/target/classpath.txt"
export POCL_CACHE_DIR="$PWD/llm-bench/target/pocl-cache"
java ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -Dllm.bench.target="$PWD/llm-bench/target" \
    -cp "llm-bench/target/classes:$(cat llm-bench/target/classpath.txt)" \
    org.llmfromscratch.bench.BenchmarkSuite "${1:-llm-bench/target/benchmarks.md}"
