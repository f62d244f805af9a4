import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t, useTimeZone } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';
import './test-email.js';

const KEYS = ['time_zone', 'reminder_percentage', 'ranking_conflict_strategy', 'same_week_conflicts'];
const STRATEGIES = ['simple', 'detailed', 'smart'];
const SAME_WEEK = ['warn', 'skip'];

/**
 * The orchestra's settings, checked by the API: a refusal is shown beside the setting it names
 * (its detail starts with the setting's key; the API writes none when one is wrong).
 */
class SettingsPage extends RipienoElement {
  static properties = {
    subdomain: {},
    settings: { state: true },
    loadError: { state: true },
    errors: { state: true },
    saved: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.errors = {};
  }

  get path() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/settings`;
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  async load() {
    try {
      this.settings = await api('GET', this.path);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    const values = Object.fromEntries(new FormData(event.target));
    // Only what changed is sent, so an untouched setting is never rewritten.
    const changes = Object.fromEntries(KEYS.filter((key) => values[key] !== this.settings[key]).map((key) => [key, values[key]]));
    this.errors = {};
    if (Object.keys(changes).length === 0) {
      this.saved = true;
      return;
    }
    this.busy = true;
    this.saved = false;
    try {
      this.settings = await api('PUT', this.path, changes);
      this.saved = true;
      useTimeZone(this.settings.time_zone);
    } catch (refused) {
      const message = messageOf(refused);
      const key = KEYS.find((name) => message.startsWith(name)) ?? 'form';
      this.errors = { [key]: message };
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section class="page">
      <h1>${t('settings.title')}</h1>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.settings ? this.renderForm(canWrite()) : html`<p>${t('app.loading')}</p>`}
      ${canWrite() ? html`<test-email .path=${`/orchestras/${encodeURIComponent(this.subdomain)}/test-email`}></test-email>` : ''}
    </section>`;
  }

  renderForm(writes) {
    const s = this.settings;
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return html`<form id="settings-form" class="panel" novalidate @submit=${this.save} @input=${() => (this.saved = false)}>
      <fieldset ?disabled=${!writes}>
        <label>${t('settings.time_zone')}
          <input name="time_zone" list="time-zones" .value=${s.time_zone ?? ''} aria-describedby="time_zone-hint"
            aria-invalid=${this.errors.time_zone ? 'true' : 'false'}>
        </label>
        <datalist id="time-zones">${zones.map((zone) => html`<option value=${zone}></option>`)}</datalist>
        <p class="hint" id="time_zone-hint">${t('settings.time_zone.hint')}</p>
        ${this.fieldError('time_zone')}
        <label>${t('settings.reminder_percentage')}
          <input name="reminder_percentage" type="number" min="1" max="99" step="1" .value=${s.reminder_percentage ?? ''}
            aria-describedby="reminder_percentage-hint" aria-invalid=${this.errors.reminder_percentage ? 'true' : 'false'}>
        </label>
        <p class="hint" id="reminder_percentage-hint">${t('settings.reminder_percentage.hint')}</p>
        ${this.fieldError('reminder_percentage')}
        <label>${t('settings.ranking_conflict_strategy')}
          <select name="ranking_conflict_strategy" aria-describedby="ranking_conflict_strategy-hint">
            ${STRATEGIES.map((value) => html`<option value=${value} ?selected=${s.ranking_conflict_strategy === value}>
              ${t(`settings.strategy.${value}`)}</option>`)}
          </select>
        </label>
        <p class="hint" id="ranking_conflict_strategy-hint">${t('settings.ranking_conflict_strategy.hint')}</p>
        ${this.fieldError('ranking_conflict_strategy')}
        <label>${t('settings.same_week_conflicts')}
          <select name="same_week_conflicts">
            ${SAME_WEEK.map((value) => html`<option value=${value} ?selected=${s.same_week_conflicts === value}>
              ${t(`settings.sameWeek.${value}`)}</option>`)}
          </select>
        </label>
        ${this.fieldError('same_week_conflicts')}
      </fieldset>
      ${this.fieldError('form')}
      ${writes
        ? html`<div class="buttons">
            <button type="submit" data-write ?disabled=${this.busy}>${t('app.save')}</button>
            ${this.saved ? html`<span class="saved" role="status" id="settings-saved">${t('settings.saved')}</span>` : ''}
          </div>`
        : ''}
    </form>`;
  }

  fieldError(key) {
    return this.errors[key] ? html`<p class="error" role="alert" data-error-for=${key}>${this.errors[key]}</p>` : '';
  }
}
customElements.define('settings-page', SettingsPage);
