#!/usr/bin/env bash
# Installs Debian's Chromium (reporting prints PDF reports from their HTML with it, driven by
# playwright-core; browser specs open reports in it), fonts for its text, and poppler-utils (the
# specs count a PDF's pages with pdfinfo and rasterise them with pdftoppm). Idempotent.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
ensure_debian_packages chromium chromium fonts-dejavu-core fonts-liberation
ensure_debian_packages pdfinfo poppler-utils
