import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { startOfDay, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { pagedTable } from './paged-table.js';

const PAGE_SIZE = 50;

/**
 * What a log screen shares: filters (each a text field or a choice, plus the days from and to,
 * both included, in the shown time zone), the newest first, paged. A log page says its `path`,
 * `title`, `tableId`, `filterFields` ([{ name, label, choices? }]), `columns` and `row(entry)`;
 * an orchestra's loads when given its `subdomain`.
 */
export class LogPage extends RipienoElement {
  static properties = {
    subdomain: {},
    list: { state: true },
    filter: { state: true },
    loadError: { state: true },
    filterError: { state: true },
  };

  constructor() {
    super();
    this.filter = { page: 1 };
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  async load() {
    const { from, to, ...rest } = this.filter;
    const parameters = { ...rest, size: PAGE_SIZE };
    if (from) parameters.from = startOfDay(from);
    if (to) parameters.to = startOfDay(to, 1);
    try {
      this.list = await api('GET', `${this.path}${query(parameters)}`);
      this.loadError = null;
      this.filterError = null;
    } catch (failed) {
      // A refused filter is shown by the filters; anything else where the list would be.
      if (failed.status === 400) this.filterError = messageOf(failed);
      else this.loadError = messageOf(failed);
    }
  }

  search(event) {
    event.preventDefault();
    this.filter = { ...Object.fromEntries(new FormData(event.target)), page: 1 };
    this.load();
  }

  render() {
    return html`<section class="page">
      <h1>${this.title}</h1>
      <form class="filters log-filters" role="search" @submit=${this.search}>
        ${this.filterFields.map((field) => this.renderField(field))}
        <label>${t('logs.from')} <input type="date" name="from" .value=${this.filter.from ?? ''}></label>
        <label>${t('logs.to')} <input type="date" name="to" .value=${this.filter.to ?? ''}></label>
        <button type="submit">${t('logs.filter')}</button>
      </form>
      ${this.filterError ? html`<p class="error" role="alert" id="filter-error">${this.filterError}</p>` : ''}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.list
        ? pagedTable(this.list, {
            id: this.tableId,
            caption: this.title,
            columns: this.columns,
            row: (entry) => this.row(entry),
            empty: t('logs.none'),
            onPage: (page) => {
              this.filter = { ...this.filter, page };
              this.load();
            },
          })
        : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderField({ name, label, choices }) {
    const value = this.filter[name] ?? '';
    if (!choices) return html`<label>${label} <input name=${name} .value=${value}></label>`;
    return html`<label>${label}
      <select name=${name}>
        <option value="">${t('logs.any')}</option>
        ${choices.map((choice) => html`<option value=${choice} ?selected=${value === choice}>${choice}</option>`)}
      </select>
    </label>`;
  }
}

/** A JSON value (a change's before and after, an entry's details), folded away until asked for. */
export function details(summary, value) {
  if (value === null || value === undefined) return '';
  return html`<details><summary>${summary}</summary><pre>${JSON.stringify(value, null, 2)}</pre></details>`;
}
