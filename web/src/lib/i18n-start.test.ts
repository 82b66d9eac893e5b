import { describe, expect, it } from 'vitest';
import { loadParts, startLocale, translator } from './i18n';

describe('2. the first page comes in the stored language', () => {
  it('parts asked for while the language starts load in that language', async () => {
    // The router asks for the first page's parts as soon as it is created, before the core arrives.
    const starting = startLocale('en');
    await loadParts(['hospital', 'account']);
    await starting;
    const t = translator('en');
    expect(t('hospital.details')).toBe('Details');
    expect(t('rating.title')).toBe('Insider ratings');
    expect(t('review.verified')).toBe('Verified insider');
    expect(t('signup.title')).not.toBe('회원가입');
  });
});
