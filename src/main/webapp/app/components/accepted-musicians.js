import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { needName, projectPath } from '../staffing.js';

/** Who accepted in a project (`/accepted-musicians`), need by need, with how to reach them. */
class AcceptedMusicians extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    accepted: { state: true },
    needs: { state: true },
    error: { state: true },
  };

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    const base = projectPath(this.subdomain, this.projectId);
    try {
      const [accepted, needs] = await Promise.all([
        api('GET', `${base}/accepted-musicians`),
        api('GET', `${base}/needs${query({ size: 500 })}`),
      ]);
      this.accepted = accepted;
      this.needs = needs.items;
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async refresh() {
    if (this.reading) return;
    this.reading = true;
    try {
      await this.load();
    } finally {
      this.reading = false;
    }
  }

  render() {
    if (!this.accepted) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    const groups = this.needs
      .map((need) => ({ need, entries: this.accepted.filter((a) => a.needId === need.id) }))
      .filter((group) => group.entries.length > 0);
    return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${groups.length === 0 ? html`<p id="no-accepted">${t('accepted.none')}</p>` : ''}
      <div id="accepted">
        ${groups.map(
          ({ need, entries }) => html`<section class="board-need" data-need=${need.projectNeedId}>
            <h3>${needName(need)} <span class="code">${need.projectNeedId}</span>
              <span class="count">${t('needs.staffedOf', { accepted: entries.length, quantity: need.quantity })}</span></h3>
            <ul class="requests">
              ${entries.map(
                (a) => html`<li class="request" data-musician=${a.musicianCode}>
                  <strong>${a.firstName} ${a.lastName}</strong> <span class="code">${a.musicianCode}</span>
                  <p class="contact"><a href=${`mailto:${a.email}`}>${a.email}</a>${a.phone ? html` · <a href=${`tel:${a.phone}`}>${a.phone}</a>` : ''}</p>
                  <p class="hint">${t('accepted.when', { time: formatDateTime(a.respondedAt) })}
                    · ${a.confirmationSent ? t('accepted.confirmed') : t('accepted.notConfirmed')}</p>
                </li>`,
              )}
            </ul>
          </section>`,
        )}
      </div>`;
  }
}
customElements.define('accepted-musicians', AcceptedMusicians);
