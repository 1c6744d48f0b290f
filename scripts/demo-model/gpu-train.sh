#!/usr/bin/env bash
# Trains the demo model on the GPU machine (Python + torch, no node, no network), from the repo root:
#   bash scripts/demo-model/gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]
# CARRY_DIR is what `npx tsx scripts/demo-model/make-data.ts .demo-carry` wrote here (train.bin.gz, valid.bin.gz,
# meta.json, crosscheck.json). SECONDS (default 165) is the wall-time budget of the training steps (the schedule
# follows the clock); loading, validation and saving add about 15-25 s. DEVICE (auto) and TOKENS (65536 padded
# tokens per batch), VALID_ROWS (0 = all 1,000) override the defaults (a CPU check: DEVICE=cpu TOKENS=256
# VALID_ROWS=20 and a budget of 30). Writes the four artefacts (weights.bin, weights.json, vocab.json,
# training-log.txt; 8.2 MB in all) into OUT_DIR, the log as it goes; they belong in scripts/demo-model/artifacts/.
set -euo pipefail
CARRY="${1:?usage: gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]}"
OUT="${2:?usage: gpu-train.sh CARRY_DIR OUT_DIR [SECONDS]}"
BUDGET="${3:-165}"
PY="${PYTHON:-python3}"
mkdir -p "$OUT"
CARRY="$(cd "$CARRY" && pwd)"
OUT="$(cd "$OUT" && pwd)"
cd "$(dirname "$0")/../.."
"$PY" -c 'import torch, numpy; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
"$PY" scripts/demo-model/train.py selftest x
"$PY" scripts/demo-model/train.py "$CARRY" "$OUT" --seconds "$BUDGET" --device "${DEVICE:-auto}" --tokens "${TOKENS:-65536}" --valid-rows "${VALID_ROWS:-0}"
ls -l "$OUT"
