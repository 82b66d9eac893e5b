#!/usr/bin/env bash
# Installs schemathesis (PyPI) into a cached virtualenv outside the repository and prints the path
# of its `st` command. Idempotent: a venv that already has the pinned version is reused.
# CAREBRIDGE_VENV overrides where the venv lives (default ~/.cache/carebridge/venv).
set -euo pipefail
VERSION=4.32.5
VENV="${CAREBRIDGE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/carebridge/venv}"
ST="$VENV/bin/schemathesis"

if [ -x "$ST" ] && "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('schemathesis') != '$VERSION')" 2>/dev/null; then
  echo "$ST"
  exit 0
fi
command -v python3 >/dev/null || { echo "python3 is needed for schemathesis" >&2; exit 1; }
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
  echo "python3's venv module is missing (Debian: apt-get install python3-venv)" >&2
  exit 1
fi
mkdir -p "$(dirname "$VENV")"
[ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV" >&2
"$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
echo "$ST"
