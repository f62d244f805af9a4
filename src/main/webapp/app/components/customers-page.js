import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDate, t } from '../i18n.js';
import { api } from '../api.js';
import { pagedTable } from './paged-table.js';
import { PagedList } from './paged-list.js';

const STATUSES = ['active', 'inactive', 'pending'];
const PLANS = ['small', 'medium', 'enterprise'];

/**
 * The legacy customer registry (superadmin): the list (each database URL masked by the API),
 * creating a customer, changing its status and plan, deleting it.
 */
class CustomersPage extends PagedList(RipienoElement) {

  get listPath() {
    return '/platform/customers';
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  create(event) {
    return this.submitCreate(event, (values) => api('POST', this.listPath, values));
  }


  change(customer, field, value) {
    return this.onRow(customer, () => api('PUT', `${this.listPath}/${encodeURIComponent(customer.id)}`, { [field]: value }));
  }

  deleteCustomer(customer) {
    return this.onRow(customer, () => api('DELETE', `${this.listPath}/${encodeURIComponent(customer.id)}`));
  }

  render() {
    return html`<section class="page">
      <h1>${t('customers.title')}</h1>
      ${this.renderCreateForm({
        id: 'customer-form',
        buttonId: 'new-customer',
        title: t('customers.new'),
        submitLabel: t('customers.create'),
        fields: this.renderFields(),
        hints: html`<p class="hint" id="database-url-hint">${t('customers.databaseUrlHint')}</p>`,
      })}
      ${this.renderListArea()}
    </section>`;
  }

  renderFields() {
    return html`<label>${t('orchestras.name')} <input name="name" required maxlength="200"></label>
      <label>${t('orchestras.subdomain')} <input name="subdomain" required autocapitalize="none" pattern="[a-z0-9\\-]+"></label>
      <label>${t('customers.contactEmail')} <input name="contactEmail" type="email" required></label>
      <label>${t('customers.databaseUrl')}
        <input name="databaseUrl" type="password" required autocomplete="off" aria-describedby="database-url-hint"></label>
      <label>${t('customers.status')}
        <select name="status">${STATUSES.map((s) => html`<option value=${s}>${t(`customers.status.${s}`)}</option>`)}</select>
      </label>
      <label>${t('customers.plan')}
        <select name="plan">${PLANS.map((p) => html`<option value=${p}>${p}</option>`)}</select>
      </label>`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'customers',
      caption: t('customers.title'),
      columns: [
        t('orchestras.name'),
        t('orchestras.subdomain'),
        t('customers.contactEmail'),
        t('customers.databaseUrl'),
        t('customers.status'),
        t('customers.plan'),
        t('orchestras.created'),
        '',
      ],
      row: (c) => html`<tr data-customer=${c.subdomain} data-status=${c.status}>
        <td>${c.name}</td>
        <td>${c.subdomain}</td>
        <td>${c.contactEmail}</td>
        <td><code>${c.databaseUrl}</code></td>
        <td>
          <select aria-label=${t('customers.statusNamed', { name: c.name })} data-write name="status" ?disabled=${this.busy}
            @change=${(e) => this.change(c, 'status', e.target.value)}>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === c.status}>${t(`customers.status.${s}`)}</option>`)}
          </select>
        </td>
        <td>
          <select aria-label=${t('customers.planNamed', { name: c.name })} data-write name="plan" ?disabled=${this.busy}
            @change=${(e) => this.change(c, 'plan', e.target.value)}>
            ${PLANS.map((p) => html`<option value=${p} ?selected=${p === c.plan}>${p}</option>`)}
          </select>
        </td>
        <td>${formatDate(c.createdAt)}</td>
        <td class="actions">
          <button type="button" data-write data-action="delete" ?disabled=${this.busy} @click=${() => this.deleteCustomer(c)}
            aria-label=${t('customers.deleteNamed', { name: c.name })}>${t('customers.delete')}</button>
          ${this.rowErrors[c.id] ? html`<p class="error" role="alert">${this.rowErrors[c.id]}</p>` : ''}
        </td>
      </tr>`,
      empty: t('customers.none'),
      onPage: (page) => this.goTo(page),
    });
  }
}
customElements.define('customers-page', CustomersPage);
