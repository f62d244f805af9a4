import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';

/**
 * One ranking list: its musicians by rank; adding a qualified musician, removing one, and
 * reordering by drag and drop or by keyboard (Alt+↑/Alt+↓ on a focused musician, or the buttons).
 * Every change is saved at once (the whole order in one call); fires `changed` afterwards.
 */
class RankingListEditor extends RipienoElement {
  static properties = {
    base: {},
    listId: {},
    list: { state: true },
    available: { state: true },
    error: { state: true },
    busy: { state: true },
    announcement: { state: true },
  };

  updated(changed) {
    if (changed.has('listId')) this.load();
  }

  async load() {
    try {
      const [list, available] = await Promise.all([
        api('GET', `${this.base}/${this.listId}`),
        canWrite() ? this.fetchAvailable() : [],
      ]);
      this.list = list;
      this.available = available;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** The qualified musicians not on the list yet (a list of a position stays well below 500). */
  async fetchAvailable() {
    return (await api('GET', `${this.base}/${this.listId}/available?size=500`)).items;
  }

  async change(call, announcement) {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      this.list = await call();
      this.announcement = announcement;
      if (canWrite()) this.available = await this.fetchAvailable();
      this.dispatchEvent(new CustomEvent('changed'));
      return true;
    } catch (refused) {
      this.error = messageOf(refused);
      return false;
    } finally {
      this.busy = false;
    }
  }

  add(event) {
    event.preventDefault();
    const musicianId = Number(new FormData(event.target).get('musician'));
    if (!musicianId) return;
    const musician = this.available.find((m) => m.id === musicianId);
    this.change(
      () => api('POST', `${this.base}/${this.listId}/musicians`, { musicianId }),
      t('rankings.added', { name: `${musician.firstName} ${musician.lastName}` }),
    );
  }

  remove(musician) {
    this.change(
      () => api('DELETE', `${this.base}/${this.listId}/musicians/${musician.id}`),
      t('rankings.removed', { name: `${musician.firstName} ${musician.lastName}` }),
    );
  }

  /** Moves the musician to index `to` (0-based) and keeps the keyboard focus on them. */
  async move(musician, to) {
    const order = this.list.musicians.map((m) => m.id);
    const from = order.indexOf(musician.id);
    if (to < 0 || to >= order.length || to === from) return;
    order.splice(from, 1);
    order.splice(to, 0, musician.id);
    const saved = await this.change(
      () => api('PUT', `${this.base}/${this.listId}/order`, { musicianIds: order }),
      t('rankings.moved', { name: `${musician.firstName} ${musician.lastName}`, rank: to + 1 }),
    );
    if (saved) {
      await this.updateComplete;
      this.querySelector(`li[data-id="${musician.id}"]`)?.focus();
    }
  }

  keydown(event, musician, index) {
    if (!event.altKey || !canWrite()) return;
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      this.move(musician, index - 1);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.move(musician, index + 1);
    }
  }

  drop(event, index) {
    event.preventDefault();
    const id = Number(event.dataTransfer.getData('text/plain'));
    const musician = this.list.musicians.find((m) => m.id === id);
    if (musician) this.move(musician, index);
  }

  render() {
    if (!this.list) return html`<div class="panel">${this.error ? html`<p class="error" role="alert">${this.error}</p>` : t('app.loading')}</div>`;
    const writes = canWrite();
    const place = `${this.list.position.instrumentName} ${this.list.position.name}`;
    return html`<div class="panel list-editor" id="ranking-list">
      <h2>${t('rankings.listNamed', { type: this.list.listType, position: place })}</h2>
      ${writes ? html`<p class="hint" id="reorder-hint">${t('rankings.reorderHint')}</p>` : ''}
      <ol class="ranked" aria-label=${t('rankings.listNamed', { type: this.list.listType, position: place })}>
        ${repeat(this.list.musicians, (m) => m.id, (m, index) => this.renderMember(m, index, writes))}
      </ol>
      ${this.list.musicians.length === 0 ? html`<p>${t('rankings.empty')}</p>` : ''}
      <p class="visually-hidden" aria-live="polite" id="ranking-announcement">${this.announcement ?? ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${writes ? this.renderAdd() : ''}
    </div>`;
  }

  renderMember(m, index, writes) {
    const name = `${m.firstName} ${m.lastName}`;
    const count = this.list.musicians.length;
    return html`<li data-id=${m.id} data-musician=${m.musicianId}
        tabindex=${writes ? '0' : '-1'} draggable=${writes ? 'true' : 'false'}
        aria-describedby=${writes ? 'reorder-hint' : ''}
        @keydown=${(e) => this.keydown(e, m, index)}
        @dragstart=${(e) => e.dataTransfer.setData('text/plain', String(m.id))}
        @dragover=${(e) => writes && e.preventDefault()}
        @drop=${(e) => this.drop(e, index)}>
      <span class="rank">${m.rank}</span>
      <span class="member-name">${name}</span>
      <span class="code">${m.musicianId}</span>
      ${writes
        ? html`<span class="member-actions">
            <button type="button" data-write ?disabled=${this.busy || index === 0}
              aria-label=${t('rankings.moveUpNamed', { name })} @click=${() => this.move(m, index - 1)}>↑</button>
            <button type="button" data-write ?disabled=${this.busy || index === count - 1}
              aria-label=${t('rankings.moveDownNamed', { name })} @click=${() => this.move(m, index + 1)}>↓</button>
            <button type="button" data-write ?disabled=${this.busy}
              aria-label=${t('rankings.removeNamed', { name })} @click=${() => this.remove(m)}>✕</button>
          </span>`
        : ''}
    </li>`;
  }

  renderAdd() {
    if (this.available.length === 0) return html`<p class="hint">${t('rankings.noneAvailable')}</p>`;
    return html`<form class="inline" id="add-to-list" @submit=${this.add}>
      <label>${t('rankings.addMusician')}
        <select name="musician" id="available-musician" data-write>
          ${this.available.map((m) => html`<option value=${m.id}>${m.lastName}, ${m.firstName} (${m.musicianId})</option>`)}
        </select>
      </label>
      <button type="submit" data-write ?disabled=${this.busy}>${t('rankings.add')}</button>
    </form>`;
  }
}
customElements.define('ranking-list-editor', RankingListEditor);
