#!/usr/bin/env bash
# The demo: installs what it needs, builds the .vsix, starts a local Ceph S3 seeded with sample
# buckets and code-server (127.0.0.1:${S3B_DEMO_PORT:-8080}) with the extension installed, and
# prints the URL to open. Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run demo --silent
