#!/usr/bin/env bash
# A local Kubernetes control plane built from the project's own cached tools (scripts/tools):
# etcd, kube-apiserver (RBAC, admission with Pod Security on), kube-controller-manager and
# kube-scheduler, plus kwok simulating the bare-metal topology (control-plane, worker-1, worker-2).
# Idempotent: a running cluster is left as it is. The last line printed is KUBECONFIG=<path>.
#
#   CAREBRIDGE_CLUSTER_DIR   state, certificates, logs (default ~/.cache/carebridge/cluster)
#   CLUSTER_PORT             the API server's port on 127.0.0.1 (default 26443)
#   KCM_EXTRA_FLAGS, APISERVER_EXTRA_FLAGS  more flags (e.g. a short HPA sync period for the lab's comparisons)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$root/scripts/dev/lib.sh"

dir=${CAREBRIDGE_CLUSTER_DIR:-$HOME/.cache/carebridge/cluster}
port=${CLUSTER_PORT:-26443}
etcd_port=$((port + 1))
etcd_peer=$((port + 2))
pki=$dir/pki
kubeconfig=$dir/kubeconfig
started=$SECONDS
bin=$(node "$root/scripts/tools/go-tools.mjs" --print-bin | tail -n 1)
export PATH="$bin:$PATH"

running() { [ -f "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }
start() { # start NAME COMMAND...: a background process with its log and pid file
  local name=$1; shift
  if running "$name"; then return 0; fi
  "$@" >"$dir/logs/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
}

mkdir -p "$dir/logs" "$pki"

if [ ! -f "$pki/ca.crt" ]; then
  echo "… certificates (a private CA for this cluster)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=carebridge-local-ca" \
    -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
  issue() { # issue NAME SUBJECT [SANS]
    local name=$1 subject=$2 sans=${3:-}
    openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$pki/$name.key" -out "$pki/$name.csr" 2>/dev/null
    local ext=$pki/$name.ext
    printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n' >"$ext"
    [ -n "$sans" ] && printf 'subjectAltName=%s\n' "$sans" >>"$ext"
    openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
      -days 3650 -extfile "$ext" -out "$pki/$name.crt" 2>/dev/null
  }
  issue apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  issue admin "/O=system:masters/CN=kubernetes-admin"
  issue controller-manager "/CN=system:kube-controller-manager"
  issue scheduler "/CN=system:kube-scheduler"
  issue kwok "/O=system:masters/CN=kwok"
  openssl genpkey -algorithm RSA -out "$pki/sa.key" 2>/dev/null
  openssl pkey -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
fi

if [ ! -f "$pki/front-proxy-ca.crt" ]; then
  # The aggregation layer's own CA: kube-apiserver proxies to APIServices (metrics.k8s.io of the lab)
  # with the front-proxy client certificate; the aggregated server trusts this CA's client names.
  echo "… front-proxy certificates (API aggregation)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=carebridge-front-proxy-ca" \
    -keyout "$pki/front-proxy-ca.key" -out "$pki/front-proxy-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=front-proxy-client" \
    -keyout "$pki/front-proxy-client.key" -out "$pki/front-proxy-client.csr" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' \
    >"$pki/front-proxy-client.ext"
  openssl x509 -req -in "$pki/front-proxy-client.csr" -CA "$pki/front-proxy-ca.crt" -CAkey "$pki/front-proxy-ca.key" \
    -CAcreateserial -days 3650 -extfile "$pki/front-proxy-client.ext" -out "$pki/front-proxy-client.crt" 2>/dev/null
fi

write_kubeconfig() { # write_kubeconfig FILE USER
  cat >"$1" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: carebridge-local
    cluster: { server: "https://127.0.0.1:$port", certificate-authority: "$pki/ca.crt" }
users:
  - name: $2
    user: { client-certificate: "$pki/$2.crt", client-key: "$pki/$2.key" }
contexts:
  - name: carebridge-local
    context: { cluster: carebridge-local, user: $2 }
current-context: carebridge-local
YAML
}
write_kubeconfig "$kubeconfig" admin
for who in controller-manager scheduler kwok; do write_kubeconfig "$dir/$who.kubeconfig" "$who"; done

echo "… etcd"
start etcd etcd --name carebridge --data-dir "$dir/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-cluster "carebridge=http://127.0.0.1:$etcd_peer" --quota-backend-bytes=2147483648 \
  --unsafe-no-fsync
wait_for etcd 30 curl -fsS "http://127.0.0.1:$etcd_port/health"

echo "… kube-apiserver (RBAC; admission plugins on, Pod Security included)"
start kube-apiserver kube-apiserver --etcd-servers "http://127.0.0.1:$etcd_port" \
  --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$port" \
  --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" \
  --client-ca-file "$pki/ca.crt" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local \
  --service-account-key-file "$pki/sa.pub" --service-account-signing-key-file "$pki/sa.key" \
  --service-cluster-ip-range 10.96.0.0/16 --authorization-mode Node,RBAC \
  --enable-admission-plugins NodeRestriction --allow-privileged=true --endpoint-reconciler-type=none \
  --requestheader-client-ca-file "$pki/front-proxy-ca.crt" --requestheader-allowed-names front-proxy-client \
  --requestheader-username-headers X-Remote-User --requestheader-group-headers X-Remote-Group \
  --requestheader-extra-headers-prefix X-Remote-Extra- \
  --proxy-client-cert-file "$pki/front-proxy-client.crt" --proxy-client-key-file "$pki/front-proxy-client.key" \
  ${APISERVER_EXTRA_FLAGS:-}
wait_for kube-apiserver 90 kubectl --kubeconfig "$kubeconfig" get --raw /readyz

echo "… kube-controller-manager and kube-scheduler"
start kube-controller-manager kube-controller-manager --kubeconfig "$dir/controller-manager.kubeconfig" \
  --authentication-kubeconfig "$dir/controller-manager.kubeconfig" \
  --authorization-kubeconfig "$dir/controller-manager.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port $((port + 3)) --leader-elect=false \
  --use-service-account-credentials --service-account-private-key-file "$pki/sa.key" \
  --root-ca-file "$pki/ca.crt" --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
  --controllers '*,-node-ipam-controller' ${KCM_EXTRA_FLAGS:-}
start kube-scheduler kube-scheduler --kubeconfig "$dir/scheduler.kubeconfig" \
  --authentication-kubeconfig "$dir/scheduler.kubeconfig" --authorization-kubeconfig "$dir/scheduler.kubeconfig" \
  --bind-address 127.0.0.1 --secure-port $((port + 4)) --leader-elect=false
wait_for kube-controller-manager 60 curl -fsSk "https://127.0.0.1:$((port + 3))/healthz"
wait_for kube-scheduler 60 curl -fsSk "https://127.0.0.1:$((port + 4))/healthz"

echo "… kwok (simulated kubelets) and the nodes"
node "$here/kwok-config.mjs" >"$dir/kwok.yaml"
start kwok kwok --kubeconfig "$dir/kwok.kubeconfig" --config "$dir/kwok.yaml" \
  --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --cidr 10.244.0.0/16 --node-ip 10.0.0.1 --server-address 127.0.0.1:$((port + 5))
kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=cluster-up -f "$here/nodes.yaml" >/dev/null
wait_for "3 Ready nodes" 60 bash -c "[ \"\$(kubectl --kubeconfig '$kubeconfig' get nodes --no-headers 2>/dev/null | grep -c ' Ready')\" = 3 ]"

echo "… CRDs of Istio and MetalLB, from the module versions the docs install"
node "$here/crds.mjs" >"$dir/crds.yaml"
kubectl --kubeconfig "$kubeconfig" apply --server-side --field-manager=cluster-up -f "$dir/crds.yaml" >/dev/null
kubectl --kubeconfig "$kubeconfig" wait --for condition=Established --timeout=60s crd --all >/dev/null

printf '✓ control plane ready in %ss (logs in %s/logs)\n' "$((SECONDS - started))" "$dir"
echo "KUBECONFIG=$kubeconfig"
