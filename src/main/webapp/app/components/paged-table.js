import { html } from 'lit';
import { t } from '../i18n.js';
import './page-nav.js';

/**
 * A page of a list ({items, total, page, size}) as a table that scrolls sideways on its own on a
 * narrow screen, with its caption for screen readers, a note when empty, and the pager. A column
 * without a heading is the actions column.
 */
export function pagedTable(list, { id, caption, columns, row, empty, onPage }) {
  return html`<div class="table-wrap"><table id=${id}>
      <caption class="visually-hidden">${caption}</caption>
      <thead><tr>
        ${columns.map(
          (label) => html`<th scope="col">${label || html`<span class="visually-hidden">${t('app.actions')}</span>`}</th>`,
        )}
      </tr></thead>
      <tbody>${list.items.map(row)}</tbody>
    </table></div>
    ${list.items.length === 0 ? html`<p>${empty}</p>` : ''}
    <page-nav .page=${list.page} .size=${list.size} .total=${list.total} @page=${(e) => onPage(e.detail)}></page-nav>`;
}
