#!/usr/bin/env bash
# Continues a trained demo model on the current training data (stages 3, 4 and 5 of the shipped model), from the repo root:
#   bash scripts/demo-model/cpu-continue.sh CARRY_DIR INIT_DIR OUT_DIR
# CARRY_DIR: what `npx tsx scripts/demo-model/make-data.ts CARRY_DIR` wrote from this commit's generator.
# INIT_DIR: the artefacts to start from (for stage 3: cpu-train.sh's output, i.e. the artefacts of commit 3ebb8c9;
# for stages 4 and 5: the previous stage's; docs/demo-model.md lists each stage's data commit, STEPS and SEED).
# Words the data gained get new rows (train.py load_grown).
# A fresh optimiser and seed, STEPS (default 2,000) of 4,096 padded tokens at a peak LR of 1e-3, warm-up,
# cosine, fake 4-bit quantisation in the last 30%: about 58 minutes on 2 cores (LR, SEED override). Same BLAS
# rule as cpu-train.sh.
set -euo pipefail
CARRY="${1:?usage: cpu-continue.sh CARRY_DIR INIT_DIR OUT_DIR}"
INIT="${2:?usage: cpu-continue.sh CARRY_DIR INIT_DIR OUT_DIR}"
OUT="${3:?usage: cpu-continue.sh CARRY_DIR INIT_DIR OUT_DIR}"
PY="${PYTHON:-/usr/bin/python3}"
cd "$(dirname "$0")/../.."
case "$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)" in
  *openblas*) ;;
  *) echo "libblas.so.3 is not OpenBLAS: install libopenblas0-pthread first (see cpu-train.sh)" >&2; exit 1 ;;
esac
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
"$PY" scripts/demo-model/train.py selftest x
"$PY" scripts/demo-model/train.py "$CARRY" "$OUT" --device cpu --threads 2 --steps "${STEPS:-2000}" --tokens 4096 --valid-rows 0 \
  --init "$INIT" --lr "${LR:-1e-3}" --seed "${SEED:-5678}"
# One log for the artefacts: the earlier stages' log, then this one.
{ cat "$INIT/training-log.txt"; echo "# continued: cpu-continue.sh STEPS=${STEPS:-2000} LR=${LR:-1e-3} SEED=${SEED:-5678}"; cat "$OUT/training-log.txt"; } > "$OUT/training-log.all"
mv "$OUT/training-log.all" "$OUT/training-log.txt"
ls -l "$OUT"
