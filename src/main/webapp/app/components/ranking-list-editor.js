import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';
import { addMemberForm, movedOrder, rankedMembers } from './ranked-members.js';

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

  removeMusician(musician) {
    this.change(
      () => api('DELETE', `${this.base}/${this.listId}/musicians/${musician.id}`),
      t('rankings.removed', { name: `${musician.firstName} ${musician.lastName}` }),
    );
  }

  /** Moves the musician to index `to` (0-based) and keeps the keyboard focus on them. */
  async move(musician, to) {
    const order = movedOrder(this.list.musicians.map((m) => m.id), musician.id, to);
    if (!order) return;
    const saved = await this.change(
      () => api('PUT', `${this.base}/${this.listId}/order`, { musicianIds: order }),
      t('rankings.moved', { name: `${musician.firstName} ${musician.lastName}`, rank: to + 1 }),
    );
    if (saved) {
      await this.updateComplete;
      this.querySelector(`li[data-id="${musician.id}"]`)?.focus();
    }
  }

  render() {
    if (!this.list) return html`<div class="panel">${this.error ? html`<p class="error" role="alert">${this.error}</p>` : t('app.loading')}</div>`;
    const writes = canWrite();
    const place = `${this.list.position.instrumentName} ${this.list.position.name}`;
    const label = t('rankings.listNamed', { type: this.list.listType, position: place });
    const byId = new Map(this.list.musicians.map((m) => [m.id, m]));
    return html`<div class="panel list-editor" id="ranking-list">
      <h2>${label}</h2>
      ${writes ? html`<p class="hint" id="reorder-hint">${t('rankings.reorderHint')}</p>` : ''}
      ${rankedMembers(
        this.list.musicians.map((m) => ({ key: m.id, code: m.musicianId, name: `${m.firstName} ${m.lastName}`, rank: m.rank })),
        {
          label,
          writes,
          busy: this.busy,
          hintId: 'reorder-hint',
          move: (member, to) => this.move(byId.get(member.key), to),
          remove: (member) => this.removeMusician(byId.get(member.key)),
        },
      )}
      ${this.list.musicians.length === 0 ? html`<p>${t('rankings.empty')}</p>` : ''}
      <p class="visually-hidden" aria-live="polite" id="ranking-announcement">${this.announcement ?? ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${writes ? addMemberForm(this.available, { id: 'add-to-list', selectId: 'available-musician', busy: this.busy, add: (e) => this.add(e) }) : ''}
    </div>`;
  }
}
customElements.define('ranking-list-editor', RankingListEditor);
