import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { api, messageOf } from '../api.js';
import { canWrite } from '../session.js';
import { MusicianNames, needName, projectPath } from '../staffing.js';
import './confirm-dialog.js';

/**
 * The request board (`GET /projects/{id}/requests`): need by need, every request with its
 * musician, status, times and messages (its communication history), and who is next in the queue.
 * An admin's hand actions, each confirmed first: record an answer given by phone (with a note),
 * withdraw an accepted musician, cancel a pending request, resend its link. `refresh()` reads the
 * board again (the project page calls it every few seconds while the tab is open), so answers
 * arrive without a reload.
 */
class RequestBoard extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    board: { state: true },
    error: { state: true },
    notice: { state: true },
    rowErrors: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.rowErrors = {};
  }

  get base() {
    return projectPath(this.subdomain, this.projectId);
  }

  connectedCallback() {
    super.connectedCallback();
    this.names = new MusicianNames(this.subdomain);
    this.load();
  }

  async load() {
    try {
      const board = await api('GET', `${this.base}/requests`);
      await this.names.forPositions(board.needs.filter((n) => n.nextInQueue.length > 0).map((n) => n.need.positionId));
      this.board = board;
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

  /** The hand actions: what the dialog asks, and the call once confirmed. */
  actions(entry) {
    const who = `${entry.firstName} ${entry.lastName} (${entry.requestId})`;
    if (entry.status === 'pending') {
      return [
        { name: 'accepted', label: t('board.recordAccept'), title: t('board.recordAcceptTitle', { who }), text: t('board.recordAcceptText'), note: true, body: { response: 'accepted' }, path: 'answer' },
        { name: 'declined', label: t('board.recordDecline'), title: t('board.recordDeclineTitle', { who }), text: t('board.recordDeclineText'), note: true, body: { response: 'declined' }, path: 'answer' },
        { name: 'resend', label: t('board.resend'), title: t('board.resendTitle', { who }), text: t('board.resendText'), path: 'resend' },
        { name: 'cancel', label: t('board.cancel'), title: t('board.cancelTitle', { who }), text: t('board.cancelText'), path: 'cancel', danger: true },
      ];
    }
    if (entry.status === 'accepted') {
      return [{ name: 'withdraw', label: t('board.withdraw'), title: t('board.withdrawTitle', { who }), text: t('board.withdrawText'), path: 'withdraw', danger: true }];
    }
    return [];
  }

  async handle(entry, action) {
    if (this.busy) return;
    const answer = await this.querySelector('confirm-dialog').ask({
      title: action.title,
      text: action.text,
      confirmLabel: action.label,
      danger: action.danger,
      note: action.note,
    });
    if (!answer) return;
    const body = action.body ? { ...action.body, ...(answer.note ? { note: answer.note } : {}) } : undefined;
    this.busy = true;
    this.notice = null;
    this.rowErrors = { ...this.rowErrors, [entry.id]: null };
    try {
      const handled = await api('POST', `${this.base}/requests/${entry.id}/${action.path}`, body);
      this.notice = t('board.handled', { request: handled.requestId, status: t(`requestStatus.${handled.status}`), sent: handled.sent?.length ?? 0 });
      await this.load();
      this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
    } catch (refused) {
      this.rowErrors = { ...this.rowErrors, [entry.id]: messageOf(refused) };
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.board) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    return html`<confirm-dialog></confirm-dialog>
      <p class="hint">${t('board.live')}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status" id="board-notice">${this.notice}</p>` : ''}
      ${this.board.needs.length === 0 ? html`<p id="board-empty">${t('board.none')}</p>` : ''}
      <div id="board">${this.board.needs.map((n) => this.renderNeed(n))}</div>`;
  }

  renderNeed({ need, nextInQueue, requests }) {
    return html`<section class="board-need" data-need=${need.projectNeedId}>
      <div class="need-head">
        <h3>${needName(need)} <span class="code">${need.projectNeedId}</span></h3>
        <span class="badge status-${need.status}">${t(`needStatus.${need.status}`)}</span>
      </div>
      <p class="counts">${t('needs.counts', need.counts)} · ${t('needs.staffedOf', { accepted: need.counts.accepted, quantity: need.quantity })}</p>
      <p class="hint next-in-queue">${nextInQueue.length > 0
        ? t('board.next', { names: nextInQueue.map((id) => this.names.label(id)).join(', ') })
        : t('board.queueEmpty')}</p>
      ${requests.length === 0 ? html`<p class="hint">${t('board.noRequests')}</p>` : ''}
      <ul class="requests">${requests.map((r) => this.renderRequest(r))}</ul>
    </section>`;
  }

  renderRequest({ request: r, expiresAt, history }) {
    return html`<li class="request" data-request=${r.requestId} data-musician=${r.musicianCode} data-status=${r.status}>
      <div class="need-head">
        <strong>${r.firstName} ${r.lastName}</strong> <span class="code">${r.musicianCode} · ${r.requestId}</span>
        <span class="badge status-${r.status}">${t(`requestStatus.${r.status}`)}</span>
      </div>
      <p class="contact">${r.email}${r.phone ? html` · <a href=${`tel:${r.phone}`}>${r.phone}</a>` : ''}</p>
      <dl class="times">
        <dt>${t('board.sentAt')}</dt><dd>${formatDateTime(r.sentAt) || '–'}</dd>
        ${r.reminderSentAt ? html`<dt>${t('board.reminderAt')}</dt><dd>${formatDateTime(r.reminderSentAt)}</dd>` : ''}
        ${r.status === 'pending' && expiresAt ? html`<dt>${t('board.expiresAt')}</dt><dd>${formatDateTime(expiresAt)}</dd>` : ''}
        ${r.respondedAt ? html`<dt>${t('board.respondedAt')}</dt><dd>${formatDateTime(r.respondedAt)}</dd>` : ''}
        ${r.status === 'accepted' ? html`<dt>${t('board.confirmation')}</dt><dd>${r.confirmationSent ? t('board.yes') : t('board.no')}</dd>` : ''}
      </dl>
      ${history.length > 0
        ? html`<details class="history"><summary>${t('board.history', { count: history.length })}</summary>
            <ol>${history.map((e) => html`<li>${formatDateTime(e.timestamp)}: ${t(`event.${e.type}`)}</li>`)}</ol>
          </details>`
        : ''}
      ${canWrite() ? this.renderActions(r) : ''}
      ${this.rowErrors[r.id] ? html`<p class="error" role="alert">${this.rowErrors[r.id]}</p>` : ''}
    </li>`;
  }

  renderActions(r) {
    const actions = this.actions(r);
    if (actions.length === 0) return '';
    return html`<div class="buttons request-actions">
      ${actions.map(
        (a) => html`<button type="button" class=${a.danger ? 'danger' : 'secondary'} data-write data-action=${a.name} ?disabled=${this.busy}
          aria-label=${a.title} @click=${() => this.handle(r, a)}>${a.label}</button>`,
      )}
    </div>`;
  }
}
customElements.define('request-board', RequestBoard);
