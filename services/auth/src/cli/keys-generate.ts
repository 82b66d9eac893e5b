// Prints a new signing key set for JWT_KEYS / JWT_KEYS_FILE (see docs/operations.md, key rotation):
//   npm run --silent -w services/auth keys:generate > jwt-keys.json
// With --rotate FILE, prints FILE's keys with a new key first, keeping the old ones for verification.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateKeySet } from '../keys/signing-keys.js';

const { values } = parseArgs({ options: { rotate: { type: 'string' }, keep: { type: 'string', default: '1' } } });
const fresh = generateKeySet();
if (values.rotate) {
  const previous = JSON.parse(readFileSync(values.rotate, 'utf8')) as { keys: unknown[] };
  const keep = Math.max(0, Number(values.keep));
  fresh.keys.push(...(previous.keys.slice(0, keep) as typeof fresh.keys));
}
process.stdout.write(`${JSON.stringify(fresh, null, 2)}\n`);
