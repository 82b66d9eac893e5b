# Settings and helpers shared by the deploy scripts (sourced, not run). Every setting is an
# environment variable with the default the cluster uses, so the same scripts run from Jenkins'
# deploy agent and from an operator's laptop (with a kubeconfig for the deployer account).
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NAMESPACE=${NAMESPACE:-carebridge}
# The Deployments a release changes, each running the image of the same name.
DEPLOYMENTS=${DEPLOYMENTS:-auth board hospital web lab}
OVERLAY=${OVERLAY:-k8s/overlays/bare-metal}
# How long each Deployment may take to become ready before the release is undone.
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-300s}
# Which Deployments this release changed (read by rollback.sh after an aborted build).
DEPLOY_STATE=${DEPLOY_STATE:-$root/.deploy-state}

say() { printf '== %s\n' "$*"; }
k() { kubectl -n "$NAMESPACE" "$@"; }

# The image (name:tag) of a Deployment's container of the same name.
current_image() {
  k get deployment "$1" -o jsonpath="{.spec.template.spec.containers[?(@.name==\"$1\")].image}"
}

# Undoes the named Deployments that still run the release's tag, then waits for the previous
# ReplicaSets to serve again.
undo_release() {
  local tag=$1 d undone=()
  shift
  for d in "$@"; do
    if [[ $(current_image "$d") == *":$tag" ]]; then
      say "rollout undo deployment/$d"
      k rollout undo "deployment/$d"
      undone+=("$d")
    fi
  done
  for d in "${undone[@]}"; do
    k rollout status "deployment/$d" --timeout="$ROLLOUT_TIMEOUT" || say "deployment/$d: the previous revision is not ready yet either"
  done
}
