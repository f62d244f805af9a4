import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, download, messageOf, query } from '../api.js';
import { canWrite } from '../session.js';
import './musician-form.js';
import './musician-import.js';
import './musician-details.js';
import { pagedTable } from './paged-table.js';

const PAGE_SIZE = 25;
const STATUSES = ['', 'active', 'inactive', 'archived', 'all'];
const SORTS = ['lastName', 'firstName', 'musicianId', '-createdAt'];

/**
 * The orchestra's musicians: search, filter, sort, pages; create, edit, archive and restore;
 * import and export as CSV; each one's statistics and history, and erasure.
 */
class MusiciansPage extends RipienoElement {
  static properties = {
    subdomain: {},
    list: { state: true },
    instruments: { state: true },
    filter: { state: true },
    // The form: undefined when closed, null for a new musician, else the musician being edited.
    editing: { state: true },
    loadError: { state: true },
    rowBusy: { state: true },
    rowErrors: { state: true },
    importing: { state: true },
    // The musician whose details are open.
    showing: { state: true },
    exportError: { state: true },
    exporting: { state: true },
    notice: { state: true },
  };

  constructor() {
    super();
    this.filter = { search: '', status: '', sort: 'lastName', page: 1 };
    this.rowBusy = {};
    this.rowErrors = {};
  }

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}`;
  }

  updated(changed) {
    if (changed.has('subdomain')) {
      this.load();
      this.loadInstruments();
    }
  }

  async load() {
    try {
      this.list = await api('GET', `${this.base}/musicians${query({ ...this.filter, size: PAGE_SIZE })}`);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  async loadInstruments() {
    try {
      this.instruments = (await api('GET', `${this.base}/instruments?size=500`)).items;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  search(event) {
    event.preventDefault();
    const form = new FormData(event.target);
    this.filter = { search: form.get('search'), status: form.get('status'), sort: form.get('sort'), page: 1 };
    this.load();
  }

  async edit(musician) {
    this.rowErrors = { ...this.rowErrors, [musician.id]: null };
    try {
      // The full musician, with qualifications, as the list shows only a summary.
      this.editing = await api('GET', `${this.base}/musicians/${musician.id}`);
    } catch (failed) {
      this.rowErrors = { ...this.rowErrors, [musician.id]: messageOf(failed) };
    }
  }

  async saved() {
    this.editing = undefined;
    await this.load();
    this.querySelector('#new-musician')?.focus();
  }

  async toggleArchive(musician) {
    if (this.rowBusy[musician.id]) return;
    this.rowBusy = { ...this.rowBusy, [musician.id]: true };
    this.rowErrors = { ...this.rowErrors, [musician.id]: null };
    try {
      await api('POST', `${this.base}/musicians/${musician.id}/${musician.isArchived ? 'restore' : 'archive'}`);
      await this.load();
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [musician.id]: messageOf(refused) };
    } finally {
      this.rowBusy = { ...this.rowBusy, [musician.id]: false };
    }
  }

  /** The musicians the filters select, as a CSV file the browser saves. */
  async exportCsv() {
    if (this.exporting) return;
    this.exporting = true;
    this.exportError = null;
    try {
      const { search, status, sort } = this.filter;
      const { blob, filename } = await download(`${this.base}/musicians/export${query({ search, status, sort, separator: 'semicolon' })}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = filename;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (refused) {
      this.exportError = messageOf(refused);
    } finally {
      this.exporting = false;
    }
  }

  async erased(event) {
    this.notice = t('musicians.erased', { code: event.detail.musicianId });
    this.showing = undefined;
    await this.load();
  }

  render() {
    const writes = canWrite();
    return html`<section class="page">
      <h1>${t('musicians.title')}</h1>
      <form class="filters" role="search" @submit=${this.search}>
        <label>${t('musicians.search')} <input type="search" name="search" id="musician-search" .value=${this.filter.search}></label>
        <label>${t('musicians.status')}
          <select name="status">
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${this.filter.status === s}>${t(`musicians.status.${s || 'current'}`)}</option>`)}
          </select>
        </label>
        <label>${t('musicians.sort')}
          <select name="sort">
            ${SORTS.map((s) => html`<option value=${s} ?selected=${this.filter.sort === s}>${t(`musicians.sort.${s}`)}</option>`)}
          </select>
        </label>
        <button type="submit">${t('musicians.find')}</button>
      </form>
      <div class="buttons">
        ${writes && this.editing === undefined
          ? html`<button type="button" id="new-musician" data-write @click=${() => (this.editing = null)}>${t('musicians.new')}</button>`
          : ''}
        ${writes && !this.importing
          ? html`<button type="button" id="import-musicians" class="secondary" data-write @click=${() => (this.importing = true)}>${t('musicians.import')}</button>`
          : ''}
        <button type="button" id="export-musicians" class="secondary" ?disabled=${this.exporting} @click=${this.exportCsv}>${t('musicians.export')}</button>
      </div>
      ${this.exportError ? html`<p class="error" role="alert">${this.exportError}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : ''}
      ${writes && this.importing
        ? html`<musician-import .subdomain=${this.subdomain} @imported=${() => this.load()} @cancel=${() => (this.importing = false)}></musician-import>`
        : ''}
      ${this.showing
        ? html`<musician-details .subdomain=${this.subdomain} .musician=${this.showing} @erased=${this.erased}
            @close=${() => (this.showing = undefined)}></musician-details>`
        : ''}
      ${writes && this.editing !== undefined
        ? html`<musician-form .subdomain=${this.subdomain} .musician=${this.editing} .instruments=${this.instruments}
            @saved=${this.saved} @cancel=${() => (this.editing = undefined)}></musician-form>`
        : ''}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.list ? this.renderList(writes) : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderList(writes) {
    const columns = [
      t('musicians.code'),
      t('musicians.name'),
      t('musicians.email'),
      t('musicians.qualifications'),
      t('musicians.status'),
    ];
    return pagedTable(this.list, {
      id: 'musicians',
      caption: t('musicians.title'),
      columns: [...columns, ''],
      row: (m) => this.renderRow(m, writes),
      empty: t('musicians.none'),
      onPage: (page) => {
        this.filter = { ...this.filter, page };
        this.load();
      },
    });
  }

  renderRow(m, writes) {
    const name = `${m.firstName} ${m.lastName}`;
    return html`<tr data-musician=${m.musicianId}>
      <td>${m.musicianId}</td>
      <td>${name}</td>
      <td>${m.email}</td>
      <td>${(m.qualifications ?? []).map((q) => `${q.instrumentName} ${q.positionName}`).join(', ')}</td>
      <td>${t(`musicians.state.${m.status}`)}</td>
      <td class="actions">
        <button type="button" data-details aria-label=${t('musicians.detailsNamed', { name })} @click=${() => (this.showing = m)}>${t('musicians.details')}</button>
      ${writes
        ? html`<button type="button" data-write aria-label=${t('musicians.editNamed', { name })} @click=${() => this.edit(m)}>${t('app.edit')}</button>
            <button type="button" data-write ?disabled=${this.rowBusy[m.id]} @click=${() => this.toggleArchive(m)}
              aria-label=${t(m.isArchived ? 'musicians.restoreNamed' : 'musicians.archiveNamed', { name })}>
              ${t(m.isArchived ? 'musicians.restore' : 'musicians.archive')}
            </button>
            ${this.rowErrors[m.id] ? html`<p class="error" role="alert">${this.rowErrors[m.id]}</p>` : ''}`
        : ''}
      </td>
    </tr>`;
  }
}
customElements.define('musicians-page', MusiciansPage);
