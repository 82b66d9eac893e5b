import { JsonLogger } from '@carebridge/platform';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AuthConfig } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Delivers mail by SMTP when `SMTP_URL` is set; otherwise writes it to the log (local use). */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly transport: Transporter | undefined;

  constructor(
    private readonly config: AuthConfig,
    private readonly logger: JsonLogger,
  ) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : undefined;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      this.logger.emit('info', 'mail (not sent: SMTP_URL is not set)', { context: 'Mailer', ...mail });
      return;
    }
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
