#!/usr/bin/env bash
# One command, seeded end to end: data (TypeScript, our Harmony renderer) -> training (PyTorch from Debian's
# python3-torch, CPU, one thread: deterministic and faster than two on a shared 2-core box) -> ONNX twins.
# STEPS overrides the step count; PYTHON the interpreter (needs torch; Debian's is /usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON="${PYTHON:-/usr/bin/python3}"
DATA="node_modules/.cache/overtone-demo-data"
npx tsx scripts/demo-model/make-data.ts "$DATA"
OMP_NUM_THREADS=1 "$PYTHON" scripts/demo-model/train.py "$DATA" scripts/demo-model/artifacts "${STEPS:-7000}"
npx tsx scripts/demo-model/build-demo.ts
"$PYTHON" scripts/demo-model/crosscheck.py "$DATA" scripts/demo-model/artifacts /tmp/overtone-demo-logits.json 4 40
npx tsx scripts/demo-model/crosscheck.ts /tmp/overtone-demo-logits.json
