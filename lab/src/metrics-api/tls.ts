import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServingCert {
  /** PEM of the CA that signed the certificate: the APIService's `caBundle`. */
  ca: string;
  cert: string;
  key: string;
}

function openssl(args: string[]): void {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr || result.error?.message}`);
}

/**
 * A private CA and a serving certificate for the metrics adapter, written to `dir`. The aggregator checks the
 * certificate against the APIService's `caBundle` for the name `<service>.<namespace>.svc`, so that name is a SAN
 * (and 127.0.0.1, for a direct check).
 */
export function servingCert(dir: string, dnsNames: string[]): ServingCert {
  mkdirSync(dir, { recursive: true });
  const f = (name: string) => join(dir, name);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '30',
    '-subj',
    '/CN=carebridge-lab-metrics-ca',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
  ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    `/CN=${dnsNames[0]}`,
    '-keyout',
    f('tls.key'),
    '-out',
    f('tls.csr'),
  ]);
  const sans = [...dnsNames.map((d) => `DNS:${d}`), 'IP:127.0.0.1'].join(',');
  writeFileSync(
    f('tls.ext'),
    `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${sans}\n`,
  );
  openssl([
    'x509',
    '-req',
    '-in',
    f('tls.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    f('tls.ext'),
    '-out',
    f('tls.crt'),
  ]);
  return {
    ca: readFileSync(f('ca.crt'), 'utf8'),
    cert: readFileSync(f('tls.crt'), 'utf8'),
    key: readFileSync(f('tls.key'), 'utf8'),
  };
}
