import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from './mailer.js';
import { OutboxService } from './outbox.service.js';
import { OutboxMessage } from './outbox-message.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  providers: [Mailer, OutboxService],
  exports: [OutboxService],
})
export class MailModule {}
