#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind and builds it:
# the pinned Node LTS, npm dependencies (from the lock file), the compiled services in dist/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$ASSAY_ROOT/deploy/ensure-node.sh"
cd "$ASSAY_ROOT"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[install] npm install from the lock file (Node $(node --version))" >&2
  # Not `npm ci`: npm 11 writes lock files without the other platforms' optional packages
  # (@swc/core-darwin-*, ...) and `npm ci` then refuses them as out of sync. `npm install`
  # installs the locked versions and leaves the lock file unchanged.
  npm install --no-audit --no-fund --loglevel=error
fi
echo "[install] building" >&2
npm run -s build
