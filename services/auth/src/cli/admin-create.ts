// Creates an admin account (or promotes an existing one):
//   npm run -w services/auth admin:create -- --email admin@example.com --nickname 운영팀
// The password comes from ADMIN_PASSWORD, from standard input with --password-stdin, or a prompt.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { flattenValidationErrors, loadConfig } from '@carebridge/platform';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AdminService } from '../admin/admin.service.js';
import { AppModule, SERVICE } from '../app.module.js';
import { AuthConfig } from '../config.js';
import { SignupDto } from '../users/dto/signup.dto.js';

const USAGE = 'usage: admin:create -- --email EMAIL --nickname NICKNAME [--password-stdin]';

async function readPassword(fromStdin: boolean): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: !fromStdin });
  try {
    if (fromStdin) {
      for await (const line of rl) return line;
      return '';
    }
    return await rl.question('Password for the admin account: ');
  } finally {
    rl.close();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, nickname: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  });
  if (!values.email || !values.nickname) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const password = await readPassword(values['password-stdin'] ?? false);
  const dto = plainToInstance(SignupDto, { email: values.email, nickname: values.nickname, password });
  const problems = flattenValidationErrors(await validate(dto, { forbidUnknownValues: true }));
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`${p.field}: ${p.message}\n`);
    return 2;
  }
  const config = loadConfig(AuthConfig, { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }, SERVICE);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const { profile, created } = await app.get(AdminService).createOrPromoteAdmin(dto);
    process.stdout.write(
      `${created ? 'Created' : 'Promoted'} admin ${profile.nickname} <${profile.email}> (id ${profile.id})\n`,
    );
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`admin:create failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
