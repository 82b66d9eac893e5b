import { moderationCaseColumns } from '@carebridge/platform';
import { Entity, Index } from 'typeorm';
import type { TargetType } from './report.entity.js';

/** All reports against one post or comment, and what the moderators decided about it. */
@Entity('moderation_cases')
@Index('uq_moderation_cases_target', ['targetType', 'targetId'], { unique: true })
@Index('idx_moderation_cases_queue', ['status', 'updatedAt', 'id'])
export class ModerationCase extends moderationCaseColumns<TargetType>(10) {}
