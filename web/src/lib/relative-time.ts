import { tag } from './format';
import type { Locale } from './i18n';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const dayNumber = (date: Date) => Math.floor((date.getTime() - date.getTimezoneOffset() * MINUTE) / (24 * HOUR));

/**
 * How long ago, as community boards say it: "방금 전", "5분 전", "3시간 전", "어제", "3일 전", then
 * the date ("11. 3." this year, with the year before that).
 */
export function formatRelative(iso: string, locale: Locale, now: Date = new Date()): string {
  const then = new Date(iso);
  const ago = now.getTime() - then.getTime();
  const relative = new Intl.RelativeTimeFormat(tag(locale), { numeric: 'auto' });
  if (ago < MINUTE) return locale === 'ko' ? '방금 전' : 'just now';
  if (ago < HOUR) return relative.format(-Math.floor(ago / MINUTE), 'minute');
  const days = dayNumber(now) - dayNumber(then);
  if (days === 0) return relative.format(-Math.floor(ago / HOUR), 'hour');
  if (days < 7) return relative.format(-days, 'day');
  const sameYear = then.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(tag(locale), {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'numeric',
    day: 'numeric',
  }).format(then);
}
