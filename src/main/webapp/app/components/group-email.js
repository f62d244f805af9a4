import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { canWrite } from '../session.js';
import { projectPath } from '../staffing.js';
import './confirm-dialog.js';
import './page-nav.js';

const HISTORY_SIZE = 10;

/**
 * Group email to a project's accepted musicians. The filters (the instruments and positions of the
 * project's needs) ask the server who would be reached (`GET /group-emails/recipients`): the
 * server chooses the recipients, the page only shows them. An admin writes a subject and a message
 * and sends after confirming (`POST /group-emails`, the same filters). The history
 * (`GET /group-emails?projectId=`) counts each email's copies sent, failed and on their way;
 * `refresh()` reads it again, so the counts follow delivery while the tab is open.
 */
class GroupEmail extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    places: { state: true },
    instrumentIds: { state: true },
    positionIds: { state: true },
    recipients: { state: true },
    history: { state: true },
    page: { state: true },
    error: { state: true },
    sendError: { state: true },
    notice: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.instrumentIds = [];
    this.positionIds = [];
    this.page = 1;
  }

  get orchestra() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}`;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    try {
      const [needs, instruments] = await Promise.all([
        api('GET', `${projectPath(this.subdomain, this.projectId)}/needs${query({ size: 500 })}`),
        api('GET', `${this.orchestra}/instruments${query({ includeArchived: true, size: 500 })}`),
      ]);
      // The instruments and positions the project has needs for, in the orchestra's order.
      const needed = new Set(needs.items.map((need) => need.positionId));
      this.places = instruments.items
        .map((instrument) => ({ ...instrument, positions: instrument.positions.filter((p) => needed.has(p.id)) }))
        .filter((instrument) => instrument.positions.length > 0);
      this.error = null;
      await Promise.all([this.loadRecipients(), this.loadHistory()]);
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  get filters() {
    return { projectId: this.projectId, instrumentIds: this.instrumentIds.join(','), positionIds: this.positionIds.join(',') };
  }

  async loadRecipients() {
    try {
      this.recipients = await api('GET', `${this.orchestra}/group-emails/recipients${query(this.filters)}`);
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  async loadHistory() {
    this.history = await api('GET', `${this.orchestra}/group-emails${query({ projectId: this.projectId, page: this.page, size: HISTORY_SIZE })}`);
  }

  /** The project page calls this every few seconds while the tab is open: the counts follow delivery. */
  async refresh() {
    if (this.reading || !this.history) return;
    this.reading = true;
    try {
      await this.loadHistory();
    } catch (failed) {
      this.error = messageOf(failed);
    } finally {
      this.reading = false;
    }
  }

  toggle(kind, id, checked) {
    const chosen = new Set(this[kind]);
    if (checked) chosen.add(id);
    else chosen.delete(id);
    this[kind] = [...chosen];
    this.loadRecipients();
  }

  async send(event) {
    event.preventDefault();
    if (this.busy) return;
    const form = event.target;
    const subject = form.elements.subject.value.trim();
    const message = form.elements.message.value.trim();
    this.sendError = null;
    this.notice = null;
    const count = this.recipients?.length ?? 0;
    const confirmed = await this.querySelector('confirm-dialog').ask({
      title: t('groupEmail.confirmTitle'),
      text: t('groupEmail.confirmText', { count, subject }),
      confirmLabel: t('groupEmail.send'),
    });
    if (!confirmed) return;
    this.busy = true;
    try {
      const body = { projectId: Number(this.projectId), subject, message };
      if (this.instrumentIds.length) body.instrumentIds = this.instrumentIds;
      if (this.positionIds.length) body.positionIds = this.positionIds;
      const sent = await api('POST', `${this.orchestra}/group-emails`, body);
      form.reset();
      this.notice = t('groupEmail.sent', { count: sent.recipientCount });
      this.page = 1;
      await this.loadHistory();
    } catch (refused) {
      this.sendError = messageOf(refused);
    } finally {
      this.busy = false;
    }
  }

  async goTo(page) {
    this.page = page;
    await this.refresh();
  }

  render() {
    if (!this.places) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    return html`<confirm-dialog></confirm-dialog>
      <h2 class="visually-hidden">${t('project.tab.email')}</h2>
      <p class="hint">${t('groupEmail.hint')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.renderFilters()}
      ${this.renderRecipients()}
      ${canWrite() ? this.renderCompose() : ''}
      ${this.renderHistory()}`;
  }

  renderFilters() {
    if (this.places.length === 0) return '';
    return html`<fieldset class="panel" id="group-email-filters">
      <legend>${t('groupEmail.filters')}</legend>
      <p class="hint">${t('groupEmail.filtersHint')}</p>
      <div class="choices">
        ${this.places.map(
          (instrument) => html`<label class="check"><input type="checkbox" name="instrument" value=${instrument.id}
            .checked=${this.instrumentIds.includes(instrument.id)}
            @change=${(e) => this.toggle('instrumentIds', instrument.id, e.target.checked)}> ${instrument.name}</label>`,
        )}
      </div>
      <div class="choices">
        ${this.places.flatMap((instrument) =>
          instrument.positions.map(
            (position) => html`<label class="check"><input type="checkbox" name="position" value=${position.id}
              .checked=${this.positionIds.includes(position.id)}
              @change=${(e) => this.toggle('positionIds', position.id, e.target.checked)}> ${instrument.name} ${position.name}</label>`,
          ),
        )}
      </div>
    </fieldset>`;
  }

  renderRecipients() {
    const recipients = this.recipients ?? [];
    return html`<section class="panel" aria-labelledby="recipients-title">
      <h3 id="recipients-title">${t('groupEmail.recipients', { count: recipients.length })}</h3>
      ${recipients.length === 0
        ? html`<p id="no-recipients">${t('groupEmail.noRecipients')}</p>`
        : html`<ul class="recipients" id="recipients">
            ${recipients.map(
              (r) => html`<li data-recipient=${r.email}><strong>${r.name}</strong> · ${r.email}
                <br><span class="hint">${r.acceptedFor}</span></li>`,
            )}
          </ul>`}
    </section>`;
  }

  renderCompose() {
    const nobody = (this.recipients ?? []).length === 0;
    return html`<form class="panel" id="group-email-form" @submit=${this.send}>
      <h3>${t('groupEmail.compose')}</h3>
      <label>${t('groupEmail.subject')} <input name="subject" required maxlength="200"></label>
      <label>${t('groupEmail.message')} <textarea name="message" required maxlength="10000" rows="6"></textarea></label>
      ${this.sendError ? html`<p class="error" role="alert">${this.sendError}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status" id="group-email-notice">${this.notice}</p>` : ''}
      <div class="buttons">
        <button type="submit" data-write ?disabled=${this.busy || nobody}>${t('groupEmail.send')}</button>
      </div>
    </form>`;
  }

  renderHistory() {
    const history = this.history;
    if (!history) return '';
    return html`<section aria-labelledby="history-title">
      <h3 id="history-title">${t('groupEmail.history')}</h3>
      ${history.items.length === 0 ? html`<p id="no-group-emails">${t('groupEmail.noHistory')}</p>` : ''}
      <ul class="requests" id="group-emails">
        ${history.items.map(
          (g) => html`<li class="request" data-group-email=${g.id} data-sent=${g.sentCount} data-failed=${g.failedCount} data-pending=${g.pendingCount}>
            <strong>${g.subject}</strong> <span class="hint">${formatDateTime(g.createdAt)}</span>
            <p>${t('groupEmail.counts', { recipients: g.recipientCount, sent: g.sentCount, failed: g.failedCount, pending: g.pendingCount })}</p>
            <details class="history"><summary>${t('groupEmail.showMessage')}</summary>
              <pre>${g.message}</pre>
              <p class="hint">${(g.recipients ?? []).map((r) => r.name).join(', ')}</p>
            </details>
          </li>`,
        )}
      </ul>
      <page-nav .page=${history.page} .size=${history.size} .total=${history.total} @page=${(e) => this.goTo(e.detail)}></page-nav>
    </section>`;
  }
}
customElements.define('group-email', GroupEmail);
