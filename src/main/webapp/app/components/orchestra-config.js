import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';

// The configuration's sections and their fields, as GET/PUT /platform/orchestras/{id}/config
// name them. A secret is never shown whole: the API answers it masked (*** and its last four
// characters); its field starts empty, and only a value typed there is sent, replacing it.
const SECTIONS = {
  email: {
    text: ['smtpHost', 'smtpUser', 'fromAddress', 'fromName', 'replyTo'],
    number: ['smtpPort'],
    secret: ['smtpPassword', 'resendApiKey'],
  },
  sms: {
    text: ['fromNumber'],
    secret: ['accountSid', 'authToken'],
    flag: ['onRequest', 'onReminder', 'onConfirmation', 'onPositionFilled', 'onGroupEmail'],
  },
  branding: { text: ['primaryColor', 'secondaryColor', 'customDomain', 'faviconUrl'] },
  integration: { text: ['webhookUrl'], secret: ['webhookSecret'] },
};

/**
 * An orchestra's configuration (superadmin): email, SMS, features, branding and integration, with
 * every secret masked and only ever replaced; a new API key is generated on request and shown once.
 * A refusal stands beside the field its detail names.
 */
class OrchestraConfig extends RipienoElement {
  static properties = {
    orchestraId: {},
    config: { state: true },
    loadError: { state: true },
    error: { state: true },
    errorField: { state: true },
    busy: { state: true },
    saved: { state: true },
    generatedKey: { state: true },
  };

  get base() {
    return `/platform/orchestras/${encodeURIComponent(this.orchestraId)}/config`;
  }

  updated(changed) {
    if (changed.has('orchestraId')) this.load();
  }

  async load() {
    try {
      this.config = await api('GET', this.base);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  /** The change: every shown field as it stands, secrets only where a new value was typed. */
  change(form) {
    const values = new FormData(form);
    const change = { features: {} };
    for (const [section, fields] of Object.entries(SECTIONS)) {
      const part = {};
      for (const name of fields.text ?? []) part[name] = values.get(`${section}.${name}`).trim();
      for (const name of fields.number ?? []) {
        const number = values.get(`${section}.${name}`).trim();
        if (number !== '') part[name] = Number(number);
      }
      for (const name of fields.secret ?? []) {
        const secret = values.get(`${section}.${name}`);
        if (secret !== '') part[name] = secret;
      }
      for (const name of fields.flag ?? []) part[name] = values.has(`${section}.${name}`);
      change[section] = part;
    }
    for (const name of Object.keys(this.config.features ?? {})) change.features[name] = values.has(`features.${name}`);
    if (values.has('integration.generateApiKey')) change.integration.apiKey = 'generate';
    return change;
  }

  async save(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target;
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      this.config = await api('PUT', this.base, this.change(form));
      this.generatedKey = this.config.integration?.generatedApiKey ?? null;
      // Secrets typed are not kept on the page; the other fields show what the API answered.
      for (const input of form.querySelectorAll('input[type=password]')) input.value = '';
      form.querySelector('input[name="integration.generateApiKey"]').checked = false;
      this.errorField = null;
      this.saved = true;
    } catch (refused) {
      this.error = messageOf(refused);
      this.errorField = this.fieldNamed(this.error);
    } finally {
      this.busy = false;
    }
  }

  /** The field a refusal's detail names (its first word that is a field), if any. */
  fieldNamed(detail) {
    for (const [section, fields] of Object.entries(SECTIONS)) {
      for (const name of Object.values(fields).flat()) {
        if (new RegExp(`\\b${name}\\b`).test(detail)) return `${section}.${name}`;
      }
    }
    return null;
  }

  render() {
    if (this.loadError) return html`<p class="error" role="alert">${this.loadError}</p>`;
    if (!this.config) return html`<p>${t('app.loading')}</p>`;
    return html`<form id="config-form" class="panel" @submit=${this.save}>
      <h2>${t('config.title')}</h2>
      <p class="hint">${t('config.secretsHint')}</p>
      ${Object.entries(SECTIONS).map(([section, fields]) => this.renderSection(section, fields))}
      <fieldset>
        <legend>${t('config.features')}</legend>
        ${Object.entries(this.config.features ?? {}).map(
          ([name, enabled]) => html`<label class="check">
            <input type="checkbox" name=${`features.${name}`} .checked=${enabled}> <code>${name}</code></label>`,
        )}
      </fieldset>
      ${this.generatedKey
        ? html`<div class="created" role="status">
            <p>${t('config.generatedKey')}</p>
            <input id="generated-api-key" readonly .value=${this.generatedKey} aria-label=${t('config.integration.apiKey')}>
          </div>`
        : ''}
      ${this.error && !this.errorField ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.saved ? html`<p class="notice" id="config-saved" role="status">${t('config.saved')}</p>` : ''}
      <div class="buttons"><button type="submit" data-write ?disabled=${this.busy}>${t('app.save')}</button></div>
    </form>`;
  }

  renderSection(section, fields) {
    const current = this.config[section] ?? {};
    const field = (name, input) => html`<label>${t(`config.${section}.${name}`)} ${input}
        ${this.errorField === `${section}.${name}`
          ? html`<span class="error" role="alert" data-error-for=${`${section}.${name}`}>${this.error}</span>`
          : ''}</label>`;
    return html`<fieldset data-section=${section}>
      <legend>${t(`config.${section}`)}</legend>
      <div class="fields">
        ${(fields.text ?? []).map((name) => field(name, html`<input name=${`${section}.${name}`} .value=${current[name] ?? ''}>`))}
        ${(fields.number ?? []).map((name) =>
          field(name, html`<input name=${`${section}.${name}`} type="number" min="1" max="65535" .value=${current[name] ?? ''}>`),
        )}
        ${(fields.secret ?? []).map((name) =>
          field(
            name,
            html`<input name=${`${section}.${name}`} type="password" autocomplete="new-password"
                placeholder=${current[name] ?? t('config.notSet')} data-masked=${current[name] ?? ''}>`,
          ),
        )}
        ${section === 'integration'
          ? html`<p data-fact="apiKey">${t('config.integration.apiKey')}: <code id="api-key-masked">${current.apiKey ?? t('config.notSet')}</code></p>
              <label class="check"><input type="checkbox" name="integration.generateApiKey"> ${t('config.generateApiKey')}</label>`
          : ''}
      </div>
      ${(fields.flag ?? []).map(
        (name) => html`<label class="check"><input type="checkbox" name=${`${section}.${name}`} .checked=${Boolean(current[name])}>
          ${t(`config.${section}.${name}`)}</label>`,
      )}
    </fieldset>`;
  }
}
customElements.define('orchestra-config', OrchestraConfig);
