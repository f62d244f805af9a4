import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api } from '../api.js';
import { pagedTable } from './paged-table.js';
import { PagedList } from './paged-list.js';
import './one-time-password.js';

const ORCHESTRA_ROLES = ['user', 'admin'];
const PLATFORM_ROLES = ['user', 'admin', 'superadmin'];

/**
 * Accounts: the orchestra's (admins only, `subdomain` set) or every account of the platform (the
 * superadmin, `platform` set, where an account may be a superadmin or belong to any orchestra).
 * The list, creating one (its password generated and shown once), resetting a password,
 * deactivating and activating.
 */
class AccountsPage extends PagedList(RipienoElement) {
  static properties = {
    subdomain: {},
    platform: { type: Boolean },
    // The password the API just gave: { heading, username, password }.
    shown: { state: true },
  };

  get base() {
    return this.platform ? '/platform/users' : `/orchestras/${encodeURIComponent(this.subdomain)}/users`;
  }

  get listPath() {
    return this.base;
  }

  updated(changed) {
    if (changed.has('subdomain') || changed.has('platform')) this.load();
  }

  async create(event) {
    const account = await this.submitCreate(event, (values) => {
      if (!values.orchestraId) delete values.orchestraId;
      return api('POST', this.base, values);
    });
    if (account) {
      this.shown = { heading: t('accounts.createdTitle', { username: account.username }), username: account.username, password: account.password };
    }
  }


  resetPassword(account) {
    return this.onRow(account, async () => {
      const answer = await api('POST', `${this.base}/${encodeURIComponent(account.id)}/reset-password`);
      this.shown = { heading: t('accounts.resetTitle', { username: account.username }), username: account.username, password: answer.password };
    });
  }

  toggleActive(account) {
    return this.onRow(account, () => api('PUT', `${this.base}/${encodeURIComponent(account.id)}`, { active: !account.active }));
  }

  render() {
    return html`<section class="page">
      <h1>${t(this.platform ? 'accounts.platformTitle' : 'accounts.title')}</h1>
      ${this.shown
        ? html`<one-time-password id="shown-password" prefix="account" .heading=${this.shown.heading} .text=${t('accounts.passwordText')}
            .username=${this.shown.username} .password=${this.shown.password} @dismiss=${() => (this.shown = null)}></one-time-password>`
        : ''}
      ${this.renderCreateForm({
        id: 'account-form',
        buttonId: 'new-account',
        title: t('accounts.new'),
        submitLabel: t('accounts.create'),
        fields: this.renderFields(),
        hints: html`${this.platform ? html`<p class="hint" id="orchestra-id-hint">${t('accounts.orchestraIdHint')}</p>` : ''}
          <p class="hint">${t('accounts.generatedHint')}</p>`,
      })}
      ${this.renderListArea()}
    </section>`;
  }

  renderFields() {
    return html`<label>${t('signIn.username')} <input name="username" required autocomplete="off"></label>
      <label>${t('accounts.email')} <input name="email" type="email" required></label>
      <label>${t('accounts.role')}
        <select name="role">${(this.platform ? PLATFORM_ROLES : ORCHESTRA_ROLES).map((role) => html`<option value=${role}>${t(`accounts.role.${role}`)}</option>`)}</select>
      </label>
      ${this.platform
        ? html`<label>${t('accounts.orchestraId')} <input name="orchestraId" autocomplete="off" aria-describedby="orchestra-id-hint"></label>`
        : ''}`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'accounts',
      caption: t(this.platform ? 'accounts.platformTitle' : 'accounts.title'),
      columns: [
        t('signIn.username'),
        t('accounts.email'),
        t('accounts.role'),
        ...(this.platform ? [t('accounts.orchestra')] : []),
        t('accounts.status'),
        t('accounts.lastLogin'),
        '',
      ],
      row: (a) => html`<tr data-account=${a.username} data-active=${a.active ? 'true' : 'false'}>
        <td>${a.username}</td>
        <td>${a.email}</td>
        <td>${t(`accounts.role.${a.role}`)}</td>
        ${this.platform ? html`<td>${a.orchestra ? `${a.orchestra.name} (${a.orchestra.subdomain})` : '–'}</td>` : ''}
        <td class="status">${a.active ? t('accounts.active') : t('accounts.inactive')}${a.mustChangePassword ? html`<br><span class="hint">${t('accounts.mustChange')}</span>` : ''}</td>
        <td>${formatDateTime(a.lastLogin)}</td>
        <td class="actions">
          <button type="button" data-write data-action="reset" ?disabled=${this.busy} @click=${() => this.resetPassword(a)}
            aria-label=${t('accounts.resetNamed', { username: a.username })}>${t('accounts.reset')}</button>
          <button type="button" data-write data-action="active" ?disabled=${this.busy} @click=${() => this.toggleActive(a)}
            aria-label=${t(a.active ? 'accounts.deactivateNamed' : 'accounts.activateNamed', { username: a.username })}>
            ${t(a.active ? 'accounts.deactivate' : 'accounts.activate')}</button>
          ${this.rowErrors[a.id] ? html`<p class="error" role="alert">${this.rowErrors[a.id]}</p>` : ''}
        </td>
      </tr>`,
      empty: t('accounts.none'),
      onPage: (page) => this.goTo(page),
    });
  }
}
customElements.define('accounts-page', AccountsPage);
