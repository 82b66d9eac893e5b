import { writeFileSync } from 'node:fs';
import { renderTable, verdict } from './report.js';
import { runFaultSuite } from './suite.js';

/**
 * `npm run faults` (long form: a minute of database outage, five minutes without the board) or
 * `npm run faults -- --short` (CI). Writes the JSON report to `--out` (default faults-report.json).
 */
const args = process.argv.slice(2);
const short = args.includes('--short');
const out =
  args[args.indexOf('--out') + 1] && args.includes('--out')
    ? (args[args.indexOf('--out') + 1] as string)
    : 'faults-report.json';
const results = await runFaultSuite({ short });
writeFileSync(
  out,
  `${JSON.stringify({ form: short ? 'short' : 'long', at: new Date().toISOString(), faults: results }, null, 2)}\n`,
);
process.stdout.write(`\n${renderTable(results)}\n\nJSON report: ${out}\n`);
const problems = results.flatMap((r) => verdict(r).map((p) => `${r.fault}: ${p}`));
for (const p of problems) process.stdout.write(`✖ ${p}\n`);
process.exit(problems.length ? 1 : 0);
