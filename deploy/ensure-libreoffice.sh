#!/usr/bin/env bash
# Installs LibreOffice Calc (headless, Debian's libreoffice-calc-nogui) when `soffice` is missing.
# The integration specs use it as an independent spreadsheet engine: it recalculates the OWASP AIMA
# toolkit workbook's own formulas, so our importer and exporter are checked against real Calc
# numbers rather than against an evaluator of our own.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt.sh"
ensure_debian_packages soffice libreoffice-calc-nogui
