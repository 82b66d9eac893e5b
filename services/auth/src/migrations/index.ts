import { InitialSchema1763780000000 } from './1763780000000-InitialSchema.js';
import { Erasure1763800000000 } from './1763800000000-Erasure.js';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1763780000000, Erasure1763800000000];
