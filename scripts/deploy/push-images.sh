#!/usr/bin/env bash
# Pushes images built by `npm run images` (localhost/carebridge/<name>:<short commit>) to the
# registry as $REGISTRY/<name>:$IMAGE_TAG (the full commit, which deploy.sh deploys).
#   IMAGE_TAG=$(git rev-parse HEAD) REGISTRY_USER=… REGISTRY_PASSWORD=… scripts/deploy/push-images.sh auth [board …]
# Jenkins passes the registry-push credential (a Kubernetes Secret) as these two variables; the
# password goes to buildah on stdin, never on a command line or into the log.
set -euo pipefail
: "${IMAGE_TAG:?IMAGE_TAG is required}" "${REGISTRY_USER:?}" "${REGISTRY_PASSWORD:?}"
REGISTRY=${REGISTRY:-registry.carebridge.internal/carebridge}
LOCAL_PREFIX=${LOCAL_PREFIX:-localhost/carebridge}
LOCAL_TAG=${LOCAL_TAG:-$(git -C "$(dirname "$0")" rev-parse --short HEAD)}
host=${REGISTRY%%/*}
[ $# -gt 0 ] || set -- auth board hospital web lab
export REGISTRY_AUTH_FILE=${REGISTRY_AUTH_FILE:-$(mktemp -d)/auth.json}
trap 'rm -f "$REGISTRY_AUTH_FILE"' EXIT
printf '%s' "$REGISTRY_PASSWORD" | buildah login --username "$REGISTRY_USER" --password-stdin "$host" >/dev/null
for name in "$@"; do
  local_image="$LOCAL_PREFIX/$name:$LOCAL_TAG"
  echo "pushing $local_image to $REGISTRY/$name:$IMAGE_TAG"
  buildah push ${BUILDAH_PUSH_OPTS:-} "$local_image" "docker://$REGISTRY/$name:$IMAGE_TAG"
done
buildah logout "$host" >/dev/null || true
