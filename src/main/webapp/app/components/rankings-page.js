import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';
import './ranking-list-editor.js';

const LIST_TYPES = ['A', 'B', 'C'];

/** The A/B/C ranking lists by instrument and position; one list at a time is open for editing. */
class RankingsPage extends RipienoElement {
  static properties = {
    subdomain: {},
    overview: { state: true },
    selected: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/ranking-lists`;
  }

  updated(changed) {
    if (changed.has('subdomain')) {
      this.selected = null;
      this.load();
    }
  }

  async load() {
    try {
      this.overview = await api('GET', this.base);
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async createList(position, listType) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const created = await api('POST', this.base, { positionId: position.id, listType });
      await this.load();
      this.selected = created.id;
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<section class="page">
      <h1>${t('rankings.title')}</h1>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      <div class="rankings">
        <div class="ranking-overview">
          ${this.overview ? this.renderOverview() : html`<p>${t('app.loading')}</p>`}
        </div>
        ${this.selected
          ? html`<ranking-list-editor .base=${this.base} .listId=${this.selected}
              @changed=${() => this.load()}></ranking-list-editor>`
          : html`<p class="hint">${t('rankings.choose')}</p>`}
      </div>
    </section>`;
  }

  renderOverview() {
    if (this.overview.instruments.length === 0) return html`<p>${t('rankings.noInstruments')}</p>`;
    return this.overview.instruments.map(
      (instrument) => html`<section class="instrument-lists">
        <h2>${instrument.name}</h2>
        <ul class="positions">
          ${instrument.positions.map((position) => this.renderPosition(instrument, position))}
        </ul>
      </section>`,
    );
  }

  renderPosition(instrument, position) {
    const byType = new Map(position.rankingLists.map((list) => [list.listType, list]));
    return html`<li>
      <span class="position-name">${position.name}</span>
      ${LIST_TYPES.map((type) => {
        const list = byType.get(type);
        const label = t('rankings.listNamed', { type, position: `${instrument.name} ${position.name}` });
        if (list) {
          return html`<button type="button" class="list-button" data-list=${`${instrument.name}/${position.name}/${type}`}
            aria-pressed=${this.selected === list.id ? 'true' : 'false'} aria-label=${`${label} (${list.size})`}
            @click=${() => (this.selected = list.id)}>${type} <span class="count">${list.size}</span></button>`;
        }
        return canWrite()
          ? html`<button type="button" class="list-button missing" data-write
              data-create-list=${`${instrument.name}/${position.name}/${type}`} ?disabled=${this.busy}
              aria-label=${t('rankings.createNamed', { list: label })}
              @click=${() => this.createList(position, type)}>+ ${type}</button>`
          : '';
      })}
    </li>`;
  }
}
customElements.define('rankings-page', RankingsPage);
