// Languages: one catalogue per language (i18n/<lang>.json, flat keys), Swedish by default. The
// choice alone is remembered, in localStorage. Dates are shown in the orchestra's time zone.
export const LANGUAGES = ['sv', 'en'];
const CHOICE = 'ripieno.language';
const DEFAULT_ZONE = 'Europe/Stockholm';

let language = LANGUAGES.includes(localStorage.getItem(CHOICE)) ? localStorage.getItem(CHOICE) : 'sv';
let messages = {};
let timeZone = DEFAULT_ZONE;

export function currentLanguage() {
  return language;
}

/** Loads the remembered (or default) catalogue; called once before the first render. */
export async function startLanguage() {
  await load(language);
}

export async function chooseLanguage(chosen) {
  if (!LANGUAGES.includes(chosen)) return;
  localStorage.setItem(CHOICE, chosen);
  await load(chosen);
}

async function load(chosen) {
  const response = await fetch(`/app/i18n/${chosen}.json`);
  messages = await response.json();
  language = chosen;
  document.documentElement.lang = chosen;
  window.dispatchEvent(new CustomEvent('language-changed'));
}

/** The message for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The zone dates are shown in: the orchestra's (its time_zone setting), else Stockholm's. */
export function useTimeZone(zone) {
  timeZone = zone || DEFAULT_ZONE;
  window.dispatchEvent(new CustomEvent('language-changed'));
}

function locale() {
  return language === 'sv' ? 'sv-SE' : 'en-GB';
}

export function formatDate(instant) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone }).format(new Date(instant));
}

export function formatDateTime(instant) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone })
    .format(new Date(instant));
}

/** The instant a day (yyyy-mm-dd) begins in the shown time zone, as ISO text; `days` later if given. */
export function startOfDay(day, days = 0) {
  const [year, month, date] = day.split('-').map(Number);
  const utc = Date.UTC(year, month - 1, date + days);
  // The zone's offset at that moment, from how the zone writes it; twice, for a day the clocks change.
  let instant = utc;
  for (let i = 0; i < 2; i++) instant = utc - offset(instant);
  return new Date(instant).toISOString();
}

function offset(instant) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(instant / 1000) * 1000;
}
