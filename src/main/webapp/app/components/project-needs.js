import { html } from 'lit';
import { RipienoElement } from './ripieno-element.js';
import { t } from '../i18n.js';
import { api, messageOf, query } from '../api.js';
import { canWrite } from '../session.js';
import { MusicianNames, needName, projectPath, requestCount, responseTimeLabel } from '../staffing.js';
import { previewTemplate } from './staffing-preview.js';
import './need-form.js';
import './confirm-dialog.js';

// How often a send's mails are looked for in the outbox, while they are being delivered.
const DELIVERY_POLL_MILLIS = 2000;

/**
 * A project's needs: each with its status, counts and how far it is staffed; creating and changing
 * one (`need-form`); pausing, resuming, archiving and deleting one; previewing and sending one need
 * or the whole project, the send followed until its mails have left the outbox; pausing and
 * resuming the whole project and cancelling its staffing. `refresh()` reads the needs again (the
 * project page calls it while the tab is open).
 */
class ProjectNeeds extends RipienoElement {
  static properties = {
    subdomain: {},
    projectId: {},
    needs: { state: true },
    positions: { state: true },
    editing: { state: true },
    preview: { state: true },
    sending: { state: true },
    delivery: { state: true },
    notice: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.editing = null;
  }

  get base() {
    return projectPath(this.subdomain, this.projectId);
  }

  connectedCallback() {
    super.connectedCallback();
    this.names = new MusicianNames(this.subdomain);
    this.load();
  }

  disconnectedCallback() {
    clearTimeout(this.deliveryTimer);
    this.deliveryTimer = null;
    super.disconnectedCallback();
  }

  async load() {
    try {
      const [needs, overview] = await Promise.all([
        api('GET', `${this.base}/needs${query({ size: 500 })}`),
        canWrite() && !this.positions ? api('GET', `/orchestras/${encodeURIComponent(this.subdomain)}/ranking-lists`) : null,
      ]);
      this.needs = needs.items;
      if (overview) {
        this.positions = overview.instruments.flatMap((instrument) =>
          instrument.positions.map((position) => ({ ...position, instrumentName: instrument.name })),
        );
      }
      this.error = null;
    } catch (failed) {
      this.error = messageOf(failed);
    }
  }

  /** Read again by the page's timer; a read still going is not doubled. */
  async refresh() {
    if (this.reading) return;
    this.reading = true;
    try {
      await this.load();
    } finally {
      this.reading = false;
    }
  }

  changed() {
    this.dispatchEvent(new CustomEvent('changed', { bubbles: true }));
    return this.load();
  }

  /** One write; its refusal shown above the needs, nothing done twice meanwhile. */
  async act(call, { notice } = {}) {
    if (this.busy) return undefined;
    this.busy = true;
    this.error = null;
    this.notice = null;
    try {
      const answer = await call();
      if (notice) this.notice = notice(answer);
      await this.changed();
      return answer;
    } catch (refused) {
      this.error = messageOf(refused);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  async confirm(question) {
    return this.querySelector('confirm-dialog').ask(question);
  }

  setStatus(need, status) {
    return this.act(() => api('PATCH', `${this.base}/needs/${need.id}`, { status }), {
      notice: () => t(`needs.statusChanged.${status}`, { need: need.projectNeedId }),
    });
  }

  async deleteNeed(need) {
    const answer = await this.confirm({
      title: t('needs.deleteTitle', { need: need.projectNeedId }),
      text: t(requestCount(need) > 0 ? 'needs.deleteArchives' : 'needs.deleteText'),
      confirmLabel: t('needs.delete'),
      danger: true,
    });
    if (!answer) return;
    await this.act(() => api('DELETE', `${this.base}/needs/${need.id}`), {
      notice: (removal) => t(`needs.removed.${removal.result}`, { need: need.projectNeedId }),
    });
  }

  async showPreview(need) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    try {
      const preview = await api('GET', need ? `${this.base}/needs/${need.id}/preview` : `${this.base}/preview`);
      await this.names.forPositions((preview.needs ?? [preview]).map((n) => n.positionId));
      this.preview = { need, data: preview };
    } catch (failed) {
      this.error = messageOf(failed);
    } finally {
      this.busy = false;
    }
  }

  /** Sends one need or the whole project, then follows the mails it queued until they are delivered. */
  async send(need) {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.notice = null;
    this.sending = need ? need.projectNeedId : t('needs.wholeProject');
    try {
      const answer = await api('POST', `${this.base}/send`, need ? { needId: need.id } : {});
      this.preview = null;
      const requests = new Set(answer.requests.map((r) => r.id));
      this.delivery = { total: requests.size, delivered: 0, failed: 0, requests };
      if (requests.size > 0) this.followDelivery();
      await this.changed();
    } catch (refused) {
      this.error = messageOf(refused);
    } finally {
      this.sending = null;
      this.busy = false;
    }
  }

  async followDelivery() {
    clearTimeout(this.deliveryTimer);
    const delivery = this.delivery;
    if (!delivery || !this.isConnected) return;
    try {
      const outbox = await api('GET', `/orchestras/${encodeURIComponent(this.subdomain)}/messages${query({ size: 500 })}`);
      const mails = outbox.items.filter((m) => m.type === 'request' && delivery.requests.has(m.requestId));
      const delivered = mails.filter((m) => m.status === 'sent').length;
      const failed = mails.filter((m) => m.status === 'failed').length;
      if (this.delivery !== delivery) return;
      this.delivery = { ...delivery, delivered, failed };
    } catch (failed) {
      // The next look tries again; the send itself is done.
    }
    const { total, delivered, failed } = this.delivery;
    if (this.isConnected && delivered + failed < total) {
      this.deliveryTimer = setTimeout(() => this.followDelivery(), DELIVERY_POLL_MILLIS);
    }
  }

  async pauseProject(pause) {
    await this.act(() => api('POST', `${this.base}/pause`, { pause }), {
      notice: (answer) =>
        t(pause ? 'needs.projectPaused' : 'needs.projectResumed', { count: answer.needs.length, sent: answer.requests.length }),
    });
  }

  async cancelProject() {
    const answer = await this.confirm({
      title: t('needs.cancelProjectTitle'),
      text: t('needs.cancelProjectText'),
      confirmLabel: t('needs.cancelProject'),
      danger: true,
    });
    if (!answer) return;
    await this.act(() => api('POST', `${this.base}/cancel`), {
      notice: (cancelled) => t('needs.projectCancelled', { requests: cancelled.cancelledRequests.length, needs: cancelled.needs.length }),
    });
  }

  saved(event) {
    const need = event.detail;
    const created = this.editing === 'new';
    this.editing = null;
    this.notice = t(created ? 'needs.created' : 'needs.saved', { need: need.projectNeedId });
    this.changed();
  }

  render() {
    if (!this.needs) {
      return html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : html`<p>${t('app.loading')}</p>`}`;
    }
    const open = this.needs.filter((n) => n.status !== 'archived');
    return html`<confirm-dialog></confirm-dialog>
      ${canWrite() ? this.renderProjectActions() : ''}
      ${this.error ? html`<p class="error" role="alert" id="needs-error">${this.error}</p>` : ''}
      ${this.notice ? html`<p class="notice" role="status" id="needs-notice">${this.notice}</p>` : ''}
      ${this.renderSending()}
      ${this.preview ? this.renderPreview() : ''}
      ${this.editing === 'new' ? this.renderForm(null) : ''}
      ${open.length === 0 && this.editing !== 'new' ? html`<p id="no-needs">${t('needs.none')}</p>` : ''}
      <ul class="needs" id="needs">${this.needs.map((need) => this.renderNeed(need))}</ul>`;
  }

  renderProjectActions() {
    const statuses = new Set(this.needs.map((n) => n.status));
    return html`<div class="project-actions buttons">
      <button type="button" id="new-need" data-write ?disabled=${this.busy || this.editing === 'new' || !this.positions?.length}
        @click=${() => (this.editing = 'new')}>${t('needs.new')}</button>
      <button type="button" id="preview-project" class="secondary" data-write ?disabled=${this.busy || !statuses.size}
        @click=${() => this.showPreview(null)}>${t('needs.previewProject')}</button>
      <button type="button" id="send-project" data-write ?disabled=${this.busy || !statuses.has('active')}
        @click=${() => this.send(null)}>${t('needs.sendProject')}</button>
      ${statuses.has('active')
        ? html`<button type="button" id="pause-project" class="secondary" data-write ?disabled=${this.busy} @click=${() => this.pauseProject(true)}>${t('needs.pauseProject')}</button>`
        : ''}
      ${statuses.has('paused')
        ? html`<button type="button" id="resume-project" class="secondary" data-write ?disabled=${this.busy} @click=${() => this.pauseProject(false)}>${t('needs.resumeProject')}</button>`
        : ''}
      <button type="button" id="cancel-project" class="danger" data-write ?disabled=${this.busy || !(statuses.has('active') || statuses.has('paused'))}
        @click=${() => this.cancelProject()}>${t('needs.cancelProject')}</button>
    </div>`;
  }

  renderSending() {
    if (this.sending) {
      return html`<div class="panel" id="send-progress" role="status">
        <p>${t('needs.sending', { what: this.sending })}</p>
        <progress aria-label=${t('needs.sending', { what: this.sending })}></progress>
      </div>`;
    }
    const d = this.delivery;
    if (!d) return '';
    const label = d.total === 0 ? t('needs.sentNone') : t('needs.delivery', { delivered: d.delivered, total: d.total });
    return html`<div class="panel" id="send-progress" role="status" data-delivered=${d.delivered} data-total=${d.total}>
      <p>${t('needs.sent', { count: d.total })} ${d.total > 0 ? label : ''}
        ${d.failed > 0 ? html`<span class="error">${t('needs.deliveryFailed', { count: d.failed })}</span>` : ''}</p>
      ${d.total > 0 ? html`<progress max=${d.total} .value=${d.delivered} aria-label=${label}></progress>` : ''}
      <div class="buttons"><button type="button" class="secondary" @click=${() => (this.delivery = null)}>${t('orchestras.dismiss')}</button></div>
    </div>`;
  }

  renderPreview() {
    const { need, data } = this.preview;
    const codes = new Map(this.needs.map((n) => [n.id, n.projectNeedId]));
    const toSend = data.needs ? data.totalToSend : data.toSend;
    return html`<section class="panel" aria-labelledby="preview-title">
      <h3 id="preview-title">${need ? t('preview.titleNeed', { need: need.projectNeedId }) : t('preview.titleProject')}</h3>
      ${previewTemplate(data, { names: this.names, codes })}
      <div class="buttons">
        ${canWrite()
          ? html`<button type="button" id="preview-send" data-write ?disabled=${this.busy || toSend === 0} @click=${() => this.send(need)}>
              ${t('preview.send', { count: toSend })}</button>`
          : ''}
        <button type="button" class="secondary" id="preview-close" @click=${() => (this.preview = null)}>${t('orchestras.dismiss')}</button>
      </div>
    </section>`;
  }

  renderForm(need) {
    return html`<need-form .subdomain=${this.subdomain} .projectId=${this.projectId} .positions=${this.positions ?? []} .need=${need}
      @saved=${this.saved} @closed=${() => (this.editing = null)}></need-form>`;
  }

  renderNeed(need) {
    const c = need.counts;
    const percentage = need.quantity ? Math.min(100, Math.round((c.accepted / need.quantity) * 100)) : 0;
    const write = canWrite() && need.status !== 'archived';
    return html`<li class="need-card" data-need=${need.projectNeedId} data-status=${need.status}>
      <div class="need-head">
        <h3>${needName(need)} <span class="code">${need.projectNeedId}</span></h3>
        <span class="badge status-${need.status}">${t(`needStatus.${need.status}`)}</span>
      </div>
      <p class="need-progress">
        <progress max=${need.quantity} .value=${Math.min(c.accepted, need.quantity)} aria-label=${t('needs.staffedOf', { accepted: c.accepted, quantity: need.quantity })}></progress>
        <span class="staffed">${t('needs.staffed', { accepted: c.accepted, quantity: need.quantity, percentage })}</span>
      </p>
      <p class="counts">${t('needs.counts', c)}</p>
      <p class="hint">${t(`strategy.${need.requestStrategy}`)}${need.maxRecipients ? ` · ${t('needs.maxRecipientsValue', { count: need.maxRecipients })}` : ''}
        · ${t('needs.responseTimeValue', { time: responseTimeLabel(need.responseTimeHours) })}
        ${need.requireLocalResidence ? ` · ${t('needs.localOnly')}` : ''}</p>
      ${write
        ? html`<div class="need-actions buttons">
            <button type="button" class="secondary" data-write data-action="edit" ?disabled=${this.busy}
              aria-label=${t('needs.editNamed', { need: need.projectNeedId })} @click=${() => (this.editing = need.id)}>${t('app.edit')}</button>
            <button type="button" class="secondary" data-write data-action="preview" ?disabled=${this.busy}
              aria-label=${t('needs.previewNamed', { need: need.projectNeedId })} @click=${() => this.showPreview(need)}>${t('needs.preview')}</button>
            <button type="button" data-write data-action="send" ?disabled=${this.busy || need.status !== 'active'}
              aria-label=${t('needs.sendNamed', { need: need.projectNeedId })} @click=${() => this.send(need)}>${t('needs.send')}</button>
            ${need.status === 'active'
              ? html`<button type="button" class="secondary" data-write data-action="pause" ?disabled=${this.busy} @click=${() => this.setStatus(need, 'paused')}>${t('needs.pause')}</button>`
              : ''}
            ${need.status === 'paused'
              ? html`<button type="button" class="secondary" data-write data-action="resume" ?disabled=${this.busy} @click=${() => this.setStatus(need, 'active')}>${t('needs.resume')}</button>`
              : ''}
            <button type="button" class="secondary" data-write data-action="archive" ?disabled=${this.busy} @click=${() => this.setStatus(need, 'archived')}>${t('needs.archive')}</button>
            <button type="button" class="secondary" data-write data-action="delete" ?disabled=${this.busy} @click=${() => this.deleteNeed(need)}>${t('needs.delete')}</button>
          </div>`
        : ''}
      ${this.editing === need.id ? this.renderForm(need) : ''}
    </li>`;
  }
}
customElements.define('project-needs', ProjectNeeds);
