#!/usr/bin/env bash
# Runs the generator benchmark (ours, float32) and the PyTorch peer in one go and prints both and the ratio.
# Usage: tools/bench_generator.sh [--hidden 128,256] [--iters 20] [--repeats 3] [--no-peer]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl generator -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
CP="generator/target/classes:tensor/target/classes:common/target/classes:$(cat generator/target/classpath.txt)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
exec java -Xmx2g --add-modules jdk.incubator.vector -cp "$CP" org.textgan.generator.bench.GeneratorBench "$@"
