#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind and builds it:
# the pinned Node LTS, npm dependencies (exactly the lock file), Chromium (PDF reports), LibreOffice Calc (the independent
# spreadsheet engine of the workbook integration specs), the compiled services in dist/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ASSAY_ROOT/deploy/ensure-node.sh"
bash "$ASSAY_ROOT/deploy/ensure-libreoffice.sh"
bash "$ASSAY_ROOT/deploy/ensure-chromium.sh"
cd "$ASSAY_ROOT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm ci from the lock file (Node $(node --version))" >&2
  # The lock holds every platform's optional packages (@swc/core-darwin-*, ...), so `npm ci`
  # installs exactly what it lists and never rewrites it; .ci/run fails if it did.
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "[install] building" >&2
npm run -s build
