#!/usr/bin/env bash
# Trains the demo model on the GPU machine (Python + torch, no node, no network), from the repo root:
#   bash scripts/demo-model/gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]
# CARRY_DIR is what `npx tsx scripts/demo-model/make-data.ts .demo-carry` wrote here (train.bin.gz, valid.bin.gz,
# meta.json, crosscheck.json). SECONDS (default 165) is the wall-time budget of the training steps; data
# loading, calibration and saving add about 20 s. DEVICE (auto) and TOKENS (65536 padded tokens per batch)
# override the defaults (a CPU check: DEVICE=cpu TOKENS=256 and a budget of 30). Copies the four artefacts (weights.bin, weights.json,
# vocab.json, training-log.txt; each well under 16 MiB) into OUT_DIR; they go to scripts/demo-model/artifacts/.
set -euo pipefail
CARRY="${1:?usage: gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]}"
OUT="${2:?usage: gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]}"
BUDGET="${3:-165}"
PY="${PYTHON:-python3}"
mkdir -p "$OUT"
CARRY="$(cd "$CARRY" && pwd)"
OUT="$(cd "$OUT" && pwd)"
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d)"
"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
"$PY" scripts/demo-model/train.py selftest x
"$PY" scripts/demo-model/train.py "$CARRY" "$WORK" --seconds "$BUDGET" --device "${DEVICE:-auto}" --tokens "${TOKENS:-65536}"
for f in weights.bin weights.json vocab.json training-log.txt; do cp "$WORK/$f" "$OUT/$f"; done
ls -l "$OUT"
