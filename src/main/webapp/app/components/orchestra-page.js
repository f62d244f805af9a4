import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { PROVISIONING_FINISHED } from './orchestras-page.js';
import './orchestra-config.js';
import './test-email.js';

const POLL_MILLIS = 1000;

/**
 * One orchestra on the platform (superadmin): its facts, provisioning followed live (and resumed
 * when it failed), suspending and activating, its configuration (orchestra-config), and its
 * removal, confirmed by typing the subdomain, which answers where the export of its data was
 * written.
 */
class OrchestraPage extends RipienoElement {
  static properties = {
    orchestraId: {},
    orchestra: { state: true },
    loadError: { state: true },
    busy: { state: true },
    actionError: { state: true },
    confirmation: { state: true },
    removeError: { state: true },
    removed: { state: true },
  };

  get base() {
    return `/platform/orchestras/${encodeURIComponent(this.orchestraId)}`;
  }

  updated(changed) {
    if (changed.has('orchestraId')) {
      this.removed = null;
      this.confirmation = '';
      this.load();
    }
  }

  disconnectedCallback() {
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  async load() {
    clearTimeout(this.poll);
    try {
      this.orchestra = await api('GET', this.base);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
      return;
    }
    // Provisioning is followed live until it is active or has failed.
    if (!PROVISIONING_FINISHED.includes(this.orchestra.provisioningState)) {
      this.poll = setTimeout(() => this.load(), POLL_MILLIS);
    }
  }

  /** One action on the orchestra; its refusal shown beside the actions; no second click meanwhile. */
  async act(call) {
    if (this.busy) return;
    this.busy = true;
    this.actionError = null;
    try {
      await call();
      await this.load();
    } catch (refused) {
      this.actionError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  changeStatus(status) {
    return this.act(() => api('PATCH', this.base, { status }));
  }

  resumeProvisioning() {
    return this.act(() => api('POST', `${this.base}/provision`));
  }

  async removeOrchestra(event) {
    event.preventDefault();
    if (this.busy || this.confirmation !== this.orchestra.subdomain) return;
    this.busy = true;
    this.removeError = null;
    try {
      this.removed = await api('DELETE', `${this.base}${query({ confirm: this.confirmation })}`);
      this.orchestra = this.removed.orchestra;
      this.confirmation = '';
    } catch (refused) {
      this.removeError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const o = this.orchestra;
    return html`<section class="page">
      <p><a href="/platform/orchestras">${t('orchestra.back')}</a></p>
      <h1>${o ? o.name : t('orchestra.title')}</h1>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${o ? this.renderOrchestra(o) : this.loadError ? '' : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderOrchestra(o) {
    const deleted = o.status === 'deleted';
    return html`${this.renderFacts(o)}
      ${deleted ? '' : this.renderActions(o)}
      ${this.removed ? this.renderRemoved() : ''}
      ${deleted ? '' : html`<orchestra-config .orchestraId=${o.id}></orchestra-config>
        <test-email .path=${`/platform/orchestras/${encodeURIComponent(o.id)}/test-email`}></test-email>`}
      ${deleted ? '' : this.renderRemoval(o)}`;
  }

  renderFacts(o) {
    const fact = (key, value) => html`<dt>${t(key)}</dt><dd data-fact=${key.split('.').pop()}>${value ?? '–'}</dd>`;
    return html`<dl class="facts" id="orchestra-facts" data-status=${o.status} data-state=${o.provisioningState}>
      ${fact('orchestras.subdomain', o.subdomain)}
      ${fact('orchestras.status', t(`status.${o.status}`))}
      ${fact('orchestras.provisioning', t(`provisioning.${o.provisioningState}`))}
      ${o.provisioningError ? fact('orchestra.provisioningError', o.provisioningError) : ''}
      ${fact('orchestra.attempts', o.provisioningAttempts)}
      ${fact('orchestra.schemaVersion', o.schemaVersion)}
      ${fact('orchestra.lastMigration', o.lastMigrationResult ? `${o.lastMigrationResult} (${formatDateTime(o.lastMigratedAt)})` : null)}
      ${fact('orchestra.server', o.server)}
      ${fact('orchestra.database', o.databaseName)}
      ${fact('orchestras.contactName', o.contactName)}
      ${fact('orchestras.contactEmail', o.contactEmail)}
      ${fact('orchestra.plan', o.plan)}
      ${fact('orchestra.pricePerMonth', t('orchestra.sek', { amount: o.pricePerMonth }))}
      ${fact('orchestra.limits', t('orchestra.limitsText', { musicians: o.maxMusicians, projects: o.maxProjects }))}
      ${o.counts ? fact('orchestra.counts', t('orchestra.countsText', { musicians: o.counts.musicians, projects: o.counts.projects })) : ''}
      ${fact('orchestras.created', formatDateTime(o.createdAt))}
    </dl>`;
  }

  renderActions(o) {
    const provisioned = o.provisioningState === 'ACTIVE';
    return html`<div class="buttons" id="orchestra-actions">
      ${provisioned
        ? html`<a href=${`/o/${encodeURIComponent(o.subdomain)}/musicians`}>${t('orchestra.enter')}</a>`
        : ''}
      ${provisioned && o.status === 'active'
        ? html`<button type="button" id="suspend" data-write ?disabled=${this.busy} @click=${() => this.changeStatus('suspended')}>${t('orchestras.suspend')}</button>`
        : ''}
      ${provisioned && o.status !== 'active'
        ? html`<button type="button" id="activate" data-write ?disabled=${this.busy} @click=${() => this.changeStatus('active')}>${t('orchestras.activate')}</button>`
        : ''}
      ${o.provisioningState === 'FAILED'
        ? html`<button type="button" id="resume-provisioning" data-write ?disabled=${this.busy} @click=${this.resumeProvisioning}>${t('orchestra.resume')}</button>`
        : ''}
    </div>
    ${this.actionError ? html`<p class="error" role="alert">${this.actionError}</p>` : ''}`;
  }

  renderRemoval(o) {
    return html`<form id="remove-form" class="panel danger-zone" @submit=${this.removeOrchestra}>
      <h2>${t('orchestra.remove')}</h2>
      <p>${t('orchestra.removeText')}</p>
      <label>${t('orchestra.removeConfirm', { subdomain: o.subdomain })}
        <input name="confirmation" autocomplete="off" autocapitalize="none" .value=${this.confirmation ?? ''}
          @input=${(e) => (this.confirmation = e.target.value)}>
      </label>
      ${this.removeError ? html`<p class="error" role="alert">${this.removeError}</p>` : ''}
      <div class="buttons">
        <button type="submit" class="danger" data-write ?disabled=${this.busy || this.confirmation !== o.subdomain}>
          ${t('orchestra.removeSubmit', { name: o.name })}</button>
      </div>
    </form>`;
  }

  renderRemoved() {
    const exported = this.removed.export;
    return html`<div class="panel created" id="removed" role="status">
      <h2>${t('orchestra.removedTitle', { name: this.removed.orchestra.name })}</h2>
      ${exported
        ? html`<p>${t('orchestra.exportText')}</p>
            <p><code id="export-location">${exported.location}</code></p>
            <p>${t('orchestra.exportRows', {
              rows: Object.values(exported.rows ?? {}).reduce((sum, n) => sum + n, 0),
              version: exported.schemaVersion ?? '–',
            })}</p>`
        : html`<p>${t('orchestra.noExport')}</p>`}
    </div>`;
  }
}
customElements.define('orchestra-page', OrchestraPage);
