#!/usr/bin/env bash
# Jenkins' test stage, and the same on a laptop: the README's test command with CI=true (a missing
# database server or tool fails the run), writing a JUnit report beside the spec output.
#   scripts/ci/test.sh                 (TEST_JUNIT_FILE=test-results/junit.xml by default)
# In the agent pod MariaDB and PostgreSQL are sidecars on 127.0.0.1; on a laptop, start them
# first with scripts/dev/databases.sh. The tools .ci/run installs on a fresh machine (Chromium,
# Java and Maven, the Go-built cluster tools) must be on the agent image or installed here.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/dev/lib.sh
export CI=true
export TEST_JUNIT_FILE=${TEST_JUNIT_FILE:-test-results/junit.xml}

port_open() { node -e "require('net').connect($1,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))"; }
log "Database servers on 127.0.0.1 (the agent's sidecars, or this machine's)"
wait_for "MariaDB (3306)" "${DB_WAIT_SECONDS:-120}" port_open 3306
wait_for "PostgreSQL (5432)" "${DB_WAIT_SECONDS:-120}" port_open 5432

log "Tools the suite needs"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then timed "apt: ${missing[*]}" apt_install "${missing[@]}"; fi
if command -v go >/dev/null; then timed "cluster tools" node scripts/tools/go-tools.mjs; fi

log "npm ci && npm test (JUnit report: $TEST_JUNIT_FILE)"
mkdir -p "$(dirname "$TEST_JUNIT_FILE")"
timed "npm ci" npm ci
timed "npm test" npm test
