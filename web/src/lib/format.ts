import type { Locale } from './i18n';

export const tag = (locale: Locale) => (locale === 'ko' ? 'ko-KR' : 'en-GB');

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day (`YYYY-MM-DD`, as reviews give it), without a time of day. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(day));
}

export function formatNumber(value: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(tag(locale), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    value,
  );
}

export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(tag(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
