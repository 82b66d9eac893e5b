#!/usr/bin/env bash
# Stops the local control plane started by up.sh and removes its state (etcd data, logs).
# Certificates are kept so the next start is quick. Idempotent.
set -uo pipefail
dir=${CAREBRIDGE_CLUSTER_DIR:-$HOME/.cache/carebridge/cluster}
for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
  pid_file=$dir/$name.pid
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
done
rm -rf "$dir/etcd" "$dir/logs"
echo "control plane stopped"
