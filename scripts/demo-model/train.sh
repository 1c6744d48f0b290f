#!/usr/bin/env bash
# The whole pipeline on this machine (CPU): data (TypeScript, our Harmony renderer, seeded) -> training
# (PyTorch; Debian's python3-torch is enough) -> both ONNX twins in public/models/overtone-tiny-demo ->
# PyTorch-vs-ONNX cross-check. The real model is trained on a GPU with gpu-train.sh (docs/demo-model.md); here
# the defaults make a smoke run (STEPS=40, TOKENS=512 padded tokens per batch: minutes, not a usable model).
# OUT (default /tmp/overtone-demo-artifacts) receives the artefacts; copy them to scripts/demo-model/artifacts/
# to keep them. PYTHON names the interpreter; DATA the data folder (made when missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-/usr/bin/python3}"
DATA="${DATA:-.demo-carry}"
OUT="${OUT:-/tmp/overtone-demo-artifacts}"
[ -f "$DATA/meta.json" ] || npx tsx scripts/demo-model/make-data.ts "$DATA"
OMP_NUM_THREADS=1 "$PYTHON" scripts/demo-model/train.py "$DATA" "$OUT" --steps "${STEPS:-40}" --tokens "${TOKENS:-512}" --valid-rows "${VALID_ROWS:-40}" --device cpu
npx tsx scripts/demo-model/build-demo.ts public/models/overtone-tiny-demo "$OUT"
"$PYTHON" scripts/demo-model/crosscheck.py "$DATA" "$OUT" /tmp/overtone-demo-logits.json 40
npx tsx scripts/demo-model/crosscheck.ts /tmp/overtone-demo-logits.json "$OUT"
