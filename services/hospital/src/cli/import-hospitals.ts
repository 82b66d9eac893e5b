// Loads the national hospital list (the health insurance review agency's CSV layout, UTF-8 or
// EUC-KR/CP949) into the hospital service's database:
//   npm run -w services/hospital import -- <file.csv> [--batch-size N] [--json]
// Re-running with the same or a newer file updates hospitals in place (keyed by the agency code).
// Progress goes to stderr, the summary to stdout. Exit code 0 when the file was read (rejected rows
// are listed, not fatal), 1 when it could not be, 2 on wrong usage.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseOptions, loadConfig, runMigrationsWithLock, takeTurnsOnSqlite } from '@carebridge/platform';
import { DataSource } from 'typeorm';
import { DIALECTS, entities, SERVICE } from '../app.module.js';
import { HospitalConfig } from '../config.js';
import { HospitalImporter, type ImportProgress, type ImportSummary } from '../import/hospital-importer.js';
import { ImportFormatError } from '../import/hospital-rows.js';
import { migrations } from '../migrations/index.js';

const USAGE = 'usage: npm run -w services/hospital import -- <file.csv> [--batch-size N] [--json]';
const LISTED_REJECTIONS = 200;

/** npm runs workspace scripts inside the workspace; paths the user typed are relative to where they typed them. */
const callerDir = process.env.INIT_CWD ?? process.cwd();

function repoRoot(): string | undefined {
  let dir = dirname(new URL(import.meta.url).pathname);
  while (dir !== dirname(dir)) {
    if (existsSync(join(dir, 'lab')) && existsSync(join(dir, 'services'))) return dir;
    dir = dirname(dir);
  }
  return undefined;
}

function environment(): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  // Without a database URL, import into the embedded store `npm start` uses.
  if (!env.DATABASE_URL && !env.DATA_DIR) {
    const root = repoRoot();
    if (root) env.DATA_DIR = join(env.CAREBRIDGE_DATA_DIR ?? join(root, '.data'), SERVICE);
  }
  if (env.DATA_DIR) env.DATA_DIR = resolve(callerDir, env.DATA_DIR);
  return env;
}

function describeTarget(config: HospitalConfig): string {
  if (!config.DATABASE_URL) return `the embedded store in ${config.DATA_DIR}`;
  const url = new URL(config.DATABASE_URL);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function progressWriter(): (p: ImportProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  return (p) => {
    const now = Date.now();
    if (!tty && now - lastPrinted < 1000) return;
    lastPrinted = now;
    const rate = Math.round((p.lines / Math.max(p.elapsedMs, 1)) * 1000);
    const line =
      `  ${p.lines.toLocaleString('en')} lines: ${p.inserted} inserted, ${p.updated} updated, ` +
      `${p.unchanged} unchanged, ${p.rejected} rejected (${rate.toLocaleString('en')} lines/s)`;
    process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
  };
}

function printSummary(file: string, summary: ImportSummary): void {
  const out = process.stdout;
  out.write(`Imported ${file} (${summary.encoding.toUpperCase()})\n`);
  out.write(`  rows:      ${summary.rows}\n`);
  out.write(`  inserted:  ${summary.inserted}\n`);
  out.write(`  updated:   ${summary.updated}\n`);
  out.write(`  unchanged: ${summary.unchanged}\n`);
  out.write(`  rejected:  ${summary.rejected}\n`);
  out.write(
    `  time:      ${(summary.elapsedMs / 1000).toFixed(1)} s (${summary.rowsPerSecond.toLocaleString('en')} rows/s)\n`,
  );
  if (summary.rejections.length > 0) {
    out.write('Rejected rows (not imported):\n');
    for (const r of summary.rejections.slice(0, LISTED_REJECTIONS)) out.write(`  line ${r.line}: ${r.reason}\n`);
    const more = summary.rejections.length - LISTED_REJECTIONS;
    if (more > 0) out.write(`  … and ${more} more (use --json for all)\n`);
  }
}

async function main(): Promise<number> {
  const options = { 'batch-size': { type: 'string' }, json: { type: 'boolean' } } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ allowPositionals: true, options });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = resolve(callerDir, positionals[0] as string);
  if (!existsSync(file)) {
    process.stderr.write(`No such file: ${file}\n`);
    return 1;
  }
  const config = loadConfig(
    HospitalConfig,
    { ...environment(), ...(values['batch-size'] ? { IMPORT_BATCH_SIZE: values['batch-size'] } : {}) },
    SERVICE,
  );
  const dataSource = new DataSource(
    databaseOptions({
      service: SERVICE,
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      dialects: DIALECTS,
      entities,
      migrations,
    }),
  );
  await dataSource.initialize();
  try {
    takeTurnsOnSqlite(dataSource);
    await runMigrationsWithLock(dataSource, `carebridge:${SERVICE}:migrations`);
    process.stderr.write(`Importing ${file} into ${describeTarget(config)}\n`);
    const importer = new HospitalImporter(dataSource, {
      batchSize: config.IMPORT_BATCH_SIZE,
      onProgress: progressWriter(),
    });
    const summary = await importer.importFile(file);
    if (process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) process.stdout.write(`${JSON.stringify({ file, ...summary }, null, 2)}\n`);
    else printSummary(file, summary);
    return 0;
  } catch (error) {
    if (error instanceof ImportFormatError) {
      process.stderr.write(`Cannot import ${file}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
