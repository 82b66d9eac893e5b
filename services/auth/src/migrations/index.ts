import { IdempotencyKeys1764800000000, TokenRevocations1764100000000 } from '@carebridge/platform';
import { InitialSchema1763780000000 } from './1763780000000-InitialSchema.js';
import { Erasure1763800000000 } from './1763800000000-Erasure.js';
import { AccountsHardening1764000000000 } from './1764000000000-AccountsHardening.js';
import { AffiliationRequests1764200000000 } from './1764200000000-AffiliationRequests.js';

/** Every migration, oldest first. */
export const migrations = [
  InitialSchema1763780000000,
  Erasure1763800000000,
  AccountsHardening1764000000000,
  TokenRevocations1764100000000,
  AffiliationRequests1764200000000,
  IdempotencyKeys1764800000000,
];
