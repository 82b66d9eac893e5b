#!/usr/bin/env bash
# Rolls a release out and undoes it when it does not become ready within the deadline.
#   IMAGE_TAG=<commit> scripts/deploy/deploy.sh
# Jenkins' deploy stage runs exactly this (as the deployer ServiceAccount); so can an operator.
#
# 1. Renders the overlay ($OVERLAY) in a temporary copy whose kustomization sets every image's tag
#    to $IMAGE_TAG (kustomize `images:`), and keeps only the app Deployments.
# 2. Server-side applies them under the field manager "carebridge-deploy": the tag is recorded
#    as owned by the release, so a later `kubectl apply --server-side -k` with another tag stops
#    with a conflict instead of silently rolling back (docs/jenkins.md).
# 3. Waits for every changed Deployment (`kubectl rollout status`, $ROLLOUT_TIMEOUT each, in parallel).
# 4. If any fails: `kubectl rollout undo` on every Deployment the release changed, wait for the
#    previous ReplicaSets, exit 1. Then, with SMOKE_URL set, the smoke test (scripts/deploy/smoke.sh);
#    a failed smoke test undoes the release too.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${IMAGE_TAG:?IMAGE_TAG (the commit whose images to deploy) is required}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The registry name the overlay gives carebridge/<name> (its images: entry).
image_name() {
  awk -v want="carebridge/$1" '$1 == "-" && $2 == "name:" { name = $3 } $1 == "newName:" && name == want { print $2; exit }' \
    "$root/$OVERLAY/kustomization.yaml"
}

render() {
  cp -r "$root/k8s" "$work/k8s"
  local dir="$work/k8s/overlays/release" d name
  mkdir -p "$dir"
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../%s\n' "$(basename "$OVERLAY")"
    printf 'patches:\n  - target:\n      kind: Deployment\n    patch: |-\n'
    printf '      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: any\n'
    printf '        annotations:\n          kubernetes.io/change-cause: "release %s"\n' "$IMAGE_TAG"
    printf 'images:\n'
    for d in $DEPLOYMENTS; do
      name=$(image_name "$d")
      printf '  - name: %s\n    newTag: "%s"\n' "${name:-carebridge/$d}" "$IMAGE_TAG"
    done
  } >"$dir/kustomization.yaml"
  # Keep the Deployments named in $DEPLOYMENTS (kustomize writes metadata.name at two spaces).
  kubectl kustomize "$dir" | awk -v names=" $DEPLOYMENTS " '
    function flush() {
      if (kind == "Deployment" && index(names, " " name " ")) printf "---\n%s", doc
      doc = ""; kind = ""; name = ""; meta = 0
    }
    /^---$/ { flush(); next }
    { doc = doc $0 "\n" }
    /^kind: / { kind = $2 }
    /^[^ ]/ { meta = ($0 == "metadata:") }
    meta && /^  name: / && name == "" { name = $2 }
    END { flush() }'
}

generation() { k get deployment "$1" -o jsonpath='{.metadata.generation}'; }

render >"$work/release.yaml"
count=$(grep -c '^kind: Deployment$' "$work/release.yaml" || true)
[ "$count" -gt 0 ] || { echo "no Deployment of \"$DEPLOYMENTS\" in $OVERLAY" >&2; exit 1; }

declare -A before
for d in $DEPLOYMENTS; do before[$d]=$(generation "$d" 2>/dev/null || echo none); done

say "release $IMAGE_TAG: applying $count Deployment(s) to namespace $NAMESPACE"
k apply --server-side --force-conflicts --field-manager=carebridge-deploy -f "$work/release.yaml"

changed=()
for d in $DEPLOYMENTS; do [ "$(generation "$d")" != "${before[$d]}" ] && changed+=("$d"); done
printf '%s\n' "$IMAGE_TAG" "${changed[@]}" >"$DEPLOY_STATE"
if [ ${#changed[@]} -eq 0 ]; then
  say "nothing changed: $IMAGE_TAG is already deployed"
else
  say "waiting for ${changed[*]} (deadline $ROLLOUT_TIMEOUT each)"
  declare -A waiting
  for d in "${changed[@]}"; do
    k rollout status "deployment/$d" --timeout="$ROLLOUT_TIMEOUT" >"$work/$d.status" 2>&1 &
    waiting[$d]=$!
  done
  failed=()
  for d in "${changed[@]}"; do
    if wait "${waiting[$d]}"; then say "deployment/$d: rolled out"; else failed+=("$d"); fi
    sed "s|^|  $d: |" "$work/$d.status"
  done
  if [ ${#failed[@]} -gt 0 ]; then
    say "FAILED: ${failed[*]} did not become ready within $ROLLOUT_TIMEOUT; undoing the release"
    undo_release "$IMAGE_TAG" "${changed[@]}"
    exit 1
  fi
fi

if [ -n "${SMOKE_URL:-}" ] && ! "$root/scripts/deploy/smoke.sh" "$SMOKE_URL"; then
  say "FAILED: the smoke test through $SMOKE_URL; undoing the release"
  undo_release "$IMAGE_TAG" "${changed[@]}"
  exit 1
fi
say "release $IMAGE_TAG is serving"
