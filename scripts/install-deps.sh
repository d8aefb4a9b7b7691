#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on a fresh Debian 12 machine, as root:
# Ceph (mon, osd, radosgw) for a real local S3, Debian's chromium for Playwright, ripgrep and
# libkrb5-dev for code-server, then the npm dependencies of the project and of the test host.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(ceph-mon ceph-osd radosgw ceph-common chromium ripgrep libkrb5-dev)
missing=()
for package in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# @vscode/ripgrep (a code-server dependency) downloads rg from GitHub in its postinstall unless this
# cache file exists; GitHub is unreachable here, so seed the cache from Debian's rg.
rg_cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-1.15.11"
rg_archive="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$rg_archive" ]; then
  mkdir -p "$rg_cache"
  staging="$(mktemp -d)"
  cp /usr/bin/rg "$staging/rg"
  tar -czf "$rg_archive" -C "$staging" rg
  rm -rf "$staging"
fi

npm ci --no-audit --no-fund
# code-server lives in its own package (test/host/.npmrc sets unsafe-perm for its root postinstall).
(cd test/host && npm ci --no-audit --no-fund)
