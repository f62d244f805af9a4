import { html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { t } from '../i18n.js';

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
