#!/usr/bin/env bash
# Installs LibreOffice Calc (headless, Debian's libreoffice-calc-nogui) when `soffice` is missing.
# The integration specs use it as an independent spreadsheet engine: it recalculates the OWASP AIMA
# toolkit workbook's own formulas, so our importer and exporter are checked against real Calc
# numbers rather than against an evaluator of our own. Idempotent; runs `apt-get update` only
# when the package lists do not offer the package (or the install fails on a stale list).
set -euo pipefail
if command -v soffice >/dev/null 2>&1; then exit 0; fi
_sudo=""
if [ "$(id -u)" -ne 0 ]; then _sudo="sudo"; fi
_pkg="libreoffice-calc-nogui"
_install() { DEBIAN_FRONTEND=noninteractive $_sudo apt-get install -y -q --no-install-recommends "$_pkg" >&2; }
echo "[ensure-libreoffice] installing $_pkg" >&2
if ! apt-cache policy "$_pkg" 2>/dev/null | grep -q 'Candidate: [0-9]' || ! _install; then
  echo "[ensure-libreoffice] apt-get update, then installing again" >&2
  $_sudo apt-get update -q >&2
  _install
fi
command -v soffice >/dev/null 2>&1 || { echo "[ensure-libreoffice] soffice still missing after install" >&2; exit 1; }
