import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { formatDateTime, t } from '../i18n.js';
import { pagedTable } from './paged-table.js';
import { PagedList } from './paged-list.js';
import { api } from '../api.js';
import { canWrite } from '../session.js';

const STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'];

/**
 * The orchestra's outbox (`GET /messages?status=`), newest first, paged, filtered by status: every
 * staffing mail and SMS with its recipient, subject, attempts and last error. An admin retries a
 * message that failed for good (`POST /messages/{id}/retry`, after fixing the address: it goes to
 * the address the musician has now); a `user` only reads.
 */
class MessagesPage extends PagedList(RipienoElement) {
  static properties = { subdomain: {}, status: { state: true } };

  constructor() {
    super();
    this.status = '';
  }

  get listPath() {
    return `/orchestras/${encodeURIComponent(this.subdomain)}/messages`;
  }

  get listFilters() {
    return { status: this.status };
  }

  updated(changed) {
    if (changed.has('subdomain')) this.load();
  }

  filter(event) {
    this.status = event.target.value;
    this.page = 1;
    this.load();
  }

  render() {
    return html`<section class="page">
      <h1>${t('messages.title')}</h1>
      <form class="filters" id="message-filters" @submit=${(e) => e.preventDefault()}>
        <label>${t('messages.status')}
          <select name="status" @change=${this.filter}>
            <option value="">${t('messages.all')}</option>
            ${STATUSES.map((s) => html`<option value=${s} ?selected=${s === this.status}>${t(`messageStatus.${s}`)}</option>`)}
          </select>
        </label>
      </form>
      ${this.renderListArea()}
    </section>`;
  }

  renderList() {
    return pagedTable(this.list, {
      id: 'messages',
      caption: t('messages.title'),
      columns: [t('messages.created'), t('messages.recipient'), t('messages.type'), t('messages.subject'), t('messages.status'), t('messages.attempts'), t('messages.request'), ...(canWrite() ? [''] : [])],
      row: (m) => html`<tr data-message=${m.id} data-status=${m.status} data-type=${m.type}>
        <td>${formatDateTime(m.createdAt)}</td>
        <td>${m.recipient}</td>
        <td>${t(`messageType.${m.type}`)} <span class="code">${m.channel === 'sms' ? 'SMS' : ''} ${m.language}</span></td>
        <td>${m.subject ?? m.groupEmailSubject ?? ''}</td>
        <td>${t(`messageStatus.${m.status}`)}
          ${m.sentAt ? html`<br><span class="hint">${formatDateTime(m.sentAt)}</span>` : ''}
          ${m.status === 'queued' && m.attempts > 0 && m.nextAttemptAt ? html`<br><span class="hint">${t('messages.nextAttempt', { time: formatDateTime(m.nextAttemptAt) })}</span>` : ''}
          ${m.lastError ? html`<br><span class="error">${m.lastError}</span>` : ''}</td>
        <td>${m.attempts}</td>
        <td>${m.requestCode ?? '–'}</td>
        ${canWrite()
          ? html`<td class="actions">
              ${m.status === 'failed'
                ? html`<button type="button" data-write data-action="retry" ?disabled=${this.busy}
                    @click=${() => this.onRow(m, () => api('POST', `${this.listPath}/${m.id}/retry`))}>${t('messages.retry')}</button>`
                : ''}
              ${this.rowErrors[m.id] ? html`<p class="error" role="alert">${this.rowErrors[m.id]}</p>` : ''}
            </td>`
          : ''}
      </tr>`,
      empty: t('messages.none'),
      onPage: (page) => this.goTo(page),
    });
  }
}
customElements.define('messages-page', MessagesPage);
