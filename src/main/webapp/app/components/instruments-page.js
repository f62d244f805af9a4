import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';

/**
 * Instruments and their positions, with how many musicians are qualified on each: create, rename,
 * order (instruments and the positions of one), archive and restore.
 */
class InstrumentsPage extends RipienoElement {
  static properties = {
    subdomain: {},
    instruments: { state: true },
    loadError: { state: true },
    createError: { state: true },
    busy: { state: true },
    // Which name is being edited: 'i<id>' for an instrument, 'p<id>' for a position.
    renaming: { state: true },
    rowErrors: { state: true },
  };

  constructor() {
    super();
    this.rowErrors = {};
  }

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}`;
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  async load() {
    try {
      this.instruments = (await api('GET', `${this.base}/instruments?includeArchived=true&size=500`)).items;
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  /** Runs one write for the row `key`, its refusal shown on that row; no second click meanwhile. */
  async write(key, call) {
    if (this.busy) return;
    this.busy = true;
    this.rowErrors = { ...this.rowErrors, [key]: null };
    try {
      await call();
      await this.load();
      return true;
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [key]: messageOf(refused) };
      return false;
    } finally {
      this.busy = false;
    }
  }

  async create(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target;
    const values = Object.fromEntries(new FormData(form));
    const input = { name: values.name };
    if (values.position) input.positions = [{ name: values.position }];
    this.busy = true;
    this.createError = null;
    try {
      await api('POST', `${this.base}/instruments`, input);
      form.reset();
      await this.load();
    } catch (refused) {
      this.createError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  async rename(event, key, path) {
    event.preventDefault();
    const name = new FormData(event.target).get('name');
    if (await this.write(key, () => api('PUT', path, { name }))) this.renaming = null;
  }

  move(instrument, step) {
    const ids = this.instruments.map((i) => i.id);
    const at = ids.indexOf(instrument.id);
    [ids[at], ids[at + step]] = [ids[at + step], ids[at]];
    return this.write(`i${instrument.id}`, () => api('PUT', `${this.base}/instruments/order`, { instrumentIds: ids }));
  }

  movePosition(instrument, position, step) {
    const ids = instrument.positions.map((p) => p.id);
    const at = ids.indexOf(position.id);
    [ids[at], ids[at + step]] = [ids[at + step], ids[at]];
    return this.write(`p${position.id}`, () =>
      api('PUT', `${this.base}/instruments/${instrument.id}/positions/order`, { positionIds: ids }),
    );
  }

  async addPosition(event, instrument) {
    event.preventDefault();
    const form = event.target;
    const name = new FormData(form).get('name');
    const added = await this.write(`new${instrument.id}`, () =>
      api('POST', `${this.base}/instruments/${instrument.id}/positions`, { name }),
    );
    if (added) form.reset();
  }

  toggleArchive(instrument) {
    const action = instrument.isArchived ? 'restore' : 'archive';
    return this.write(`i${instrument.id}`, () => api('POST', `${this.base}/instruments/${instrument.id}/${action}`));
  }

  render() {
    const writes = canWrite();
    return html`<section class="page">
      <h1>${t('instruments.title')}</h1>
      ${writes ? this.renderCreate() : ''}
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.instruments ? this.renderList(writes) : html`<p>${t('app.loading')}</p>`}
    </section>`;
  }

  renderCreate() {
    return html`<form id="instrument-form" class="panel inline" @submit=${this.create}>
      <label>${t('instruments.name')} <input name="name" required></label>
      <label>${t('instruments.firstPosition')} <input name="position"></label>
      <button type="submit" data-write ?disabled=${this.busy}>${t('instruments.create')}</button>
      ${this.createError ? html`<p class="error" role="alert">${this.createError}</p>` : ''}
    </form>`;
  }

  renderList(writes) {
    if (this.instruments.length === 0) return html`<p>${t('instruments.none')}</p>`;
    const last = this.instruments.length - 1;
    return html`<ol class="instruments" id="instruments">
      ${this.instruments.map((instrument, index) => html`<li class="panel" data-instrument=${instrument.name}
          data-archived=${instrument.isArchived ? 'true' : 'false'}>
        <div class="instrument-head">
          ${this.renderName(`i${instrument.id}`, instrument.name, `${this.base}/instruments/${instrument.id}`, writes)}
          <span class="count">${t('instruments.qualified', { count: instrument.qualifiedMusicians })}</span>
          ${instrument.isArchived ? html`<span class="badge">${t('instruments.archived')}</span>` : ''}
          ${writes
            ? html`<span class="member-actions">
                <button type="button" data-write ?disabled=${this.busy || index === 0} @click=${() => this.move(instrument, -1)}
                  aria-label=${t('instruments.moveUp', { name: instrument.name })}>↑</button>
                <button type="button" data-write ?disabled=${this.busy || index === last} @click=${() => this.move(instrument, 1)}
                  aria-label=${t('instruments.moveDown', { name: instrument.name })}>↓</button>
                <button type="button" data-write ?disabled=${this.busy} @click=${() => this.toggleArchive(instrument)}
                  aria-label=${t(instrument.isArchived ? 'instruments.restoreNamed' : 'instruments.archiveNamed', { name: instrument.name })}>
                  ${t(instrument.isArchived ? 'instruments.restore' : 'instruments.archive')}</button>
              </span>`
            : ''}
        </div>
        ${this.error(`i${instrument.id}`)}
        ${this.renderPositions(instrument, writes)}
      </li>`)}
    </ol>`;
  }

  renderPositions(instrument, writes) {
    const last = instrument.positions.length - 1;
    return html`<ul class="positions">
        ${instrument.positions.map((position, index) => html`<li data-position=${position.name}>
          ${this.renderName(`p${position.id}`, position.name, `${this.base}/positions/${position.id}`, writes)}
          <span class="count">${t('instruments.qualified', { count: position.qualifiedMusicians })}</span>
          ${writes
            ? html`<span class="member-actions">
                <button type="button" data-write ?disabled=${this.busy || index === 0} @click=${() => this.movePosition(instrument, position, -1)}
                  aria-label=${t('instruments.moveUp', { name: position.name })}>↑</button>
                <button type="button" data-write ?disabled=${this.busy || index === last} @click=${() => this.movePosition(instrument, position, 1)}
                  aria-label=${t('instruments.moveDown', { name: position.name })}>↓</button>
              </span>`
            : ''}
          ${this.error(`p${position.id}`)}
        </li>`)}
      </ul>
      ${writes
        ? html`<form class="inline add-position" @submit=${(e) => this.addPosition(e, instrument)}>
            <label>${t('instruments.newPosition', { name: instrument.name })} <input name="name" required></label>
            <button type="submit" data-write ?disabled=${this.busy}>${t('instruments.addPosition')}</button>
            ${this.error(`new${instrument.id}`)}
          </form>`
        : ''}`;
  }

  renderName(key, name, path, writes) {
    if (this.renaming !== key) {
      return html`<span class="instrument-name">${name}</span>
        ${writes
          ? html`<button type="button" class="secondary" data-write data-rename=${name}
              aria-label=${t('instruments.renameNamed', { name })} @click=${() => (this.renaming = key)}>${t('instruments.rename')}</button>`
          : ''}`;
    }
    return html`<form class="inline rename" @submit=${(e) => this.rename(e, key, path)}>
      <label>${t('instruments.newName', { name })} <input name="name" required .value=${name}></label>
      <button type="submit" data-write ?disabled=${this.busy}>${t('app.save')}</button>
      <button type="button" class="secondary" @click=${() => (this.renaming = null)}>${t('app.cancel')}</button>
    </form>`;
  }

  error(key) {
    return this.rowErrors[key] ? html`<p class="error" role="alert">${this.rowErrors[key]}</p>` : '';
  }
}
customElements.define('instruments-page', InstrumentsPage);
