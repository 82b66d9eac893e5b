import proxyAddr from '@fastify/proxy-addr';

/**
 * Whose X-Forwarded-For to believe, from TRUST_PROXY as Express's `trust proxy` read it: a hop
 * count ("1": the one proxy in front, the sidecar) or a comma-separated list of addresses, subnets
 * or proxy-addr's names (loopback, linklocal, uniquelocal).
 */
export function trustedProxies(setting: string): (address: string, hop: number) => boolean {
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(setting.split(',').map((entry) => entry.trim()));
}
