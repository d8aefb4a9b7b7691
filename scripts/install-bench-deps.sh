#!/usr/bin/env bash
# Installs the reference clients of the transfer benchmark (`npm run bench:transfers`) on Debian, as
# root: the aws CLI and rclone. Benchmark only: the build and the tests never need them, and the
# benchmark reports a client that is missing as "not installed" instead of failing.
set -euo pipefail

APT_PACKAGES=(awscli rclone)
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
/usr/bin/aws --version
/usr/bin/rclone version | head -1
