import {
  IdempotencyKeys1764800000000,
  TokenRevocations1764100000000,
  WriteEvents1764600001000,
} from '@carebridge/platform';
import { HospitalSchema1763900000000 } from './1763900000000-HospitalSchema.js';
import { ReviewTiers1764600000000 } from './1764600000000-ReviewTiers.js';
import { HospitalAliases1764700000000 } from './1764700000000-HospitalAliases.js';
import { BayesianRatingKey1764900000000 } from './1764900000000-BayesianRatingKey.js';
import { ReviewSortIndexes1765000000000 } from './1765000000000-ReviewSortIndexes.js';

/** Every migration, oldest first. */
export const migrations = [
  HospitalSchema1763900000000,
  TokenRevocations1764100000000,
  ReviewTiers1764600000000,
  WriteEvents1764600001000,
  HospitalAliases1764700000000,
  IdempotencyKeys1764800000000,
  BayesianRatingKey1764900000000,
  ReviewSortIndexes1765000000000,
];
