import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { messageOf } from '../api.js';
import { canWrite } from '../session.js';

/**
 * An editor of one ranked list of musicians (a ranking list, a project's custom list): its members
 * by rank; adding an available musician, removing one, and reordering by drag and drop or by
 * keyboard, each change saved at once; fires `changed` afterwards. A subclass says how its list is
 * read and written: `fetchList()`, `fetchAvailable(list)` (the musicians that may be added),
 * `membersOf(list)` (as `{ key, code, name, rank }`), `title(list)`, `saveAdded(musicianId)`,
 * `saveRemoved(member)` and `saveOrder(keys)` (each answering the list as saved), and its element
 * ids in `static ids` ({ editor, hint, announcement, form, select }).
 */
export class RankedListEditor extends RipienoElement {
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
      const list = await this.fetchList();
      this.available = canWrite() ? await this.fetchAvailable(list) : [];
      this.list = list;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** Saves one change (`call` answers the list as saved); true when saved. */
  async change(call, announcement) {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    try {
      const list = await call();
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

  add(event) {
    event.preventDefault();
    const musicianId = Number(new FormData(event.target).get('musician'));
    const musician = this.available.find((m) => m.id === musicianId);
    if (!musician) return;
    this.change(() => this.saveAdded(musicianId), t('rankings.added', { name: `${musician.firstName} ${musician.lastName}` }));
  }

  removeMember(member) {
    this.change(() => this.saveRemoved(member), t('rankings.removed', { name: member.name }));
  }

  /** Moves the member to index `to` (0-based) and keeps the keyboard focus on them. */
  async move(member, to) {
    const order = movedOrder(this.membersOf(this.list).map((m) => m.key), member.key, to);
    if (!order) return;
    if (await this.change(() => this.saveOrder(order), t('rankings.moved', { name: member.name, rank: to + 1 }))) {
      await this.updateComplete;
      this.querySelector(`li[data-id="${member.key}"]`)?.focus();
    }
  }

  render() {
    if (!this.list) return html`<div class="panel">${this.error ? html`<p class="error" role="alert">${this.error}</p>` : t('app.loading')}</div>`;
    const { ids } = this.constructor;
    const writes = canWrite();
    const label = this.title(this.list);
    const members = this.membersOf(this.list);
    return html`<div class="panel list-editor" id=${ids.editor}>
      <h2>${label}</h2>
      ${writes ? html`<p class="hint" id=${ids.hint}>${t('rankings.reorderHint')}</p>` : ''}
      ${rankedMembers(members, {
        label,
        writes,
        busy: this.busy,
        hintId: ids.hint,
        move: (member, to) => this.move(member, to),
        remove: (member) => this.removeMember(member),
      })}
      ${members.length === 0 ? html`<p>${t('rankings.empty')}</p>` : ''}
      <p class="visually-hidden" aria-live="polite" id=${ids.announcement}>${this.announcement ?? ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${writes ? addMemberForm(this.available, { id: ids.form, selectId: ids.select, busy: this.busy, add: (e) => this.add(e) }) : ''}
    </div>`;
  }
}

/**
 * A ranked list of musicians (a ranking list, a project's custom list) as an ordered list that an
 * admin reorders by drag and drop or by keyboard (Alt+↑/Alt+↓ on a focused musician, or the ↑/↓
 * buttons) and removes from (✕). Each member is `{ key, code, name, rank }`; `move(member, to)`
 * gets the 0-based index to move to, `remove(member)` the member. Items carry `data-id` (the key)
 * and `data-musician` (the code).
 */
export function rankedMembers(members, { label, writes, busy, hintId, move, remove }) {
  const keydown = (event, member, index) => {
    if (!event.altKey || !writes) return;
    if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(member, index - 1);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(member, index + 1);
    }
  };
  const drop = (event, index) => {
    event.preventDefault();
    const key = event.dataTransfer.getData('text/plain');
    const member = members.find((m) => String(m.key) === key);
    if (member) move(member, index);
  };
  return html`<ol class="ranked" aria-label=${label}>
    ${repeat(members, (m) => m.key, (m, index) => html`<li data-id=${m.key} data-musician=${m.code}
        tabindex=${writes ? '0' : '-1'} draggable=${writes ? 'true' : 'false'}
        aria-describedby=${writes ? hintId : ''}
        @keydown=${(e) => keydown(e, m, index)}
        @dragstart=${(e) => e.dataTransfer.setData('text/plain', String(m.key))}
        @dragover=${(e) => writes && e.preventDefault()}
        @drop=${(e) => drop(e, index)}>
      <span class="rank">${m.rank}</span>
      <span class="member-name">${m.name}</span>
      <span class="code">${m.code}</span>
      ${writes
        ? html`<span class="member-actions">
            <button type="button" data-write ?disabled=${busy || index === 0}
              aria-label=${t('rankings.moveUpNamed', { name: m.name })} @click=${() => move(m, index - 1)}>↑</button>
            <button type="button" data-write ?disabled=${busy || index === members.length - 1}
              aria-label=${t('rankings.moveDownNamed', { name: m.name })} @click=${() => move(m, index + 1)}>↓</button>
            <button type="button" data-write ?disabled=${busy}
              aria-label=${t('rankings.removeNamed', { name: m.name })} @click=${() => remove(m)}>✕</button>
          </span>`
        : ''}
    </li>`)}
  </ol>`;
}

/** The order of keys with `key` moved to index `to`, or null when that is no move. */
export function movedOrder(keys, key, to) {
  const order = [...keys];
  const from = order.indexOf(key);
  if (to < 0 || to >= order.length || to === from) return null;
  order.splice(from, 1);
  order.splice(to, 0, key);
  return order;
}

/** The form that adds one of the `available` musicians (`{id, musicianId, firstName, lastName}`). */
export function addMemberForm(available, { id, selectId, busy, add }) {
  if (available.length === 0) return html`<p class="hint">${t('rankings.noneAvailable')}</p>`;
  return html`<form class="inline" id=${id} @submit=${add}>
    <label>${t('rankings.addMusician')}
      <select name="musician" id=${selectId} data-write>
        ${available.map((m) => html`<option value=${m.id}>${m.lastName}, ${m.firstName} (${m.musicianId})</option>`)}
      </select>
    </label>
    <button type="submit" data-write ?disabled=${busy}>${t('rankings.add')}</button>
  </form>`;
}
