#!/usr/bin/env bash
# Installs Debian packages with the project's apt helper, for scripts written in JavaScript:
#   scripts/dev/apt-install.sh PACKAGE...
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
  echo "installing $* needs root: sudo $0 $*" >&2
  exit 1
fi
apt_install "$@"
