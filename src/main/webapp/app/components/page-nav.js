import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';

/** Paging of a list ({items, total, page, size}); fires `page` with the chosen page number. */
class PageNav extends RipienoElement {
  static properties = { page: { type: Number }, size: { type: Number }, total: { type: Number } };

  render() {
    const pages = Math.max(1, Math.ceil((this.total || 0) / (this.size || 1)));
    if (pages <= 1) return html``;
    return html`<nav class="pager" aria-label=${t('pager.label')}>
      <button type="button" ?disabled=${this.page <= 1} @click=${() => this.go(this.page - 1)}>
        ${t('pager.previous')}
      </button>
      <span aria-live="polite">${t('pager.status', { page: this.page, pages, total: this.total })}</span>
      <button type="button" ?disabled=${this.page >= pages} @click=${() => this.go(this.page + 1)}>
        ${t('pager.next')}
      </button>
    </nav>`;
  }

  go(page) {
    this.dispatchEvent(new CustomEvent('page', { detail: page }));
  }
}
customElements.define('page-nav', PageNav);
