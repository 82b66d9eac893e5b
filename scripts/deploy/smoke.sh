#!/usr/bin/env bash
# Smoke test through the gateway, as a visitor: a board read answers 200 with JSON, and auth's
# JWKS publishes at least one key (so the edge and the services can verify tokens).
#   scripts/deploy/smoke.sh https://carebridge.example          (retries for SMOKE_WAIT seconds)
set -euo pipefail
base=${1:?usage: smoke.sh GATEWAY_URL}
base=${base%/}
wait_s=${SMOKE_WAIT:-60}
deadline=$((SECONDS + wait_s))
check() {
  local body
  body=$(curl -fsS --max-time 5 ${SMOKE_CURL_OPTS:-} "$base/api/board/posts?board=free") || return 1
  [[ $body == \{* || $body == \[* ]] || { echo "board read: not JSON" >&2; return 1; }
  body=$(curl -fsS --max-time 5 ${SMOKE_CURL_OPTS:-} "$base/api/auth/.well-known/jwks.json") || return 1
  [[ $body == *'"keys":[{'* ]] || { echo "JWKS: no key published" >&2; return 1; }
}
until check; do
  if [ $SECONDS -ge $deadline ]; then
    echo "smoke test failed through $base (for ${wait_s}s)" >&2
    exit 1
  fi
  sleep 2
done
echo "smoke test passed through $base: a visitor reads the board, the JWKS has keys"
