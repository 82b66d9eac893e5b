import { InitialSchema1763790000000 } from './1763790000000-InitialSchema.js';

/** Every migration, oldest first. */
export const migrations = [InitialSchema1763790000000];
