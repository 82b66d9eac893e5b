import {
  IdempotencyKeys1764800000000,
  TokenRevocations1764100000000,
  WriteEvents1764600001000,
} from '@carebridge/platform';
import { InitialSchema1763790000000 } from './1763790000000-InitialSchema.js';
import { CrossBoardIndexes1763810000000 } from './1763810000000-CrossBoardIndexes.js';
import { WeighedReports1764600000000 } from './1764600000000-WeighedReports.js';
import { PostSearchIndex1764700000000 } from './1764700000000-PostSearchIndex.js';
import { ReporterIndex1764700000000 } from './1764700000000-ReporterIndex.js';
import { MemberActivity1764900000000 } from './1764900000000-MemberActivity.js';
import { Notifications1765000000000 } from './1765000000000-Notifications.js';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1763790000000,
  CrossBoardIndexes1763810000000,
  TokenRevocations1764100000000,
  WeighedReports1764600000000,
  WriteEvents1764600001000,
  PostSearchIndex1764700000000,
  ReporterIndex1764700000000,
  IdempotencyKeys1764800000000,
  MemberActivity1764900000000,
  Notifications1765000000000,
];
