// npm run check:manifests — every check of the test suite, as a command for operators.
import { resolve } from 'node:path';
import { formatProblem } from './problem.js';
import { checkCode, checkManifests } from './repository.js';

const root = resolve(new URL('../../../..', import.meta.url).pathname);
const { applied, problems } = await checkManifests(root);
const all = [...problems, ...checkCode(root, applied)];
for (const p of all) console.error(formatProblem(p));
console.log(`${applied.length} objects checked: ${all.length === 0 ? 'no problems' : `${all.length} problem(s)`}`);
process.exit(all.length === 0 ? 0 : 1);
