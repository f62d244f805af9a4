import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDate, formatDateTime, t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';

/**
 * One musician's statistics and request history, and (for an archived musician, to admins) the
 * erasure of the personal data, confirmed by typing the musician's code. Fires `erased` and `close`.
 */
class MusicianDetails extends RipienoElement {
  static properties = {
    subdomain: {},
    musician: {},
    statistics: { state: true },
    history: { state: true },
    loadError: { state: true },
    confirmation: { state: true },
    eraseError: { state: true },
    busy: { state: true },
  };

  get base() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/musicians/${this.musician.id}`;
  }

  willUpdate(changed) {
    if (changed.has('musician')) {
      this.confirmation = '';
      this.eraseError = null;
      this.statistics = null;
      this.history = null;
      this.load();
    }
  }

  async load() {
    try {
      [this.statistics, this.history] = await Promise.all([api('GET', `${this.base}/statistics`), api('GET', `${this.base}/history`)]);
      this.loadError = null;
    } catch (failed) {
      this.loadError = messageOf(failed);
    }
  }

  async erase(event) {
    event.preventDefault();
    if (this.busy || this.confirmation !== this.musician.musicianId) return;
    this.busy = true;
    this.eraseError = null;
    try {
      const erased = await api('POST', `${this.base}/erase`);
      this.dispatchEvent(new CustomEvent('erased', { detail: erased }));
    } catch (refused) {
      this.eraseError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const m = this.musician;
    return html`<section class="panel" id="musician-details" aria-labelledby="details-title">
      <h2 id="details-title">${m.firstName} ${m.lastName} <span class="code">${m.musicianId}</span></h2>
      ${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : ''}
      ${this.statistics ? this.renderStatistics(this.statistics) : ''}
      ${this.history ? this.renderHistory(this.history) : ''}
      ${canWrite() && m.isArchived ? this.renderErase(m) : ''}
      <div class="buttons">
        <button type="button" class="secondary" id="close-details" @click=${() => this.dispatchEvent(new CustomEvent('close'))}>${t('app.close')}</button>
      </div>
    </section>`;
  }

  renderStatistics(s) {
    const facts = [
      ['totalRequests', s.totalRequests],
      ['accepted', s.accepted],
      ['declined', s.declined],
      ['pending', s.pending],
      ['timedOut', s.timedOut],
      ['cancelled', s.cancelled],
      ['acceptanceRate', s.acceptanceRate == null ? '–' : `${s.acceptanceRate} %`],
      ['averageResponse', s.averageResponseTimeHours == null ? '–' : t('details.hours', { hours: s.averageResponseTimeHours.toFixed(1) })],
    ];
    return html`<h3>${t('details.statistics')}</h3>
      <dl class="statistics" id="musician-statistics">
        ${facts.map(([key, value]) => html`<div><dt>${t(`details.${key}`)}</dt><dd data-fact=${key}>${value}</dd></div>`)}
      </dl>
      ${s.topPositions?.length
        ? html`<p>${t('details.topPositions')}: ${s.topPositions.map((p) => `${p.position} (${p.count})`).join(', ')}</p>`
        : ''}
      ${s.requestsByYear?.length
        ? html`<p>${t('details.byYear')}: ${s.requestsByYear.map((y) => `${y.year}: ${y.count}`).join(', ')}</p>`
        : ''}`;
  }

  renderHistory(history) {
    return html`<h3>${t('details.history')}</h3>
      ${history.length === 0
        ? html`<p id="musician-history">${t('details.noHistory')}</p>`
        : html`<ul class="history" id="musician-history">
            ${history.map((entry) => html`<li>
              <strong>${entry.project.name}</strong> ${formatDate(entry.project.startDate)}
              <ul>${entry.requests.map((r) => html`<li>${r.instrument} ${r.position}: ${r.status}
                ${r.sentAt ? t('details.sent', { when: formatDateTime(r.sentAt) }) : ''}
                ${r.respondedAt ? t('details.answered', { when: formatDateTime(r.respondedAt) }) : ''}</li>`)}</ul>
            </li>`)}
          </ul>`}`;
  }

  renderErase(m) {
    return html`<form class="danger-zone" id="erase-form" @submit=${this.erase}>
      <h3>${t('details.erase')}</h3>
      <p>${t('details.eraseText')}</p>
      <label>${t('details.eraseConfirm', { code: m.musicianId })}
        <input name="confirmation" autocomplete="off" .value=${this.confirmation} @input=${(e) => (this.confirmation = e.target.value)}>
      </label>
      ${this.eraseError ? html`<p class="error" role="alert">${this.eraseError}</p>` : ''}
      <button type="submit" class="danger" data-write ?disabled=${this.busy || this.confirmation !== m.musicianId}>${t('details.eraseButton')}</button>
    </form>`;
  }
}
customElements.define('musician-details', MusicianDetails);
