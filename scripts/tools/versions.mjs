// The versions of the real cluster tools the tests run, and that docs/deploy.md tells operators to
// install. One place: the tool builder, the cluster scripts and the docs check read it.
export const KUBERNETES = '1.37.2';
export const ETCD = '3.6.16';
export const KWOK = '0.8.0';
// The module proxy serves no tagged Istio release (Istio's tags are not semver). It serves three
// commits; of these only Istio's main branch on 2026-08-27 (VERSION 1.31) has every dependency
// served too (the release-1.30 commit needs module versions the proxy refuses).
export const ISTIO = { release: '1.31', module: 'v0.0.0-20260827124520-eed52ebb66ad', commit: 'eed52ebb66ad' };
export const METALLB = '0.16.2';

const k8sStaging = (from) => (from.startsWith('k8s.io/') ? `v0.${KUBERNETES.split('.').slice(1).join('.')}` : '');
const [kMajor, kMinor] = KUBERNETES.split('.');

export const TOOLS = [
  {
    name: 'kubernetes',
    module: 'k8s.io/kubernetes',
    version: `v${KUBERNETES}`,
    siblingVersion: k8sStaging,
    ldflags: [
      `k8s.io/component-base/version.gitVersion=v${KUBERNETES}`,
      `k8s.io/component-base/version.gitMajor=${kMajor}`,
      `k8s.io/component-base/version.gitMinor=${kMinor}`,
      'k8s.io/component-base/version.gitTreeState=clean',
      `k8s.io/client-go/pkg/version.gitVersion=v${KUBERNETES}`,
      `k8s.io/client-go/pkg/version.gitMajor=${kMajor}`,
      `k8s.io/client-go/pkg/version.gitMinor=${kMinor}`,
    ],
    packages: [
      { binary: 'kube-apiserver', path: 'k8s.io/kubernetes/cmd/kube-apiserver' },
      { binary: 'kube-controller-manager', path: 'k8s.io/kubernetes/cmd/kube-controller-manager' },
      { binary: 'kube-scheduler', path: 'k8s.io/kubernetes/cmd/kube-scheduler' },
      { binary: 'kubectl', path: 'k8s.io/kubernetes/cmd/kubectl' },
    ],
  },
  {
    name: 'etcd',
    module: 'go.etcd.io/etcd/server/v3',
    version: `v${ETCD}`,
    packages: [{ binary: 'etcd', path: 'go.etcd.io/etcd/server/v3' }],
  },
  {
    name: 'kwok',
    module: 'sigs.k8s.io/kwok',
    version: `v${KWOK}`,
    packages: [{ binary: 'kwok', path: 'sigs.k8s.io/kwok/cmd/kwok' }],
  },
  {
    name: 'istioctl',
    module: 'istio.io/istio',
    version: ISTIO.module,
    ldflags: [`istio.io/istio/pkg/version.buildVersion=${ISTIO.release}-dev-${ISTIO.commit}`],
    packages: [{ binary: 'istioctl', path: 'istio.io/istio/istioctl/cmd/istioctl' }],
  },
];
