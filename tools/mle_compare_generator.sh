#!/usr/bin/env bash
# Trains our generator and the PyTorch peer on the same encoded text and batches; prints validation bits/char.
# Usage: tools/mle_compare_generator.sh [--steps 1000] [--hidden 128] [--out DIR] [TEXT_FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl generator -am -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
CP="generator/target/classes:tensor/target/classes:common/target/classes:$(cat generator/target/classpath.txt)"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
exec java -Xmx2g --add-modules jdk.incubator.vector -cp "$CP" org.textgan.generator.bench.MleCompare "$@"
