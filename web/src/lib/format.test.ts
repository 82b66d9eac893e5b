import { describe, expect, it } from 'vitest';
import { formatRelative } from './relative-time';

const now = new Date(2026, 11, 1, 15, 0, 0);
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const MINUTE = 60_000;

describe('relative times, as boards show them', () => {
  it('in Korean', () => {
    expect(formatRelative(ago(20_000), 'ko', now)).toBe('방금 전');
    expect(formatRelative(ago(5 * MINUTE), 'ko', now)).toBe('5분 전');
    expect(formatRelative(ago(3 * 60 * MINUTE), 'ko', now)).toBe('3시간 전');
    expect(formatRelative(new Date(2026, 10, 30, 23, 0).toISOString(), 'ko', now)).toBe('어제');
    expect(formatRelative(new Date(2026, 10, 28, 9, 0).toISOString(), 'ko', now)).toBe('3일 전');
    expect(formatRelative(new Date(2026, 9, 3, 9, 0).toISOString(), 'ko', now)).toBe('10. 3.');
    expect(formatRelative(new Date(2025, 9, 3, 9, 0).toISOString(), 'ko', now)).toBe('2025. 10. 3.');
  });

  it('in English', () => {
    expect(formatRelative(ago(5 * MINUTE), 'en', now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(2026, 10, 30, 23, 0).toISOString(), 'en', now)).toBe('yesterday');
  });
});
