# Shared helpers for the project's shell scripts (sourced, not run).
log() { printf '\n== %s\n' "$*"; }

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

wait_for() { # wait_for NAME SECONDS COMMAND...
  local name=$1 seconds=$2; shift 2
  for _ in $(seq 1 "$((seconds * 5))"); do
    if "$@" >/dev/null 2>&1; then echo "$name is up"; return 0; fi
    sleep 0.2
  done
  echo "$name did not come up within ${seconds}s" >&2
  return 1
}

# timed LABEL COMMAND...: runs the command and prints how long it took (CI prints each part's time).
timed() {
  local label=$1; shift
  local started=$SECONDS
  "$@"
  local rc=$?
  printf '⏱  %s: %ss\n' "$label" "$((SECONDS - started))"
  return $rc
}
