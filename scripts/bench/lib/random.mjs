// The lab's seeded generator (mulberry32, lab/src/load/seeded-random.ts), the repo's one copy: the
// benchmarks run on builds, so they take it from the lab's.
export { seededRandom as random } from '../../../lab/dist/src/load/seeded-random.js';
