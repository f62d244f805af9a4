import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { pagedTable } from './paged-table.js';
import './one-time-password.js';

const PAGE_SIZE = 25;
const ROLES = ['user', 'admin'];

/**
 * The orchestra's accounts (admins only): the list, creating one (its password generated and shown
 * once), resetting a password, deactivating and activating.
 */
class AccountsPage extends RipienoElement {
  static properties = {
    subdomain: {},
    list: { state: true },
    page: { state: true },
    loadError: { state: true },
    createError: { state: true },
    busy: { state: true },
    formOpen: { state: true },
    // The password the API just gave: { heading, username, password }.
    shown: { state: true },
    rowErrors: { state: true },
  };

  constructor() {
    super();
    this.page = 1;
    this.rowErrors = {};
  }

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/users`;
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  async load() {
    try {
      this.list = await api('GET', `${this.base}${query({ page: this.page, size: PAGE_SIZE })}`);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  async create(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target;
    const values = Object.fromEntries(new FormData(form));
    this.busy = true;
    this.createError = null;
    try {
      const account = await api('POST', this.base, values);
      this.shown = { heading: t('accounts.createdTitle', { username: account.username }), username: account.username, password: account.password };
      form.reset();
      this.formOpen = false;
      await this.load();
    } catch (refused) {
      this.createError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  /** One write on an account's row, its refusal shown on that row; no second click meanwhile. */
  async onRow(account, call) {
    if (this.busy) return;
    this.busy = true;
    this.rowErrors = { ...this.rowErrors, [account.id]: null };
    try {
      await call();
      await this.load();
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [account.id]: messageOf(refused) };
    } finally {
      this.busy = false;
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
      <h1>${t('accounts.title')}</h1>
      ${this.shown
        ? html`<one-time-password id="shown-password" prefix="account" .heading=${this.shown.heading} .text=${t('accounts.passwordText')}
            .username=${this.shown.username} .password=${this.shown.password} @dismiss=${() => (this.shown = null)}></one-time-password>`
        : ''}
      ${this.renderForm()}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.list ? this.renderList() : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderForm() {
    if (!this.formOpen) {
      return html`<button type="button" id="new-account" data-write @click=${() => (this.formOpen = true)}>${t('accounts.new')}</button>`;
    }
    return html`<form id="account-form" class="panel" @submit=${this.create}>
      <h2>${t('accounts.new')}</h2>
      <div class="fields">
        <label>${t('signIn.username')} <input name="username" required autocomplete="off"></label>
        <label>${t('accounts.email')} <input name="email" type="email" required></label>
        <label>${t('accounts.role')}
          <select name="role">${ROLES.map((role) => html`<option value=${role}>${t(`accounts.role.${role}`)}</option>`)}</select>
        </label>
      </div>
      <p class="hint">${t('accounts.generatedHint')}</p>
      ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : ''}
      <div class="buttons">
        <button type="submit" data-write ?disabled=${this.busy}>${t('accounts.create')}</button>
        <button type="button" class="secondary" @click=${() => (this.formOpen = false)}>${t('app.cancel')}</button>
      </div>
    </form>`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'accounts',
      caption: t('accounts.title'),
      columns: [t('signIn.username'), t('accounts.email'), t('accounts.role'), t('accounts.status'), t('accounts.lastLogin'), ''],
      row: (a) => html`<tr data-account=${a.username} data-active=${a.active ? 'true' : 'false'}>
        <td>${a.username}</td>
        <td>${a.email}</td>
        <td>${t(`accounts.role.${a.role}`)}</td>
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
      onPage: (page) => {
        this.page = page;
        this.load();
      },
    });
  }
}
customElements.define('accounts-page', AccountsPage);
