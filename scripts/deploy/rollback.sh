#!/usr/bin/env bash
# Undoes what deploy.sh applied, when deploy.sh itself could not (Jenkins aborted it at the stage's
# timeout, or the agent was lost): every Deployment the release changed that still runs its tag.
# Idempotent: after deploy.sh has undone the release, it finds nothing to do.
#   scripts/deploy/rollback.sh            (reads $DEPLOY_STATE, written by deploy.sh)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ ! -s "$DEPLOY_STATE" ]; then
  say "no release was applied by this build: nothing to undo"
  exit 0
fi
mapfile -t state <"$DEPLOY_STATE"
tag=${state[0]}
changed=("${state[@]:1}")
if [ ${#changed[@]} -eq 0 ]; then
  say "release $tag changed no Deployment: nothing to undo"
  exit 0
fi
say "release $tag: undoing ${changed[*]} where it is still current"
undo_release "$tag" "${changed[@]}"
