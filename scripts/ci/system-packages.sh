#!/usr/bin/env bash
# Installs the Debian packages the test suite runs against, when they are missing:
#   chromium      the browser of the end-to-end tests (Playwright drives Debian's build)
#   nginx-light   the reverse proxy in front of two app instances (tests/e2e/cluster.spec.ts)
#   pgbouncer     the transaction-pooling proxy the isolation tests also run through (npm run test:pooled)
# Needs root (CI runs as root). Nothing is started or enabled here: the tests start their own
# nginx and PgBouncer with configurations of their own, on their own ports.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "▶ installing from Debian: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
