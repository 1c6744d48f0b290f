#!/usr/bin/env bash
# Trains the shipped demo model on this kind of machine (2 CPU cores, Debian's python3-torch), from the repo root:
#   bash scripts/demo-model/cpu-train.sh CARRY_DIR OUT_DIR
# CARRY_DIR is what `npx tsx scripts/demo-model/make-data.ts .demo-carry` wrote. Two seeded stages with fixed
# step counts (not the clock; on 2 threads a rerun is close but not bit-identical, see train.py): 2,600 steps of 4,096 padded tokens from random weights (peak LR 3e-3; 74 minutes
# on 2 cores), then 1,000 more from those weights with a fresh optimiser and another seed (peak LR 1e-3;
# 29 minutes). Each stage warms up, decays on a cosine and fake-quantises its last 30% (4-bit, as exported).
# OUT_DIR gets the final artefacts; OUT_DIR/stage1 the first stage's. STEPS1 / STEPS2 override the step counts
# (a quick check of the script: STEPS1=2 STEPS2=2).
# Debian's torch multiplies matrices through libblas.so.3; with the reference BLAS that Debian installs by
# default it runs at ~3 GFLOP/s, with OpenBLAS (`apt-get install libopenblas0-pthread`, which takes over the
# libblas.so.3 alternative) at ~37 GFLOP/s on the same 2 cores: the script refuses to start without it.
set -euo pipefail
CARRY="${1:?usage: cpu-train.sh CARRY_DIR OUT_DIR}"
OUT="${2:?usage: cpu-train.sh CARRY_DIR OUT_DIR}"
PY="${PYTHON:-/usr/bin/python3}"
cd "$(dirname "$0")/../.."
blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 || true)"
case "$blas" in
  *openblas*) ;;
  *) echo "libblas.so.3 is $blas, not OpenBLAS: install libopenblas0-pthread first (training would take ~12x longer)" >&2; exit 1 ;;
esac
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
"$PY" scripts/demo-model/train.py selftest x
"$PY" scripts/demo-model/train.py "$CARRY" "$OUT/stage1" --device cpu --threads 2 --steps "${STEPS1:-2600}" --tokens 4096 --valid-rows 0 \
  --config '{"hidden":128,"layers":4,"heads":4,"kv_heads":2,"head_dim":32,"experts":4,"inter":128}'
"$PY" scripts/demo-model/train.py "$CARRY" "$OUT" --device cpu --threads 2 --steps "${STEPS2:-1000}" --tokens 4096 --valid-rows 0 \
  --init "$OUT/stage1" --lr 1e-3 --seed 4321
# One log for the committed artefacts: both stages in order.
{ echo "# stage 1"; cat "$OUT/stage1/training-log.txt"; echo "# stage 2"; cat "$OUT/training-log.txt"; } > "$OUT/training-log.both"
mv "$OUT/training-log.both" "$OUT/training-log.txt"
ls -l "$OUT"
