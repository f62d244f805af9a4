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
