import { describe, expect, it } from 'vitest';
import { passwordStrength } from './password-strength';

describe('password strength hint', () => {
  it('asks for the minimum length first', () => expect(passwordStrength('short1!')).toBe('tooShort'));
  it('rates one kind of character as weak', () => expect(passwordStrength('aaaaaaaaaaa')).toBe('weak'));
  it('rates mixed kinds as fair', () => expect(passwordStrength('abcdefgh12')).toBe('fair'));
  it('rates long and mixed as strong', () => expect(passwordStrength('Night-Shift-2026-ward')).toBe('strong'));
});
