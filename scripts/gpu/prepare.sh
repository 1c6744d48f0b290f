#!/bin/bash
# Packs the GPU benchmark (../shared/gpu) with this project's issue-12 harness, scripts/gpu/harness.ts, in
# the shared harness's place: same modes and files, so the shared run.sh drives it unchanged. From the
# project root:   bash scripts/gpu/prepare.sh        (SHARED_GPU=<folder> if ../shared/gpu is elsewhere)
# Then on the GPU machine, as ../shared/gpu/README.md says: carry [".gpu-carry", ".gl"], timeout 450 s,
#   EXPERIMENTS="e2 e3 e4" BUDGET=380 bash .gpu-carry/run.sh
# (The shared harness alone no longer fits the engine: it hooks transformers.js's model.forward.)
set -euo pipefail
SHARED=${SHARED_GPU:-../shared/gpu}
[ -f "$SHARED/prepare.sh" ] && [ -f "$SHARED/src/bundle.mjs" ] || { echo "scripts/gpu/prepare.sh: no GPU tool in $SHARED (set SHARED_GPU)" >&2; exit 1; }
[ -f scripts/gpu/harness.ts ] || { echo "scripts/gpu/prepare.sh: run me from the project root" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp -r "$SHARED"/. "$T"/
chmod -R u+w "$T"
printf "// Put here by scripts/gpu/prepare.sh: the project's issue-12 harness.\nimport 'project/scripts/gpu/harness';\n" > "$T/src/harness.ts"
bash "$T/prepare.sh"
