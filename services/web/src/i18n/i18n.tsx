// The reader's language (French first, English available; remembered in localStorage), the
// catalogue's strings with {name} parameters, and dates and numbers formatted with Intl in that
// language, in Paris time.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";

import { catalogues, type Key, type Lang } from "./messages";

export const TIME_ZONE = "Europe/Paris";
const STORAGE_KEY = "lang";

export function translate(lang: Lang, key: Key, params?: Record<string, string | number>): string {
  const text: string = catalogues[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? formatValue(lang, params[name]) : whole,
  );
}

function formatValue(lang: Lang, v: string | number): string {
  return typeof v === "number" ? formatNumber(lang, v) : v;
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB").format(n);
}

export function formatDateTime(lang: Lang, at: Date): string {
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: TIME_ZONE,
  }).format(at);
}

// A span of time (a session): the day once, then both times, in Paris time ("3 mars 2026,
// 18:30–21:00"; both days when it runs over midnight).
export function formatRange(lang: Lang, from: Date, to: Date): string {
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: TIME_ZONE,
  }).formatRange(from, to);
}

// A calendar day ("2026-03-03", a mandate's start, a due date) in words: no time zone to apply.
export function formatDay(lang: Lang, isoDate: string): string {
  const at = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "long", timeZone: "UTC" }).format(at);
}

// The first language: the one chosen before, else French unless the browser prefers English.
export function initialLang(stored: string | null, preferred: readonly string[]): Lang {
  if (stored === "fr" || stored === "en") return stored;
  const first = preferred.find((l) => /^(fr|en)\b/i.test(l));
  return first?.toLowerCase().startsWith("en") ? "en" : "fr";
}

interface I18n {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: (key: Key, params?: Record<string, string | number>) => string;
  has: (key: string) => key is Key;
  dateTime: (at: Date) => string;
  range: (from: Date, to: Date) => string;
  number: (n: number) => string;
  day: (isoDate: string) => string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(
    () => fixed ?? initialLang(readStored(), navigator.languages ?? [navigator.language]),
  );
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // private browsing: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      has: (key): key is Key => key in catalogues[lang],
      dateTime: (at) => formatDateTime(lang, at),
      range: (from, to) => formatRange(lang, from, to),
      number: (n) => formatNumber(lang, n),
      day: (d) => formatDay(lang, d),
    }),
    [lang, setLang],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error("useI18n outside I18nProvider");
  return ctx;
}
