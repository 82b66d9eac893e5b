import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, vi } from 'vitest';
import { ALL_PARTS, loadParts } from '../lib/i18n';
import { session } from '../lib/session';

beforeAll(async () => {
  // Components render synchronously in tests: have every Korean message part in memory.
  await loadParts(ALL_PARTS, 'ko');
});

afterEach(() => {
  cleanup();
  session.clear(false);
  localStorage.clear();
  sessionStorage.clear();
  vi.unstubAllGlobals();
});
