import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { canWrite } from '../session.js';
import { addMemberForm, movedOrder, rankedMembers } from './ranked-members.js';

/**
 * One custom list of a project: its musicians by rank; adding an active musician qualified on its
 * position, removing one, reordering by drag and drop or by keyboard. The API takes the whole new
 * order in one call (PUT musicianIds), so every change sends it; fires `changed` afterwards.
 */
class CustomListEditor extends RipienoElement {
  static properties = {
    subdomain: {},
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
      const list = await api('GET', `${this.base}/${this.listId}`);
      this.available = canWrite() ? await this.fetchAvailable(list) : [];
      this.list = list;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** The active musicians qualified on the list's position who are not on it yet. */
  async fetchAvailable(list) {
    const qualified = await api(
      'GET',
      `/orchestras/${encodeURIComponent(this.subdomain)}/musicians${query({ positionId: list.positionId, status: 'active', size: 500 })}`,
    );
    const members = new Set(list.members.map((m) => m.musicianId));
    return qualified.items.filter((m) => !members.has(m.id));
  }

  /** Saves the list with the musicians in this order; true when saved. */
  async save(musicianIds, announcement) {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      const list = await api('PUT', `${this.base}/${this.listId}`, { musicianIds });
      this.available = await this.fetchAvailable(list);
      this.list = list;
      this.announcement = announcement;
      this.dispatchEvent(new CustomEvent('changed'));
      return true;
    } catch (refused) {
      this.error = messageOf(refused);
      return false;
    } finally {
      this.busy = false;
    }
  }

  get order() {
    return this.list.members.map((m) => m.musicianId);
  }

  add(event) {
    event.preventDefault();
    const musicianId = Number(new FormData(event.target).get('musician'));
    const musician = this.available.find((m) => m.id === musicianId);
    if (!musician) return;
    this.save([...this.order, musicianId], t('rankings.added', { name: `${musician.firstName} ${musician.lastName}` }));
  }

  removeMember(member) {
    this.save(
      this.order.filter((id) => id !== member.key),
      t('rankings.removed', { name: member.name }),
    );
  }

  async move(member, to) {
    const order = movedOrder(this.order, member.key, to);
    if (!order) return;
    if (await this.save(order, t('rankings.moved', { name: member.name, rank: to + 1 }))) {
      await this.updateComplete;
      this.querySelector(`li[data-id="${member.key}"]`)?.focus();
    }
  }

  render() {
    if (!this.list) return html`<div class="panel">${this.error ? html`<p class="error" role="alert">${this.error}</p>` : t('app.loading')}</div>`;
    const writes = canWrite();
    const label = t('customLists.listNamed', { position: `${this.list.instrumentName} ${this.list.positionName}` });
    return html`<div class="panel list-editor" id="custom-list" data-list=${this.list.customListId}>
      <h2>${label}</h2>
      ${writes ? html`<p class="hint" id="custom-reorder-hint">${t('rankings.reorderHint')}</p>` : ''}
      ${rankedMembers(
        this.list.members.map((m) => ({ key: m.musicianId, code: m.musicianCode, name: `${m.firstName} ${m.lastName}`, rank: m.rank })),
        {
          label,
          writes,
          busy: this.busy,
          hintId: 'custom-reorder-hint',
          move: (member, to) => this.move(member, to),
          remove: (member) => this.removeMember(member),
        },
      )}
      ${this.list.members.length === 0 ? html`<p>${t('rankings.empty')}</p>` : ''}
      <p class="visually-hidden" aria-live="polite" id="custom-list-announcement">${this.announcement ?? ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${writes ? addMemberForm(this.available, { id: 'add-to-custom-list', selectId: 'custom-available-musician', busy: this.busy, add: (e) => this.add(e) }) : ''}
    </div>`;
  }
}
customElements.define('custom-list-editor', CustomListEditor);
