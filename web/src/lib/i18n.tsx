import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { messages as AccountMessages } from '../i18n/ko/account';
import type { messages as AdminMessages } from '../i18n/ko/admin';
import type { messages as BoardMessages } from '../i18n/ko/board';
import { messages as koCore } from '../i18n/ko/core';
import type { messages as FormMessages } from '../i18n/ko/forms';
import type { messages as HomeMessages } from '../i18n/ko/home';
import type { messages as HospitalMessages } from '../i18n/ko/hospital';
import type { messages as HospitalsMessages } from '../i18n/ko/hospitals';
import type { messages as ProblemMessages } from '../i18n/ko/problems';
import type { messages as ReportMessages } from '../i18n/ko/report';
import type { messages as SearchMessages } from '../i18n/ko/search';
import type { messages as WriteMessages } from '../i18n/ko/write';

/*
 * Message catalogues, split in parts so a page downloads only the text it shows: `core` (frame,
 * home, lists, errors) ships with the app in Korean; the other parts load with the pages that
 * need them, in the reader's language. `ko/<part>.ts` is the reference; `en/<part>.ts` must have
 * every key (tsc checks it).
 */
export type Part =
  | 'home'
  | 'search'
  | 'board'
  | 'hospitals'
  | 'hospital'
  | 'write'
  | 'account'
  | 'admin'
  | 'report'
  | 'forms'
  | 'problems';
export const ALL_PARTS: Part[] = [
  'home',
  'search',
  'board',
  'hospitals',
  'hospital',
  'write',
  'account',
  'admin',
  'report',
  'forms',
  'problems',
];
export type Catalogue = typeof koCore &
  typeof HomeMessages &
  typeof SearchMessages &
  typeof BoardMessages &
  typeof HospitalMessages &
  typeof HospitalsMessages &
  typeof AccountMessages &
  typeof AdminMessages &
  typeof ReportMessages &
  typeof WriteMessages &
  typeof FormMessages &
  typeof ProblemMessages;
export type MessageKey = keyof Catalogue;
export type Locale = 'ko' | 'en';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const files = import.meta.glob<Record<string, string>>(['../i18n/*/*.ts', '!../i18n/ko/core.ts'], {
  import: 'messages',
});
const store: Record<Locale, Record<string, string>> = { ko: { ...koCore }, en: {} };
const loaded: Record<Locale, Set<string>> = { ko: new Set(['core']), en: new Set() };
/** Every part some page asked for: a language switch loads the same parts in the new language. */
const wanted = new Set<string>(['core']);
let active: Locale = 'ko';

const LOCALE_KEY = 'cb_locale';

/** Loads the given parts in a language (the current one by default); cheap when already there. */
export async function loadParts(parts: readonly string[], locale: Locale = active): Promise<void> {
  for (const part of parts) wanted.add(part);
  await Promise.all(
    [...parts, 'core'].map(async (part) => {
      if (loaded[locale].has(part)) return;
      const load = files[`../i18n/${locale}/${part}.ts`];
      if (!load) return;
      Object.assign(store[locale], await load());
      loaded[locale].add(part);
    }),
  );
}

export function storedLocale(): Locale {
  try {
    return localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

/**
 * Chooses the reader's language before anything loads: the router starts fetching the first
 * page's parts at once, and they must come in this language, not the default one.
 */
export async function startLocale(locale: Locale): Promise<void> {
  active = locale;
  await loadParts([], locale);
}

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

/**
 * Fills `{name}` placeholders. A message written `{count} like|{count} likes` has a singular and a
 * plural form, picked by the language's plural rules for `count` (which may come formatted, "1,234").
 */
export function format(template: string, params?: Params, locale: Locale = active): string {
  if (!params) return template;
  let text = template;
  const count = params.count;
  if (text.includes('|') && count !== undefined) {
    const rules = pluralRules[locale] ?? new Intl.PluralRules(locale);
    pluralRules[locale] = rules;
    const [one = '', other = one] = text.split('|');
    text = rules.select(Number(String(count).replace(/[^\d.-]/g, ''))) === 'one' ? one : other;
  }
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    params[name] === undefined ? match : String(params[name]),
  );
}

export function hasMessage(key: string): boolean {
  return key in store[active] || key in store.ko;
}

export function translator(locale: Locale): Translate {
  return (key, params) => format(store[locale][key] ?? store.ko[key] ?? key, params, locale);
}

interface I18nValue {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nValue>({ locale: 'ko', t: translator('ko'), setLocale: () => {} });

export function I18nProvider({ initial = active, children }: { initial?: Locale; children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initial);

  const setLocale = useCallback((next: Locale) => {
    void loadParts([...wanted], next).then(() => {
      try {
        localStorage.setItem(LOCALE_KEY, next);
      } catch {
        // The choice lasts for this visit only.
      }
      active = next;
      setLocaleState(next);
    });
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18nValue>(() => ({ locale, t: translator(locale), setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
