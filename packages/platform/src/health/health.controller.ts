import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { Lifecycle } from './lifecycle.js';

/** Probe endpoints on the service's own port; the gateway does not route them. */
@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(private readonly lifecycle: Lifecycle) {}

  @Get('healthz')
  @HttpCode(200)
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readiness(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.lifecycle.readiness();
    await reply.status(report.ready ? 200 : 503).send({ status: report.ready ? 'ready' : 'not ready', ...report });
  }
}
