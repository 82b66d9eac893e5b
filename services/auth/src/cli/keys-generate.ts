// Prints a signing key set for JWT_KEYS / JWT_KEYS_FILE (docs/auth.md, "Signing keys and rotation").
// The first key signs; every key is published in the JWKS. Rotation in three steps, so that no cache
// of the JWKS (the services', istiod's, the ingress gateway's Envoy's) ever meets an unknown key:
//   keys:generate > jwt-keys.json                   a new key set
//   keys:generate -- --stage jwt-keys.json          a new key added second: published, not yet signing
//   keys:generate -- --promote jwt-keys.json        the staged key moved first: it signs from now on
//   keys:generate -- --retire jwt-keys.json         only the first key kept, once old tokens expired
// --rotate FILE (new key first at once) stays for clusters without an edge cache.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateKeySet } from '../keys/signing-keys.js';

const { values } = parseArgs({
  options: {
    rotate: { type: 'string' },
    stage: { type: 'string' },
    promote: { type: 'string' },
    retire: { type: 'string' },
    keep: { type: 'string', default: '1' },
  },
});
type KeySet = ReturnType<typeof generateKeySet>;
const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as KeySet;

let out: KeySet;
if (values.stage) {
  const current = read(values.stage);
  out = { ...current, keys: [...current.keys.slice(0, 1), ...generateKeySet().keys, ...current.keys.slice(1)] };
} else if (values.promote) {
  const [signing, staged, ...rest] = read(values.promote).keys;
  if (!signing || !staged) throw new Error('--promote needs a set with a staged key (run --stage first)');
  out = { keys: [staged, signing, ...rest] };
} else if (values.retire) {
  out = { keys: read(values.retire).keys.slice(0, 1) };
} else {
  out = generateKeySet();
  if (values.rotate) out.keys.push(...read(values.rotate).keys.slice(0, Math.max(0, Number(values.keep))));
}
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
