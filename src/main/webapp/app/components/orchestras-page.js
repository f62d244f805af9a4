import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDate, t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { pagedTable } from './paged-table.js';
import { PagedList } from './paged-list.js';
import './one-time-password.js';

const POLL_MILLIS = 1000;
export const PROVISIONING_FINISHED = ['ACTIVE', 'FAILED'];

/**
 * The superadmin's orchestras: the list, creating one (its first admin's password is shown once,
 * copyable), its provisioning followed live, suspending and activating; each leads to its detail.
 */
class OrchestrasPage extends PagedList(RipienoElement) {
  static properties = { created: { state: true } };

  constructor() {
    super();
    this.pageSize = 20;
  }

  get listPath() {
    return '/platform/orchestras';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  disconnectedCallback() {
    clearTimeout(this.poll);
    super.disconnectedCallback();
  }

  loaded() {
    this.followProvisioning();
  }

  /** Polls each orchestra whose provisioning is under way until it is active or failed. */
  followProvisioning() {
    clearTimeout(this.poll);
    const pending = (this.list?.items ?? []).filter((o) => !PROVISIONING_FINISHED.includes(o.provisioningState));
    if (pending.length === 0) return;
    this.poll = setTimeout(async () => {
      try {
        const fresh = await Promise.all(pending.map((o) => api('GET', `/platform/orchestras/${o.id}`)));
        this.replace(fresh);
      } catch (failed) {
        this.loadError = messageOf(failed);
      }
      this.followProvisioning();
    }, POLL_MILLIS);
  }

  replace(orchestras) {
    const byId = new Map(orchestras.map((o) => [o.id, o]));
    this.list = { ...this.list, items: this.list.items.map((o) => byId.get(o.id) ?? o) };
  }

  async create(event) {
    const answer = await this.submitCreate(event, (values) => api('POST', '/platform/orchestras', values));
    if (answer) this.created = answer;
  }

  changeStatus(orchestra, status) {
    return this.onRow(orchestra, () => api('PATCH', `/platform/orchestras/${orchestra.id}`, { status }));
  }

  render() {
    return html`<section class="page">
      <h1>${t('orchestras.title')}</h1>
      ${this.renderCreated()}
      ${this.renderCreateForm({
        id: 'orchestra-form',
        buttonId: 'new-orchestra',
        title: t('orchestras.new'),
        submitLabel: t('orchestras.create'),
        fields: html`<label>${t('orchestras.name')} <input name="name" required></label>
          <label>${t('orchestras.subdomain')}
            <input name="subdomain" required minlength="2" maxlength="40" autocapitalize="none" aria-describedby="subdomain-hint">
          </label>
          <label>${t('orchestras.contactName')} <input name="contactName" required></label>
          <label>${t('orchestras.contactEmail')} <input name="contactEmail" type="email" required></label>`,
        hints: html`<p class="hint" id="subdomain-hint">${t('orchestras.subdomainHint')}</p>`,
      })}
      ${this.renderListArea()}
    </section>`;
  }

  renderCreated() {
    if (!this.created) return '';
    const { orchestra, admin } = this.created;
    return html`<one-time-password id="created-admin" prefix="admin" .username=${admin.username} .password=${admin.password}
      .heading=${t('orchestras.createdTitle', { name: orchestra.name })} .text=${t('orchestras.createdText')}
      @dismiss=${() => (this.created = null)}></one-time-password>`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'orchestras',
      caption: t('orchestras.title'),
      columns: [
        t('orchestras.name'),
        t('orchestras.subdomain'),
        t('orchestras.status'),
        t('orchestras.provisioning'),
        t('orchestras.created'),
        '',
      ],
      row: (o) => this.renderRow(o),
      empty: t('orchestras.none'),
      onPage: (page) => this.goTo(page),
    });
  }

  renderRow(o) {
    const provisioned = o.provisioningState === 'ACTIVE';
    return html`<tr data-subdomain=${o.subdomain} data-state=${o.provisioningState} data-status=${o.status}>
      <td>${provisioned ? html`<a href=${`/o/${o.subdomain}/musicians`}>${o.name}</a>` : o.name}</td>
      <td>${o.subdomain}</td>
      <td class="status">${t(`status.${o.status}`)}</td>
      <td class="provisioning">
        ${t(`provisioning.${o.provisioningState}`)}
        ${o.provisioningError ? html`<span class="error">${o.provisioningError}</span>` : ''}
      </td>
      <td>${formatDate(o.createdAt)}</td>
      <td class="actions">
        ${provisioned && o.status === 'active'
          ? html`<button type="button" data-write ?disabled=${this.busy}
              @click=${() => this.changeStatus(o, 'suspended')}
              aria-label=${t('orchestras.suspendNamed', { name: o.name })}>${t('orchestras.suspend')}</button>`
          : ''}
        ${provisioned && o.status !== 'active'
          ? html`<button type="button" data-write ?disabled=${this.busy}
              @click=${() => this.changeStatus(o, 'active')}
              aria-label=${t('orchestras.activateNamed', { name: o.name })}>${t('orchestras.activate')}</button>`
          : ''}
        <a href=${`/platform/orchestras/${encodeURIComponent(o.id)}`} data-details
          aria-label=${t('orchestras.detailsNamed', { name: o.name })}>${t('orchestras.details')}</a>
        ${this.rowErrors[o.id] ? html`<p class="error" role="alert">${this.rowErrors[o.id]}</p>` : ''}
      </td>
    </tr>`;
  }
}
customElements.define('orchestras-page', OrchestrasPage);
