import { TokenRevocations1764100000000 } from '@carebridge/platform';
import { HospitalSchema1763900000000 } from './1763900000000-HospitalSchema.js';

/** Every migration, oldest first. */
export const migrations = [HospitalSchema1763900000000, TokenRevocations1764100000000];
