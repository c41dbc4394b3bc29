#!/usr/bin/env bash
# Regenerates the TypeScript types of every OpenAPI document (contracts/openapi/*.yaml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mkdir -p contracts/openapi/generated
for doc in contracts/openapi/*.yaml; do
  name="$(basename "$doc" .yaml)"
  npx --no-install openapi-typescript "$doc" -o "contracts/openapi/generated/$name.ts" --silent
done
